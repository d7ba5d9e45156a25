package input

import (
	"errors"
	"testing"
)

func TestFromPointer(t *testing.T) {
	tests := []struct {
		name  string
		flags uint16
		want  Event
	}{
		// Bytes seen from xfreerdp 2.11.7 for a click at (100,100) (rdp-server.md §6.1).
		{"move", 0x0800, Mouse{X: 100, Y: 100, Move: true}},
		{"left-down", 0x9000, Mouse{X: 100, Y: 100, Button: ButtonLeft, Down: true}},
		{"left-up", 0x1000, Mouse{X: 100, Y: 100, Button: ButtonLeft}},
		{"right-down", 0xA000, Mouse{X: 100, Y: 100, Button: ButtonRight, Down: true}},
		{"middle-up", 0x4000, Mouse{X: 100, Y: 100, Button: ButtonMiddle}},
		{"wheel-up", 0x0278, Wheel{X: 100, Y: 100, Delta: 120}},
		{"wheel-down", 0x0388, Wheel{X: 100, Y: 100, Delta: -120}},
		{"hwheel-left", 0x0588, Wheel{X: 100, Y: 100, Delta: -120, Horizontal: true}},
		{"down-without-button", 0x8800, Mouse{X: 100, Y: 100, Move: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FromPointer(tt.flags, 100, 100)
			if err != nil || got != tt.want {
				t.Fatalf("FromPointer(%#04x) = %#v, %v; want %#v", tt.flags, got, err, tt.want)
			}
			if tt.name == "down-without-button" {
				return
			}
			f, _, _, err := PointerFlags(got)
			if err != nil || f != tt.flags {
				t.Fatalf("PointerFlags = %#04x, %v; want %#04x", f, err, tt.flags)
			}
		})
	}
	for _, bad := range []uint16{0x3000, 0x0600, 0x7000} {
		if _, err := FromPointer(bad, 0, 0); !errors.Is(err, ErrInvalid) {
			t.Errorf("FromPointer(%#04x) err = %v, want ErrInvalid", bad, err)
		}
	}
}

func TestFromPointerX(t *testing.T) {
	got, err := FromPointerX(0x8001, 5, 6)
	if err != nil || got != (Mouse{X: 5, Y: 6, Button: ButtonX1, Down: true}) {
		t.Fatalf("got %#v, %v", got, err)
	}
	f, _, _, err := PointerXFlags(got.(Mouse))
	if err != nil || f != 0x8001 {
		t.Fatalf("PointerXFlags = %#x, %v", f, err)
	}
	for _, bad := range []uint16{0x8000, 0x0003} {
		if _, err := FromPointerX(bad, 0, 0); !errors.Is(err, ErrInvalid) {
			t.Errorf("FromPointerX(%#04x) err = %v", bad, err)
		}
	}
}

func TestKeyString(t *testing.T) {
	if s := (Key{Scancode: 0x1c, Flags: KeyExtended | KeyRelease}).String(); s != "key e0 0x1c up" {
		t.Errorf("String = %q", s)
	}
}

func FuzzFromPointer(f *testing.F) {
	f.Add(uint16(0x9000), uint16(1), uint16(2), false)
	f.Add(uint16(0x0388), uint16(1), uint16(2), false)
	f.Add(uint16(0x8001), uint16(1), uint16(2), true)
	f.Fuzz(func(t *testing.T, flags, x, y uint16, extended bool) {
		conv, back := FromPointer, func(e Event) (uint16, uint16, uint16, error) { return PointerFlags(e) }
		if extended {
			conv, back = FromPointerX, func(e Event) (uint16, uint16, uint16, error) { return PointerXFlags(e.(Mouse)) }
		}
		ev, err := conv(flags, x, y)
		if err != nil {
			return
		}
		f2, x2, y2, err := back(ev)
		if err != nil {
			t.Fatalf("%#v does not re-encode: %v", ev, err)
		}
		ev2, err := conv(f2, x2, y2)
		if err != nil || ev2 != ev {
			t.Fatalf("round trip %#v -> %#04x -> %#v, %v", ev, f2, ev2, err)
		}
	})
}
