package sec

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// Flags are the flags of a security header ([MS-RDPBCGR] 2.2.8.1.1.2.1).
type Flags uint16

const (
	ExchangePkt      Flags = 0x0001 // SEC_EXCHANGE_PKT: Security Exchange PDU (client to server)
	TransportReq     Flags = 0x0002 // SEC_TRANSPORT_REQ: Initiate Multitransport Request (server to client, message channel)
	TransportRsp     Flags = 0x0004 // SEC_TRANSPORT_RSP: Initiate Multitransport Response (client to server, message channel)
	Encrypt          Flags = 0x0008 // SEC_ENCRYPT: the data after the header is encrypted and signed
	ResetSeqno       Flags = 0x0010 // SEC_RESET_SEQNO: "MUST be ignored"
	IgnoreSeqno      Flags = 0x0020 // SEC_IGNORE_SEQNO: "MUST be ignored"
	InfoPkt          Flags = 0x0040 // SEC_INFO_PKT: Client Info PDU
	LicensePkt       Flags = 0x0080 // SEC_LICENSE_PKT: licensing PDU
	LicenseEncryptCS Flags = 0x0200 // SEC_LICENSE_ENCRYPT_CS: (from the server) the server can process encrypted licensing PDUs
	LicenseEncryptSC Flags = 0x0200 // SEC_LICENSE_ENCRYPT_SC: (from the client, with SEC_EXCHANGE_PKT) the client can process encrypted licensing PDUs
	RedirectionPkt   Flags = 0x0400 // SEC_REDIRECTION_PKT: Standard Security Server Redirection PDU
	SecureChecksum   Flags = 0x0800 // SEC_SECURE_CHECKSUM: the MAC is salted ([MS-RDPBCGR] 5.3.6.1.1)
	AutodetectReq    Flags = 0x1000 // SEC_AUTODETECT_REQ: Auto-Detect Request PDU (message channel)
	AutodetectRsp    Flags = 0x2000 // SEC_AUTODETECT_RSP: Auto-Detect Response PDU (message channel)
	Heartbeat        Flags = 0x4000 // SEC_HEARTBEAT: Heartbeat PDU (message channel)
	FlagsHiValid     Flags = 0x8000 // SEC_FLAGSHI_VALID: flagsHi holds valid data
)

var flagNames = []wire.Flag{
	{Bits: uint64(ExchangePkt), Name: "SEC_EXCHANGE_PKT"},
	{Bits: uint64(TransportReq), Name: "SEC_TRANSPORT_REQ"},
	{Bits: uint64(TransportRsp), Name: "SEC_TRANSPORT_RSP"},
	{Bits: uint64(Encrypt), Name: "SEC_ENCRYPT"},
	{Bits: uint64(ResetSeqno), Name: "SEC_RESET_SEQNO"},
	{Bits: uint64(IgnoreSeqno), Name: "SEC_IGNORE_SEQNO"},
	{Bits: uint64(InfoPkt), Name: "SEC_INFO_PKT"},
	{Bits: uint64(LicensePkt), Name: "SEC_LICENSE_PKT"},
	{Bits: uint64(LicenseEncryptCS), Name: "SEC_LICENSE_ENCRYPT"}, // _CS from the server, _SC from the client
	{Bits: uint64(RedirectionPkt), Name: "SEC_REDIRECTION_PKT"},
	{Bits: uint64(SecureChecksum), Name: "SEC_SECURE_CHECKSUM"},
	{Bits: uint64(AutodetectReq), Name: "SEC_AUTODETECT_REQ"},
	{Bits: uint64(AutodetectRsp), Name: "SEC_AUTODETECT_RSP"},
	{Bits: uint64(Heartbeat), Name: "SEC_HEARTBEAT"},
	{Bits: uint64(FlagsHiValid), Name: "SEC_FLAGSHI_VALID"},
}

// Has reports whether every bit of g is set in f.
func (f Flags) Has(g Flags) bool { return f&g == g }

// String prints the flags as SEC_X|SEC_Y, unknown bits in hex.
func (f Flags) String() string { return wire.FormatFlags(uint64(f), flagNames) }
