package x224

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// Protocols is a set of security protocols, as carried in
// requestedProtocols ([MS-RDPBCGR] 2.2.1.1.1) and selectedProtocol
// (2.2.1.2.1). ProtocolRDP is the empty set: Standard RDP Security.
type Protocols uint32

const (
	ProtocolRDP      Protocols = 0x00000000 // PROTOCOL_RDP: Standard RDP Security (5.3)
	ProtocolSSL      Protocols = 0x00000001 // PROTOCOL_SSL: TLS 1.0, 1.1 or 1.2 (5.4.5.1)
	ProtocolHybrid   Protocols = 0x00000002 // PROTOCOL_HYBRID: CredSSP (5.4.5.2)
	ProtocolRDSTLS   Protocols = 0x00000004 // PROTOCOL_RDSTLS: RDSTLS (5.4.5.3)
	ProtocolHybridEx Protocols = 0x00000008 // PROTOCOL_HYBRID_EX: CredSSP with Early User Authorization Result (5.4.5.2)
	ProtocolRDSAAD   Protocols = 0x00000010 // PROTOCOL_RDSAAD: RDS AAD Auth (5.4.5.4)
)

// Has reports whether every protocol in q is in p.
func (p Protocols) Has(q Protocols) bool { return p&q == q }

// String returns the set as "SSL|HYBRID", "RDP" for the empty set, with
// unknown bits in hex.
func (p Protocols) String() string {
	if p == ProtocolRDP {
		return "RDP"
	}
	return wire.FormatFlags(uint64(p), []wire.Flag{
		{Bits: uint64(ProtocolSSL), Name: "SSL"},
		{Bits: uint64(ProtocolHybrid), Name: "HYBRID"},
		{Bits: uint64(ProtocolRDSTLS), Name: "RDSTLS"},
		{Bits: uint64(ProtocolHybridEx), Name: "HYBRID_EX"},
		{Bits: uint64(ProtocolRDSAAD), Name: "RDSAAD"},
	})
}
