package x11

import (
	"testing"
	"time"

	"github.com/jezek/xgb/xproto"

	"github.com/ranoviced/ranoviced/internal/shadow"
	"github.com/ranoviced/ranoviced/internal/shadow/x11/x11test"
)

// TestCursorShape: the pointer shape is read through XFIXES; a change of
// the root window's cursor by another client signals Damage and gives a
// new serial and shape; an unchanged shape is returned without a request.
func TestCursorShape(t *testing.T) {
	srv := x11test.Start(t, 320, 200)
	s := openDamage(t, srv.Display, Options{})
	var c shadow.Cursor
	if err := s.Cursor(&c); err != nil {
		t.Fatal(err)
	}
	if c.Serial == 0 || c.Width <= 0 || c.Height <= 0 || len(c.Pix) != c.Width*c.Height {
		t.Fatalf("first shape %dx%d serial %d with %d pixels", c.Width, c.Height, c.Serial, len(c.Pix))
	}
	first := c

	// Another client sets a cursor from the "cursor" font on the root.
	d := newDrawer(t, srv.Display)
	font, err := xproto.NewFontId(d.conn)
	if err != nil {
		t.Fatal(err)
	}
	if err := xproto.OpenFontChecked(d.conn, font, uint16(len("cursor")), "cursor").Check(); err != nil {
		t.Fatal(err)
	}
	cur, err := xproto.NewCursorId(d.conn)
	if err != nil {
		t.Fatal(err)
	}
	const xcHand2 = 60 // XC_hand2
	if err := xproto.CreateGlyphCursorChecked(d.conn, cur, font, font, xcHand2, xcHand2+1,
		0, 0, 0, 0xffff, 0xffff, 0xffff).Check(); err != nil {
		t.Fatal(err)
	}
	if err := xproto.ChangeWindowAttributesChecked(d.conn, d.root, xproto.CwCursor, []uint32{uint32(cur)}).Check(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-s.Damage():
	case <-time.After(signalTimeout):
		t.Fatal("a cursor change did not signal")
	}
	if err := s.Cursor(&c); err != nil {
		t.Fatal(err)
	}
	if c.Serial == first.Serial {
		t.Fatalf("serial %d unchanged after the cursor changed", c.Serial)
	}
	again := c
	again.Pix = nil
	if err := s.Cursor(&again); err != nil || again.Serial != c.Serial || len(again.Pix) != len(c.Pix) {
		t.Fatalf("an unchanged shape came back as serial %d (%v)", again.Serial, err)
	}
	// The caller's buffer is its own.
	again.Pix[0] ^= 0xFFFFFFFF
	var third shadow.Cursor
	if err := s.Cursor(&third); err != nil || third.Pix[0] == again.Pix[0] {
		t.Fatal("Cursor shares its buffer with the caller")
	}
}
