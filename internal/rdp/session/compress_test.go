package session

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/bulk"
	"github.com/ranoviced/ranoviced/internal/rdp/caps"
	"github.com/ranoviced/ranoviced/internal/rdp/fastpath"
	"github.com/ranoviced/ranoviced/internal/rdp/order"
	"github.com/ranoviced/ranoviced/internal/rdp/pdu"
	"github.com/ranoviced/ranoviced/internal/rdp/sec"
	"github.com/ranoviced/ranoviced/internal/rdp/stdsec"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// xfreerdpInfoFlags are the Client Info flags of xfreerdp 2.11.7:
// INFO_COMPRESSION with CompressionTypeMask 3 (RDP 6.1) among others.
const xfreerdpInfoFlags sec.InfoFlags = 0x000B47F3

// compressedUpdates is what a client made of a session's fast-path output:
// each piece decompressed as its flags say (a receiver's decoders keep
// their history across calls), then reassembled.
type compressedUpdates struct {
	mppc  *bulk.MPPCDecoder
	rdp61 *bulk.RDP61Decoder
	reasm *fastpath.Reassembler
	types map[bulk.Flags]int // pieces per compression type, 0xFF for none
	wire  int                // updateData bytes on the wire
}

func newCompressedUpdates() *compressedUpdates {
	return &compressedUpdates{
		mppc:  bulk.NewMPPCDecoder(),
		rdp61: bulk.NewRDP61Decoder(),
		reasm: fastpath.NewReassembler(1 << 20),
		types: map[bulk.Flags]int{},
	}
}

func (c *compressedUpdates) add(t *testing.T, ups []fastpath.Update) [][]byte {
	t.Helper()
	var whole [][]byte
	for _, u := range ups {
		c.wire += len(u.Data)
		if u.Compression == fastpath.CompressionUsed {
			f := bulk.Flags(u.CompressionFlags)
			c.types[f.Type()]++
			var data []byte
			var err error
			switch f.Type() {
			case bulk.Type64K:
				data, err = c.mppc.Decompress(nil, u.Data, f)
			case bulk.TypeRDP61:
				data, err = c.rdp61.Decompress(nil, u.Data, f)
			default:
				t.Fatalf("compression type %v", f)
			}
			if err != nil {
				t.Fatalf("decompress %v: %v", f, err)
			}
			u.Compression, u.CompressionFlags, u.Data = 0, 0, data
		} else {
			c.types[0xFF]++
		}
		w, done, err := c.reasm.Add(u)
		if err != nil {
			t.Fatal(err)
		}
		if done {
			whole = append(whole, bytes.Clone(w.Data))
		}
	}
	return whole
}

// TestBulkCompression sends the same bitmap and pointer updates to
// clients advertising each compression type and checks that the session
// picks the type the client can decode, compresses each fragment on its
// own with one history per connection, and that what the client
// decompresses and reassembles is exactly what an uncompressed session
// sends.
func TestBulkCompression(t *testing.T) {
	// Compressible but not trivial: a gradient and some text-like runs,
	// large enough to be fragmented, sent three times so the history
	// matters.
	big := make([]byte, 40000)
	for i := range big {
		big[i] = byte(i/7) ^ byte(i%13)
	}
	rects := []pdu.BitmapData{
		{DestRight: 99, DestBottom: 99, Width: 100, Height: 100, BitsPerPixel: 32, Data: big},
		{DestLeft: 100, DestRight: 109, DestBottom: 9, Width: 10, Height: 10, BitsPerPixel: 32, Data: big[:400]},
	}
	ptr := &pdu.NewPointer{XorBpp: 32, ColorPtrAttr: pdu.ColorPointer{
		CacheIndex: 1, Width: 32, Height: 32, XorMask: big[:32*32*4], AndMask: make([]byte, 32*4),
	}}
	send := func(t *testing.T, s *Session, open *stdsec.Cipher) []fastpath.Update {
		t.Helper()
		var out []byte
		var err error
		for range 3 {
			if out, err = s.AppendBitmapUpdate(out, rects); err != nil {
				t.Fatal(err)
			}
			if out, err = s.AppendPointerUpdate(out, ptr); err != nil {
				t.Fatal(err)
			}
		}
		if out, err = s.AppendPointerUpdate(out, &pdu.PointerPosition{X: 5, Y: 6}); err != nil {
			t.Fatal(err)
		}
		return fastPathUpdates(t, out, open)
	}
	plain := newCompressedUpdates()
	want := plain.add(t, send(t, activeSession(t, fastPathClient...), nil))
	if len(want) != 10 || plain.types[0xFF] == len(want) {
		t.Fatalf("reference: %d updates in %d pieces; want 10 (each rectangle on its own), some fragmented", len(want), plain.types[0xFF])
	}

	tests := []struct {
		name  string
		flags sec.InfoFlags
		cfg   Config
		want  bulk.Flags // 0xFF: no compression
	}{
		{"xfreerdp", xfreerdpInfoFlags, Config{}, bulk.TypeRDP61},
		{"rdp61", sec.InfoCompression.WithCompressionType(sec.CompressionTypeRDP61), Config{}, bulk.TypeRDP61},
		{"higher than known", sec.InfoCompression.WithCompressionType(9), Config{}, bulk.TypeRDP61},
		{"rdp6", sec.InfoCompression.WithCompressionType(sec.CompressionTypeRDP6), Config{}, bulk.Type64K},
		{"64k", sec.InfoCompression.WithCompressionType(sec.CompressionType64K), Config{}, bulk.Type64K},
		{"8k", sec.InfoCompression.WithCompressionType(sec.CompressionType8K), Config{}, 0xFF},
		{"type without INFO_COMPRESSION", sec.InfoMouse.WithCompressionType(sec.CompressionTypeRDP61), Config{}, 0xFF},
		{"turned off", xfreerdpInfoFlags, Config{NoBulkCompression: true}, 0xFF},
	}
	for _, tt := range tests {
		for _, encrypted := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/encrypted=%v", tt.name, encrypted), func(t *testing.T) {
				s := activeSessionWith(t, &sec.ClientInfo{Flags: tt.flags}, tt.cfg, fastPathClient...)
				var open *stdsec.Cipher
				if encrypted {
					open = encryptFrom(t, s)
				}
				got := newCompressedUpdates()
				whole := got.add(t, send(t, s, open))
				if len(whole) != len(want) {
					t.Fatalf("%d updates, want %d", len(whole), len(want))
				}
				for i := range whole {
					if !bytes.Equal(whole[i], want[i]) {
						t.Fatalf("update %d differs after decompression", i)
					}
				}
				for typ, n := range got.types {
					if typ != tt.want && !(typ == 0xFF && tt.want != 0xFF) {
						t.Errorf("%d pieces of type %v, want only %v", n, typ, tt.want)
					}
				}
				if tt.want != 0xFF && got.wire*3 > plain.wire {
					t.Errorf("%d bytes on the wire, want well under the uncompressed %d", got.wire, plain.wire)
				}
			})
		}
	}
}

// TestBulkCompressionSlowPath checks that a client without fast-path
// output gets uncompressed slow-path PDUs even when it advertises bulk
// compression: only fast-path updates are compressed.
func TestBulkCompressionSlowPath(t *testing.T) {
	s := activeSessionWith(t, &sec.ClientInfo{Flags: xfreerdpInfoFlags}, Config{}, slowPathClient...)
	attr := &pdu.CachedPointer{CacheIndex: 3}
	out, err := s.AppendPointerUpdate(nil, attr)
	if err != nil {
		t.Fatal(err)
	}
	got := slowPathPointer(t, out, nil)
	if g, w := mustMarshal(t, got), mustMarshal(t, attr); !bytes.Equal(g, w) {
		t.Fatalf("slow-path pointer %x, want %x", g, w)
	}
}

func mustMarshal(t *testing.T, p wire.PDU) []byte {
	t.Helper()
	b, err := wire.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestScrBlt: a client with ScrBlt in its Order set gets the moves as a
// fast-path Orders update; others are refused.
func TestScrBlt(t *testing.T) {
	withOrders := append([]caps.Set{&caps.Order{OrderFlags: caps.NegotiateOrderSupport, OrderSupport: [32]uint8{order.NegScrBlt: 1}}}, fastPathClient...)
	moves := []order.ScrBlt{{Left: 0, Top: 0, Width: 100, Height: 50, Rop: order.RopSrcCopy, SrcX: 0, SrcY: 13}}
	for _, flags := range []sec.InfoFlags{0, xfreerdpInfoFlags} {
		s := activeSessionWith(t, &sec.ClientInfo{Flags: flags}, Config{}, withOrders...)
		if !s.CanScrBlt() {
			t.Fatal("CanScrBlt false for a client with TS_NEG_SCRBLT_INDEX")
		}
		out, err := s.AppendScrBlt(nil, moves)
		if err != nil {
			t.Fatal(err)
		}
		whole := newCompressedUpdates().add(t, fastPathUpdates(t, out, nil))
		var d order.Decoder
		if len(whole) != 1 {
			t.Fatalf("%d updates", len(whole))
		}
		got, err := d.DecodeUpdate(whole[0])
		if err != nil || len(got) != 1 || got[0] != moves[0] {
			t.Fatalf("decoded %+v, %v", got, err)
		}
	}
	for name, sets := range map[string][]caps.Set{
		"no order set":             fastPathClient,
		"no NEGOTIATEORDERSUPPORT": append([]caps.Set{&caps.Order{OrderSupport: [32]uint8{order.NegScrBlt: 1}}}, fastPathClient...),
		"slow path":                append([]caps.Set{&caps.Order{OrderFlags: caps.NegotiateOrderSupport, OrderSupport: [32]uint8{order.NegScrBlt: 1}}}, slowPathClient...),
	} {
		s := activeSession(t, sets...)
		if s.CanScrBlt() {
			t.Errorf("%s: CanScrBlt true", name)
		}
		if _, err := s.AppendScrBlt(nil, moves); err == nil {
			t.Errorf("%s: AppendScrBlt succeeded", name)
		}
	}
}

// TestCompressEffort: while the link keeps up, a fragment that compresses
// poorly makes the next ones go untried, in growing runs up to
// maxCompressBackoff; one that compresses well, or a link that falls
// behind, brings back compressing every fragment.
func TestCompressEffort(t *testing.T) {
	poor, good := 900, 100 // bytes out of 1000
	tries := func(e *compressEffort, n, out int) string {
		var b []byte
		for range n {
			if e.try() {
				b = append(b, 'c')
				e.result(1000, out)
			} else {
				b = append(b, '.')
			}
		}
		return string(b)
	}
	for _, tc := range []struct {
		name    string
		thrifty bool
		outs    []int // per phase
		lens    []int
		want    []string
	}{
		{"thorough", false, []int{poor}, []int{8}, []string{"cccccccc"}},
		{"compressible", true, []int{good}, []int{8}, []string{"cccccccc"}},
		{"poor backs off", true, []int{poor}, []int{40}, []string{"c.c..c....c........c................c..."}},
		{"good again", true, []int{poor, good, poor}, []int{4, 6, 4}, []string{"c.c.", ".ccccc", "c.c."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := compressEffort{thrifty: tc.thrifty}
			for i, out := range tc.outs {
				if got := tries(&e, tc.lens[i], out); got != tc.want[i] {
					t.Errorf("phase %d: %s, want %s", i, got, tc.want[i])
				}
			}
		})
	}
	e := compressEffort{thrifty: true}
	tries(&e, 10, poor)
	e.thrifty = false
	if got := tries(&e, 4, poor); got != "cccc" {
		t.Errorf("link behind again: %s, want every fragment compressed", got)
	}
}

// TestLinkKeepsUpSkipsPoorFragments: with the link keeping up, noise goes
// out mostly uncompressed and text still compressed, and a client
// decoding the mix (skipped fragments leave the histories alone) gets
// every update exactly.
func TestLinkKeepsUpSkipsPoorFragments(t *testing.T) {
	noise := make([]byte, 200000)
	x := uint32(1)
	for i := range noise {
		x = x*1664525 + 1013904223
		noise[i] = byte(x >> 24)
	}
	text := bytes.Repeat([]byte("Remote Assistance shares the novice's screen. "), 5000)[:200000]
	for _, flags := range []sec.InfoFlags{xfreerdpInfoFlags, sec.InfoCompression.WithCompressionType(sec.CompressionType64K)} {
		s := activeSessionWith(t, &sec.ClientInfo{Flags: flags}, Config{}, fastPathClient...)
		var out []byte
		var sent [][]byte
		for i, data := range [][]byte{text, noise, text, noise, text} {
			s.LinkKeepsUp(i > 0)
			var bd []pdu.BitmapData
			for off := 0; off < len(data); off += 40000 {
				bd = append(bd, pdu.BitmapData{DestRight: 99, DestBottom: 99, Width: 100, Height: 100, BitsPerPixel: 32, Data: data[off : off+40000]})
			}
			var err error
			if out, err = s.AppendBitmapUpdate(out, bd); err != nil {
				t.Fatal(err)
			}
			sent = append(sent, data)
		}
		got := newCompressedUpdates()
		whole := got.add(t, fastPathUpdates(t, out, nil))
		var all []byte
		for _, w := range whole {
			all = append(all, w...)
		}
		for i, data := range sent {
			for off := 0; off < len(data); off += 40000 {
				if !bytes.Contains(all, data[off:off+40000]) {
					t.Fatalf("flags %#x: update %d, rectangle at %d: not received intact", flags, i, off)
				}
			}
		}
		total := 0
		for _, n := range got.types {
			total += n
		}
		if skipped := got.types[0xFF]; skipped < total/3 {
			t.Errorf("flags %#x: %d of %d fragments uncompressed, want the noise's", flags, skipped, total)
		}
		if got.wire > len(noise)*2+len(text) {
			t.Errorf("flags %#x: %d bytes on the wire, want text compressed", flags, got.wire)
		}
	}
}
