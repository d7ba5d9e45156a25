package daemon

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"

	"github.com/ranoviced/ranoviced/internal/localapi"
	"github.com/ranoviced/ranoviced/internal/policy"
	"github.com/ranoviced/ranoviced/internal/rdp/sec"
	"github.com/ranoviced/ranoviced/internal/registry"
)

// TestClientInfoAlternateShell: [MS-RA] 2.2.7.2. WorkingDir must name a
// live invitation; AlternateShell is "*" (FreeRDP) or the password in
// clear (a Windows expert). A wrong clear password is refused and counted
// like a wrong proof, so enough of them end the invitation and shut the
// address out.
func TestClientInfoAlternateShell(t *testing.T) {
	d, reg, clk := newDaemon(t, func(p *policy.Invitation) { p.MaxFailedAttempts = 2 }, loopbacks)
	resp, err := d.Invite(context.Background(), localapi.InviteRequest{})
	if err != nil {
		t.Fatal(err)
	}
	cs, _, err := openFile(t, resp.File, resp.Password)
	if err != nil {
		t.Fatal(err)
	}
	from := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 50000}
	other := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 2), Port: 50000}
	check := func(addr net.Addr, workingDir, shell string) error {
		return d.CheckClientInfo(addr, &sec.ClientInfo{WorkingDir: workingDir, AlternateShell: shell, Password: "*"})
	}
	for _, tc := range []struct {
		name, dir, shell string
		want             error
	}{
		{"FreeRDP: star", cs.ID, "*", nil},
		{"empty", cs.ID, "", nil},
		{"Windows: the password in clear", cs.ID, resp.Password, nil},
		{"no such invitation", "NOSUCHINVITE", "*", registry.ErrUnknown},
	} {
		if err := check(from, tc.dir, tc.shell); !errors.Is(err, tc.want) {
			t.Errorf("%s: err %v, want %v", tc.name, err, tc.want)
		}
	}
	if reg.CheckSource("127.0.0.1", clk.now()) != nil {
		t.Fatal("accepted Client Infos counted as failures")
	}

	for range 2 {
		if err := check(from, cs.ID, "WRONGPASSWRD"); !errors.Is(err, errWrongPassword) {
			t.Fatalf("a wrong clear password: %v", err)
		}
	}
	// Two failures (policy 2) ended the invitation: the right password
	// from another address is refused now.
	if err := check(other, cs.ID, resp.Password); err == nil {
		t.Fatal("the invitation survived the policy number of wrong passwords")
	}
	// And the address that sent them is shut out of a new invitation too.
	resp2, err := d.Invite(context.Background(), localapi.InviteRequest{})
	if err != nil {
		t.Fatal(err)
	}
	cs2, _, err := openFile(t, resp2.File, resp2.Password)
	if err != nil {
		t.Fatal(err)
	}
	if err := check(from, cs2.ID, "*"); !errors.Is(err, registry.ErrSourceBlocked) {
		t.Fatalf("the guessing address: %v, want ErrSourceBlocked", err)
	}
	if err := check(other, cs2.ID, "*"); err != nil {
		t.Fatalf("another address: %v", err)
	}
}

// TestDisplayName: a helper's name reaches the novice's question without
// control or formatting characters and within bounds.
func TestDisplayName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Helper Bob", "Helper Bob"},
		{"  padded  ", "padded"},
		{"Bob\nPassword verified. Allow?", "Bob?Password verified. Allow?"},
		{"evil\u202egnp.exe", "evil?gnp.exe"},
		{"a\x00b\x1bc", "a?b?c"},
		{"\xff\xfe", "??"},
		{strings.Repeat("x", 100), strings.Repeat("x", 64) + "…"},
		{"", ""},
	} {
		if got := displayName(tc.in); got != tc.want {
			t.Errorf("displayName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
