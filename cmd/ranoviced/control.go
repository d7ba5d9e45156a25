package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ranoviced/ranoviced/internal/localapi"
	"github.com/ranoviced/ranoviced/internal/policy"
)

// controlSocket returns the control socket path the policy names, or the
// per-user default.
func controlSocket(pol *policy.Policy) string {
	if pol.Control.Socket != "" {
		return pol.Control.Socket
	}
	if runtime.GOOS == "windows" {
		return `\\.\pipe\ranoviced-control`
	}
	if os.Geteuid() == 0 {
		return "/run/ranoviced/control.sock"
	}
	if d := os.Getenv("XDG_RUNTIME_DIR"); d != "" {
		return filepath.Join(d, "ranoviced", "control.sock")
	}
	return filepath.Join(os.TempDir(), fmt.Sprintf("ranoviced-%d", os.Geteuid()), "control.sock")
}

// clientFlags are the flags every control command takes.
type clientFlags struct {
	config, socket string
}

func (f *clientFlags) register(fs interface {
	StringVar(*string, string, string, string)
}) {
	fs.StringVar(&f.config, "config", "", "TOML configuration `file` (for the control socket path)")
	fs.StringVar(&f.socket, "socket", "", "control socket `path` (default: the daemon's)")
}

func (f *clientFlags) client() (*localapi.Client, error) {
	if f.socket != "" {
		return localapi.NewClient(f.socket), nil
	}
	pol, err := loadPolicy(f.config)
	if err != nil {
		return nil, err
	}
	return localapi.NewClient(controlSocket(pol)), nil
}

const inviteFile = "Invitation.msrcIncident"

// runInvite asks the daemon for an invitation, writes the invitation file
// and shows the password once.
func runInvite(args []string, w io.Writer) error {
	var cf clientFlags
	var out, expires, password string
	var force, version3 bool
	fs := newFlagSet("invite")
	cf.register(fs)
	fs.StringVar(&out, "out", inviteFile, "where to write the invitation `file`")
	fs.StringVar(&expires, "expires", "", "how long the invitation waits, e.g. 90m or 6h (default: the policy's)")
	fs.StringVar(&password, "password", "", "choose the password instead of a generated one, when policy allows it")
	fs.BoolVar(&force, "force", false, "overwrite the invitation file if it exists")
	fs.BoolVar(&version3, "version3", false, "make the helper prove the password with the Remote Assistance version 3 token exchange")
	if err := parseFlags(fs, args); err != nil {
		if errors.Is(err, errHelp) {
			return nil
		}
		return err
	}
	if !strings.HasSuffix(strings.ToLower(out), ".msrcincident") {
		return fmt.Errorf("invite: --out %q: the file name must end in .msrcIncident, or experts will not open it", out)
	}
	c, err := cf.client()
	if err != nil {
		return err
	}
	// Open the file first: an unwritable path must fail before an
	// invitation exists.
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(out, flags, 0o600)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("invite: %s exists; choose another --out or add --force", out)
	}
	if err != nil {
		return fmt.Errorf("invite: cannot write the invitation file: %w", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	resp, err := c.Invite(ctx, localapi.InviteRequest{Expires: expires, Password: password, Version3: version3})
	if err != nil {
		f.Close()
		os.Remove(out)
		return fmt.Errorf("invite: %w", err)
	}
	if _, err := f.Write(resp.File); err == nil {
		err = f.Close()
	} else {
		f.Close()
	}
	if err != nil {
		os.Remove(out)
		c.Revoke(ctx, resp.ID)
		return fmt.Errorf("invite: writing %s failed, so the invitation was revoked: %w", out, err)
	}
	abs, _ := filepath.Abs(out)
	fmt.Fprintf(w, "Invitation %s created; it waits until %s (%v).\n", resp.ID,
		resp.Expires.Local().Format("2006-01-02 15:04"), time.Until(resp.Expires).Round(time.Minute))
	fmt.Fprintf(w, "Send the helper the file, and the password by another way (a phone call):\n\n")
	fmt.Fprintf(w, "  File:      %s\n", abs)
	if resp.Password != "" {
		fmt.Fprintf(w, "  Password:  %s   (shown only now)\n", resp.Password)
	} else {
		fmt.Fprintf(w, "  Password:  the one you chose\n")
	}
	fmt.Fprintf(w, "\nListening on %s\n", strings.Join(resp.Addresses, ", "))
	fmt.Fprintf(w, "Connection string: %s\n", resp.ConnectionString)
	fmt.Fprintf(w, "Revoke it with: ranoviced revoke %s\n", resp.ID)
	return nil
}

func runRevoke(args []string, w io.Writer) error {
	return controlCall("revoke", args, atMost(1, "give at most one invitation ID; see ranoviced status"), func(ctx context.Context, c *localapi.Client, fs *flag.FlagSet) error {
		resp, err := c.Revoke(ctx, fs.Arg(0))
		if err != nil {
			return fmt.Errorf("revoke: %w", err)
		}
		fmt.Fprintf(w, "Revoked %s. Helpers who used it are disconnected.\n", strings.Join(resp.Revoked, ", "))
		return nil
	})
}

func runStatus(args []string, w io.Writer) error {
	return controlCall("status", args, atMost(0, ""), func(ctx context.Context, c *localapi.Client, _ *flag.FlagSet) error {
		st, err := c.Status(ctx)
		if err != nil {
			return fmt.Errorf("status: %w", err)
		}
		fmt.Fprintf(w, "ranoviced %s, listening on %s\n", st.Version, strings.Join(st.Listening, ", "))
		if st.Paused {
			fmt.Fprintln(w, "Sharing is paused: helpers see a grey picture. Run \"ranoviced resume\" to show your screen again.")
		}
		tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
		if len(st.Invitations) == 0 {
			fmt.Fprintln(w, "No invitations. Create one with: ranoviced invite")
		} else {
			fmt.Fprintln(tw, "\nINVITATION\tSTATE\tEXPIRES\tFAILED PASSWORDS")
			for _, in := range st.Invitations {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%d\n", in.ID, in.State, in.Expires.Local().Format("2006-01-02 15:04"), in.Failures)
			}
		}
		if len(st.Connections) > 0 {
			fmt.Fprintln(tw, "\nHELPER\tFROM\tINVITATION\tSINCE")
			for _, cn := range st.Connections {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", cn.User, cn.Remote, cn.Invitation, cn.Since.Local().Format("15:04:05"))
			}
		}
		return tw.Flush()
	})
}

// runPending lists the questions waiting for the novice.
func runPending(args []string, w io.Writer) error {
	return controlCall("pending", args, atMost(0, ""), func(ctx context.Context, c *localapi.Client, _ *flag.FlagSet) error {
		resp, err := c.Pending(ctx)
		if err != nil {
			return fmt.Errorf("pending: %w", err)
		}
		if len(resp.Prompts) == 0 {
			fmt.Fprintln(w, "No helper is waiting for an answer.")
			return nil
		}
		for _, p := range resp.Prompts {
			fmt.Fprintf(w, "[%s] %s\n    Answer within %v:  ranoviced answer %s yes   (or no)\n\n",
				p.ID, strings.ReplaceAll(p.Text, "\n", "\n    "), time.Until(p.Deadline).Round(time.Second), p.ID)
		}
		return nil
	})
}

// runAnswer answers a question: may the helper see the desktop?
func runAnswer(args []string, w io.Writer) error {
	check := func(fs *flag.FlagSet) error {
		if fs.NArg() != 2 {
			return errors.New("answer: want a question ID and yes or no, e.g. ranoviced answer 1 yes (see ranoviced pending)")
		}
		_, err := parseYesNo(fs.Arg(1))
		return err
	}
	return controlCall("answer", args, check, func(ctx context.Context, c *localapi.Client, fs *flag.FlagSet) error {
		yes, _ := parseYesNo(fs.Arg(1))
		resp, err := c.Answer(ctx, fs.Arg(0), yes)
		if err != nil {
			return fmt.Errorf("answer: %w", err)
		}
		switch {
		case resp.Kind == localapi.PromptControl && yes:
			fmt.Fprintf(w, "Allowed: the helper now controls your keyboard and mouse. Press %s or run \"ranoviced takeback\" to take it back.\n", resp.PanicKey)
		case resp.Kind == localapi.PromptControl:
			fmt.Fprintln(w, "Refused: the helper keeps only watching.")
		case yes:
			fmt.Fprintln(w, "Allowed: the helper can now see your screen. Revoke the invitation to stop.")
		default:
			fmt.Fprintln(w, "Refused: the helper is disconnected.")
		}
		return nil
	})
}

// parseYesNo reads the novice's answer.
func parseYesNo(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "yes", "y", "allow":
		return true, nil
	case "no", "n", "refuse":
		return false, nil
	}
	return false, fmt.Errorf("answer: %q: say yes or no", s)
}

// runTakeBack ends a helper's control of the keyboard and mouse.
func runTakeBack(args []string, w io.Writer) error {
	return controlCall("takeback", args, atMost(0, ""), func(ctx context.Context, c *localapi.Client, _ *flag.FlagSet) error {
		resp, err := c.TakeBack(ctx)
		if err != nil {
			return fmt.Errorf("takeback: %w", err)
		}
		if resp.Helpers == 0 {
			fmt.Fprintln(w, "No helper has control.")
			return nil
		}
		fmt.Fprintln(w, "Control taken back: the helper can only watch now.")
		return nil
	})
}

// runPause pauses (hides the screen from the helpers) or resumes sharing.
func runPause(args []string, w io.Writer, paused bool) error {
	name := "resume"
	if paused {
		name = "pause"
	}
	return controlCall(name, args, atMost(0, ""), func(ctx context.Context, c *localapi.Client, _ *flag.FlagSet) error {
		resp, err := c.Pause(ctx, paused)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		switch {
		case paused && !resp.Changed:
			fmt.Fprintln(w, "Sharing is already paused. Run \"ranoviced resume\" to show your screen again.")
		case paused:
			fmt.Fprintln(w, "Paused: helpers see a grey picture and cannot control your computer. Run \"ranoviced resume\" to show your screen again.")
		case !resp.Changed:
			fmt.Fprintln(w, "Sharing is not paused.")
		default:
			fmt.Fprintln(w, "Resumed: helpers see your screen again.")
		}
		return nil
	})
}

// controlCall parses the flags of a control-socket command, lets
// checkArgs judge the positional arguments before anything connects, and
// runs call with the daemon's client and a 30-second deadline. -h prints
// the usage and runs nothing.
func controlCall(name string, args []string, checkArgs func(fs *flag.FlagSet) error, call func(ctx context.Context, c *localapi.Client, fs *flag.FlagSet) error) error {
	var cf clientFlags
	fs := newFlagSet(name)
	cf.register(fs)
	if err := parseFlagsArgs(fs, args, math.MaxInt); err != nil {
		if errors.Is(err, errHelp) {
			return nil
		}
		return err
	}
	if err := checkArgs(fs); err != nil {
		return err
	}
	c, err := cf.client()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return call(ctx, c, fs)
}

// atMost allows up to n positional arguments; hint, when given, says
// what they are.
func atMost(n int, hint string) func(fs *flag.FlagSet) error {
	return func(fs *flag.FlagSet) error {
		if fs.NArg() <= n {
			return nil
		}
		err := fmt.Errorf("%s: unexpected argument %q", fs.Name(), fs.Arg(n))
		if hint != "" {
			err = fmt.Errorf("%w (%s)", err, hint)
		}
		return err
	}
}
