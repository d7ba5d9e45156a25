package pdu

import (
	"os"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func testdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return rdptest.Hex(string(b))
}

// decodeData runs a whole Data PDU through the envelope helpers.
func decodeData(t *testing.T, raw []byte) (ShareControlHeader, ShareDataHeader, wire.PDU) {
	t.Helper()
	ch, body, err := DecodeShareControl(raw)
	if err != nil {
		t.Fatal(err)
	}
	if ch.Type != PDUTypeData {
		t.Fatalf("share control type %v", ch.Type)
	}
	dh, payload, err := DecodeShareData(body)
	if err != nil {
		t.Fatal(err)
	}
	p, err := DecodeShareDataBody(dh.Type2, payload)
	if err != nil {
		t.Fatal(err)
	}
	return ch, dh, p
}
