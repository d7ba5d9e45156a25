package fake

import (
	"errors"
	"image"
	"image/color"
	"slices"
	"sync"
	"testing"

	"github.com/ranoviced/ranoviced/internal/shadow"
)

func TestScreenServesPattern(t *testing.T) {
	s := New(160, 100)
	if w, h := s.Size(); w != 160 || h != 100 {
		t.Fatalf("Size = %dx%d", w, h)
	}
	var f shadow.Frame
	if err := s.Capture(&f); err != nil {
		t.Fatal(err)
	}
	if err := shadow.Compare(shadow.Pattern(160, 100), &f, 0); err != nil {
		t.Error(err)
	}
	if n := s.Captures(); n != 1 {
		t.Errorf("Captures = %d, want 1", n)
	}
}

func TestScreenChangesAndDamage(t *testing.T) {
	s := New(128, 128)
	var prev, cur shadow.Frame
	if err := s.Capture(&prev); err != nil {
		t.Fatal(err)
	}
	select {
	case <-s.Damage():
		t.Fatal("damage before any change")
	default:
	}

	s.Fill(image.Rect(70, 10, 80, 20), color.RGBA{1, 2, 3, 255})
	s.Fill(image.Rect(0, 100, 5, 105), color.RGBA{1, 2, 3, 255}) // coalesces with the first signal
	select {
	case <-s.Damage():
	default:
		t.Fatal("no damage signal after Fill")
	}
	select {
	case <-s.Damage():
		t.Fatal("signals did not coalesce")
	default:
	}
	if err := s.Capture(&cur); err != nil {
		t.Fatal(err)
	}
	want := []image.Rectangle{image.Rect(64, 0, 128, 64), image.Rect(0, 64, 64, 128)}
	if got := shadow.TileDiff(&prev, &cur, 0); !slices.Equal(got, want) {
		t.Errorf("TileDiff = %v, want %v", got, want)
	}

	s.SetFrame(shadow.NewFrame(64, 32))
	<-s.Damage()
	if err := s.Capture(&cur); err != nil {
		t.Fatal(err)
	}
	if cur.Width != 64 || cur.Height != 32 {
		t.Errorf("after SetFrame: %dx%d", cur.Width, cur.Height)
	}
	if w, h := s.Size(); w != 64 || h != 32 {
		t.Errorf("Size after SetFrame = %dx%d", w, h)
	}

	s.Draw(image.Pt(60, 30), shadow.Pattern(8, 8))
	<-s.Damage()
	if got, want := s.Frame().At(63, 31), shadow.Pattern(8, 8).At(3, 1); got != want {
		t.Errorf("after Draw: %v, want %v", got, want)
	}
}

func TestScreenFailNextAndClose(t *testing.T) {
	s := New(8, 8)
	s.FailNext(ErrInjected)
	var f shadow.Frame
	if err := s.Capture(&f); !errors.Is(err, ErrInjected) {
		t.Errorf("first Capture: %v, want ErrInjected", err)
	}
	if err := s.Capture(&f); err != nil {
		t.Errorf("second Capture: %v", err)
	}
	if n := s.Captures(); n != 2 {
		t.Errorf("Captures = %d, want 2", n)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := s.Capture(&f); !errors.Is(err, shadow.ErrClosed) {
		t.Errorf("Capture after Close: %v, want ErrClosed", err)
	}
}

func TestScreenConcurrentUse(t *testing.T) {
	s := New(64, 64)
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := range 100 {
			s.Fill(image.Rect(i%64, 0, i%64+1, 64), color.RGBA{uint8(i), 0, 0, 255})
		}
	})
	wg.Go(func() {
		var f shadow.Frame
		for range 100 {
			if err := s.Capture(&f); err != nil {
				t.Error(err)
				return
			}
		}
	})
	wg.Wait()
}

func TestDamaged(t *testing.T) {
	s := New(100, 80)
	if _, known := s.Damaged(nil); known {
		t.Fatal("the first call reported known areas")
	}
	if areas, known := s.Damaged(nil); !known || len(areas) != 0 {
		t.Fatalf("an idle screen: %v (known %v), want nothing, known", areas, known)
	}
	s.Fill(image.Rect(90, 70, 120, 90), color.RGBA{A: 0xFF})
	s.Draw(image.Pt(10, 10), shadow.NewFrame(5, 5))
	want := []image.Rectangle{image.Rect(90, 70, 100, 80), image.Rect(10, 10, 15, 15)}
	if areas, known := s.Damaged(nil); !known || !slices.Equal(areas, want) {
		t.Fatalf("got %v (known %v), want %v", areas, known, want)
	}
	s.SetFrame(shadow.NewFrame(100, 80))
	if _, known := s.Damaged(nil); known {
		t.Fatal("SetFrame left the areas known")
	}
	for i := range 65 {
		s.Fill(image.Rect(i, 0, i+1, 1), color.RGBA{A: 0xFF})
	}
	if _, known := s.Damaged(nil); known {
		t.Fatal("65 areas were reported as known")
	}
}
