package encomsp

import (
	"encoding/hex"
	"strings"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// Golden vectors. Cases named "rdpemc-4.x.y" are the annotated captures
// of [MS-RDPEMC] section 4 (v16.0, 2024-04-23), byte for byte; the
// others are built by hand from the layouts of section 2.2, and their
// comments say so.

// utf16Hex returns s as UTF-16LE hex, for Raw strings.
func utf16Hex(s string) string { return hex.EncodeToString(wire.AppendUTF16LE(nil, s)) }

// raws returns the Raw bytes of every case.
func raws[T wire.PDU](cases []rdptest.Case[T]) [][]byte {
	var out [][]byte
	for _, c := range cases {
		out = append(out, rdptest.Hex(c.Raw))
	}
	return out
}

// seed adds every case's Raw bytes to the fuzz corpus.
func seed[T wire.PDU](f *testing.F, cases []rdptest.Case[T]) {
	for _, b := range raws(cases) {
		f.Add(b)
	}
}

// allGolden returns the Raw bytes of every order golden vector of the
// package, in one list, for the dispatch tests and their fuzz seeds.
func allGolden() [][]byte {
	var out [][]byte
	out = append(out, raws(filterUpdatedCases)...)
	out = append(out, raws(applicationCreatedCases)...)
	out = append(out, raws(applicationRemovedCases)...)
	out = append(out, raws(windowCreatedCases)...)
	out = append(out, raws(windowRemovedCases)...)
	out = append(out, raws(showWindowCases)...)
	out = append(out, raws(windowRegionUpdateCases)...)
	out = append(out, raws(participantCreatedCases)...)
	out = append(out, raws(participantRemovedCases)...)
	out = append(out, raws(ctrlChangeCases)...)
	out = append(out, raws(ctrlChangeResponseCases)...)
	out = append(out, raws(graphicsStreamPausedCases)...)
	out = append(out, raws(graphicsStreamResumedCases)...)
	return out
}

// long returns n copies of "a".
func long(n int) string { return strings.Repeat("a", n) }
