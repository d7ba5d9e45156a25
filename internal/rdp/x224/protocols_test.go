package x224

import "testing"

func TestProtocolsString(t *testing.T) {
	for p, want := range map[Protocols]string{
		ProtocolRDP:                     "RDP",
		ProtocolSSL:                     "SSL",
		ProtocolSSL | ProtocolHybrid:    "SSL|HYBRID",
		ProtocolHybridEx | 0x100:        "HYBRID_EX|0x100",
		ProtocolRDSTLS | ProtocolRDSAAD: "RDSTLS|RDSAAD",
	} {
		if got := p.String(); got != want {
			t.Errorf("%#x.String() = %q, want %q", uint32(p), got, want)
		}
	}
	if !(ProtocolSSL | ProtocolHybrid).Has(ProtocolSSL) || ProtocolHybrid.Has(ProtocolSSL) || !ProtocolSSL.Has(ProtocolRDP) {
		t.Error("Has")
	}
}
