//go:build !windows

package localapi

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

type fakeBackend struct{ revoked []string }

func (f *fakeBackend) Invite(_ context.Context, req InviteRequest) (*InviteResponse, error) {
	if req.Expires == "forever" {
		return nil, &UserError{Msg: "expires \"forever\" is not a duration\nlike 90m"}
	}
	if req.Expires == "boom" {
		return nil, errors.New("disk on fire")
	}
	return &InviteResponse{ID: "abcd1234", Password: "PW", ConnectionString: "<E/>", File: []byte("x")}, nil
}

func (f *fakeBackend) Revoke(_ context.Context, p string) (*RevokeResponse, error) {
	f.revoked = append(f.revoked, p)
	return &RevokeResponse{Revoked: []string{p}}, nil
}

func (f *fakeBackend) Status(context.Context) (*StatusResponse, error) {
	return &StatusResponse{Version: "test"}, nil
}

func (f *fakeBackend) Pending(context.Context) (*PendingResponse, error) {
	return &PendingResponse{Prompts: []PromptStatus{{ID: "1", Expert: "Ada"}}}, nil
}

func (f *fakeBackend) Answer(_ context.Context, req AnswerRequest) (*AnswerResponse, error) {
	if req.ID != "1" {
		return nil, &UserError{Msg: "no such question is waiting"}
	}
	return &AnswerResponse{Kind: PromptView}, nil
}

func (f *fakeBackend) TakeBack(context.Context) (*TakeBackResponse, error) {
	return &TakeBackResponse{Helpers: 1}, nil
}

func (f *fakeBackend) Pause(_ context.Context, req PauseRequest) (*PauseResponse, error) {
	return &PauseResponse{Paused: req.Paused, Changed: true, Helpers: 1}, nil
}

func serve(t *testing.T, path string, opt ListenOptions, b Backend) {
	t.Helper()
	ln, err := Listen(path, opt)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { (&Server{Backend: b}).Serve(ctx, ln); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
}

func TestRoundTrips(t *testing.T) {
	path := filepath.Join(t.TempDir(), "run", "control.sock")
	b := &fakeBackend{}
	serve(t, path, ListenOptions{}, b)
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("socket mode %v, %v; want 0600", fi.Mode().Perm(), err)
	}
	di, _ := os.Stat(filepath.Dir(path))
	if di.Mode().Perm() != 0o700 {
		t.Errorf("socket directory mode %v, want 0700", di.Mode().Perm())
	}
	c := NewClient(path)
	ctx := context.Background()
	if r, err := c.Invite(ctx, InviteRequest{}); err != nil || r.Password != "PW" || r.ID != "abcd1234" {
		t.Fatalf("Invite = %+v, %v", r, err)
	}
	// A refusal reaches the user as one line, unchanged otherwise.
	if _, err := c.Invite(ctx, InviteRequest{Expires: "forever"}); err == nil || err.Error() != `expires "forever" is not a duration like 90m` {
		t.Fatalf("user error = %v", err)
	}
	// An internal error does not leak its details.
	if _, err := c.Invite(ctx, InviteRequest{Expires: "boom"}); err == nil || strings.Contains(err.Error(), "fire") {
		t.Fatalf("internal error = %v", err)
	}
	if _, err := c.Revoke(ctx, "ab/cd"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Revoke(ctx, ""); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(b.revoked) != "[ab/cd ]" {
		t.Errorf("revoked %q", b.revoked)
	}
	if s, err := c.Status(ctx); err != nil || s.Version != "test" {
		t.Fatalf("Status = %+v, %v", s, err)
	}
	if p, err := c.Pending(ctx); err != nil || len(p.Prompts) != 1 || p.Prompts[0].Expert != "Ada" {
		t.Fatalf("Pending = %+v, %v", p, err)
	}
	if tb, err := c.TakeBack(ctx); err != nil || tb.Helpers != 1 {
		t.Fatalf("TakeBack = %+v, %v", tb, err)
	}
	if pr, err := c.Pause(ctx, true); err != nil || !pr.Paused || !pr.Changed {
		t.Fatalf("Pause = %+v, %v", pr, err)
	}
	if _, err := c.Answer(ctx, "1", true); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Answer(ctx, "9", false); err == nil || err.Error() != "no such question is waiting" {
		t.Fatalf("Answer(9) = %v", err)
	}
}

func TestNotRunning(t *testing.T) {
	_, err := NewClient(filepath.Join(t.TempDir(), "none.sock")).Status(context.Background())
	if err == nil || !strings.Contains(err.Error(), "ranoviced is not running") {
		t.Fatalf("err = %v", err)
	}
}

func TestSecondDaemonAndStaleSocket(t *testing.T) {
	path := filepath.Join(t.TempDir(), "control.sock")
	serve(t, path, ListenOptions{}, &fakeBackend{})
	if _, err := Listen(path, ListenOptions{}); err == nil || !strings.Contains(err.Error(), "already running") {
		t.Fatalf("second Listen: %v", err)
	}
	// A socket file nobody listens on (a crashed daemon) is replaced.
	stale := filepath.Join(t.TempDir(), "stale.sock")
	ln, err := Listen(stale, ListenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ln.(interface{ SetUnlinkOnClose(bool) }).SetUnlinkOnClose(false)
	ln.Close()
	if _, err := os.Stat(stale); err != nil {
		t.Fatal("stale socket file missing for the test")
	}
	ln, err = Listen(stale, ListenOptions{})
	if err != nil {
		t.Fatalf("stale socket not replaced: %v", err)
	}
	ln.Close()
}

const helperEnv = "LOCALAPI_HELPER_SOCKET"

// TestHelperProcess is the other user's client, run by TestOtherUserRefused.
func TestHelperProcess(t *testing.T) {
	path := os.Getenv(helperEnv)
	if path == "" {
		t.Skip("helper process only")
	}
	_, err := NewClient(path).Status(context.Background())
	fmt.Printf("uid %d: %v\n", os.Getuid(), err)
}

// TestOtherUserRefused: a peer of another uid gets nothing, both when the
// socket's permissions stop it (the default) and when they do not and the
// peer-credential check must (a widened socket).
func TestOtherUserRefused(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("needs root to run a client as another user (CI runs as root)")
	}
	// The test binary must be executable by the other user.
	shared, err := os.MkdirTemp("", "localapi-peer-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(shared)
	os.Chmod(shared, 0o755)
	bin := filepath.Join(shared, "localapi.test")
	if err := copyFile(os.Args[0], bin); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		opt  ListenOptions
		want string
	}{
		{"socket permissions", ListenOptions{}, "refused: the control socket"},
		{"peer credentials", ListenOptions{Mode: 0o666, DirMode: 0o755}, "refused: the ranoviced control socket belongs to another user"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(shared, tc.name, "control.sock")
			serve(t, path, tc.opt, &fakeBackend{})
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, bin, "-test.run=^TestHelperProcess$", "-test.v")
			cmd.Env = append(os.Environ(), helperEnv+"="+path)
			// uid/gid 65534 is "nobody" on Debian.
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("helper: %v\n%s", err, out)
			}
			if !strings.Contains(string(out), "uid 65534: "+tc.want) {
				t.Fatalf("the other user's client said:\n%s\nwant %q", out, tc.want)
			}
		})
	}
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
