package wire

import (
	"errors"
	"testing"
)

func TestReaderFields(t *testing.T) {
	r := NewReader([]byte{0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b})
	if got := r.U8(); got != 0x01 {
		t.Fatalf("U8 = %#x", got)
	}
	if got := r.U16LE(); got != 0x0302 {
		t.Fatalf("U16LE = %#x", got)
	}
	if got := r.U16BE(); got != 0x0405 {
		t.Fatalf("U16BE = %#x", got)
	}
	if got := r.U32LE(); got != 0x09080706 {
		t.Fatalf("U32LE = %#x", got)
	}
	if r.Len() != 2 || r.Offset() != 9 {
		t.Fatalf("Len %d Offset %d", r.Len(), r.Offset())
	}
	if err := r.Finish(); !errors.Is(err, ErrTrailing) {
		t.Fatalf("Finish = %v, want ErrTrailing", err)
	}
	_ = r.U32LE() // short
	if !errors.Is(r.Err(), ErrShort) {
		t.Fatalf("Err = %v, want ErrShort", r.Err())
	}
	// Sticky: later reads return zero and keep the first error.
	if r.U8() != 0 || r.Len() != 0 || !errors.Is(r.Finish(), ErrShort) {
		t.Fatal("error is not sticky")
	}
}

func TestReaderSubAndFail(t *testing.T) {
	r := NewReader([]byte{1, 2, 3, 4})
	s := r.Sub(3)
	if s.Len() != 3 || r.Len() != 1 {
		t.Fatalf("Sub len %d rest %d", s.Len(), r.Len())
	}
	bad := r.Sub(5)
	if bad.Err() == nil || r.Err() == nil {
		t.Fatal("oversized Sub did not fail both readers")
	}
	r2 := NewReader(nil)
	r2.Failf("length", "got %d", 3)
	var de *DecodeError
	if !errors.As(r2.Err(), &de) || de.Field != "length" || !errors.Is(r2.Err(), ErrInvalid) {
		t.Fatalf("Failf err = %v", r2.Err())
	}
}

func TestUTF16(t *testing.T) {
	for _, s := range []string{"", "RDP", "héllo", "𝄞x", "\x00a"} {
		b := AppendUTF16LE(nil, s)
		if len(b) != UTF16Len(s) {
			t.Errorf("%q: UTF16Len %d, encoded %d", s, UTF16Len(s), len(b))
		}
		r := NewReader(b)
		if got := r.UTF16LE(len(b)); got != s || r.Finish() != nil {
			t.Errorf("%q round trip = %q (%v)", s, got, r.Finish())
		}
	}
	if UTF16Len(string([]byte{0xff})) != 2 {
		t.Error("invalid UTF-8 must count as one U+FFFD")
	}
	r := NewReader([]byte{1, 2, 3})
	r.UTF16LE(3)
	if !errors.Is(r.Err(), ErrInvalid) {
		t.Errorf("odd length: %v", r.Err())
	}
}

func FuzzReader(f *testing.F) {
	f.Add([]byte{0x03, 0x00, 0x00, 0x13}, 2)
	f.Fuzz(func(t *testing.T, b []byte, n int) {
		r := NewReader(b)
		r.U8()
		r.Sub(n).U32BE()
		r.UTF16LE(n)
		r.Bytes(n)
		r.Peek(n)
		_ = r.Finish()
	})
}
