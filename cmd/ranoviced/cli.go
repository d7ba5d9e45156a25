package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

const usage = `usage: ranoviced <command> [flags]

commands:
  run       serve RDP on this desktop in the foreground
  invite    create an invitation file for a helper (the daemon must run)
  revoke    end a waiting invitation, disconnecting helpers who used it
  status    show what the daemon listens on, its invitations and helpers
  pending   show helpers waiting for your answer
  answer    answer a waiting helper: ranoviced answer ID yes|no
  takeback  take keyboard and mouse control back from the helper
  pause     hide your screen from the helpers (they see a grey picture) and take control back
  resume    show your screen to the helpers again
  keyhash   print the server key's Remote Assistance hashes and TLS fingerprint
  version   print the version

Run "ranoviced <command> -h" for a command's flags.`

// version is set by the build (-ldflags "-X main.version=...").
var version = "dev"

func run(args []string) error {
	if len(args) == 0 {
		return errors.New("no command\n" + usage)
	}
	switch args[0] {
	case "run":
		return runServer(args[1:])
	case "invite":
		return runInvite(args[1:], os.Stdout)
	case "revoke":
		return runRevoke(args[1:], os.Stdout)
	case "status":
		return runStatus(args[1:], os.Stdout)
	case "pending":
		return runPending(args[1:], os.Stdout)
	case "answer":
		return runAnswer(args[1:], os.Stdout)
	case "takeback":
		return runTakeBack(args[1:], os.Stdout)
	case "pause":
		return runPause(args[1:], os.Stdout, true)
	case "resume":
		return runPause(args[1:], os.Stdout, false)
	case "keyhash":
		return runKeyhash(args[1:], os.Stdout)
	case "version", "--version", "-version":
		fmt.Println("ranoviced", version)
		return nil
	case "help", "-h", "--help":
		fmt.Println(usage)
		return nil
	}
	return fmt.Errorf("unknown command %q\n%s", args[0], usage)
}

// newFlagSet returns a flag set whose errors come back as one-line errors
// instead of exiting.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

func parseFlags(fs *flag.FlagSet, args []string) error { return parseFlagsArgs(fs, args, 0) }

// parseFlagsArgs parses flags and allows up to maxArgs positional
// arguments.
func parseFlagsArgs(fs *flag.FlagSet, args []string, maxArgs int) error {
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(os.Stdout)
		fmt.Printf("usage: ranoviced %s [flags]\n", fs.Name())
		fs.PrintDefaults()
		return errHelp
	}
	if err != nil {
		return fmt.Errorf("%s: %w", fs.Name(), err)
	}
	if fs.NArg() > maxArgs {
		return fmt.Errorf("%s: unexpected argument %q", fs.Name(), fs.Arg(maxArgs))
	}
	return nil
}

var errHelp = errors.New("help shown")
