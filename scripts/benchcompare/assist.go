//go:build linux

package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"time"

	"github.com/ranoviced/ranoviced/internal/invite"
)

// ranoviced is measured as a helper meets it: xfreerdp opens an
// invitation file with its password (/assistance), proves the password on
// the remdesk channel, and the novice says yes (`ranoviced answer`, as the
// consent tests do), before any pixel flows. Only the Go test expert of
// the latency phase connects as a plain client (--unsafe-no-auth, which
// never lets a Remote Assistance client skip the checks).

// consentConfig keeps the consent dialog off the novice's screen, which
// it would spoil, gives the harness time to answer, and lets the
// many-viewers measurement hand out an invitation per helper.
const consentConfig = "\n[invitation]\nmax_waiting = 8\n\n[consent]\ndialog = false\ntimeout = \"2m\"\n"

// consentPoll is how often the harness looks for helpers waiting.
const consentPoll = 250 * time.Millisecond

var (
	invitePassword = regexp.MustCompile(`Password:\s+(\S+)`)
	pendingLine    = regexp.MustCompile(`(?m)^\[(\d+)\] `)
)

// ctl runs a ranoviced control command against the daemon using conf.
func (b *bench) ctl(ctx context.Context, conf string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	argv := append([]string{args[0], "--config", conf}, args[1:]...)
	out, err := exec.CommandContext(ctx, b.bin, argv...).CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("ranoviced %s: %w\n%s", args[0], err, out)
	}
	return string(out), nil
}

// invitation asks the daemon for an invitation and rewrites its address
// list to addr (the relay in front of the daemon), as a helper behind a
// port forward would receive it. It returns the file and the password.
func (b *bench) invitation(ctx context.Context, conf, dir, addr string) (file, password string, err error) {
	file = filepath.Join(dir, "Invitation.msrcIncident")
	out, err := b.ctl(ctx, conf, "invite", "--force", "--out", file)
	if err != nil {
		return "", "", err
	}
	m := invitePassword.FindStringSubmatch(out)
	if m == nil {
		return "", "", fmt.Errorf("ranoviced invite printed no password:\n%s", out)
	}
	password = m[1]
	raw, err := os.ReadFile(file)
	if err != nil {
		return "", "", err
	}
	inc, err := invite.ParseIncident(raw)
	if err != nil {
		return "", "", err
	}
	ct, err := invite.ParseTicketHex(inc.LHTicket)
	if err != nil {
		return "", "", err
	}
	text, err := invite.DecryptTicket(password, ct)
	if err != nil {
		return "", "", err
	}
	cs, err := invite.ParseConnectionString2(text)
	if err != nil {
		return "", "", err
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", "", err
	}
	p, err := strconv.ParseUint(port, 10, 16)
	if err != nil {
		return "", "", err
	}
	cs.Listeners = []invite.Listener{{Host: host, Port: uint16(p)}}
	if text, err = cs.Marshal(); err != nil {
		return "", "", err
	}
	inc.LHTicket = invite.TicketHex(invite.EncryptTicket(password, text))
	if inc.RCTicket != "" {
		inc.RCTicket, _ = invite.ConnectionString1(cs)
	}
	if raw, err = inc.Marshal(); err != nil {
		return "", "", err
	}
	return file, password, os.WriteFile(file, raw, 0o600)
}

// answerPending says yes to every helper waiting for the novice's consent
// and returns how many it answered.
func (b *bench) answerPending(ctx context.Context, conf string) (int, error) {
	out, err := b.ctl(ctx, conf, "pending")
	if err != nil {
		return 0, err
	}
	n := 0
	for _, m := range pendingLine.FindAllStringSubmatch(out, -1) {
		if _, err := b.ctl(ctx, conf, "answer", m[1], "yes"); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// assistanceArgs are xfreerdp's arguments for an invitation file.
func assistanceArgs(file, password string) []string {
	return []string{file, "/assistance:" + password}
}
