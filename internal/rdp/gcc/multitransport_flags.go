package gcc

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

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
	return wire.FormatFlags(uint64(f), []wire.Flag{
		{Bits: uint64(TransportTypeUDPFECR), Name: "TRANSPORTTYPE_UDPFECR"},
		{Bits: uint64(TransportTypeUDPFECL), Name: "TRANSPORTTYPE_UDPFECL"},
		{Bits: uint64(TransportTypeUDPPreferred), Name: "TRANSPORTTYPE_UDP_PREFERRED"},
		{Bits: uint64(SoftSyncTCPToUDP), Name: "SOFTSYNC_TCP_TO_UDP"},
	})
}
