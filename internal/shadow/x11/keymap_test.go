//go:build linux

package x11

import (
	"testing"

	"github.com/jezek/xgb/xproto"

	"github.com/ranoviced/ranoviced/internal/rdp/input"
)

// scanKey is one scan code keycodeFor knows, with the Linux evdev code it
// must give (linux/input-event-codes.h) and the keysym Xvfb's default
// keymap (evdev rules, pc105, us) has on that key's first column, 0 where
// that keymap leaves the key empty.
type scanKey struct {
	sc    uint16
	flags input.KeyFlags
	ev    int
	name  string
	sym   xproto.Keysym
}

const e0, e1 = input.KeyExtended, input.KeyExtended1

// mainBlockSyms are the us keysyms of evdev codes 1-83 (KEY_ESC to
// KEY_KPDOT), whose set 1 codes are the same numbers.
var mainBlockSyms = [84]xproto.Keysym{
	1: 0xff1b, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x30, 0x2d, 0x3d, 0xff08, // Esc 1-0 - = BackSpace
	0xff09, 0x71, 0x77, 0x65, 0x72, 0x74, 0x79, 0x75, 0x69, 0x6f, 0x70, 0x5b, 0x5d, 0xff0d, // Tab q-p [ ] Return
	0xffe3, 0x61, 0x73, 0x64, 0x66, 0x67, 0x68, 0x6a, 0x6b, 0x6c, 0x3b, 0x27, 0x60, // Control_L a-l ; ' `
	0xffe1, 0x5c, 0x7a, 0x78, 0x63, 0x76, 0x62, 0x6e, 0x6d, 0x2c, 0x2e, 0x2f, 0xffe2, // Shift_L \ z-m , . / Shift_R
	0xffaa, 0xffe9, 0x20, 0xffe5, // KP_Multiply Alt_L space Caps_Lock
	0xffbe, 0xffbf, 0xffc0, 0xffc1, 0xffc2, 0xffc3, 0xffc4, 0xffc5, 0xffc6, 0xffc7, // F1-F10
	0xff7f, 0xff14, // Num_Lock Scroll_Lock
	0xff95, 0xff97, 0xff9a, 0xffad, 0xff96, 0xff9d, 0xff98, 0xffab, // KP_Home KP_Up KP_Prior KP_Subtract KP_Left KP_Begin KP_Right KP_Add
	0xff9c, 0xff99, 0xff9b, 0xff9e, 0xff9f, // KP_End KP_Down KP_Next KP_Insert KP_Delete
}

// scanKeys lists every code keycodeFor must accept, written out apart from
// the table in keymap.go.
var scanKeys = func() []scanKey {
	var ks []scanKey
	for sc := 1; sc <= 0x53; sc++ {
		ks = append(ks, scanKey{uint16(sc), 0, sc, "main block", mainBlockSyms[sc]})
	}
	return append(ks,
		scanKey{0x54, 0, 99, "KEY_SYSRQ (Alt+PrintScreen)", 0xff61},
		scanKey{0x56, 0, 86, "KEY_102ND", 0x3c},
		scanKey{0x57, 0, 87, "KEY_F11", 0xffc8},
		scanKey{0x58, 0, 88, "KEY_F12", 0xffc9},
		scanKey{0x59, 0, 117, "KEY_KPEQUAL", 0xffbd},
		scanKey{0x5C, 0, 95, "KEY_KPJPCOMMA", 0},
		scanKey{0x64, 0, 183, "KEY_F13", 0x1008ff81},
		scanKey{0x65, 0, 184, "KEY_F14", 0x1008ff45},
		scanKey{0x66, 0, 185, "KEY_F15", 0x1008ff46},
		scanKey{0x67, 0, 186, "KEY_F16", 0x1008ff47},
		scanKey{0x68, 0, 187, "KEY_F17", 0x1008ff48},
		scanKey{0x69, 0, 188, "KEY_F18", 0x1008ff49},
		scanKey{0x6A, 0, 189, "KEY_F19", 0},
		scanKey{0x6B, 0, 190, "KEY_F20", 0x1008ffb2},
		scanKey{0x6C, 0, 191, "KEY_F21", 0x1008ffa9},
		scanKey{0x6D, 0, 192, "KEY_F22", 0x1008ffb0},
		scanKey{0x6E, 0, 193, "KEY_F23", 0x1008ffb1},
		scanKey{0x70, 0, 93, "KEY_KATAKANAHIRAGANA", 0xff27},
		scanKey{0x71, 0, 123, "KEY_HANJA", 0xff34},
		scanKey{0x72, 0, 122, "KEY_HANGEUL", 0xff31},
		scanKey{0x73, 0, 89, "KEY_RO", 0},
		scanKey{0x76, 0, 194, "KEY_F24", 0},
		scanKey{0x77, 0, 91, "KEY_HIRAGANA", 0xff25},
		scanKey{0x78, 0, 90, "KEY_KATAKANA", 0xff26},
		scanKey{0x79, 0, 92, "KEY_HENKAN", 0xff23},
		scanKey{0x7B, 0, 94, "KEY_MUHENKAN", 0xff22},
		scanKey{0x7D, 0, 124, "KEY_YEN", 0},
		scanKey{0x7E, 0, 121, "KEY_KPCOMMA", 0xffae},

		scanKey{0x10, e0, 165, "KEY_PREVIOUSSONG", 0x1008ff16},
		scanKey{0x19, e0, 163, "KEY_NEXTSONG", 0x1008ff17},
		scanKey{0x1C, e0, 96, "KEY_KPENTER", 0xff8d},
		scanKey{0x1D, e0, 97, "KEY_RIGHTCTRL", 0xffe4},
		scanKey{0x20, e0, 113, "KEY_MUTE", 0x1008ff12},
		scanKey{0x21, e0, 140, "KEY_CALC", 0x1008ff1d},
		scanKey{0x22, e0, 164, "KEY_PLAYPAUSE", 0x1008ff14},
		scanKey{0x24, e0, 166, "KEY_STOPCD", 0x1008ff15},
		scanKey{0x2E, e0, 114, "KEY_VOLUMEDOWN", 0x1008ff11},
		scanKey{0x30, e0, 115, "KEY_VOLUMEUP", 0x1008ff13},
		scanKey{0x32, e0, 172, "KEY_HOMEPAGE", 0x1008ff18},
		scanKey{0x35, e0, 98, "KEY_KPSLASH", 0xffaf},
		scanKey{0x36, e0, 54, "KEY_RIGHTSHIFT", 0xffe2},
		scanKey{0x37, e0, 99, "KEY_SYSRQ (PrintScreen)", 0xff61},
		scanKey{0x38, e0, 100, "KEY_RIGHTALT", 0xffea},
		scanKey{0x45, e0, 69, "KEY_NUMLOCK", 0xff7f},
		scanKey{0x46, e0, 119, "KEY_PAUSE (Ctrl+Break)", 0xff13},
		scanKey{0x47, e0, 102, "KEY_HOME", 0xff50},
		scanKey{0x48, e0, 103, "KEY_UP", 0xff52},
		scanKey{0x49, e0, 104, "KEY_PAGEUP", 0xff55},
		scanKey{0x4B, e0, 105, "KEY_LEFT", 0xff51},
		scanKey{0x4D, e0, 106, "KEY_RIGHT", 0xff53},
		scanKey{0x4F, e0, 107, "KEY_END", 0xff57},
		scanKey{0x50, e0, 108, "KEY_DOWN", 0xff54},
		scanKey{0x51, e0, 109, "KEY_PAGEDOWN", 0xff56},
		scanKey{0x52, e0, 110, "KEY_INSERT", 0xff63},
		scanKey{0x53, e0, 111, "KEY_DELETE", 0xffff},
		scanKey{0x5B, e0, 125, "KEY_LEFTMETA", 0xffeb},
		scanKey{0x5C, e0, 126, "KEY_RIGHTMETA", 0xffec},
		scanKey{0x5D, e0, 127, "KEY_COMPOSE", 0xff67},
		scanKey{0x65, e0, 217, "KEY_SEARCH", 0x1008ff1b},
		scanKey{0x66, e0, 156, "KEY_BOOKMARKS", 0x1008ff30},
		scanKey{0x67, e0, 173, "KEY_REFRESH", 0x1008ff73},
		scanKey{0x68, e0, 128, "KEY_STOP", 0xff69},
		scanKey{0x69, e0, 159, "KEY_FORWARD", 0x1008ff27},
		scanKey{0x6A, e0, 158, "KEY_BACK", 0x1008ff26},
		scanKey{0x6B, e0, 157, "KEY_COMPUTER", 0x1008ff33},
		scanKey{0x6C, e0, 155, "KEY_MAIL", 0x1008ff19},
		scanKey{0x6D, e0, 226, "KEY_MEDIA", 0x1008ff32},

		scanKey{0x1D, e1, 119, "KEY_PAUSE", 0xff13},
	)
}()

// TestKeycodeFor checks every scan code and prefix: the listed ones give
// evdev code + 8, in both directions; everything else is rejected.
func TestKeycodeFor(t *testing.T) {
	want := map[[2]uint16]int{}
	for _, k := range scanKeys {
		key := [2]uint16{k.sc, uint16(k.flags)}
		if _, dup := want[key]; dup {
			t.Fatalf("scanKeys lists %v twice", input.Key{Scancode: k.sc, Flags: k.flags})
		}
		want[key] = k.ev
	}
	accepted := 0
	for sc := range 0x400 {
		for _, prefix := range []input.KeyFlags{0, e0, e1, e0 | e1} {
			ev, known := want[[2]uint16{uint16(sc), uint16(prefix)}]
			for _, dir := range []input.KeyFlags{0, input.KeyRelease} {
				k := input.Key{Scancode: uint16(sc), Flags: prefix | dir}
				kc, ok := keycodeFor(k.Scancode, k.Flags)
				switch {
				case known && (!ok || int(kc) != ev+8):
					t.Errorf("keycodeFor(%v) = %d, %v; want %d", k, kc, ok, ev+8)
				case !known && ok:
					t.Errorf("keycodeFor(%v) = %d; want it rejected", k, kc)
				case ok:
					accepted++
				}
			}
		}
	}
	if accepted != 2*len(scanKeys) {
		t.Errorf("accepted %d codes, want %d", accepted, 2*len(scanKeys))
	}
	// The spare keycodes for Unicode input must avoid exactly these.
	for kc := range 256 {
		inTable := false
		for _, k := range scanKeys {
			inTable = inTable || k.ev+8 == kc
		}
		if tableKeycodes[kc] != inTable {
			t.Errorf("tableKeycodes[%d] = %v, want %v", kc, tableKeycodes[kc], inTable)
		}
	}
}

func TestKeysymForRune(t *testing.T) {
	tests := []struct {
		r    rune
		ks   xproto.Keysym
		fail bool
	}{
		{'q', 0x71, false},
		{' ', 0x20, false},
		{'~', 0x7e, false},
		{0xa0, 0xa0, false},
		{'é', 0xe9, false},
		{'ÿ', 0xff, false},
		{'€', 0x10020ac, false},
		{'ж', 0x1000436, false},
		{0x1f600, 0x101f600, false},
		{'\b', 0xff08, false},
		{'\t', 0xff09, false},
		{'\r', 0xff0d, false},
		{'\n', 0xff0d, false},
		{0x1b, 0xff1b, false},
		{0x7f, 0xffff, false},
		{0, 0, true},
		{0x01, 0, true},
		{0x85, 0, true},
		{0xd800, 0, true},
		{0xdfff, 0, true},
		{0xfffe, 0, true},
		{0x1ffff, 0, true},
		{0xfdd0, 0, true},
		{0x110000, 0, true},
	}
	for _, tt := range tests {
		ks, ok := keysymForRune(tt.r)
		if ok == tt.fail || ks != tt.ks {
			t.Errorf("keysymForRune(%U) = %#x, %v; want %#x, %v", tt.r, ks, ok, tt.ks, !tt.fail)
		}
	}
}

func TestCasePair(t *testing.T) {
	for _, tt := range []struct {
		l, u xproto.Keysym
		want bool
	}{
		{'a', 'A', true},
		{0xe9, 0xc9, true},           // é É
		{0x1000436, 0x1000416, true}, // ж Ж
		{'1', '!', false},
		{'a', 'a', false},
		{'A', 'a', false},
		{0xff0d, 0, false},
	} {
		if got := casePair(tt.l, tt.u); got != tt.want {
			t.Errorf("casePair(%#x, %#x) = %v", tt.l, tt.u, got)
		}
	}
}
