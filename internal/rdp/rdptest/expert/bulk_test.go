package expert

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/bulk"
	"github.com/ranoviced/ranoviced/internal/rdp/fastpath"
	"github.com/ranoviced/ranoviced/internal/rdp/sec"
)

// TestDecompressor: the expert decodes the types it advertised and
// refuses what a conforming server never sends.
func TestDecompressor(t *testing.T) {
	data := bytes.Repeat([]byte("ranoviced shares the novice's screen. "), 40)
	compressed := func(typ bulk.Flags) fastpath.Update {
		var out []byte
		var f bulk.Flags
		switch typ {
		case bulk.Type64K:
			out, f = bulk.NewMPPCEncoder().Compress(nil, data)
		case bulk.TypeRDP61:
			out, f = bulk.NewRDP61Encoder().Compress(nil, data)
		}
		if !f.Used() {
			t.Fatalf("%v: not compressed", typ)
		}
		return fastpath.Update{Code: fastpath.UpdateBitmap, Compression: fastpath.CompressionUsed, CompressionFlags: uint8(f), Data: out}
	}
	with := func(ct sec.CompressionType) *decompressor {
		return newDecompressor(sec.InfoCompression.WithCompressionType(ct))
	}
	for _, tt := range []struct {
		name string
		d    *decompressor
		ups  []fastpath.Update
		err  string // "" for success
	}{
		{"rdp61", with(sec.CompressionTypeRDP61), []fastpath.Update{compressed(bulk.TypeRDP61)}, ""},
		{"64k under rdp61", with(sec.CompressionTypeRDP61), []fastpath.Update{compressed(bulk.Type64K)}, ""},
		{"uncompressed passes", newDecompressor(0), []fastpath.Update{{Code: fastpath.UpdateBitmap, Data: data}}, ""},
		{"not advertised", newDecompressor(sec.InfoMouse), []fastpath.Update{compressed(bulk.Type64K)}, "advertised no compression"},
		{"above advertised", with(sec.CompressionType64K), []fastpath.Update{compressed(bulk.TypeRDP61)}, "above the advertised"},
		{"type changes", with(sec.CompressionTypeRDP61), []fastpath.Update{compressed(bulk.TypeRDP61), compressed(bulk.Type64K)}, "after type"},
		{"rdp6 not decoded", with(sec.CompressionTypeRDP61), []fastpath.Update{{Code: fastpath.UpdateBitmap, Compression: fastpath.CompressionUsed, CompressionFlags: uint8(bulk.TypeRDP6 | bulk.Compressed), Data: []byte{1}}}, "does not decode"},
		{"corrupt", with(sec.CompressionTypeRDP61), []fastpath.Update{{Code: fastpath.UpdateBitmap, Compression: fastpath.CompressionUsed, CompressionFlags: uint8(bulk.TypeRDP61 | bulk.Compressed), Data: []byte{0xff}}}, "bulk"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			var got fastpath.Update
			for _, u := range tt.ups {
				if got, err = tt.d.update(u); err != nil {
					break
				}
			}
			if tt.err == "" {
				if err != nil {
					t.Fatal(err)
				}
				if got.Compression != 0 || !bytes.Equal(got.Data, data) {
					t.Fatalf("decompressed to %d bytes (compression %d), want the %d original", len(got.Data), got.Compression, len(data))
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("error %v, want one containing %q", err, tt.err)
			}
		})
	}
}
