//go:build linux

// Package x11test starts throwaway Xvfb servers for tests and paints their
// root windows, so capture tests and the interop suite can put a known
// picture (shadow.Pattern) on the novice's display.
//
// Tests that need X call Start; it skips the test when the Xvfb binary is
// missing, unless the environment variable RANOVICED_REQUIRE_X is set (CI
// sets it), in which case a missing Xvfb fails the test.
package x11test

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// RequireEnv names the environment variable that turns "Xvfb is not
// installed" from a skip into a failure.
const RequireEnv = "RANOVICED_REQUIRE_X"

const (
	startTimeout = 30 * time.Second // Xvfb normally starts in well under a second
	stopTimeout  = 5 * time.Second  // after SIGTERM, before SIGKILL
)

// Server is a running Xvfb.
type Server struct {
	// Display is the display name, ":N".
	Display string
	// Width, Height and Depth are the screen the server was started with.
	Width, Height, Depth int

	cmd    *exec.Cmd
	exited chan struct{} // closed once cmd.Wait has returned
	stderr *syncBuffer
	once   sync.Once
}

// Config describes the Xvfb to start.
type Config struct {
	// Width and Height are the screen size in pixels.
	Width, Height int
	// Depth is the root depth; 0 means 24. (16, for example, tests that
	// capture refuses unsupported visuals.)
	Depth int
	// Prefix is put in front of the Xvfb command line, for example
	// {"unshare", "--ipc"} to run the server in its own System V IPC
	// namespace, where this process's shared memory is not visible.
	Prefix []string
}

// Start starts `Xvfb -screen 0 WIDTHxHEIGHTx24 -noreset -nolisten tcp` on a
// free display number, waits until it accepts connections and stops it
// when the test ends. See the package comment for when it skips.
func Start(tb testing.TB, width, height int) *Server {
	tb.Helper()
	return StartConfig(tb, Config{Width: width, Height: height})
}

// StartConfig is Start with more settings.
//
// The display number is chosen by Xvfb itself (-displayfd), so parallel
// tests and other X servers on the machine never collide; -noreset keeps
// the root window's contents when the last client disconnects.
func StartConfig(tb testing.TB, cfg Config) *Server {
	tb.Helper()
	path, err := exec.LookPath("Xvfb")
	if err != nil {
		if os.Getenv(RequireEnv) != "" {
			tb.Fatalf("x11test: Xvfb not found and %s is set: %v", RequireEnv, err)
		}
		tb.Skipf("x11test: Xvfb not found (set %s to fail instead): %v", RequireEnv, err)
	}
	s, err := start(path, cfg)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(s.Stop)
	return s
}

func start(path string, cfg Config) (*Server, error) {
	if cfg.Depth == 0 {
		cfg.Depth = 24
	}
	r, w, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("x11test: %w", err)
	}
	defer r.Close()
	s := &Server{Width: cfg.Width, Height: cfg.Height, Depth: cfg.Depth, exited: make(chan struct{}), stderr: new(syncBuffer)}
	args := append(cfg.Prefix[:len(cfg.Prefix):len(cfg.Prefix)], path,
		"-displayfd", "3", // fd 3 is ExtraFiles[0]
		"-screen", "0", fmt.Sprintf("%dx%dx%d", cfg.Width, cfg.Height, cfg.Depth),
		"-noreset", "-nolisten", "tcp")
	s.cmd = exec.Command(args[0], args[1:]...)
	s.cmd.ExtraFiles = []*os.File{w}
	s.cmd.Stderr = s.stderr
	// Do not leave an Xvfb behind if the test binary is killed.
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	err = s.cmd.Start()
	w.Close()
	if err != nil {
		return nil, fmt.Errorf("x11test: start Xvfb: %w", err)
	}
	go func() {
		s.cmd.Wait()
		close(s.exited)
	}()

	// Xvfb writes its display number to fd 3 once it is listening.
	type result struct {
		line string
		err  error
	}
	got := make(chan result, 1) // 1: the reader never blocks, even after a timeout
	go func() {
		line, err := bufio.NewReader(r).ReadString('\n')
		got <- result{line, err}
	}()
	var res result
	select {
	case res = <-got:
	case <-time.After(startTimeout):
		s.Stop()
		return nil, fmt.Errorf("x11test: Xvfb did not start within %v; stderr:\n%s", startTimeout, s.stderr)
	}
	n, err := strconv.Atoi(strings.TrimSpace(res.line))
	if err != nil {
		s.Stop()
		return nil, fmt.Errorf("x11test: Xvfb did not report a display number (%q, %v); stderr:\n%s", res.line, res.err, s.stderr)
	}
	s.Display = ":" + strconv.Itoa(n)

	// Check that it accepts connections on its socket.
	sock := fmt.Sprintf("/tmp/.X11-unix/X%d", n)
	deadline := time.Now().Add(startTimeout)
	for {
		c, err := net.Dial("unix", sock)
		if err == nil {
			c.Close()
			return s, nil
		}
		if time.Now().After(deadline) {
			s.Stop()
			return nil, fmt.Errorf("x11test: Xvfb %s does not accept connections: %v; stderr:\n%s", s.Display, err, s.stderr)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Stop terminates the server and waits for it to exit. It is safe to call
// more than once (Start registers it with tb.Cleanup).
func (s *Server) Stop() {
	s.once.Do(func() {
		s.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-s.exited:
		case <-time.After(stopTimeout):
			s.cmd.Process.Kill()
			<-s.exited
		}
	})
}

// Stderr returns what the server has written to its standard error, for
// failure messages.
func (s *Server) Stderr() string {
	return s.stderr.String()
}

// syncBuffer is a bytes.Buffer that os/exec may write to while a test
// reads it.
type syncBuffer struct {
	mu  sync.Mutex // guards buf
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
