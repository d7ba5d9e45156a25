package xi2

import (
	"bytes"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestEncodeRequests(t *testing.T) {
	tests := []struct {
		name string
		got  []byte
		want string
	}{
		{"QueryExtension", encodeQueryExtension("XInputExtension"), `
			62 00 06 00  # opcode 98, unused, length 6
			0f 00 00 00  # name length 15, unused
			58496e707574457874656e73696f6e 00  # "XInputExtension", pad
		`},
		{"XIQueryVersion", encodeXIQueryVersion(131, 2, 2), `
			83 2f 02 00  # XInput, XIQueryVersion (47), length 2
			02 00 02 00  # 2.2
		`},
		{"XIQueryDevice", encodeXIQueryDevice(131, xiAllDevices), `
			83 30 02 00  # XInput, XIQueryDevice (48), length 2
			00 00 00 00  # XIAllDevices, pad
		`},
		{"XISelectEvents", encodeXISelectEvents(131, 0x50d, []eventMask{{xiAllDevices, 1<<xiRawKeyPress | 1<<xiHierarchyChanged}}), `
			83 2e 05 00  # XInput, XISelectEvents (46), length 5
			0d 05 00 00  # window
			01 00 00 00  # 1 mask, pad
			00 00 01 00  # XIAllDevices, mask_len 1
			00 28 00 00  # bits 11 (HierarchyChanged) and 13 (RawKeyPress)
		`},
		{"XISelectEvents two masks", encodeXISelectEvents(131, 1, []eventMask{{xiAllDevices, 1 << 11}, {xiAllMasterDevices, 1 << 13}}), `
			83 2e 07 00 01 00 00 00 02 00 00 00
			00 00 01 00 00 08 00 00
			01 00 01 00 00 20 00 00
		`},
	}
	for _, tt := range tests {
		if want := unhex(t, tt.want); !bytes.Equal(tt.got, want) {
			t.Errorf("%s:\n got %x\nwant %x", tt.name, tt.got, want)
		}
	}
}

func TestMessageLen(t *testing.T) {
	head := func(typ byte, length uint32) []byte {
		b := make([]byte, msgHeaderLen)
		b[0] = typ
		put32(b[4:], length)
		return b
	}
	tests := []struct {
		name string
		head []byte
		want int // -1: error
	}{
		{"error", head(msgError, 0xffffffff), 32},
		{"core event", head(2, 0xffffffff), 32},
		{"MappingNotify", head(34, 7), 32},
		{"sent event", head(2|sendEventBit, 7), 32},
		{"reply", head(msgReply, 3), 44},
		{"empty reply", head(msgReply, 0), 32},
		{"GenericEvent", head(msgGenericEvent, 2), 40},
		{"sent GenericEvent", head(msgGenericEvent|sendEventBit, 2), 40},
		{"largest", head(msgReply, (maxMessageLen-32)/4), maxMessageLen},
		{"too large", head(msgReply, (maxMessageLen-32)/4+1), -1},
		{"absurd", head(msgGenericEvent, 0xffffffff), -1},
		{"reply with SendEvent bit", head(msgReply|sendEventBit, 0), -1},
		{"short header", head(msgReply, 0)[:31], -1},
	}
	for _, tt := range tests {
		got, err := messageLen(tt.head)
		if tt.want < 0 {
			if err == nil {
				t.Errorf("%s: messageLen = %d, want an error", tt.name, got)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s: messageLen = %d, %v; want %d", tt.name, got, err, tt.want)
		}
	}
}

func TestParseError(t *testing.T) {
	msg := unhex(t, `
		00 02 07 00  # Error, BadValue, sequence 7
		05 00 00 00  # bad value 5
		30 00 83     # minor 48, major 131
		00 00000000 00000000 00000000 00000000 00000000
	`)
	got, err := parseError(msg)
	if err != nil {
		t.Fatal(err)
	}
	want := xError{code: 2, sequence: 7, value: 5, major: 131, minor: 48}
	if got != want {
		t.Errorf("parseError = %+v, want %+v", got, want)
	}
	if _, err := parseError(msg[:31]); err == nil {
		t.Error("31-byte error accepted")
	}
	msg[0] = msgReply
	if _, err := parseError(msg); err == nil {
		t.Error("reply accepted as an error")
	}
}

func TestParseQueryExtensionReply(t *testing.T) {
	msg := unhex(t, `
		01 00 01 00 00 00 00 00  # Reply, sequence 1, length 0
		01 83 42 81              # present, major 131, first event 66, first error 129
		0000000000000000000000000000000000000000
	`)
	got, err := parseQueryExtensionReply(msg)
	if err != nil {
		t.Fatal(err)
	}
	if want := (extension{present: true, major: 131, firstEvent: 66, firstError: 129}); got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
	for n := 0; n < len(msg); n++ {
		if _, err := parseQueryExtensionReply(msg[:n]); err == nil {
			t.Errorf("prefix of %d bytes accepted", n)
		}
	}
	long := append(bytes.Clone(msg), 0, 0, 0, 0)
	if _, err := parseQueryExtensionReply(long); err == nil {
		t.Error("reply longer than its length field accepted")
	}
}

func TestParseXIQueryVersionReply(t *testing.T) {
	msg := unhex(t, `
		01 2f 02 00 00 00 00 00  # Reply, XIQueryVersion, sequence 2, length 0
		02 00 02 00              # 2.2
		0000000000000000000000000000000000000000
	`)
	major, minor, err := parseXIQueryVersionReply(msg)
	if err != nil || major != 2 || minor != 2 {
		t.Errorf("got %d.%d, %v; want 2.2", major, minor, err)
	}
	if _, _, err := parseXIQueryVersionReply(msg[:31]); err == nil {
		t.Error("truncated reply accepted")
	}
}

// goldenQueryDevice is an XIQueryDevice reply with a master keyboard (one
// KeyClass) and its XTEST slave (no classes), laid out as XI2proto.txt
// and XI2proto.h (xXIDeviceInfo, xXIKeyInfo) say.
const goldenQueryDevice = `
	01 30 04 00  # Reply, XIQueryDevice, sequence 4
	16 00 00 00  # 22 more 4-byte units (88 bytes)
	02 00 00 00  # 2 devices, pad
	0000000000000000000000000000000000000000
	# DEVICEINFO
	03 00 02 00 02 00  # deviceid 3, MasterKeyboard, paired with 2
	01 00 15 00        # 1 class, name length 21
	01 00              # enabled, pad
	5669727475616c20636f7265206b6579626f617264 000000  # "Virtual core keyboard", pad
	00 00 03 00 03 00 01 00 09 00 00 00  # KeyClass, 3 units, source 3, 1 key: 9
	# DEVICEINFO
	05 00 04 00 03 00  # deviceid 5, SlaveKeyboard, attached to 3
	00 00 1b 00        # no classes, name length 27
	01 00
	5669727475616c20636f7265205854455354206b6579626f617264 00  # "Virtual core XTEST keyboard", pad
`

func TestParseXIQueryDeviceReply(t *testing.T) {
	msg := unhex(t, goldenQueryDevice)
	got, err := parseXIQueryDeviceReply(msg)
	if err != nil {
		t.Fatal(err)
	}
	want := []device{
		{id: 3, use: xiMasterKeyboard, attachment: 2, enabled: true, name: "Virtual core keyboard"},
		{id: 5, use: xiSlaveKeyboard, attachment: 3, enabled: true, name: "Virtual core XTEST keyboard"},
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(device{})); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestParseXIQueryDeviceReplyRejects(t *testing.T) {
	good := unhex(t, goldenQueryDevice)
	for n := 0; n < len(good); n++ {
		if _, err := parseXIQueryDeviceReply(good[:n]); err == nil {
			t.Errorf("prefix of %d bytes accepted", n)
		}
	}
	mutate := func(f func(b []byte)) []byte { b := bytes.Clone(good); f(b); return b }
	tests := map[string][]byte{
		"one device too many":   mutate(func(b []byte) { b[8] = 3 }),
		"device count huge":     mutate(func(b []byte) { put16(b[8:], 0xffff) }),
		"one device too few":    mutate(func(b []byte) { b[8] = 1 }),
		"name overruns":         mutate(func(b []byte) { put16(b[88:], 0xff) }),
		"class overruns":        mutate(func(b []byte) { put16(b[70:], 0xff) }),
		"class of length zero":  mutate(func(b []byte) { put16(b[70:], 0) }),
		"a class too many":      mutate(func(b []byte) { b[38] = 2 }),
		"length field too long": mutate(func(b []byte) { b[4]++ }),
		"not a reply":           mutate(func(b []byte) { b[0] = msgGenericEvent }),
	}
	for name, b := range tests {
		if devs, err := parseXIQueryDeviceReply(b); err == nil {
			t.Errorf("%s: accepted: %+v", name, devs)
		} else if !errors.Is(err, errMalformed) {
			t.Errorf("%s: err = %v, want errMalformed", name, err)
		}
	}
}

func TestDeviceIsXTest(t *testing.T) {
	for name, want := range map[string]bool{
		"Virtual core XTEST keyboard":  true,
		"Virtual core XTEST pointer":   true,
		"second XTEST keyboard":        true,
		"Virtual core keyboard":        false,
		"Xvfb keyboard":                false,
		"AT Translated Set 2 keyboard": false,
		"XTEST keyboard (not really)":  false,
		"":                             false,
	} {
		if got := (device{name: name}).isXTest(); got != want {
			t.Errorf("isXTest(%q) = %v, want %v", name, got, want)
		}
	}
}

// recordedRawKeyPress is the RawKeyPress Xvfb 21.1.7 sent for
// `xdotool key Escape`, from the XTEST keyboard's own copy.
const recordedRawKeyPress = `
	23 83 04 00  # GenericEvent, XInput (131), sequence 4
	02 00 00 00  # 2 more 4-byte units
	0d 00 05 00  # RawKeyPress, deviceid 5
	74 54 04 01  # time
	09 00 00 00  # detail: keycode 9
	05 00 02 00  # sourceid 5, valuators_len 2
	00 00 00 00  # flags
	00 00 00 00  # pad
	00 00 00 00 00 00 00 00  # valuator mask: none
`

func TestParseGenericEvent(t *testing.T) {
	msg := unhex(t, recordedRawKeyPress)
	if n, err := messageLen(msg[:32]); err != nil || n != len(msg) {
		t.Fatalf("messageLen = %d, %v; want %d", n, err, len(msg))
	}
	got, err := parseGenericEvent(msg, 131)
	if err != nil {
		t.Fatal(err)
	}
	want := xiEvent{extension: 131, evtype: xiRawKeyPress, deviceid: 5, time: 0x01045474, detail: 9, sourceid: 5}
	if got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}

	// With valuators: one bit set means two FP3232 values (16 bytes).
	withVals := append(bytes.Clone(msg), make([]byte, 16)...)
	put32(withVals[4:], 6)
	withVals[32] = 0x01
	if _, err := parseGenericEvent(withVals, 131); err != nil {
		t.Errorf("raw event with one valuator: %v", err)
	}
	short := bytes.Clone(withVals[:len(withVals)-8])
	put32(short[4:], 4)
	if _, err := parseGenericEvent(short, 131); !errors.Is(err, errMalformed) {
		t.Errorf("raw event missing its values: err = %v, want errMalformed", err)
	}
	hugeMask := bytes.Clone(msg)
	put16(hugeMask[22:], 0xffff)
	if _, err := parseGenericEvent(hugeMask, 131); !errors.Is(err, errMalformed) {
		t.Errorf("raw event with an overlong mask: err = %v, want errMalformed", err)
	}

	// Another extension's event: header only, no raw checks.
	other := bytes.Clone(hugeMask)
	other[1] = 140
	if ev, err := parseGenericEvent(other, 131); err != nil || ev.extension != 140 || ev.sourceid != 0 {
		t.Errorf("other extension's event = %+v, %v", ev, err)
	}

	for n := 0; n < len(msg); n++ {
		if _, err := parseGenericEvent(msg[:n], 131); err == nil {
			t.Errorf("prefix of %d bytes accepted", n)
		}
	}
	if _, err := parseGenericEvent(append(bytes.Clone(msg), 0, 0, 0, 0), 131); err == nil {
		t.Error("event longer than its length field accepted")
	}
}
