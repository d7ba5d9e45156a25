package ber

import (
	"bytes"
	"errors"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func TestLength(t *testing.T) {
	for _, tt := range []struct {
		name string
		n    int
		raw  []byte
	}{
		{"zero", 0, []byte{0x00}},
		{"short-max", 0x7F, []byte{0x7F}},
		{"one-octet-long", 0x80, []byte{0x81, 0x80}},
		{"one-octet-long-max", 0xFF, []byte{0x81, 0xFF}},
		// [MS-RDPBCGR] 4.1.3: the Connect-Initial contents length.
		{"bcgr-4.1.3-connect-initial", 0x194, []byte{0x82, 0x01, 0x94}},
		{"max", MaxLength, []byte{0x82, 0xFF, 0xFF}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b, err := AppendLength(nil, tt.n)
			if err != nil || !bytes.Equal(b, tt.raw) || LengthSize(tt.n) != len(tt.raw) {
				t.Fatalf("AppendLength(%d) = %x, %v; LengthSize %d; want %x", tt.n, b, err, LengthSize(tt.n), tt.raw)
			}
			// ReadLength checks the contents are there: supply them.
			in := append(append([]byte(nil), tt.raw...), make([]byte, tt.n)...)
			r := wire.NewReader(in)
			if got := ReadLength(r); got != tt.n || r.Err() != nil || r.Len() != tt.n {
				t.Errorf("ReadLength = %d, %v (remaining %d)", got, r.Err(), r.Len())
			}
		})
	}
	for _, n := range []int{-1, MaxLength + 1} {
		if _, err := AppendLength(nil, n); err == nil {
			t.Errorf("AppendLength(%d) succeeded", n)
		}
	}
}

func TestReadLengthRejects(t *testing.T) {
	for _, tt := range []struct {
		name string
		raw  []byte
		want error
	}{
		{"empty", nil, wire.ErrShort},
		{"indefinite", []byte{0x80}, wire.ErrInvalid},
		{"three-octet-long-form", []byte{0x83, 0x00, 0x00, 0x01, 0x00}, wire.ErrInvalid},
		{"reserved-0xff", []byte{0xFF}, wire.ErrInvalid},
		{"beyond-input-short", []byte{0x02, 0x00}, wire.ErrShort},
		{"beyond-input-long", []byte{0x82, 0x01, 0x00, 0x00}, wire.ErrShort},
		{"truncated-long-form", []byte{0x82, 0x01}, wire.ErrShort},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := wire.NewReader(tt.raw)
			if n := ReadLength(r); n != 0 || !errors.Is(r.Err(), tt.want) {
				t.Errorf("ReadLength = %d, %v; want error %v", n, r.Err(), tt.want)
			}
		})
	}
}

func TestLengthNonMinimalAccepted(t *testing.T) {
	// X.690 8.1.3.5 Note 2: the sender may use the long form for a short
	// length; BER decoders accept it.
	r := wire.NewReader([]byte{0x82, 0x00, 0x01, 0xAA})
	if n := ReadLength(r); n != 1 || r.Err() != nil {
		t.Errorf("ReadLength = %d, %v", n, r.Err())
	}
}

func TestInteger(t *testing.T) {
	for _, tt := range []struct {
		name string
		v    uint32
		raw  []byte
	}{
		{"zero", 0, []byte{0x02, 0x01, 0x00}},
		{"maxChannelIds-34", 34, []byte{0x02, 0x01, 0x22}},
		{"0x7f", 0x7F, []byte{0x02, 0x01, 0x7F}},
		{"0x80-needs-sign-octet", 0x80, []byte{0x02, 0x02, 0x00, 0x80}},
		{"minimum-maxMCSPDUsize-1056", 1056, []byte{0x02, 0x02, 0x04, 0x20}},
		// [MS-RDPBCGR] 4.1.4: maxMCSPDUsize 65528 from Windows.
		{"bcgr-4.1.4-65528", 65528, []byte{0x02, 0x03, 0x00, 0xFF, 0xF8}},
		{"65535", 0xFFFF, []byte{0x02, 0x03, 0x00, 0xFF, 0xFF}},
		{"0x7fffffff", 0x7FFFFFFF, []byte{0x02, 0x04, 0x7F, 0xFF, 0xFF, 0xFF}},
		{"max-uint32", 0xFFFFFFFF, []byte{0x02, 0x05, 0x00, 0xFF, 0xFF, 0xFF, 0xFF}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if b := AppendInteger(nil, tt.v); !bytes.Equal(b, tt.raw) || IntegerSize(tt.v) != len(tt.raw) {
				t.Errorf("AppendInteger(%d) = %x (size %d), want %x", tt.v, b, IntegerSize(tt.v), tt.raw)
			}
			r := wire.NewReader(tt.raw)
			if got := ReadInteger(r); got != tt.v || r.Finish() != nil {
				t.Errorf("ReadInteger(%x) = %d, %v", tt.raw, got, r.Finish())
			}
		})
	}
}

func TestIntegerLenient(t *testing.T) {
	for _, tt := range []struct {
		name string
		raw  []byte
		want uint32
	}{
		// [MS-RDPBCGR] 4.1.3: Windows sends maxMCSPDUsize 65535 as FF FF
		// (-1 in two's complement, with a redundant octet); MCS integers are
		// unsigned and it means 65535.
		{"bcgr-4.1.3-ffff", []byte{0x02, 0x02, 0xFF, 0xFF}, 0xFFFF},
		{"bcgr-4.1.3-fc17", []byte{0x02, 0x02, 0xFC, 0x17}, 64535},
		{"non-minimal-leading-zeros", []byte{0x02, 0x04, 0x00, 0x00, 0x00, 0x05}, 5},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := wire.NewReader(tt.raw)
			if got := ReadInteger(r); got != tt.want || r.Finish() != nil {
				t.Errorf("ReadInteger(%x) = %d, %v; want %d", tt.raw, got, r.Finish(), tt.want)
			}
		})
	}
}

func TestIntegerRejects(t *testing.T) {
	for _, tt := range []struct {
		name string
		raw  []byte
	}{
		{"wrong-tag", []byte{0x0A, 0x01, 0x00}},
		{"no-contents", []byte{0x02, 0x00}},
		{"five-octets-nonzero-first", []byte{0x02, 0x05, 0x01, 0x00, 0x00, 0x00, 0x00}},
		{"six-octets", []byte{0x02, 0x06, 0, 0, 0, 0, 0, 1}},
		{"truncated", []byte{0x02, 0x02, 0x01}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := wire.NewReader(tt.raw)
			if got := ReadInteger(r); got != 0 || r.Err() == nil {
				t.Errorf("ReadInteger(%x) = %d, %v; want an error", tt.raw, got, r.Err())
			}
		})
	}
}

func TestEnumerated(t *testing.T) {
	// [MS-RDPBCGR] 4.1.4: result rt-successful.
	if b := AppendEnumerated(nil, 0); !bytes.Equal(b, []byte{0x0A, 0x01, 0x00}) || EnumeratedSize(0) != 3 {
		t.Errorf("AppendEnumerated(0) = %x", b)
	}
	if b := AppendEnumerated(nil, 200); !bytes.Equal(b, []byte{0x0A, 0x02, 0x00, 0xC8}) || EnumeratedSize(200) != 4 {
		t.Errorf("AppendEnumerated(200) = %x", b)
	}
	r := wire.NewReader([]byte{0x0A, 0x01, 0x0E})
	if got := ReadEnumerated(r, 16); got != 14 || r.Finish() != nil {
		t.Errorf("ReadEnumerated = %d, %v", got, r.Finish())
	}
	r = wire.NewReader([]byte{0x0A, 0x01, 0x10})
	if ReadEnumerated(r, 16); !errors.Is(r.Err(), wire.ErrInvalid) {
		t.Errorf("ReadEnumerated out of range: %v", r.Err())
	}
	r = wire.NewReader([]byte{0x02, 0x01, 0x00})
	if ReadEnumerated(r, 16); r.Err() == nil {
		t.Error("ReadEnumerated accepted an INTEGER tag")
	}
}

func TestBoolean(t *testing.T) {
	// [MS-RDPBCGR] 4.1.3: upwardFlag TRUE.
	if b := AppendBoolean(nil, true); !bytes.Equal(b, []byte{0x01, 0x01, 0xFF}) {
		t.Errorf("AppendBoolean(true) = %x", b)
	}
	if b := AppendBoolean(nil, false); !bytes.Equal(b, []byte{0x01, 0x01, 0x00}) {
		t.Errorf("AppendBoolean(false) = %x", b)
	}
	for _, tt := range []struct {
		raw  []byte
		want bool
	}{
		{[]byte{0x01, 0x01, 0xFF}, true},
		{[]byte{0x01, 0x01, 0x01}, true}, // X.690 8.2.2: any non-zero octet is TRUE
		{[]byte{0x01, 0x01, 0x00}, false},
	} {
		r := wire.NewReader(tt.raw)
		if got := ReadBoolean(r); got != tt.want || r.Finish() != nil {
			t.Errorf("ReadBoolean(%x) = %v, %v", tt.raw, got, r.Finish())
		}
	}
	for _, raw := range [][]byte{{0x01, 0x00}, {0x01, 0x02, 0xFF, 0xFF}, {0x02, 0x01, 0xFF}} {
		r := wire.NewReader(raw)
		if ReadBoolean(r); r.Err() == nil {
			t.Errorf("ReadBoolean(%x) succeeded", raw)
		}
	}
}

func TestOctetString(t *testing.T) {
	// [MS-RDPBCGR] 4.1.3: callingDomainSelector 0x01.
	b, err := AppendOctetString(nil, []byte{0x01})
	if err != nil || !bytes.Equal(b, []byte{0x04, 0x01, 0x01}) || OctetStringSize(1) != 3 {
		t.Errorf("AppendOctetString = %x, %v", b, err)
	}
	long := bytes.Repeat([]byte{0xAB}, 0x133)
	b, err = AppendOctetString(nil, long)
	if err != nil || !bytes.Equal(b[:4], []byte{0x04, 0x82, 0x01, 0x33}) || len(b) != OctetStringSize(len(long)) {
		t.Errorf("AppendOctetString(307 bytes) = %x…, %v", b[:4], err)
	}
	r := wire.NewReader(b)
	if got := ReadOctetString(r); !bytes.Equal(got, long) || r.Finish() != nil {
		t.Errorf("ReadOctetString round trip: %v", r.Finish())
	}
	if _, err := AppendOctetString(nil, make([]byte, MaxLength+1)); err == nil {
		t.Error("AppendOctetString accepted 64 KiB")
	}
	// The constructed form (0x24) is not used by T.125 and is rejected.
	r = wire.NewReader([]byte{0x24, 0x03, 0x04, 0x01, 0x01})
	if ReadOctetString(r); r.Err() == nil {
		t.Error("ReadOctetString accepted the constructed form")
	}
}

func TestApplicationTag(t *testing.T) {
	for _, tt := range []struct {
		name   string
		number uint8
		length int
		raw    []byte
	}{
		// [MS-RDPBCGR] 4.1.3 and 4.1.4.
		{"bcgr-4.1.3-connect-initial", 101, 0x194, []byte{0x7F, 0x65, 0x82, 0x01, 0x94}},
		{"bcgr-4.1.4-connect-response", 102, 0x145, []byte{0x7F, 0x66, 0x82, 0x01, 0x45}},
		{"short-form", 1, 0, []byte{0x61, 0x00}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b, err := AppendApplicationTag(nil, tt.number, tt.length)
			if err != nil || !bytes.Equal(b, tt.raw) || ApplicationTagSize(tt.number, tt.length) != len(tt.raw) {
				t.Fatalf("AppendApplicationTag = %x, %v; want %x", b, err, tt.raw)
			}
			r := wire.NewReader(append(append([]byte(nil), tt.raw...), make([]byte, tt.length)...))
			if n := ReadApplicationTag(r, tt.number); n != tt.length || r.Err() != nil {
				t.Errorf("ReadApplicationTag = %d, %v", n, r.Err())
			}
		})
	}
	if _, err := AppendApplicationTag(nil, 200, 0); err == nil {
		t.Error("AppendApplicationTag(200) succeeded")
	}
	r := wire.NewReader([]byte{0x7F, 0x66, 0x00})
	if ReadApplicationTag(r, 101); r.Err() == nil {
		t.Error("ReadApplicationTag(101) accepted tag 102")
	}
	r = wire.NewReader([]byte{0x5F, 0x65, 0x00}) // primitive form
	if ReadApplicationTag(r, 101); r.Err() == nil {
		t.Error("ReadApplicationTag accepted the primitive form")
	}
}

func TestSequence(t *testing.T) {
	// [MS-RDPBCGR] 4.1.4: the DomainParameters header.
	b, err := AppendSequence(nil, 0x1A)
	if err != nil || !bytes.Equal(b, []byte{0x30, 0x1A}) || TagSize(0x1A) != 2 {
		t.Errorf("AppendSequence = %x, %v", b, err)
	}
	r := wire.NewReader([]byte{0x30, 0x01, 0x00})
	if n := ReadSequence(r); n != 1 || r.Err() != nil {
		t.Errorf("ReadSequence = %d, %v", n, r.Err())
	}
}

// FuzzRead decodes one value of the kind the first byte selects; whatever
// decodes must re-encode to bytes that decode to the same value.
func FuzzRead(f *testing.F) {
	f.Add(rdptest.Hex("00 02 02 ff ff"))
	f.Add(rdptest.Hex("00 02 05 00 ff ff ff ff"))
	f.Add(rdptest.Hex("01 0a 01 00"))
	f.Add(rdptest.Hex("02 01 01 ff"))
	f.Add(rdptest.Hex("03 04 82 00 01 33"))
	f.Add(rdptest.Hex("04 7f 65 82 00 00"))
	f.Add(rdptest.Hex("05 30 81 00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) == 0 {
			return
		}
		in := b[1:]
		r := wire.NewReader(in)
		var got, again any
		var enc []byte
		var err error
		switch b[0] % 6 {
		case 0:
			v := ReadInteger(r)
			got, enc = v, AppendInteger(nil, v)
			if r.Err() == nil && len(enc) != IntegerSize(v) {
				t.Fatalf("IntegerSize(%d) = %d, encoded %d", v, IntegerSize(v), len(enc))
			}
			again = ReadInteger(wire.NewReader(enc))
		case 1:
			v := ReadEnumerated(r, 16)
			got, enc = v, AppendEnumerated(nil, v)
			again = ReadEnumerated(wire.NewReader(enc), 16)
		case 2:
			v := ReadBoolean(r)
			got, enc = v, AppendBoolean(nil, v)
			again = ReadBoolean(wire.NewReader(enc))
		case 3:
			v := ReadOctetString(r)
			got = string(v)
			enc, err = AppendOctetString(nil, v)
			again = string(ReadOctetString(wire.NewReader(enc)))
		case 4:
			n := ReadApplicationTag(r, 101)
			r.Skip(n)
			got = n
			enc, err = AppendApplicationTag(nil, 101, n)
			enc = append(enc, make([]byte, n)...)
			again = ReadApplicationTag(wire.NewReader(enc), 101)
		case 5:
			n := ReadSequence(r)
			r.Skip(n)
			got = n
			enc, err = AppendSequence(nil, n)
			enc = append(enc, make([]byte, n)...)
			again = ReadSequence(wire.NewReader(enc))
		}
		if r.Finish() != nil {
			return
		}
		if err != nil {
			t.Fatalf("decoded value does not encode: %v", err)
		}
		if got != again {
			t.Fatalf("round trip: %v, then %v (%x)", got, again, enc)
		}
	})
}
