//go:build linux

package main

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"time"
)

// xvfbStartTimeout bounds how long Xvfb may take to accept connections
// (normally well under a second).
const xvfbStartTimeout = 30 * time.Second

// startXvfb starts `Xvfb -screen 0 WxHx24 -noreset -nolisten tcp` on a free
// display number and returns the display name once it accepts
// connections. Xvfb picks the number itself (-displayfd), so other X
// servers on the machine never collide with it; -noreset keeps the root
// window's background when the last client leaves.
func startXvfb(ps *procs, dir, name string, width, height int) (string, *child, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return "", nil, err
	}
	defer r.Close()
	c, err := ps.start(spec{dir: dir, name: name, extra: []*os.File{w}, argv: []string{
		"Xvfb", "-displayfd", "3", // fd 3 is extra[0]
		"-screen", "0", fmt.Sprintf("%dx%dx24", width, height),
		"-noreset", "-nolisten", "tcp",
	}})
	w.Close()
	if err != nil {
		return "", nil, err
	}
	got := make(chan string, 1) // buffered: the reader never blocks after a timeout
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		got <- line
	}()
	var line string
	select {
	case line = <-got:
	case <-c.exited:
		return "", nil, c.exitError()
	case <-time.After(xvfbStartTimeout):
		c.stop()
		return "", nil, fmt.Errorf("%s did not start within %v:\n%s", name, xvfbStartTimeout, c.logTail(10))
	}
	n, err := strconv.Atoi(strings.TrimSpace(line))
	if err != nil {
		c.stop()
		return "", nil, fmt.Errorf("%s reported no display number (%q):\n%s", name, line, c.logTail(10))
	}
	sock := fmt.Sprintf("/tmp/.X11-unix/X%d", n)
	for deadline := time.Now().Add(xvfbStartTimeout); ; {
		conn, err := net.Dial("unix", sock)
		if err == nil {
			conn.Close()
			return ":" + strconv.Itoa(n), c, nil
		}
		if time.Now().After(deadline) {
			c.stop()
			return "", nil, fmt.Errorf("%s on :%d does not accept connections: %v", name, n, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
