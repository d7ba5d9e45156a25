package x224

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newCC() *ConnectionConfirm { return new(ConnectionConfirm) }

// ccBCGR412 is the Server X.224 Connection Confirm of [MS-RDPBCGR] 4.1.2.
var ccBCGR412 = rdptest.Hex(`
	03 00 00 13 # TPKT: version 3, length 19
	0e          # X.224 LI: 14
	d0          # CC, CDT 0
	00 00       # DST-REF
	12 34       # SRC-REF: 0x1234
	00          # class 0
	02 00 08 00 00 00 00 00 # RDP_NEG_RSP: flags 0, PROTOCOL_RDP`)

func TestConnectionConfirm(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want ConnectionConfirm
	}{{
		name: "bcgr-4.1.2",
		raw:  ccBCGR412,
		want: ConnectionConfirm{NegRsp: &NegotiationResponse{Protocol: ProtocolRDP}},
	}, {
		// rdp-server.md Appendix A: EXTENDED_CLIENT_DATA_SUPPORTED,
		// PROTOCOL_RDP.
		name: "rdp-server-appendix-a",
		raw:  rdptest.Hex("03 00 00 13 0E D0 00 00 12 34 00 02 01 08 00 00 00 00 00"),
		want: ConnectionConfirm{NegRsp: &NegotiationResponse{Flags: ExtendedClientDataSupported, Protocol: ProtocolRDP}},
	}, {
		name: "select-ssl",
		raw:  rdptest.Hex("03 00 00 13 0E D0 00 00 12 34 00 02 01 08 00 01 00 00 00"),
		want: ConnectionConfirm{NegRsp: &NegotiationResponse{Flags: ExtendedClientDataSupported, Protocol: ProtocolSSL}},
	}, {
		// 3.3.5.3.2: no rdpNegData when the request carried none.
		name: "no-neg-data-11-bytes",
		raw:  rdptest.Hex("03 00 00 0b 06 d0 00 00 12 34 00"),
		want: ConnectionConfirm{},
	}, {
		name: "failure-hybrid-required",
		raw: rdptest.Hex(`
			03 00 00 13 0e d0 00 00 12 34 00
			03 00 08 00 05 00 00 00 # RDP_NEG_FAILURE: HYBRID_REQUIRED_BY_SERVER`),
		want: ConnectionConfirm{NegFailure: &NegotiationFailure{Code: HybridRequiredByServer}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, &tt.want, newCC)
		})
	}
}

func TestConnectionConfirmRejects(t *testing.T) {
	mod := func(at int, v byte) []byte {
		b := append([]byte(nil), ccBCGR412...)
		b[at] = v
		return b
	}
	for _, tt := range []struct {
		name string
		raw  []byte
	}{
		{"tpkt-length", mod(3, 0x12)},
		{"li", mod(4, 0x0d)},
		{"code-cr", mod(5, 0xe0)},
		{"dst-ref", mod(7, 0x01)},
		{"class", mod(10, 0x20)},
		{"neg-type-req", mod(11, 0x01)},
		{"neg-length", mod(13, 0x01)},
		{"neg-data-truncated", rdptest.Hex("03 00 00 0f 0a d0 00 00 12 34 00 02 00 08 00")},
		{"trailing-after-neg-data", rdptest.Hex("03 00 00 14 0f d0 00 00 12 34 00 02 00 08 00 00 00 00 00 00")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if err := newCC().UnmarshalBinary(tt.raw); err == nil {
				t.Errorf("decoded %x", tt.raw)
			}
		})
	}
	// SRC-REF is the server's choice: any value decodes.
	if err := newCC().UnmarshalBinary(mod(9, 0x00)); err != nil {
		t.Errorf("SRC-REF 0x1200: %v", err)
	}
}

func TestConnectionConfirmEncodeRejects(t *testing.T) {
	both := ConnectionConfirm{NegRsp: &NegotiationResponse{}, NegFailure: &NegotiationFailure{Code: SSLRequiredByServer}}
	if b, err := both.AppendBinary(nil); err == nil {
		t.Errorf("encoded both: %x", b)
	}
	bad := ConnectionConfirm{NegFailure: &NegotiationFailure{}}
	if b, err := bad.AppendBinary(nil); err == nil {
		t.Errorf("encoded failure code 0: %x", b)
	}
}

func FuzzConnectionConfirm(f *testing.F) {
	f.Add(ccBCGR412)
	f.Add(rdptest.Hex("03 00 00 0b 06 d0 00 00 12 34 00"))
	f.Add(rdptest.Hex("03 00 00 13 0e d0 00 00 12 34 00 03 00 08 00 05 00 00 00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newCC)
	})
}
