package ctlchan

import (
	"encoding/binary"
	"fmt"
	"strings"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func newAuthenticatePacket() *AuthenticatePacket { return new(AuthenticatePacket) }

// authenticateHex builds an AUTHENTICATE from payload strings: FreeRDP 2.x
// writes each NUL-terminated, FreeRDP 3.x both bare with no separator.
func authenticateHex(cs, blob string, nuls bool) string {
	payload := wire.AppendUTF16LE(nil, cs)
	if nuls {
		payload = append(payload, 0, 0)
	}
	payload = wire.AppendUTF16LE(payload, blob)
	if nuls {
		payload = append(payload, 0, 0)
	}
	dl := binary.LittleEndian.AppendUint32(nil, uint32(4+len(payload)))
	return fmt.Sprintf("0e000000 %x %s 03000000 %x", dl, rcctlHex, payload)
}

func TestAuthenticatePacket(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*AuthenticatePacket]{{
		// FreeRDP 2.x from a type-1 file: the RCTICKET, then the blob,
		// each NUL-terminated ([MS-RA] 2.2.1.4: "NULL-terminated").
		Name: "freerdp-2.x-cs1",
		Raw:  authenticateHex(v2RCTicket, v2Blob, true),
		Want: &AuthenticatePacket{ConnectionString: v2RCTicket, ExpertBlob: v2Blob},
	}, {
		// FreeRDP 2.x from a type-2 file without RCTICKET: the CS2 XML.
		Name: "freerdp-2.x-cs2",
		Raw:  authenticateHex(v2CS2, v2Blob, true),
		Want: &AuthenticatePacket{ConnectionString: v2CS2, ExpertBlob: v2Blob},
	}, {
		// FreeRDP 3.x: no NUL and no separator (ra-protocol.md §4.4).
		Name:       "freerdp-3.x-cs2",
		Raw:        authenticateHex(v2CS2, v2Blob, false),
		Want:       &AuthenticatePacket{ConnectionString: v2CS2, ExpertBlob: v2Blob},
		DecodeOnly: true,
	}, {
		Name:       "freerdp-3.x-cs1",
		Raw:        authenticateHex(v2RCTicket, v2Blob, false),
		Want:       &AuthenticatePacket{ConnectionString: v2RCTicket, ExpertBlob: v2Blob},
		DecodeOnly: true,
	}, {
		// A CS1 whose last field ends in digits lends none to the blob.
		Name:       "freerdp-3.x-cs1-digits",
		Raw:        authenticateHex("65538,1,h:1,*,ID,*,*,KH12", "20;NAME=Edgar Olougouna", false),
		Want:       &AuthenticatePacket{ConnectionString: "65538,1,h:1,*,ID,*,*,KH12", ExpertBlob: "20;NAME=Edgar Olougouna"},
		DecodeOnly: true,
	}, {
		Name: "empty-blob",
		Raw:  authenticateHex(v2RCTicket, "", true),
		Want: &AuthenticatePacket{ConnectionString: v2RCTicket},
	}}, newAuthenticatePacket)
	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "three-strings", Raw: authenticateHex("a\x00b", "c", true), Want: wire.ErrInvalid},
		{Name: "no-blob-no-nul", Raw: authenticateHex(v2RCTicket, "", false), Want: wire.ErrInvalid},
		{Name: "odd", Raw: "0e000000 05000000" + rcctlHex + "03000000 41", Want: wire.ErrInvalid},
	}, newAuthenticatePacket)
	p := AuthenticatePacket{ConnectionString: v2CS2, ExpertBlob: v2Blob}
	if s := fmt.Sprintf("%v %+v %#v", p, p, p); strings.Contains(s, "777D") || strings.Contains(s, v2ID[:10]) {
		t.Errorf("formatting shows secrets: %s", s)
	}
}

func FuzzAuthenticatePacket(f *testing.F) {
	f.Add(rdptest.Hex(authenticateHex(v2RCTicket, v2Blob, true)))
	f.Add(rdptest.Hex(authenticateHex(v2CS2, v2Blob, false)))
	f.Fuzz(func(t *testing.T, b []byte) { rdptest.FuzzRoundTrip(t, b, newAuthenticatePacket) })
}
