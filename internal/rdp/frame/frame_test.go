package frame

import (
	"errors"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func TestLen(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   []byte
		want int
		err  bool
	}{
		{name: "empty", in: nil, want: 0},
		// TPKT.
		{name: "tpkt-version-only", in: rdptest.Hex("03"), want: 0},
		{name: "tpkt-three-bytes", in: rdptest.Hex("03 00 00"), want: 0},
		// [MS-RDPBCGR] 4.1.1: Client X.224 Connection Request, 44 bytes.
		{name: "bcgr-4.1.1-header-only", in: rdptest.Hex("03 00 00 2c"), want: 44},
		{name: "bcgr-4.1.1-whole", in: rdptest.Hex(`
			03 00 00 2c 27 e0 00 00 00 00 00 43 6f 6f 6b 69
			65 3a 20 6d 73 74 73 68 61 73 68 3d 65 6c 74 6f
			6e 73 0d 0a 01 00 08 00 00 00 00 00`), want: 44},
		// [MS-RDPBCGR] 4.2.3: Disconnect Provider Ultimatum, followed by
		// the start of another PDU: Len looks at the first one only.
		{name: "bcgr-4.2.3-and-more", in: rdptest.Hex("03 00 00 09 02 f0 80 21 80 03 00"), want: 9},
		{name: "tpkt-min", in: rdptest.Hex("03 00 00 07"), want: MinTPKTLength},
		{name: "tpkt-max", in: rdptest.Hex("03 00 ff ff"), want: MaxTPKTLength},
		{name: "tpkt-reserved-nonzero", in: rdptest.Hex("03 01"), err: true},
		{name: "tpkt-reserved-nonzero-full", in: rdptest.Hex("03 80 00 0b"), err: true},
		{name: "tpkt-length-below-7", in: rdptest.Hex("03 00 00 06"), err: true},
		{name: "tpkt-length-zero", in: rdptest.Hex("03 00 00 00"), err: true},
		// Fast-path.
		{name: "fastpath-action-only", in: rdptest.Hex("44"), want: 0},
		// A one-byte length: scancode event, 6 bytes in all.
		{name: "fastpath-short-length", in: rdptest.Hex("44 06 00 0f 00 00"), want: 6},
		{name: "fastpath-short-header-only-length", in: rdptest.Hex("00 02"), want: 2},
		{name: "fastpath-short-below-header", in: rdptest.Hex("00 01"), err: true},
		{name: "fastpath-short-zero", in: rdptest.Hex("00 00"), err: true},
		// FreeRDP's long form for a short PDU: length1 0x80, length2 0x0b.
		{name: "fastpath-long-length-waits", in: rdptest.Hex("04 80"), want: 0},
		{name: "fastpath-long-length", in: rdptest.Hex("04 80 0b"), want: 11},
		{name: "fastpath-long-max", in: rdptest.Hex("04 ff ff"), want: MaxFastPathLength},
		{name: "fastpath-long-below-header", in: rdptest.Hex("04 80 02"), err: true},
		{name: "fastpath-encrypted-flags", in: rdptest.Hex("c4 81 00"), want: 0x100},
		// Neither.
		{name: "action-1", in: rdptest.Hex("01 00 00 00"), err: true},
		{name: "action-2", in: rdptest.Hex("02"), err: true},
		{name: "action-3-not-tpkt", in: rdptest.Hex("07 00 00 0b"), err: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Len(tt.in)
			if tt.err {
				if err == nil || !errors.Is(err, ErrMalformed) || got != 0 {
					t.Fatalf("Len(%x) = %d, %v; want an ErrMalformed error", tt.in, got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("Len(%x) = %d, %v; want %d", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestKindOf(t *testing.T) {
	for _, tt := range []struct {
		b0   byte
		want Kind
		err  bool
	}{
		{0x03, KindTPKT, false},
		{0x00, KindFastPath, false},
		{0x04, KindFastPath, false}, // one event
		{0x80, KindFastPath, false}, // FASTPATH_OUTPUT_ENCRYPTED
		{0xFC, KindFastPath, false},
		{0x01, 0, true},
		{0x02, 0, true},
		{0x13, 0, true},
		{0xFF, 0, true},
	} {
		got, err := KindOf(tt.b0)
		if got != tt.want || (err != nil) != tt.err {
			t.Errorf("KindOf(%#02x) = %v, %v", tt.b0, got, err)
		}
	}
	if KindTPKT.String() != "TPKT" || KindFastPath.String() != "fast-path" || Kind(9).String() != "Kind(9)" {
		t.Error("Kind.String")
	}
}

// TestLenPrefixes checks the property a reader relies on: for every prefix
// of a well-formed PDU, Len either asks for more bytes or gives the final
// answer, and never fails.
func TestLenPrefixes(t *testing.T) {
	for _, pdu := range [][]byte{
		rdptest.Hex("03 00 00 09 02 f0 80 21 80"),
		rdptest.Hex("44 06 00 0f 00 00"),
		rdptest.Hex("04 80 07 01 00 0f 00"),
	} {
		for i := range len(pdu) + 1 {
			n, err := Len(pdu[:i])
			if err != nil || (n != 0 && n != len(pdu)) {
				t.Errorf("Len(%x) = %d, %v", pdu[:i], n, err)
			}
		}
	}
}

// FuzzLen checks that Len never panics, that its answer is consistent with
// KindOf, and that a positive answer never changes as more bytes arrive.
func FuzzLen(f *testing.F) {
	f.Add(rdptest.Hex("03 00 00 2c 27 e0"))
	f.Add(rdptest.Hex("03 00 00 09 02 f0 80 21 80"))
	f.Add(rdptest.Hex("44 06 00 0f 00 00"))
	f.Add(rdptest.Hex("04 80 0b"))
	f.Add(rdptest.Hex("01"))
	f.Fuzz(func(t *testing.T, b []byte) {
		n, err := Len(b)
		if err != nil {
			if n != 0 || !errors.Is(err, ErrMalformed) {
				t.Fatalf("Len = %d, %v", n, err)
			}
			return
		}
		if n == 0 {
			if len(b) >= 4 {
				t.Fatalf("Len(%x) asked for more bytes after 4", b)
			}
			return
		}
		kind, kerr := KindOf(b[0])
		if kerr != nil {
			t.Fatalf("Len accepted %x that KindOf rejects", b)
		}
		max := MaxFastPathLength
		if kind == KindTPKT {
			max = MaxTPKTLength
		}
		if n < 2 || n > max {
			t.Fatalf("Len(%x) = %d out of range", b, n)
		}
		if n2, err := Len(append(b[:len(b):len(b)], 0xAA, 0x55)); n2 != n || err != nil {
			t.Fatalf("Len changed with more bytes: %d, then %d, %v", n, n2, err)
		}
	})
}
