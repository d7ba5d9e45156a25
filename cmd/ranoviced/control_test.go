package main

import (
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// TestControlArgsCheckedFirst: a mistake in the arguments is named before
// the configuration is read or the daemon is dialled, so the novice is
// told what to fix rather than that the daemon is not running.
func TestControlArgsCheckedFirst(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.toml")
	for _, tc := range []struct {
		name string
		run  func([]string, io.Writer) error
		args []string
		want string
	}{
		{"answer without a verdict", runAnswer, []string{"1"}, "want a question ID and yes or no"},
		{"answer maybe", runAnswer, []string{"1", "maybe"}, `"maybe": say yes or no`},
		{"revoke two", runRevoke, []string{"a", "b"}, `unexpected argument "b" (give at most one invitation ID`},
		{"status with an argument", runStatus, []string{"x"}, `status: unexpected argument "x"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.run(append([]string{"-config", missing}, tc.args...), io.Discard)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error containing %q", err, tc.want)
			}
		})
	}
}
