package xi2

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// appendAuthEntry encodes one Xauthority record, for tests: what
// `xauth add` writes (libXau XauWriteAuth).
func appendAuthEntry(b []byte, e authEntry) []byte {
	b = binary.BigEndian.AppendUint16(b, e.family)
	for _, s := range [][]byte{e.address, []byte(e.number), []byte(e.name), e.data} {
		b = binary.BigEndian.AppendUint16(b, uint16(len(s)))
		b = append(b, s...)
	}
	return b
}

var testCookie = []byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}

func TestParseXauthorityGolden(t *testing.T) {
	// `xauth -f f add vm/unix:7 MIT-MAGIC-COOKIE-1 000102030405060708090a0b0c0d0e0f`
	// writes exactly this.
	file := []byte{
		0x01, 0x00, // family 256 (FamilyLocal), big-endian
		0x00, 0x02, 'v', 'm', // address "vm"
		0x00, 0x01, '7', // display number "7"
		0x00, 0x12, 'M', 'I', 'T', '-', 'M', 'A', 'G', 'I', 'C', '-', 'C', 'O', 'O', 'K', 'I', 'E', '-', '1',
		0x00, 0x10, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
	}
	want := []authEntry{{family: familyLocal, address: []byte("vm"), number: "7", name: cookieName, data: testCookie}}
	got, err := parseXauthority(file)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(authEntry{})); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if enc := appendAuthEntry(nil, want[0]); !bytes.Equal(enc, file) {
		t.Errorf("appendAuthEntry = %x, want %x", enc, file)
	}
}

func TestParseXauthorityTruncated(t *testing.T) {
	first := authEntry{family: familyWild, number: "", name: cookieName, data: testCookie}
	second := authEntry{family: familyLocal, address: []byte("host"), number: "0", name: "XDM-AUTHORIZATION-1", data: []byte("0123456789abcdef")}
	one := appendAuthEntry(nil, first)
	file := appendAuthEntry(bytes.Clone(one), second)
	if got, err := parseXauthority(file); err != nil || len(got) != 2 {
		t.Fatalf("parseXauthority(whole) = %d entries, %v", len(got), err)
	}
	if got, err := parseXauthority(nil); err != nil || len(got) != 0 {
		t.Errorf("parseXauthority(empty) = %v, %v; want nothing, no error", got, err)
	}
	// Every cut inside the second record loses it and only it.
	for n := len(one) + 1; n < len(file); n++ {
		got, err := parseXauthority(file[:n])
		if !errors.Is(err, errXauthority) {
			t.Errorf("parseXauthority(%d of %d bytes): err = %v, want errXauthority", n, len(file), err)
		}
		if len(got) != 1 || got[0].name != cookieName {
			t.Errorf("parseXauthority(%d of %d bytes) = %+v, want the first entry", n, len(file), got)
		}
	}
	for n := 1; n < len(one); n++ {
		if got, err := parseXauthority(one[:n]); err == nil || len(got) != 0 {
			t.Errorf("parseXauthority(%d of %d bytes) = %+v, %v; want an error and nothing", n, len(one), got, err)
		}
	}
}

func TestFindCookie(t *testing.T) {
	other := []byte("ffffffffffffffff")
	local := func(host, number string, data []byte) authEntry {
		return authEntry{family: familyLocal, address: []byte(host), number: number, name: cookieName, data: data}
	}
	tests := []struct {
		name    string
		entries []authEntry
		family  uint16
		address string
		number  string
		want    []byte // nil: no match
	}{
		{"local match", []authEntry{local("vm", "7", testCookie)}, familyLocal, "vm", "7", testCookie},
		{"other display", []authEntry{local("vm", "7", testCookie)}, familyLocal, "vm", "8", nil},
		{"other host", []authEntry{local("other", "7", testCookie)}, familyLocal, "vm", "7", nil},
		{"empty number matches any display", []authEntry{local("vm", "", testCookie)}, familyLocal, "vm", "3", testCookie},
		{"wild matches any host", []authEntry{{family: familyWild, address: []byte("x"), number: "7", name: cookieName, data: testCookie}}, familyLocal, "vm", "7", testCookie},
		{"wild still checks the number", []authEntry{{family: familyWild, number: "1", name: cookieName, data: testCookie}}, familyLocal, "vm", "7", nil},
		{"other protocol skipped", []authEntry{
			{family: familyLocal, address: []byte("vm"), number: "7", name: "XDM-AUTHORIZATION-1", data: other},
			local("vm", "7", testCookie),
		}, familyLocal, "vm", "7", testCookie},
		{"first match wins", []authEntry{local("vm", "7", testCookie), local("vm", "7", other)}, familyLocal, "vm", "7", testCookie},
		{"internet by address", []authEntry{
			{family: familyInternet, address: []byte{10, 0, 0, 2}, number: "0", name: cookieName, data: other},
			{family: familyInternet, address: []byte{10, 0, 0, 1}, number: "0", name: cookieName, data: testCookie},
		}, familyInternet, "\x0a\x00\x00\x01", "0", testCookie},
		{"family must match", []authEntry{{family: familyInternet, address: []byte("vm"), number: "7", name: cookieName, data: testCookie}}, familyLocal, "vm", "7", nil},
		{"no entries", nil, familyLocal, "vm", "0", nil},
	}
	for _, tt := range tests {
		got, ok := findCookie(tt.entries, tt.family, []byte(tt.address), tt.number)
		if ok != (tt.want != nil) || !bytes.Equal(got, tt.want) {
			t.Errorf("%s: findCookie = %x, %v; want %x", tt.name, got, ok, tt.want)
		}
	}
}
