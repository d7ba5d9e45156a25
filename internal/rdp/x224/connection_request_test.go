package x224

import (
	"bytes"
	"errors"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func newCR() *ConnectionRequest { return new(ConnectionRequest) }

// crBCGR411 is the Client X.224 Connection Request of [MS-RDPBCGR] 4.1.1.
var crBCGR411 = rdptest.Hex(`
	03 00 00 2c # TPKT: version 3, length 44
	27          # X.224 LI: 39
	e0          # CR, CDT 0
	00 00       # DST-REF
	00 00       # SRC-REF
	00          # class 0
	43 6f 6f 6b 69 65 3a 20 6d 73 74 73 68 61 73 68 3d # "Cookie: mstshash="
	65 6c 74 6f 6e 73                                  # "eltons"
	0d 0a                                              # CRLF
	01 00 08 00 00 00 00 00 # RDP_NEG_REQ: flags 0, PROTOCOL_RDP`)

// crAssistance is what xfreerdp 2.11.7 /assistance sends: ra-protocol.md
// §5.1 gives the bytes from the cookie on; the TPKT and CR header are the
// ones FreeRDP writes (references and class zero).
var crAssistance = rdptest.Hex(`
	03 00 00 2b # TPKT: length 43
	26          # LI: 38
	e0 00 00 00 00 00
	436f6f6b69653a206d737473686173683d # "Cookie: mstshash="
	6177616b65                         # "awake"
	0d0a
	01 00 0800 01000000 # RDP_NEG_REQ: PROTOCOL_SSL`)

func TestConnectionRequest(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want ConnectionRequest
	}{{
		name: "bcgr-4.1.1",
		raw:  crBCGR411,
		want: ConnectionRequest{Cookie: "eltons", NegReq: &NegotiationRequest{Protocols: ProtocolRDP}},
	}, {
		name: "xfreerdp-2.11-assistance",
		raw:  crAssistance,
		want: ConnectionRequest{Cookie: "awake", NegReq: &NegotiationRequest{Protocols: ProtocolSSL}},
	}, {
		// xfreerdp 2.11.7 defaults (rdp-server.md §0.2 case A).
		name: "xfreerdp-2.11-default",
		raw: rdptest.Hex(`
			03 00 00 2c 27 e0 00 00 00 00 00
			436f6f6b69653a206d737473686173683d 657870657274 0d0a # "Cookie: mstshash=expert"
			01 00 0800 03000000 # RDP_NEG_REQ: PROTOCOL_SSL|PROTOCOL_HYBRID`),
		want: ConnectionRequest{Cookie: "expert", NegReq: &NegotiationRequest{Protocols: ProtocolSSL | ProtocolHybrid}},
	}, {
		// xfreerdp 2.11.7 /sec:rdp: a bare cookie, no RDP_NEG_REQ
		// (rdp-server.md §0.2 case B).
		name: "xfreerdp-2.11-sec-rdp-bare-cookie",
		raw: rdptest.Hex(`
			03 00 00 24 1f e0 00 00 00 00 00
			436f6f6b69653a206d737473686173683d 657870657274 0d0a`),
		want: ConnectionRequest{Cookie: "expert"},
	}, {
		// 3.3.5.3.1: 11 bytes is the shortest acceptable request.
		name: "minimal-11-bytes",
		raw:  rdptest.Hex("03 00 00 0b 06 e0 00 00 00 00 00"),
		want: ConnectionRequest{},
	}, {
		name: "routing-token",
		raw: rdptest.Hex(`
			03 00 00 37 32 e0 00 00 00 00 00
			436f6f6b69653a206d7374733d                 # "Cookie: msts="
			333634303230353232382e31353632392e30303030 # "3640205228.15629.0000"
			0d0a
			01 00 0800 01000000`),
		want: ConnectionRequest{
			RoutingToken: []byte("Cookie: msts=3640205228.15629.0000"),
			NegReq:       &NegotiationRequest{Protocols: ProtocolSSL},
		},
	}, {
		// 3.3.5.3.1: "If both the routingToken and cookie fields are
		// present, the server SHOULD continue with the connection."
		name: "routing-token-and-cookie",
		raw: rdptest.Hex(`
			03 00 00 50 4b e0 00 00 00 00 00
			436f6f6b69653a206d7374733d 333634303230353232382e31353632392e30303030 0d0a
			436f6f6b69653a206d737473686173683d 656c746f6e73 0d0a
			01 00 0800 00000000`),
		want: ConnectionRequest{
			RoutingToken: []byte("Cookie: msts=3640205228.15629.0000"),
			Cookie:       "eltons",
			NegReq:       &NegotiationRequest{},
		},
	}, {
		// mstsc-style: RDP_NEG_REQ with CORRELATION_INFO_PRESENT and the
		// 36-byte RDP_NEG_CORRELATION_INFO after it.
		name: "correlation-info",
		raw: rdptest.Hex(`
			03 00 00 50 4b e0 00 00 00 00 00
			436f6f6b69653a206d737473686173683d 656c746f6e73 0d0a
			01 08 0800 0b000000 # RDP_NEG_REQ: CORRELATION_INFO_PRESENT; SSL|HYBRID|HYBRID_EX
			06 00 2400          # RDP_NEG_CORRELATION_INFO
			01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10
			00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00`),
		want: ConnectionRequest{
			Cookie:      "eltons",
			NegReq:      &NegotiationRequest{Flags: CorrelationInfoPresent, Protocols: ProtocolSSL | ProtocolHybrid | ProtocolHybridEx},
			Correlation: &correlationWant,
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, &tt.want, newCR)
		})
	}
}

func TestConnectionRequestLenient(t *testing.T) {
	// 3.3.5.3.1: SRC-REF and the class options "SHOULD be ignored".
	raw := append([]byte(nil), crBCGR411...)
	raw[8], raw[9] = 0x12, 0x34 // SRC-REF
	raw[10] = 0x02              // class 0, option bit 2 (extended formats)
	var got ConnectionRequest
	if err := got.UnmarshalBinary(raw); err != nil || got.Cookie != "eltons" {
		t.Errorf("SRC-REF 0x1234: %+v, %v", got, err)
	}
	// An empty cookie value is read as no cookie.
	raw = rdptest.Hex("03 00 00 26 21 e0 00 00 00 00 00 436f6f6b69653a206d737473686173683d 0d0a 01 00 0800 00000000")
	if err := got.UnmarshalBinary(raw); err != nil || got.Cookie != "" || got.NegReq == nil {
		t.Errorf("empty cookie: %+v, %v", got, err)
	}
}

func TestConnectionRequestRejects(t *testing.T) {
	mod := func(at int, v byte) []byte {
		b := append([]byte(nil), crBCGR411...)
		b[at] = v
		return b
	}
	for _, tt := range []struct {
		name string
		raw  []byte
	}{
		{"empty", nil},
		{"tpkt-version-2", mod(0, 0x02)},
		{"tpkt-reserved", mod(1, 0x01)},
		{"tpkt-length-short", mod(3, 0x2b)},
		{"tpkt-length-long", mod(3, 0x2d)},
		{"li-low", mod(4, 0x26)},
		{"li-high", mod(4, 0x28)},
		{"code-cc", mod(5, 0xd0)},
		{"code-credit", mod(5, 0xe1)},
		{"dst-ref", mod(7, 0x01)},
		{"class-1", mod(10, 0x10)},
		{"class-4", mod(10, 0x40)},
		{"neg-req-type", mod(36, 0x02)},
		{"neg-req-length", mod(38, 0x09)},
		// 3.3.5.3.1: "less than 11 bytes".
		{"below-11-bytes", rdptest.Hex("03 00 00 0a 05 e0 00 00 00 00")},
		{"cookie-without-crlf", rdptest.Hex("03 00 00 1c 17 e0 00 00 00 00 00 436f6f6b69653a206d737473686173683d")},
		// The CRLF must be inside the TPDU, not in the next bytes.
		{"crlf-beyond-tpdu", append(rdptest.Hex("03 00 00 0c 07 e0 00 00 00 00 00 41"), 0x0d, 0x0a)},
		{"cr-without-lf", rdptest.Hex("03 00 00 0e 09 e0 00 00 00 00 00 41 0d 0d")},
		{"empty-routing-token", rdptest.Hex("03 00 00 15 10 e0 00 00 00 00 00 0d0a 01 00 0800 00000000")},
		{"neg-req-truncated", rdptest.Hex("03 00 00 0f 0a e0 00 00 00 00 00 01 00 08 00")},
		{"trailing-after-neg-req", rdptest.Hex("03 00 00 14 0f e0 00 00 00 00 00 01 00 0800 00000000 00")},
		{"correlation-flag-without-info", rdptest.Hex("03 00 00 13 0e e0 00 00 00 00 00 01 08 0800 00000000")},
		{"correlation-info-without-flag", rdptest.Hex(`
			03 00 00 37 32 e0 00 00 00 00 00 01 00 0800 00000000
			06 00 2400 00000000000000000000000000000000 00000000000000000000000000000000`)},
		{"correlation-info-bad-type", rdptest.Hex(`
			03 00 00 37 32 e0 00 00 00 00 00 01 08 0800 00000000
			05 00 2400 00000000000000000000000000000000 00000000000000000000000000000000`)},
		{"cookie-after-token-without-crlf", rdptest.Hex("03 00 00 20 1b e0 00 00 00 00 00 41 0d0a 436f6f6b69653a206d737473686173683d 30")},
		{"second-line-not-cookie", rdptest.Hex("03 00 00 11 0c e0 00 00 00 00 00 41 0d0a 42 0d0a")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := newCR().UnmarshalBinary(tt.raw)
			if err == nil {
				t.Fatalf("decoded %x", tt.raw)
			}
			var de *wire.DecodeError
			if !errors.As(err, &de) {
				t.Errorf("error %v is not a *wire.DecodeError chain", err)
			}
		})
	}
}

func TestConnectionRequestEncodeRejects(t *testing.T) {
	for _, tt := range []struct {
		name string
		p    ConnectionRequest
	}{
		{"empty-token", ConnectionRequest{RoutingToken: []byte{}}},
		{"token-starts-0x01", ConnectionRequest{RoutingToken: []byte{0x01, 'a'}}},
		{"token-looks-like-cookie", ConnectionRequest{RoutingToken: []byte("Cookie: mstshash=x")}},
		{"token-with-crlf", ConnectionRequest{RoutingToken: []byte("a\r\nb")}},
		{"cookie-with-crlf", ConnectionRequest{Cookie: "a\r\nb"}},
		{"correlation-without-flag", ConnectionRequest{NegReq: &NegotiationRequest{}, Correlation: &CorrelationInfo{}}},
		{"correlation-without-neg-req", ConnectionRequest{Correlation: &CorrelationInfo{}}},
		{"flag-without-correlation", ConnectionRequest{NegReq: &NegotiationRequest{Flags: CorrelationInfoPresent}}},
		{"li-above-254", ConnectionRequest{Cookie: string(bytes.Repeat([]byte("x"), 240))}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if b, err := tt.p.AppendBinary(nil); err == nil {
				t.Errorf("encoded %x", b)
			}
		})
	}
}

func FuzzConnectionRequest(f *testing.F) {
	f.Add(crBCGR411)
	f.Add(crAssistance)
	f.Add(rdptest.Hex("03 00 00 0b 06 e0 00 00 00 00 00"))
	f.Add(rdptest.Hex(`
		03 00 00 50 4b e0 00 00 00 00 00
		436f6f6b69653a206d7374733d 333634303230353232382e31353632392e30303030 0d0a
		436f6f6b69653a206d737473686173683d 656c746f6e73 0d0a
		01 00 0800 00000000`))
	f.Add(rdptest.Hex(`
		03 00 00 37 32 e0 00 00 00 00 00 01 08 0800 00000000
		06 00 2400 00000000000000000000000000000000 00000000000000000000000000000000`))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newCR)
	})
}
