//go:build linux

package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// stopTimeout is how long a child gets between SIGTERM and SIGKILL.
const stopTimeout = 5 * time.Second

// child is a process the harness started: in its own process group, so
// stopping it also stops anything it started, and with a parent-death
// signal, so nothing survives the harness being killed.
type child struct {
	name    string
	cmd     *exec.Cmd
	logPath string
	exited  chan struct{} // closed once Wait has returned
	waitErr error         // set before exited is closed
	kill    bool          // see spec.kill
	once    sync.Once
}

// procs tracks every child the harness started so that all of them are
// stopped on the way out, whatever path the harness leaves by.
type procs struct {
	mu       sync.Mutex
	children []*child
}

// spec describes a child to start.
type spec struct {
	dir, name string   // its output goes to dir/name.log
	env       []string // nil: the harness's environment
	extra     []*os.File
	argv      []string
	// kill stops the child with SIGKILL straight away: xfreerdp answers
	// SIGTERM with an error-level backtrace in its log.
	kill bool
}

// start starts a child as s says.
func (ps *procs) start(s spec) (*child, error) {
	dir, name, argv := s.dir, s.name, s.argv
	path, err := exec.LookPath(argv[0])
	if err != nil {
		return nil, fmt.Errorf("%s: %w (run `make setup` or scripts/setup.sh to install it)", argv[0], err)
	}
	logPath := filepath.Join(dir, name+".log")
	logf, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	defer logf.Close()
	c := &child{name: name, logPath: logPath, exited: make(chan struct{}), kill: s.kill}
	c.cmd = exec.Command(path, argv[1:]...)
	c.cmd.Env = s.env
	c.cmd.ExtraFiles = s.extra
	c.cmd.Stdout, c.cmd.Stderr = logf, logf
	c.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := c.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	go func() {
		c.waitErr = c.cmd.Wait()
		close(c.exited)
	}()
	ps.mu.Lock()
	ps.children = append(ps.children, c)
	ps.mu.Unlock()
	return c, nil
}

// stopAll stops every child still running, newest first.
func (ps *procs) stopAll() {
	ps.mu.Lock()
	cs := ps.children
	ps.children = nil
	ps.mu.Unlock()
	for i := len(cs) - 1; i >= 0; i-- {
		cs[i].stop()
	}
}

func (c *child) pid() int { return c.cmd.Process.Pid }

// running reports whether the process has not exited yet.
func (c *child) running() bool {
	select {
	case <-c.exited:
		return false
	default:
		return true
	}
}

// stop sends SIGTERM (or SIGKILL, see spec.kill) to the child's process
// group, then SIGKILL if it has not exited within stopTimeout, and waits
// for it. Safe to call again.
func (c *child) stop() {
	c.once.Do(func() {
		pgid := -c.pid() // Setpgid: the group id is the child's pid
		sig := syscall.SIGTERM
		if c.kill {
			sig = syscall.SIGKILL
		}
		syscall.Kill(pgid, sig)
		select {
		case <-c.exited:
		case <-time.After(stopTimeout):
			syscall.Kill(pgid, syscall.SIGKILL)
			<-c.exited
		}
		// Anything the child started and left in its group.
		syscall.Kill(pgid, syscall.SIGKILL)
	})
}

// exitError describes how the child ended, with the end of its log.
func (c *child) exitError() error {
	return fmt.Errorf("%s exited (%v); last lines of %s:\n%s", c.name, c.waitErr, c.logPath, c.logTail(15))
}

// logTail returns the last n lines the child wrote.
func (c *child) logTail(n int) string {
	b, err := os.ReadFile(c.logPath)
	if err != nil {
		return fmt.Sprintf("(cannot read the log: %v)", err)
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return "    " + strings.Join(lines, "\n    ")
}

// cpuTime returns the process's user plus system CPU time so far
// (/proc/PID/stat fields 14 and 15, in clock ticks of clkTck a second).
func cpuTime(pid int, clkTck int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	return parseStatCPU(b, clkTck)
}

func parseStatCPU(stat []byte, clkTck int) (time.Duration, error) {
	// The command name (field 2) is in parentheses and may contain
	// spaces: count fields from the last ')'.
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return 0, errors.New("malformed /proc/PID/stat")
	}
	f := strings.Fields(string(stat[i+1:]))
	if len(f) < 13 {
		return 0, errors.New("short /proc/PID/stat")
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64) // field 14
	stime, err2 := strconv.ParseInt(f[12], 10, 64) // field 15
	if err := errors.Join(err1, err2); err != nil {
		return 0, fmt.Errorf("/proc/PID/stat: %w", err)
	}
	return time.Duration(utime+stime) * time.Second / time.Duration(clkTck), nil
}

// peakRSS returns VmHWM, the process's peak resident set size, in bytes.
func peakRSS(pid int) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err != nil {
				return 0, fmt.Errorf("VmHWM %q: %w", v, err)
			}
			return kb * 1024, nil
		}
	}
	return 0, errors.New("no VmHWM in /proc/PID/status")
}

// clockTicks returns the kernel's USER_HZ (`getconf CLK_TCK`), the unit of
// the CPU times in /proc/PID/stat; 100 on every common Linux build.
func clockTicks() int {
	out, err := exec.Command("getconf", "CLK_TCK").Output()
	if err == nil {
		if n, err := strconv.Atoi(strings.TrimSpace(string(out))); err == nil && n > 0 {
			return n
		}
	}
	return 100
}

// listening reports whether something listens on TCP 127.0.0.1:port or
// on the IPv4 wildcard, read from /proc/net/tcp so that the check opens
// no connection the server would log or count.
func listening(port int) bool {
	b, err := os.ReadFile("/proc/net/tcp")
	if err != nil {
		return false
	}
	want := fmt.Sprintf(":%04X", port)
	for _, line := range strings.Split(string(b), "\n")[1:] {
		f := strings.Fields(line)
		// sl local_address rem_address st ...; st 0A is TCP_LISTEN.
		if len(f) > 3 && f[3] == "0A" && strings.HasSuffix(f[1], want) &&
			(strings.HasPrefix(f[1], "0100007F:") || strings.HasPrefix(f[1], "00000000:")) {
			return true
		}
	}
	return false
}
