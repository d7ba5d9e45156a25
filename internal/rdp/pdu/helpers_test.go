package pdu

import (
	"errors"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// golden is one golden vector of a PDU type.
type golden[T wire.PDU] struct {
	name string
	raw  string // rdptest.Hex input
	want T
	// decodeOnly marks spec dumps with uninitialised padding or values the
	// encoder normalises; the canonical encoding is checked instead.
	decodeOnly bool
}

func runGolden[T wire.PDU](t *testing.T, cases []golden[T], newT func() T) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var opts []rdptest.GoldenOption
			if tc.decodeOnly {
				opts = append(opts, rdptest.DecodeOnly())
			}
			rdptest.Golden(t, rdptest.Hex(tc.raw), tc.want, newT, opts...)
			if tc.decodeOnly {
				canonical(t, tc.want, newT)
			}
		})
	}
}

// canonical checks that want encodes to Size() bytes that decode to want.
func canonical[T wire.PDU](t *testing.T, want T, newT func() T) {
	t.Helper()
	enc, err := want.AppendBinary(nil)
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	if len(enc) != want.Size() {
		t.Errorf("Size() = %d, encoded %d", want.Size(), len(enc))
	}
	got := newT()
	if err := got.UnmarshalBinary(enc); err != nil {
		t.Fatalf("decode canonical encoding: %v", err)
	}
	if d := cmp.Diff(want, got, cmpopts.EquateEmpty()); d != "" {
		t.Errorf("canonical round trip (-want +got):\n%s", d)
	}
}

// bad is a vector that must not decode.
type bad struct {
	name string
	raw  string
	want error // errors.Is target; nil means any error
}

func runBad[T wire.PDU](t *testing.T, cases []bad, newT func() T) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := newT().UnmarshalBinary(rdptest.Hex(tc.raw))
			if err == nil {
				t.Fatal("decoded without error")
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
		})
	}
}

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
