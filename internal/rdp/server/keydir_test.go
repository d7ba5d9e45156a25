package server

import (
	"os"
	"testing"
)

func newKeyDir() (string, error) { return os.MkdirTemp("", "ranoviced-test-key-") }

func TestMain(m *testing.M) {
	code := m.Run()
	if testKeyDir != "" {
		os.RemoveAll(testKeyDir)
	}
	os.Exit(code)
}
