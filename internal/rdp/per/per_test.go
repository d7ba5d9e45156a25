package per

import (
	"bytes"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func TestLength(t *testing.T) {
	for _, tt := range []struct {
		n   int
		raw []byte
	}{
		{0, []byte{0x00}},
		{0x7F, []byte{0x7F}},
		{0x80, []byte{0x80, 0x80}},
		// A two-byte length, as a GCC ConnectPDU length takes.
		{0x1B2, []byte{0x81, 0xB2}},
		{MaxLength, []byte{0xBF, 0xFF}},
	} {
		b, err := AppendLength(nil, tt.n)
		if err != nil || !bytes.Equal(b, tt.raw) || LengthSize(tt.n) != len(tt.raw) {
			t.Errorf("AppendLength(%d) = %x, %v; want %x", tt.n, b, err, tt.raw)
		}
		r := wire.NewReader(tt.raw)
		if got := ReadLength(r); got != tt.n || r.Finish() != nil {
			t.Errorf("ReadLength(%x) = %d, %v", tt.raw, got, r.Finish())
		}
	}
	if _, err := AppendLength(nil, MaxLength+1); err == nil {
		t.Error("AppendLength accepted a length needing fragmentation")
	}
	r := wire.NewReader([]byte{0xC1})
	if ReadLength(r); r.Err() == nil {
		t.Error("ReadLength accepted a fragmented length")
	}
	if b, _ := AppendLengthLong(nil, 5); !bytes.Equal(b, []byte{0x80, 0x05}) {
		t.Errorf("AppendLengthLong = %x", b)
	}
}

func TestInteger(t *testing.T) {
	for _, tt := range []struct {
		v   uint32
		raw []byte
	}{
		{0, []byte{1, 0}},
		{0xFF, []byte{1, 0xFF}},
		{0x100, []byte{2, 1, 0}},
		{0x12345678, []byte{4, 0x12, 0x34, 0x56, 0x78}},
	} {
		if b := AppendInteger(nil, tt.v); !bytes.Equal(b, tt.raw) {
			t.Errorf("AppendInteger(%d) = %x", tt.v, b)
		}
		r := wire.NewReader(tt.raw)
		if got := ReadInteger(r); got != tt.v || r.Finish() != nil {
			t.Errorf("ReadInteger(%x) = %d, %v", tt.raw, got, r.Finish())
		}
	}
	r := wire.NewReader([]byte{3, 1, 2, 3})
	if ReadInteger(r); r.Err() == nil {
		t.Error("ReadInteger accepted length 3")
	}
}

func TestInteger16(t *testing.T) {
	// Attach User Confirm initiator: user 1007 is 6 above MCS_BASE_CHANNEL 1001.
	b, err := AppendInteger16(nil, 1007, 1001)
	if err != nil || !bytes.Equal(b, []byte{0x00, 0x06}) {
		t.Fatalf("AppendInteger16 = %x, %v", b, err)
	}
	r := wire.NewReader(b)
	if got := ReadInteger16(r, 1001); got != 1007 {
		t.Errorf("ReadInteger16 = %d", got)
	}
	if _, err := AppendInteger16(nil, 5, 1001); err == nil {
		t.Error("AppendInteger16 accepted a value below min")
	}
	r = wire.NewReader([]byte{0xFF, 0xFF})
	if ReadInteger16(r, 1001); r.Err() == nil {
		t.Error("ReadInteger16 accepted an overflow")
	}
}

func TestObjectIdentifier(t *testing.T) {
	raw := []byte{0x05, 0x00, 0x14, 0x7C, 0x00, 0x01} // [MS-RDPBCGR] 4.1.3: t124Identifier
	b, err := AppendObjectIdentifier(nil, T124OID())
	if err != nil || !bytes.Equal(b, raw) {
		t.Fatalf("AppendObjectIdentifier = %x, %v", b, err)
	}
	r := wire.NewReader(raw)
	if got := ReadObjectIdentifier(r); got != T124OID() || r.Finish() != nil {
		t.Errorf("ReadObjectIdentifier = %v, %v", got, r.Finish())
	}
	r = wire.NewReader([]byte{0x04, 0, 0, 0, 0})
	if ReadObjectIdentifier(r); r.Err() == nil {
		t.Error("accepted OID length 4")
	}
}

func TestStrings(t *testing.T) {
	// [MS-RDPBCGR] 4.1.3: conferenceName "1" is NumericString (SIZE(1..)) 00 10.
	b, err := AppendNumericString(nil, "1", 1)
	if err != nil || !bytes.Equal(b, []byte{0x00, 0x10}) {
		t.Fatalf("AppendNumericString = %x, %v", b, err)
	}
	r := wire.NewReader(b)
	if got := ReadNumericString(r, 1); got != "1" || r.Finish() != nil {
		t.Errorf("ReadNumericString = %q, %v", got, r.Finish())
	}
	// h221NonStandard key "Duca": OCTET STRING (SIZE(4..255)) 00 44 75 63 61.
	b, err = AppendOctetString(nil, []byte("Duca"), 4)
	if err != nil || !bytes.Equal(b, []byte{0x00, 'D', 'u', 'c', 'a'}) {
		t.Fatalf("AppendOctetString = %x, %v", b, err)
	}
	r = wire.NewReader(b)
	if got := ReadOctetString(r, 4); string(got) != "Duca" || r.Finish() != nil {
		t.Errorf("ReadOctetString = %q, %v", got, r.Finish())
	}
	r = wire.NewReader([]byte{0x00, 0xA0})
	if ReadNumericString(r, 1); r.Err() == nil {
		t.Error("accepted a non-digit nibble")
	}
	r = wire.NewReader([]byte{1})
	if ReadEnumerated(r, 1); r.Err() == nil {
		t.Error("ReadEnumerated accepted an out-of-range value")
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte{0x05, 0x00, 0x14, 0x7C, 0x00, 0x01, 0x81, 0xB2})
	f.Add([]byte{0x00, 0x10, 0x00, 0x44, 0x75, 0x63, 0x61})
	f.Fuzz(func(t *testing.T, b []byte) {
		r := wire.NewReader(b)
		ReadObjectIdentifier(r)
		ReadLength(r)
		ReadInteger(r)
		ReadNumericString(r, 1)
		ReadOctetString(r, 4)
		ReadInteger16(r, 1001)
		_ = r.Finish()
	})
}
