// Package rdptest holds the helpers every PDU test uses: golden-vector
// checks, the fuzz round-trip oracle and a hex-dump parser for byte strings
// transcribed from the specifications. It is imported only by tests.
package rdptest

import (
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// Hex parses a hex dump: whitespace is ignored, and anything from '#' or
// "//" to the end of a line is a comment. Byte pairs may be separated or
// not. It panics on malformed input, which is a bug in the test.
func Hex(s string) []byte {
	var sb strings.Builder
	for line := range strings.SplitSeq(s, "\n") {
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		if i := strings.Index(line, "//"); i >= 0 {
			line = line[:i]
		}
		for _, f := range strings.Fields(line) {
			f = strings.TrimPrefix(strings.TrimSuffix(f, ","), "0x")
			sb.WriteString(f)
		}
	}
	b, err := hex.DecodeString(sb.String())
	if err != nil {
		panic("rdptest.Hex: " + err.Error())
	}
	return b
}

// GoldenOption relaxes one of Golden's checks, for structures whose spec
// makes trailing fields optional.
type GoldenOption func(*goldenConfig)

type goldenConfig struct {
	minPrefix   int // prefixes shorter than this must fail; 0 means all must
	allowExtra  bool
	skipEncode  bool
	compareOpts []cmp.Option
}

// PrefixesFrom allows strict prefixes of at least n bytes to decode, for
// structures whose trailing fields are optional (the spec says which).
func PrefixesFrom(n int) GoldenOption { return func(c *goldenConfig) { c.minPrefix = n } }

// ExtraByteOK allows raw plus one byte to decode, for structures the spec
// lets carry trailing data.
func ExtraByteOK() GoldenOption { return func(c *goldenConfig) { c.allowExtra = true } }

// DecodeOnly skips the byte-exact encode check, for vectors whose encoding
// is not the canonical one this implementation writes (uninitialised
// padding in a spec dump, a non-minimal length); the canonical encoding
// must still be Size() bytes and decode back to the same value.
func DecodeOnly() GoldenOption { return func(c *goldenConfig) { c.skipEncode = true } }

// CmpOptions passes options to the value comparison.
func CmpOptions(o ...cmp.Option) GoldenOption {
	return func(c *goldenConfig) { c.compareOpts = append(c.compareOpts, o...) }
}

// Golden checks a PDU against a golden vector:
//   - UnmarshalBinary(raw) equals want;
//   - AppendBinary(nil) of want equals raw, and Size() == len(raw);
//   - every strict prefix of raw fails to decode;
//   - raw plus one extra byte fails to decode.
func Golden[T wire.PDU](t testing.TB, raw []byte, want T, newT func() T, opts ...GoldenOption) {
	t.Helper()
	var cfg goldenConfig
	for _, o := range opts {
		o(&cfg)
	}
	cmpOpts := append([]cmp.Option{cmpopts.EquateEmpty()}, cfg.compareOpts...)

	got := newT()
	if err := got.UnmarshalBinary(raw); err != nil {
		t.Fatalf("decode golden: %v", err)
	}
	if d := cmp.Diff(want, got, cmpOpts...); d != "" {
		t.Errorf("decode golden mismatch (-want +got):\n%s", d)
	}
	if cfg.skipEncode {
		Canonical(t, want, newT)
	} else {
		enc, err := want.AppendBinary(nil)
		if err != nil {
			t.Fatalf("encode: %v", err)
		}
		if string(enc) != string(raw) {
			t.Errorf("encode mismatch:\n got %x\nwant %x", enc, raw)
		}
		if want.Size() != len(raw) {
			t.Errorf("Size() = %d, want %d", want.Size(), len(raw))
		}
	}
	mustFail := len(raw)
	if cfg.minPrefix > 0 {
		mustFail = min(cfg.minPrefix, len(raw))
	}
	for n := range mustFail {
		if err := newT().UnmarshalBinary(raw[:n]); err == nil {
			t.Errorf("prefix of %d/%d bytes decoded without error", n, len(raw))
		}
	}
	if !cfg.allowExtra {
		extra := append(append([]byte(nil), raw...), 0)
		if err := newT().UnmarshalBinary(extra); err == nil {
			t.Errorf("golden plus one trailing byte decoded without error")
		}
	}
}

// Canonical checks that want encodes to Size() bytes that decode back to
// want.
func Canonical[T wire.PDU](t testing.TB, want T, newT func() T) {
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

// Case is one golden vector, for table tests run by RunCases.
type Case[T wire.PDU] struct {
	Name string
	Raw  string // Hex input
	Want T
	// DecodeOnly marks vectors whose bytes are not the canonical encoding
	// (see the DecodeOnly option).
	DecodeOnly bool
}

// RunCases runs Golden on every case as a subtest.
func RunCases[T wire.PDU](t *testing.T, cases []Case[T], newT func() T) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			var opts []GoldenOption
			if tc.DecodeOnly {
				opts = append(opts, DecodeOnly())
			}
			Golden(t, Hex(tc.Raw), tc.Want, newT, opts...)
		})
	}
}

// BadCase is a vector that must not decode.
type BadCase struct {
	Name string
	Raw  string // Hex input
	Want error  // errors.Is target; nil means any error
}

// RunBad checks that every case fails to decode, with the wanted error.
func RunBad[T wire.PDU](t *testing.T, cases []BadCase, newT func() T) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			err := newT().UnmarshalBinary(Hex(tc.Raw))
			if err == nil {
				t.Fatal("decoded without error")
			}
			if tc.Want != nil && !errors.Is(err, tc.Want) {
				t.Fatalf("error %v, want %v", err, tc.Want)
			}
		})
	}
}

// FuzzRoundTrip is the oracle every PDU fuzz target uses: decoding arbitrary
// bytes never panics, and whatever decodes re-encodes (to Size() bytes) and
// decodes again to an equal value.
func FuzzRoundTrip[T wire.PDU](t *testing.T, b []byte, newT func() T) {
	t.Helper()
	p := newT()
	if err := p.UnmarshalBinary(b); err != nil {
		return
	}
	enc, err := p.AppendBinary(nil)
	if err != nil {
		t.Fatalf("decoded value does not encode: %v", err)
	}
	if len(enc) != p.Size() {
		t.Fatalf("Size() = %d, encoded %d", p.Size(), len(enc))
	}
	q := newT()
	if err := q.UnmarshalBinary(enc); err != nil {
		t.Fatalf("re-encoded value does not decode: %v\n%x", err, enc)
	}
	if d := cmp.Diff(p, q, cmpopts.EquateEmpty()); d != "" {
		t.Fatalf("round trip mismatch (-first +second):\n%s", d)
	}
}
