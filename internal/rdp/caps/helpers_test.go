package caps

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// goldenCase is one golden vector of a set type.
type goldenCase[T Set] struct {
	name string
	raw  string // rdptest.Hex input
	want T
	// decodeOnly marks spec dumps whose padding or ignored fields are not
	// what this package writes; canonical re-encoding is checked instead.
	decodeOnly bool
}

// runGolden runs rdptest.Golden on every case, and for decode-only vectors
// checks that the canonical encoding decodes to the same value.
func runGolden[T Set](t *testing.T, cases []goldenCase[T], newT func() T) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var opts []rdptest.GoldenOption
			if tc.decodeOnly {
				opts = append(opts, rdptest.DecodeOnly())
			}
			raw := rdptest.Hex(tc.raw)
			rdptest.Golden(t, raw, tc.want, newT, opts...)
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

// badCase is a vector that must not decode.
type badCase struct {
	name string
	raw  string
	want error // errors.Is target; nil means any error
}

func runBad[T wire.PDU](t *testing.T, cases []badCase, newT func() T) {
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

// runGoldenPDU runs rdptest.Golden for a structure that is not a set.
func runGoldenPDU[T wire.PDU](t *testing.T, name, raw string, want T, newT func() T) {
	t.Helper()
	t.Run(name, func(t *testing.T) { rdptest.Golden(t, rdptest.Hex(raw), want, newT) })
}
