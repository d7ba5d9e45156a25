//go:build linux

package x11

import (
	"bufio"
	"errors"
	"image"
	"image/color"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ranoviced/ranoviced/internal/shadow"
	"github.com/ranoviced/ranoviced/internal/shadow/x11/x11test"
)

type capturePath struct {
	name string
	opt  Options
	shm  bool // whether MIT-SHM is expected in use
}

// paths lists the capture paths the pixel tests run over.
var paths = []capturePath{
	{"SHM", Options{}, true},
	{"GetImage", Options{NoSHM: true}, false},
	{"GetImage/odd chunks", Options{NoSHM: true, MaxChunkBytes: 3*1280*4 + 100}, false},
	{"GetImage/one chunk", Options{NoSHM: true, MaxChunkBytes: 1 << 30}, false},
}

func openT(t *testing.T, display string, opt Options, wantSHM bool) *Screen {
	t.Helper()
	s, err := OpenOptions(display, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if ok, why := s.SHM(); ok != wantSHM {
		t.Fatalf("SHM() = %v (%v), want %v", ok, why, wantSHM)
	}
	return s
}

func TestCaptureMatchesPattern(t *testing.T) {
	srv := x11test.Start(t, 1280, 800)
	want, err := x11test.DrawPattern(srv.Display)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		t.Run(p.name, func(t *testing.T) {
			s := openT(t, srv.Display, p.opt, p.shm)
			if w, h := s.Size(); w != 1280 || h != 800 {
				t.Errorf("Size = %dx%d", w, h)
			}
			var f shadow.Frame
			if err := s.Capture(&f); err != nil {
				t.Fatal(err)
			}
			if err := shadow.Compare(want, &f, 0); err != nil {
				t.Fatal(err)
			}
			// A second capture reuses dst.Pix.
			p0 := &f.Pix[0]
			if err := s.Capture(&f); err != nil {
				t.Fatal(err)
			}
			if &f.Pix[0] != p0 {
				t.Error("second Capture reallocated Pix")
			}
			if err := shadow.Compare(want, &f, 0); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestCaptureFollowsChanges(t *testing.T) {
	srv := x11test.Start(t, 320, 200)
	if _, err := x11test.DrawPattern(srv.Display); err != nil {
		t.Fatal(err)
	}
	s := openT(t, srv.Display, Options{}, true)
	var prev, cur shadow.Frame
	if err := s.Capture(&prev); err != nil {
		t.Fatal(err)
	}
	// Paint a different picture: the whole screen changes, and TileDiff
	// sees it.
	next := shadow.NewFrame(320, 200)
	next.Draw(image.Pt(0, 0), shadow.Pattern(64, 64))
	if err := x11test.SetRootImage(srv.Display, next); err != nil {
		t.Fatal(err)
	}
	if err := s.Capture(&cur); err != nil {
		t.Fatal(err)
	}
	if err := shadow.Compare(next, &cur, 0); err != nil {
		t.Fatal(err)
	}
	if n := len(shadow.TileDiff(&prev, &cur, 0)); n != 5*4 {
		t.Errorf("TileDiff found %d changed tiles, want 20", n)
	}
}

func TestResize(t *testing.T) {
	for _, p := range paths[:2] {
		t.Run(p.name, func(t *testing.T) {
			srv := x11test.Start(t, 1280, 800)
			want, err := x11test.DrawPattern(srv.Display)
			if err != nil {
				t.Fatal(err)
			}
			// Open while the screen is small, so growing it makes the
			// SHM path replace its segment.
			if err := x11test.Resize(srv.Display, 640, 400); err != nil {
				if errors.Is(err, x11test.ErrCannotResize) {
					t.Skipf("Xvfb cannot resize here: %v", err)
				}
				t.Fatal(err)
			}
			s := openT(t, srv.Display, p.opt, p.shm)
			if w, h := s.Size(); w != 640 || h != 400 {
				t.Errorf("Size after Open = %dx%d, want 640x400", w, h)
			}
			var f shadow.Frame
			for _, size := range []image.Point{{640, 400}, {1280, 800}, {1024, 768}, {1280, 800}} {
				if err := x11test.Resize(srv.Display, size.X, size.Y); err != nil {
					t.Fatalf("resize to %v: %v", size, err)
				}
				if err := s.Capture(&f); err != nil {
					t.Fatalf("capture at %v: %v", size, err)
				}
				if f.Width != size.X || f.Height != size.Y {
					t.Fatalf("captured %dx%d after resizing to %v", f.Width, f.Height, size)
				}
				if w, h := s.Size(); w != size.X || h != size.Y {
					t.Errorf("Size = %dx%d after resizing to %v", w, h, size)
				}
				// The background pixmap is the full pattern, anchored at
				// (0,0): a smaller root shows its top-left part.
				crop := shadow.NewFrame(size.X, size.Y)
				crop.Draw(image.Point{}, want)
				if err := shadow.Compare(crop, &f, 0); err != nil {
					t.Fatalf("at %v: %v", size, err)
				}
			}
			if ok, why := s.SHM(); ok != p.shm {
				t.Errorf("after resizes SHM() = %v (%v)", ok, why)
			}
		})
	}
}

func TestOpenErrors(t *testing.T) {
	t.Run("no display", func(t *testing.T) {
		t.Setenv("DISPLAY", "")
		if _, err := Open(""); !errors.Is(err, ErrNoDisplay) {
			t.Errorf("err = %v, want ErrNoDisplay", err)
		}
	})
	t.Run("cannot connect", func(t *testing.T) {
		_, err := Open("/nonexistent/ranoviced-test-socket:0")
		if err == nil || !strings.Contains(err.Error(), "cannot connect") {
			t.Errorf("err = %v, want a connection error", err)
		}
	})
	t.Run("depth 16", func(t *testing.T) {
		srv := x11test.StartConfig(t, x11test.Config{Width: 320, Height: 200, Depth: 16})
		if _, err := Open(srv.Display); !errors.Is(err, ErrUnsupportedDepth) {
			t.Errorf("err = %v, want ErrUnsupportedDepth", err)
		}
	})
	t.Run("no such screen", func(t *testing.T) {
		srv := x11test.Start(t, 320, 200)
		if _, err := Open(srv.Display + ".3"); err == nil || !strings.Contains(err.Error(), "screen 3") {
			t.Errorf("err = %v, want a missing-screen error", err)
		}
	})
}

// TestSHMAttachFails runs the server in its own IPC namespace, as when the
// daemon runs with systemd's PrivateIPC= or in another container: the
// server cannot attach this process's segment, and capture falls back to
// plain GetImage without leaking the segment.
func TestSHMAttachFails(t *testing.T) {
	if out, err := exec.Command("unshare", "--ipc", "true").CombinedOutput(); err != nil {
		t.Skipf("cannot create an IPC namespace here: %v %s", err, out)
	}
	srv := x11test.StartConfig(t, x11test.Config{Width: 320, Height: 200, Prefix: []string{"unshare", "--ipc"}})
	want, err := x11test.DrawPattern(srv.Display)
	if err != nil {
		t.Fatal(err)
	}
	before := ourSegments(t)
	s := openT(t, srv.Display, Options{}, false)
	if _, why := s.SHM(); why == nil {
		t.Error("SHM() gives no reason for not using MIT-SHM")
	} else {
		t.Logf("fallback reason: %v", why)
	}
	if after := ourSegments(t); after != before {
		t.Errorf("%d segments of this process before Open, %d after a failed attach", before, after)
	}
	var f shadow.Frame
	if err := s.Capture(&f); err != nil {
		t.Fatal(err)
	}
	if err := shadow.Compare(want, &f, 0); err != nil {
		t.Fatal(err)
	}
}

// TestVerifySegmentCatchesForeignSegment simulates the server attaching a
// different segment than ours (same id in another IPC namespace): it
// writes into segment B while we read segment A, and the check at Open
// must notice.
func TestVerifySegmentCatchesForeignSegment(t *testing.T) {
	srv := x11test.Start(t, 320, 200)
	if _, err := x11test.DrawPattern(srv.Display); err != nil {
		t.Fatal(err)
	}
	s := openT(t, srv.Display, Options{}, true)
	if err := s.verifySegment(); err != nil {
		t.Fatalf("own segment: %v", err)
	}
	other, err := s.newSegment(4096)
	if err != nil {
		t.Fatal(err)
	}
	own := s.seg
	s.seg = &segment{id: own.id, xid: other.xid, mem: own.mem}
	err = s.verifySegment()
	s.seg = own
	if err == nil {
		t.Error("verifySegment accepted a segment the server does not write into")
	}
	s.seg = other
	if err := s.releaseSegment(); err != nil {
		t.Error(err)
	}
	s.seg = own
}

func TestDefaultDisplayFromEnv(t *testing.T) {
	srv := x11test.Start(t, 320, 200)
	t.Setenv("DISPLAY", srv.Display)
	s, err := Open("")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if w, h := s.Size(); w != 320 || h != 200 {
		t.Errorf("Size = %dx%d", w, h)
	}
}

func TestCloseTwiceAndCaptureAfterClose(t *testing.T) {
	srv := x11test.Start(t, 320, 200)
	s, err := Open(srv.Display)
	if err != nil {
		t.Fatal(err)
	}
	id := s.seg.id
	if !segmentExists(t, id) {
		t.Fatalf("segment %d not in /proc/sysvipc/shm while open", id)
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
	// Close detached both sides and the segment was marked for removal at
	// attach, so the kernel has freed it (the server detaches when it
	// processes Detach, which Close's round trip waits for).
	if segmentExists(t, id) {
		t.Errorf("segment %d still exists after Close", id)
	}
	checkNoXGBGoroutines(t)
}

func TestCloseDuringCaptures(t *testing.T) {
	srv := x11test.Start(t, 640, 400)
	s, err := Open(srv.Display)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	started := make(chan struct{})
	wg.Go(func() {
		var f shadow.Frame
		for i := 0; ; i++ {
			err := s.Capture(&f)
			if i == 0 {
				close(started)
			}
			if errors.Is(err, shadow.ErrClosed) {
				return
			}
			if err != nil {
				t.Errorf("capture %d: %v", i, err)
				return
			}
		}
	})
	<-started
	if err := s.Close(); err != nil {
		t.Error(err)
	}
	wg.Wait()
}

func TestServerGone(t *testing.T) {
	for _, p := range paths[:2] {
		t.Run(p.name, func(t *testing.T) {
			srv := x11test.Start(t, 320, 200)
			s := openT(t, srv.Display, p.opt, p.shm)
			var f shadow.Frame
			if err := s.Capture(&f); err != nil {
				t.Fatal(err)
			}
			srv.Stop()
			if err := s.Capture(&f); err == nil {
				t.Fatal("Capture succeeded after the server exited")
			}
			if err := s.Close(); err != nil {
				t.Logf("Close after the server exited: %v", err)
			}
		})
	}
	checkNoXGBGoroutines(t)
}

// checkNoXGBGoroutines fails if goroutines of an xgb connection are still
// running: every connection the test opened must have been closed, and
// Close waits for xgb's reader. The other xgb goroutines stop right after
// it, so they get a moment.
func checkNoXGBGoroutines(t *testing.T) {
	t.Helper()
	buf := make([]byte, 1<<20)
	var stacks string
	for range 100 {
		stacks = string(buf[:runtime.Stack(buf, true)])
		if !strings.Contains(stacks, "github.com/jezek/xgb.(*Conn)") {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Errorf("xgb goroutines still running:\n%s", stacks)
}

// ourSegments counts the System V segments created by this process.
func ourSegments(t *testing.T) int {
	t.Helper()
	n := 0
	forEachSegment(t, func(fields []string) {
		if len(fields) > 4 && fields[4] == strconv.Itoa(os.Getpid()) { // cpid
			n++
		}
	})
	return n
}

// segmentExists reports whether System V segment id exists.
func segmentExists(t *testing.T, id int) bool {
	t.Helper()
	found := false
	forEachSegment(t, func(fields []string) {
		if len(fields) > 1 && fields[1] == strconv.Itoa(id) {
			found = true
		}
	})
	return found
}

// forEachSegment calls fn with the fields of each line of
// /proc/sysvipc/shm (key shmid perms size cpid lpid nattch ...).
func forEachSegment(t *testing.T, fn func(fields []string)) {
	t.Helper()
	f, err := os.Open("/proc/sysvipc/shm")
	if err != nil {
		t.Skipf("cannot list segments: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	for sc.Scan() {
		fn(strings.Fields(sc.Text()))
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkCapture1280x800(b *testing.B) {
	srv := x11test.Start(b, 1280, 800)
	if _, err := x11test.DrawPattern(srv.Display); err != nil {
		b.Fatal(err)
	}
	for _, p := range paths {
		if p.name == "GetImage/odd chunks" {
			continue
		}
		b.Run(p.name, func(b *testing.B) {
			s, err := OpenOptions(srv.Display, p.opt)
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			if ok, why := s.SHM(); ok != p.shm {
				b.Fatalf("SHM() = %v (%v)", ok, why)
			}
			var f shadow.Frame
			b.SetBytes(1280 * 800 * 4)
			for b.Loop() {
				if err := s.Capture(&f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestGrabCopyTo: CopyTo copies only the areas asked for (the rest of dst
// keeps the earlier picture), everything when told or when dst has
// another size, and nothing before a Grab; on both capture paths.
func TestGrabCopyTo(t *testing.T) {
	for _, p := range paths[:2] {
		t.Run(p.name, func(t *testing.T) {
			srv := x11test.Start(t, 320, 200)
			first, err := x11test.DrawPattern(srv.Display)
			if err != nil {
				t.Fatal(err)
			}
			s := openT(t, srv.Display, p.opt, p.shm)
			var dst shadow.Frame
			if err := s.CopyTo(&dst, nil, true); err == nil {
				t.Fatal("CopyTo before any Grab succeeded")
			}
			if err := s.Grab(); err != nil {
				t.Fatal(err)
			}
			if err := s.CopyTo(&dst, nil, false); err != nil { // another size: all
				t.Fatal(err)
			}
			if err := shadow.Compare(first, &dst, 0); err != nil {
				t.Fatalf("first copy: %v", err)
			}
			next := shadow.NewFrame(320, 200)
			if err := x11test.SetRootImage(srv.Display, next); err != nil {
				t.Fatal(err)
			}
			if err := s.Grab(); err != nil {
				t.Fatal(err)
			}
			area := image.Rect(10, 20, 100, 90)
			if err := s.CopyTo(&dst, []image.Rectangle{area, image.Rect(300, 190, 400, 300)}, false); err != nil {
				t.Fatal(err)
			}
			want := first.Clone()
			want.Fill(area, color.RGBA{A: 255})
			want.Fill(image.Rect(300, 190, 320, 200), color.RGBA{A: 255})
			if err := shadow.Compare(want, &dst, 0); err != nil {
				t.Fatalf("partial copy: %v", err)
			}
			if err := s.CopyTo(&dst, nil, true); err != nil {
				t.Fatal(err)
			}
			if err := shadow.Compare(next, &dst, 0); err != nil {
				t.Fatalf("full copy: %v", err)
			}
		})
	}
}
