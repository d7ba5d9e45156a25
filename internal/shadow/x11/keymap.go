//go:build linux

package x11

import (
	"github.com/jezek/xgb/xproto"

	"github.com/ranoviced/ranoviced/internal/rdp/input"
)

// RDP sends keys as PC/AT scan code set 1 codes with the E0 and E1 prefixes
// as flags, the codes Windows itself uses ([MS-RDPBCGR] 2.2.8.1.1.3.1.1.1).
// The X servers this package drives (Xorg with the libinput or evdev
// driver, Xvfb, Xwayland) use the evdev keycode set of xkeyboard-config:
// X keycode = Linux evdev code (linux/input-event-codes.h) + 8. So a scan
// code is translated by position, whatever the novice's layout, through
// the evdev code the Linux kernel gives the same physical key.
//
// For the main block, 0x01-0x53 and 0x57-0x58, the evdev code equals the
// scan code (the kernel's set 1 numbering). The other codes come from
// Microsoft's "Keyboard Scan Code Specification" (the set 1 column of its
// USB HID usage table; FreeRDP's scancode.h names the same codes), checked
// against the "AT set1 keycode" column of QEMU's keycodemapdb
// (data/keymaps.csv), which pairs set 1 codes with Linux evdev codes. Where
// the two disagree (F13-F24, 0x76), Microsoft's meaning wins, as the client
// runs Windows or follows Windows' codes.
//
// Deliberately left out:
//   - E0 5E Power, E0 5F Sleep, E0 63 Wake: a helper must not power off
//     or suspend the novice's machine with a keystroke.
//   - E0 2A and E0 AA, the "fake shifts" a keyboard wraps around some E0
//     keys: Windows drops them before any application (mstsc included)
//     sees them; a client that sent them would get them ignored here too.
//   - Codes no PC keyboard of Windows' tables sends (0x00, 0x55, 0x5A,
//     0x5B, 0x5D-0x63, 0x6F, 0x74, 0x75, 0x7A, 0x7C, 0x7F), and E0 codes
//     other than those listed (OEM-specific launch keys).
//
// keycodeFor rejects everything else: an unknown code is dropped, never
// guessed.

// Linux evdev codes (linux/input-event-codes.h) of the keys outside the
// main block that have a scan code.
const (
	evKPEnter       = 96  // KEY_KPENTER
	evRightCtrl     = 97  // KEY_RIGHTCTRL
	evKPSlash       = 98  // KEY_KPSLASH
	evSysRq         = 99  // KEY_SYSRQ (Print Screen)
	evRightAlt      = 100 // KEY_RIGHTALT (AltGr)
	evHome          = 102 // KEY_HOME
	evUp            = 103 // KEY_UP
	evPageUp        = 104 // KEY_PAGEUP
	evLeft          = 105 // KEY_LEFT
	evRight         = 106 // KEY_RIGHT
	evEnd           = 107 // KEY_END
	evDown          = 108 // KEY_DOWN
	evPageDown      = 109 // KEY_PAGEDOWN
	evInsert        = 110 // KEY_INSERT
	evDelete        = 111 // KEY_DELETE
	evMute          = 113 // KEY_MUTE
	evVolumeDown    = 114 // KEY_VOLUMEDOWN
	evVolumeUp      = 115 // KEY_VOLUMEUP
	evKPEqual       = 117 // KEY_KPEQUAL
	evPause         = 119 // KEY_PAUSE
	evKPComma       = 121 // KEY_KPCOMMA
	evHangeul       = 122 // KEY_HANGEUL
	evHanja         = 123 // KEY_HANJA
	evYen           = 124 // KEY_YEN
	evLeftMeta      = 125 // KEY_LEFTMETA (left Windows key)
	evRightMeta     = 126 // KEY_RIGHTMETA (right Windows key)
	evCompose       = 127 // KEY_COMPOSE (Menu key)
	evStop          = 128 // KEY_STOP (browser stop)
	evCalc          = 140 // KEY_CALC
	evMail          = 155 // KEY_MAIL
	evBookmarks     = 156 // KEY_BOOKMARKS
	evComputer      = 157 // KEY_COMPUTER
	evBack          = 158 // KEY_BACK
	evForward       = 159 // KEY_FORWARD
	evNextSong      = 163 // KEY_NEXTSONG
	evPlayPause     = 164 // KEY_PLAYPAUSE
	evPreviousSong  = 165 // KEY_PREVIOUSSONG
	evStopCD        = 166 // KEY_STOPCD
	evHomepage      = 172 // KEY_HOMEPAGE
	evRefresh       = 173 // KEY_REFRESH
	evF13           = 183 // KEY_F13; F14-F23 follow
	evF24           = 194 // KEY_F24
	evSearch        = 217 // KEY_SEARCH
	evMedia         = 226 // KEY_MEDIA
	evRO            = 89  // KEY_RO
	evKatakana      = 90  // KEY_KATAKANA
	evHiragana      = 91  // KEY_HIRAGANA
	evHenkan        = 92  // KEY_HENKAN
	evKatakanaHira  = 93  // KEY_KATAKANAHIRAGANA
	evMuhenkan      = 94  // KEY_MUHENKAN
	evKPJPComma     = 95  // KEY_KPJPCOMMA
	evRightShift    = 54  // KEY_RIGHTSHIFT
	evNumLock       = 69  // KEY_NUMLOCK
	evKeycodeOffset = 8   // X keycode = evdev code + 8
)

// plainKeys maps set 1 codes without a prefix to evdev codes (0: none).
var plainKeys = func() (t [0x80]uint8) {
	for sc := 0x01; sc <= 0x53; sc++ {
		t[sc] = uint8(sc) // the main block, keypad included
	}
	t[0x54] = evSysRq // Alt+Print Screen (SysRq)
	t[0x56] = 86      // KEY_102ND: the ISO key between left Shift and Z
	t[0x57] = 87      // KEY_F11
	t[0x58] = 88      // KEY_F12
	t[0x59] = evKPEqual
	t[0x5C] = evKPJPComma // HID International6 (keypad comma on JIS keyboards)
	for i := range 11 {
		t[0x64+i] = uint8(evF13 + i) // F13-F23
	}
	t[0x70] = evKatakanaHira // International2: katakana/hiragana (JIS)
	t[0x71] = evHanja        // LANG2 (0xF1 on the wire: break code only)
	t[0x72] = evHangeul      // LANG1 (0xF2 on the wire)
	t[0x73] = evRO           // International1: ろ, \ and _ (JIS), /? (ABNT)
	t[0x76] = evF24          // F24 (also HID LANG5, which Windows reads as F24)
	t[0x77] = evHiragana     // LANG4
	t[0x78] = evKatakana     // LANG3
	t[0x79] = evHenkan       // International4: 変換
	t[0x7B] = evMuhenkan     // International5: 無変換
	t[0x7D] = evYen          // International3: ¥
	t[0x7E] = evKPComma      // keypad . on ABNT (Brazilian) keyboards
	return t
}()

// e0Keys maps set 1 codes with the E0 prefix (input.KeyExtended).
var e0Keys = func() (t [0x80]uint8) {
	t[0x10] = evPreviousSong
	t[0x19] = evNextSong
	t[0x1C] = evKPEnter
	t[0x1D] = evRightCtrl
	t[0x20] = evMute
	t[0x21] = evCalc
	t[0x22] = evPlayPause
	t[0x24] = evStopCD
	t[0x2E] = evVolumeDown
	t[0x30] = evVolumeUp
	t[0x32] = evHomepage
	t[0x35] = evKPSlash
	t[0x36] = evRightShift // as FreeRDP: some Windows sources mark right Shift extended
	t[0x37] = evSysRq      // Print Screen
	t[0x38] = evRightAlt
	t[0x45] = evNumLock // Windows reports Num Lock as E0 45 internally; some clients pass it on
	t[0x46] = evPause   // Ctrl+Break
	t[0x47] = evHome
	t[0x48] = evUp
	t[0x49] = evPageUp
	t[0x4B] = evLeft
	t[0x4D] = evRight
	t[0x4F] = evEnd
	t[0x50] = evDown
	t[0x51] = evPageDown
	t[0x52] = evInsert
	t[0x53] = evDelete
	t[0x5B] = evLeftMeta
	t[0x5C] = evRightMeta
	t[0x5D] = evCompose
	t[0x65] = evSearch
	t[0x66] = evBookmarks
	t[0x67] = evRefresh
	t[0x68] = evStop
	t[0x69] = evForward
	t[0x6A] = evBack
	t[0x6B] = evComputer
	t[0x6C] = evMail
	t[0x6D] = evMedia
	return t
}()

// pauseScancode is the code RDP sends with the E1 prefix for Pause: the
// key's make sequence is E1 1D 45, which [MS-RDPBCGR] 2.2.8.1.1.3.1.1.1
// carries as E1 1D followed by a plain 45 (Num Lock's code).
const pauseScancode = 0x1D

// numLockScancode is the plain code that follows E1 1D in a Pause sequence.
const numLockScancode = 0x45

// keycodeFor returns the X keycode (evdev set) of the key with set 1 code
// scancode and prefix flags (KeyRelease is ignored). ok is false for codes
// this package does not know: the event must be dropped.
func keycodeFor(scancode uint16, flags input.KeyFlags) (xproto.Keycode, bool) {
	if scancode >= 0x80 {
		return 0, false
	}
	var ev uint8
	switch flags & (input.KeyExtended | input.KeyExtended1) {
	case 0:
		ev = plainKeys[scancode]
	case input.KeyExtended:
		ev = e0Keys[scancode]
	case input.KeyExtended1:
		if scancode == pauseScancode {
			ev = evPause
		}
	}
	if ev == 0 {
		return 0, false
	}
	return xproto.Keycode(ev + evKeycodeOffset), true
}

// tableKeycodes reports which X keycodes keycodeFor can return; spare
// keycodes for Unicode input are never taken from these.
var tableKeycodes = func() (s [256]bool) {
	for _, t := range [][0x80]uint8{plainKeys, e0Keys} {
		for _, ev := range t {
			if ev != 0 {
				s[ev+evKeycodeOffset] = true
			}
		}
	}
	s[evPause+evKeycodeOffset] = true
	return s
}()

// Keysyms this package looks for (X11/keysymdef.h).
const (
	ksNoSymbol    xproto.Keysym = 0
	ksBackSpace   xproto.Keysym = 0xff08
	ksTab         xproto.Keysym = 0xff09
	ksReturn      xproto.Keysym = 0xff0d
	ksScrollLock  xproto.Keysym = 0xff14
	ksEscape      xproto.Keysym = 0xff1b
	ksNumLock     xproto.Keysym = 0xff7f
	ksShiftL      xproto.Keysym = 0xffe1
	ksCapsLock    xproto.Keysym = 0xffe5
	ksDelete      xproto.Keysym = 0xffff
	ksUnicodeBase xproto.Keysym = 0x01000000 // keysym of U+XXXX beyond Latin-1: 0x01000000 + XXXX
)

// keysymForRune returns the keysym that types r, or false for characters
// no key produces (other control characters, surrogates, non-characters).
// The control characters a client may send as Unicode map to their
// function keys.
func keysymForRune(r rune) (xproto.Keysym, bool) {
	switch r {
	case '\b':
		return ksBackSpace, true
	case '\t':
		return ksTab, true
	case '\r', '\n':
		return ksReturn, true
	case 0x1b:
		return ksEscape, true
	case 0x7f:
		return ksDelete, true
	}
	switch {
	case r < 0x20, r >= 0x80 && r < 0xa0:
		return 0, false // C0 and C1 controls
	case r >= 0xd800 && r <= 0xdfff, r > 0x10ffff, r&0xfffe == 0xfffe, r >= 0xfdd0 && r <= 0xfdef:
		return 0, false // surrogates and non-characters
	case r < 0x100:
		return xproto.Keysym(r), true // Latin-1 keysyms equal the code point
	}
	return ksUnicodeBase + xproto.Keysym(r), true
}

// keymap is a copy of the server's core keyboard mapping and modifier
// mapping.
type keymap struct {
	min, max xproto.Keycode
	width    int             // keysyms per keycode
	syms     []xproto.Keysym // syms[(kc-min)*width+col]
	mods     [256]uint16     // modifier mask each keycode is bound to
}

// sym returns keycode kc's keysym in column col (NoSymbol out of range).
func (m *keymap) sym(kc xproto.Keycode, col int) xproto.Keysym {
	if kc < m.min || kc > m.max || col < 0 || col >= m.width {
		return ksNoSymbol
	}
	return m.syms[int(kc-m.min)*m.width+col]
}

// find returns the first keycode with ks in column col.
func (m *keymap) find(ks xproto.Keysym, col int) (xproto.Keycode, bool) {
	for kc := int(m.min); kc <= int(m.max); kc++ {
		if m.sym(xproto.Keycode(kc), col) == ks {
			return xproto.Keycode(kc), true
		}
	}
	return 0, false
}

// empty reports whether keycode kc has no keysym at all.
func (m *keymap) empty(kc xproto.Keycode) bool {
	for col := range m.width {
		if m.sym(kc, col) != ksNoSymbol {
			return false
		}
	}
	return true
}

// lockKey returns the keycode producing ks (a lock keysym) in the first
// group and the modifier it is bound to. ok is false when no key has ks or
// the key is bound to no modifier (Scroll Lock on most keymaps), so there
// is no lock state to read or set.
func (m *keymap) lockKey(ks xproto.Keysym) (kc xproto.Keycode, mod uint16, ok bool) {
	for k := int(m.min); k <= int(m.max); k++ {
		kc := xproto.Keycode(k)
		if m.mods[kc] != 0 && (m.sym(kc, 0) == ks || m.sym(kc, 1) == ks) {
			return kc, m.mods[kc], true
		}
	}
	return 0, 0, false
}

// KeycodeFor returns the X keycode (evdev keymaps, as Xorg and Xvfb use)
// of the key with set-1 code scancode and E0/E1 prefix flags: what the
// panic-key watcher listens for.
func KeycodeFor(scancode uint16, flags input.KeyFlags) (uint8, bool) {
	kc, ok := keycodeFor(scancode, flags)
	return uint8(kc), ok
}
