//go:build linux

package screenshot

import (
	"errors"
	"testing"

	"github.com/ranoviced/ranoviced/internal/shadow"
	"github.com/ranoviced/ranoviced/internal/shadow/x11/x11test"
)

// startX starts an Xvfb showing shadow.Pattern and points kbinani at it
// (it reads only the environment).
func startX(tb testing.TB, width, height int) *shadow.Frame {
	tb.Helper()
	srv := x11test.Start(tb, width, height)
	want, err := x11test.DrawPattern(srv.Display)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Setenv("DISPLAY", srv.Display)
	tb.Setenv("XDG_SESSION_TYPE", "x11")
	return want
}

func TestCaptureMatchesPattern(t *testing.T) {
	want := startX(t, 1280, 800)
	s, err := Open()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if w, h := s.Size(); w != 1280 || h != 800 {
		t.Errorf("Size = %dx%d", w, h)
	}
	var f shadow.Frame
	for range 2 {
		if err := s.Capture(&f); err != nil {
			t.Fatal(err)
		}
		if err := shadow.Compare(want, &f, 0); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCloseTwice(t *testing.T) {
	startX(t, 320, 200)
	s, err := Open()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	var f shadow.Frame
	if err := s.Capture(&f); !errors.Is(err, shadow.ErrClosed) {
		t.Errorf("Capture after Close: %v, want ErrClosed", err)
	}
}

func TestNoDisplay(t *testing.T) {
	t.Setenv("DISPLAY", "/nonexistent/ranoviced-test-socket:0")
	t.Setenv("XDG_SESSION_TYPE", "x11")
	if _, err := Open(); !errors.Is(err, ErrNoDisplay) {
		t.Errorf("Open: %v, want ErrNoDisplay", err)
	}
}

func BenchmarkCapture1280x800(b *testing.B) {
	startX(b, 1280, 800)
	s, err := Open()
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	var f shadow.Frame
	b.SetBytes(1280 * 800 * 4)
	for b.Loop() {
		if err := s.Capture(&f); err != nil {
			b.Fatal(err)
		}
	}
}
