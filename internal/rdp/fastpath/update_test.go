package fastpath

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newUpdate() *Update { return new(Update) }

func TestUpdate(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want Update
	}{{
		name: "synchronize",
		raw: rdptest.Hex(`
			03       # updateHeader: FASTPATH_UPDATETYPE_SYNCHRONIZE, SINGLE, no compression
			00 00    # size: 0
		`),
		want: Update{Code: UpdateSynchronize},
	}, {
		name: "bitmap-first",
		raw: rdptest.Hex(`
			21          # updateHeader: FASTPATH_UPDATETYPE_BITMAP, FASTPATH_FRAGMENT_FIRST
			03 00       # size: 3
			01 00 02    # updateData (first bytes of a TS_UPDATE_BITMAP_DATA)
		`),
		want: Update{Code: UpdateBitmap, Fragmentation: FragmentFirst, Data: []byte{1, 0, 2}},
	}, {
		name: "large-pointer-next",
		raw:  rdptest.Hex(`3c 01 00 ff`), // LARGE_POINTER, NEXT, size 1
		want: Update{Code: UpdateLargePointer, Fragmentation: FragmentNext, Data: []byte{0xff}},
	}, {
		name: "surfcmds-last",
		raw:  rdptest.Hex(`14 02 00 aa bb`), // SURFCMDS, LAST, size 2
		want: Update{Code: UpdateSurfCmds, Fragmentation: FragmentLast, Data: []byte{0xaa, 0xbb}},
	}, {
		name: "bitmap-compressed",
		raw: rdptest.Hex(`
			81       # updateHeader: BITMAP, SINGLE, FASTPATH_OUTPUT_COMPRESSION_USED (2 << 6)
			23       # compressionFlags: PACKET_COMPRESSED | PACKET_COMPR_TYPE_RDP61
			02 00    # size: 2
			00 00    # updateData: an RDP61_COMPRESSED_DATA header, for example
		`),
		want: Update{Code: UpdateBitmap, Compression: CompressionUsed, CompressionFlags: 0x23, Data: []byte{0, 0}},
	}, {
		name: "pointer-next-flushed",
		raw:  rdptest.Hex(`bb 81 01 00 ff`), // POINTER, NEXT, compressed; PACKET_FLUSHED | 64K; size 1
		want: Update{Code: UpdatePointer, Fragmentation: FragmentNext, Compression: CompressionUsed, CompressionFlags: 0x81, Data: []byte{0xff}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, &tt.want, newUpdate)
		})
	}
}

func TestUpdateErrors(t *testing.T) {
	for name, raw := range map[string]string{
		"code-7":           `07 00 00`,
		"code-0xd":         `0d 00 00`,
		"compression-used": `81 00 00`, // compressionFlags, then only one size byte
		"compression-1":    `41 00 00`,
		"compression-3":    `c1 00 00 00`,
		"size-past-end":    `01 05 00 aa`,
	} {
		t.Run(name, func(t *testing.T) {
			if err := new(Update).UnmarshalBinary(rdptest.Hex(raw)); err == nil {
				t.Fatal("decoded without error")
			}
		})
	}
	for name, u := range map[string]Update{
		"code-7":        {Code: 7},
		"fragmentation": {Code: UpdateBitmap, Fragmentation: 4},
		"compression-1": {Code: UpdateBitmap, Compression: 1},
		"flags-alone":   {Code: UpdateBitmap, CompressionFlags: 0x21},
		"too-big":       {Code: UpdateBitmap, Data: make([]byte, MaxUpdateData+1)},
	} {
		t.Run("encode-"+name, func(t *testing.T) {
			if _, err := u.AppendBinary(nil); err == nil {
				t.Fatal("encoded without error")
			}
		})
	}
}

func TestDecodeUpdates(t *testing.T) {
	got, err := DecodeUpdates(rdptest.Hex(`
		03 00 00          # SYNCHRONIZE
		05 00 00          # PTR_NULL
		01 02 00 aa bb    # BITMAP, 2 bytes
	`))
	if err != nil {
		t.Fatal(err)
	}
	want := []Update{{Code: UpdateSynchronize}, {Code: UpdatePtrNull}, {Code: UpdateBitmap, Data: []byte{0xaa, 0xbb}}}
	if d := cmp.Diff(want, got, cmpopts.EquateEmpty()); d != "" {
		t.Fatalf("(-want +got):\n%s", d)
	}
	for _, bad := range []string{``, `03 00`, `03 00 00 05`, `01 02 00 aa`} {
		if _, err := DecodeUpdates(rdptest.Hex(bad)); err == nil {
			t.Errorf("%q decoded", bad)
		}
	}
}

func TestUpdateStrings(t *testing.T) {
	for c := UpdateCode(0); c <= 0xF; c++ {
		if s := c.String(); (c.Valid() && s[:4] != "FAST") || (!c.Valid() && s[:4] != "Upda") {
			t.Errorf("%d: %q", c, s)
		}
	}
	if FragmentNext.String() != "FASTPATH_FRAGMENT_NEXT" || Fragmentation(9).String() != "Fragmentation(9)" {
		t.Error("Fragmentation.String")
	}
}

func FuzzUpdate(f *testing.F) {
	f.Add(rdptest.Hex("03 00 00"))
	f.Add(rdptest.Hex("21 03 00 01 00 02"))
	f.Add(rdptest.Hex("3c 01 00 ff"))
	f.Add(rdptest.Hex("81 23 02 00 00 00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newUpdate)
	})
}

// FuzzDecodeUpdates decodes an update sequence, re-encodes it, and feeds
// it through a Reassembler: nothing panics, and the encoding is stable.
func FuzzDecodeUpdates(f *testing.F) {
	f.Add(rdptest.Hex("03 00 00 05 00 00 01 02 00 aa bb"))
	f.Add(rdptest.Hex("21 01 00 aa 31 01 00 bb 11 01 00 cc"))
	f.Add(rdptest.Hex("a1 21 01 00 aa b1 21 01 00 bb 11 01 00 cc"))
	f.Fuzz(func(t *testing.T, b []byte) {
		updates, err := DecodeUpdates(b)
		if err != nil {
			return
		}
		var enc []byte
		for _, u := range updates {
			if enc, err = u.AppendBinary(enc); err != nil {
				t.Fatalf("decoded update does not encode: %v", err)
			}
		}
		if string(enc) != string(b) {
			t.Fatalf("re-encoded %x, want %x", enc, b)
		}
		r := NewReassembler(64)
		for _, u := range updates {
			whole, done, err := r.Add(u)
			if done && (err != nil || whole.Fragmentation != FragmentSingle || whole.Code != u.Code) {
				t.Fatalf("Add(%+v) = %+v, %v, %v", u, whole, done, err)
			}
		}
	})
}
