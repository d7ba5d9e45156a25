package daemon

import (
	"context"
	"crypto/rand"
	"errors"
	"net"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ranoviced/ranoviced/internal/invite"
	"github.com/ranoviced/ranoviced/internal/localapi"
	"github.com/ranoviced/ranoviced/internal/policy"
	"github.com/ranoviced/ranoviced/internal/rdp/acceptor"
	"github.com/ranoviced/ranoviced/internal/rdp/gcc"
	"github.com/ranoviced/ranoviced/internal/rdp/pdu"
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest/expert"
	"github.com/ranoviced/ranoviced/internal/rdp/sec"
	"github.com/ranoviced/ranoviced/internal/rdp/server"
	"github.com/ranoviced/ranoviced/internal/registry"
	"github.com/ranoviced/ranoviced/internal/serverkey"
	"github.com/ranoviced/ranoviced/internal/shadow/fake"
)

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func newDaemon(t *testing.T, mod func(*policy.Invitation), addrs []netip.AddrPort) (*Daemon, *registry.Registry, *clock) {
	t.Helper()
	pol := policy.Default().Invitation
	if mod != nil {
		mod(&pol)
	}
	clk := &clock{t: time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)}
	reg := registry.NewRegistry(registry.Config{MaxWaiting: pol.MaxWaiting, MaxLifetime: pol.MaxLifetime.Duration, MaxFailures: pol.MaxFailedAttempts})
	d := New(Config{
		Policy: &pol, Registry: reg,
		KeyHashes: func() (string, string) {
			return "CV6VZ/EBAWBl+pCT1XkJDofcH+o=", "sha256:micQ0I8sE4Pi1TKJOcPIWte9jTWhnu8lnIPOjcilEm4="
		},
		Addrs:    func() []netip.AddrPort { return addrs },
		UserName: "novice", Rand: rand.Reader, Now: clk.now, Version: "test",
	})
	return d, reg, clk
}

var loopbacks = []netip.AddrPort{netip.MustParseAddrPort("127.0.0.1:3389"), netip.MustParseAddrPort("[::1]:3390")}

// openFile decrypts an invitation file as an expert does.
func openFile(t *testing.T, file []byte, password string) (*invite.ConnectionString2, string, error) {
	t.Helper()
	inc, err := invite.ParseIncident(file)
	if err != nil {
		t.Fatal(err)
	}
	ct, err := invite.ParseTicketHex(inc.LHTicket)
	if err != nil {
		t.Fatal(err)
	}
	text, err := invite.DecryptTicket(password, ct)
	if err != nil {
		return nil, "", err
	}
	cs, err := invite.ParseConnectionString2(text)
	if err != nil {
		t.Fatal(err)
	}
	return cs, text, nil
}

// TestInviteRoundTrip: the file decrypts with the password to the very
// Connection String 2 the daemon holds, listing every address it listens
// on; a wrong password does not decrypt it.
func TestInviteRoundTrip(t *testing.T) {
	d, reg, clk := newDaemon(t, nil, loopbacks)
	resp, err := d.Invite(context.Background(), localapi.InviteRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Password) != invite.PasswordLength {
		t.Fatalf("generated password of %d characters", len(resp.Password))
	}
	cs, text, err := openFile(t, resp.File, resp.Password)
	if err != nil {
		t.Fatal(err)
	}
	held, err := reg.Lookup(cs.ID, clk.now())
	if err != nil {
		t.Fatalf("the file's ID names no live invitation: %v", err)
	}
	if held.ConnectionString != text || resp.ConnectionString != text {
		t.Fatalf("the daemon holds\n%q\nthe file carries\n%q", held.ConnectionString, text)
	}
	var hosts []string
	for _, l := range cs.Listeners {
		hosts = append(hosts, l.Host)
	}
	if got := strings.Join(hosts, " "); got != "127.0.0.1 ::1 0:0:0:0:0:0:0:1" {
		t.Errorf("listeners %q", got)
	}
	inc, err := invite.ParseIncident(resp.File)
	if err != nil {
		t.Fatal(err)
	}
	if !held.CheckProof(invite.PassStubProof(resp.Password, inc.PassStub)) {
		t.Error("the registry does not accept the right password's proof")
	}
	if _, _, err := openFile(t, resp.File, "WRONGPASSWRD"); !errors.Is(err, invite.ErrTicket) {
		t.Fatalf("wrong password: %v", err)
	}
	if want := clk.now().Add(6 * time.Hour); !resp.Expires.Equal(want) {
		t.Errorf("expires %v, want the 6h default %v", resp.Expires, want)
	}
}

// TestInviteRefusals: each refusal is one line naming what to change, and
// leaves the daemon's invitations as they were.
func TestInviteRefusals(t *testing.T) {
	tests := []struct {
		name string
		mod  func(*policy.Invitation)
		pre  int // invitations created first
		req  localapi.InviteRequest
		want string
	}{
		{"not a duration", nil, 0, localapi.InviteRequest{Expires: "tomorrow"}, `--expires "tomorrow" is not a duration like 90m or 6h`},
		{"too long", nil, 0, localapi.InviteRequest{Expires: "7h"}, `--expires 7h0m0s is longer than the policy allows (6h0m0s)`},
		{"too short", nil, 0, localapi.InviteRequest{Expires: "30s"}, `--expires 30s is too short`},
		{"own password denied", nil, 0, localapi.InviteRequest{Password: "correct horse battery"}, `choosing the password is not allowed by policy`},
		{"weak own password", func(p *policy.Invitation) { p.UserPassword = policy.UserPasswordAllow }, 0,
			localapi.InviteRequest{Password: "short"}, `--password:`},
		{"second invitation", nil, 1, localapi.InviteRequest{}, `too many invitations are waiting: 1 of 1; revoke one first`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, reg, clk := newDaemon(t, tt.mod, loopbacks)
			for range tt.pre {
				if _, err := d.Invite(context.Background(), localapi.InviteRequest{}); err != nil {
					t.Fatal(err)
				}
			}
			before := reg.Snapshot(clk.now())
			_, err := d.Invite(context.Background(), tt.req)
			var ue *localapi.UserError
			if !errors.As(err, &ue) || !strings.Contains(ue.Msg, tt.want) || strings.Contains(ue.Msg, "\n") {
				t.Fatalf("err = %v, want a one-line user error containing %q", err, tt.want)
			}
			if tt.req.Password != "" && strings.Contains(ue.Msg, tt.req.Password) {
				t.Fatalf("the message repeats the password: %q", ue.Msg)
			}
			if after := reg.Snapshot(clk.now()); len(after) != len(before) {
				t.Fatalf("%d invitations before, %d after a refusal", len(before), len(after))
			}
		})
	}
}

// TestConnectionString1ForVersion1Experts: with encrypted_only off the
// file also carries Connection String 1, consistent with Connection String
// 2 (same ID, the IPv4 addresses, KH); by default it does not.
func TestConnectionString1ForVersion1Experts(t *testing.T) {
	for _, encryptedOnly := range []bool{true, false} {
		d, _, _ := newDaemon(t, func(p *policy.Invitation) { p.EncryptedOnly = encryptedOnly }, loopbacks)
		resp, err := d.Invite(context.Background(), localapi.InviteRequest{})
		if err != nil {
			t.Fatal(err)
		}
		inc, err := invite.ParseIncident(resp.File)
		if err != nil {
			t.Fatal(err)
		}
		if encryptedOnly {
			if inc.RCTicket != "" {
				t.Fatal("encrypted_only wrote a clear-text ticket")
			}
			continue
		}
		cs2, _, err := openFile(t, resp.File, resp.Password)
		if err != nil {
			t.Fatal(err)
		}
		cs1, err := invite.ParseConnectionString1(inc.RCTicket)
		if err != nil {
			t.Fatalf("RCTICKET %q: %v", inc.RCTicket, err)
		}
		if cs1.ID != cs2.ID || len(cs1.Listeners) != 1 || cs1.Listeners[0] != (invite.Listener{Host: "127.0.0.1", Port: 3389}) {
			t.Fatalf("Connection String 1 %+v does not match Connection String 2 %+v", cs1, cs2)
		}
	}
}

func TestOwnPasswordWhenAllowed(t *testing.T) {
	d, _, _ := newDaemon(t, func(p *policy.Invitation) { p.UserPassword = policy.UserPasswordAllow }, loopbacks)
	resp, err := d.Invite(context.Background(), localapi.InviteRequest{Password: "correct horse battery", Expires: "90m"})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Password != "" {
		t.Error("a password the novice chose was echoed back")
	}
	if _, _, err := openFile(t, resp.File, "correct horse battery"); err != nil {
		t.Fatal(err)
	}
}

// TestRDPLayerRefusesDeadInvitations: through the real server, an expert
// naming a live invitation's ID in Client Info WorkingDir gets in; unknown,
// expired and revoked IDs are refused before anything Remote Assistance
// happens, and revoking ends a connection that used the invitation.
func TestRDPLayerRefusesDeadInvitations(t *testing.T) {
	keyDir := t.TempDir()
	key, err := serverkey.LoadOrCreate(keyDir, "test", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	var d *Daemon
	srv, err := server.New(server.Config{
		Key: key, Security: acceptor.SecurityAuto,
		EncryptionMethods: gcc.EncryptionMethod128Bit, Screen: fake.New(320, 240), Compression: true,
		CheckClientInfo: func(remote net.Addr, ci *sec.ClientInfo) error { return d.CheckClientInfo(remote, ci) },
	})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	go srv.Serve(ctx, ln)
	defer srv.Shutdown(context.Background())
	d, _, clk := newDaemon(t, func(p *policy.Invitation) { p.MaxWaiting = 3 }, []netip.AddrPort{netip.MustParseAddrPort(ln.Addr().String())})
	d.cfg.Server = srv
	dial := func(id string) (*expert.Client, error) {
		return expert.Dial(ctx, ln.Addr().String(), expert.Config{Security: expert.SecurityTLS, WorkingDir: id, UserName: "helper"})
	}
	newID := func(expires string) string {
		resp, err := d.Invite(ctx, localapi.InviteRequest{Expires: expires})
		if err != nil {
			t.Fatal(err)
		}
		cs, _, err := openFile(t, resp.File, resp.Password)
		if err != nil {
			t.Fatal(err)
		}
		return cs.ID
	}
	live, shortLived, toRevoke := newID("6h"), newID("1m"), newID("6h")

	c, err := dial(live)
	if err != nil {
		t.Fatalf("live invitation refused: %v", err)
	}
	defer c.Close()
	if c2, err := dial("no-such-invitation-id"); err == nil {
		c2.Close()
		t.Fatal("unknown invitation ID accepted")
	}
	clk.advance(2 * time.Minute)
	if c2, err := dial(shortLived); err == nil {
		c2.Close()
		t.Fatal("expired invitation accepted")
	}
	c3, err := dial(toRevoke)
	if err != nil {
		t.Fatal(err)
	}
	defer c3.Close()
	if _, err := d.Revoke(ctx, registry.Short(toRevoke)); err != nil {
		t.Fatal(err)
	}
	if err := c3.Wait(ctx); err == nil {
		t.Fatal("connection of a revoked invitation still open")
	}
	if got := c3.ErrorInfo(); got != pdu.ErrInfoRPCInitiatedDisconnectByUser {
		t.Errorf("error info %v", got)
	}
	if c2, err := dial(toRevoke); err == nil {
		c2.Close()
		t.Fatal("revoked invitation accepted")
	}
	st, _ := d.Status(ctx)
	if len(st.Connections) != 1 || st.Connections[0].Invitation != registry.Short(live) {
		t.Errorf("status connections %+v", st.Connections)
	}
}
