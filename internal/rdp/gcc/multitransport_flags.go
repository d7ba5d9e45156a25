package gcc

// MultitransportFlags are the flags of TS_UD_CS_MULTITRANSPORT
// ([MS-RDPBCGR] 2.2.1.3.8) and TS_UD_SC_MULTITRANSPORT (2.2.1.4.6): the UDP
// transports a peer supports.
type MultitransportFlags uint32

// Multitransport flags, [MS-RDPBCGR] 2.2.1.3.8.
const (
	TransportTypeUDPFECR      MultitransportFlags = 0x00000001 // TRANSPORTTYPE_UDPFECR: RDP-UDP reliable
	TransportTypeUDPFECL      MultitransportFlags = 0x00000004 // TRANSPORTTYPE_UDPFECL: RDP-UDP lossy
	TransportTypeUDPPreferred MultitransportFlags = 0x00000100 // TRANSPORTTYPE_UDP_PREFERRED
	SoftSyncTCPToUDP          MultitransportFlags = 0x00000200 // SOFTSYNC_TCP_TO_UDP
)

// Has reports whether every flag in f2 is set in f.
func (f MultitransportFlags) Has(f2 MultitransportFlags) bool { return f&f2 == f2 }

func (f MultitransportFlags) String() string {
	return formatFlags(uint32(f), []flagName{
		{uint32(TransportTypeUDPFECR), "TRANSPORTTYPE_UDPFECR"},
		{uint32(TransportTypeUDPFECL), "TRANSPORTTYPE_UDPFECL"},
		{uint32(TransportTypeUDPPreferred), "TRANSPORTTYPE_UDP_PREFERRED"},
		{uint32(SoftSyncTCPToUDP), "SOFTSYNC_TCP_TO_UDP"},
	})
}
