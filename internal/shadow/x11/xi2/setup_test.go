package xi2

import (
	"bytes"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
)

// unhex decodes hex written with spaces, newlines and "#" comments to the
// end of a line.
func unhex(tb testing.TB, s string) []byte {
	tb.Helper()
	var clean strings.Builder
	for _, line := range strings.Split(s, "\n") {
		line, _, _ = strings.Cut(line, "#")
		clean.WriteString(strings.Join(strings.Fields(line), ""))
	}
	b, err := hex.DecodeString(clean.String())
	if err != nil {
		tb.Fatalf("bad hex: %v", err)
	}
	return b
}

func TestEncodeSetupRequest(t *testing.T) {
	noAuth := unhex(t, `
		6c 00      # 'l' (little-endian), unused
		0b 00 00 00 # protocol 11.0
		00 00 00 00 # name and data lengths 0
		00 00      # unused
	`)
	if got := encodeSetupRequest("", nil); !bytes.Equal(got, noAuth) {
		t.Errorf("no auth:\n got %x\nwant %x", got, noAuth)
	}
	cookie := unhex(t, `
		6c 00 0b 00 00 00
		12 00      # name length 18
		10 00      # data length 16
		00 00
		4d49542d4d414749432d434f4f4b49452d31 0000 # "MIT-MAGIC-COOKIE-1", pad to 20
		000102030405060708090a0b0c0d0e0f
	`)
	if got := encodeSetupRequest(cookieName, testCookie); !bytes.Equal(got, cookie) {
		t.Errorf("cookie:\n got %x\nwant %x", got, cookie)
	}
}

// goldenSetup is a successful setup reply with one screen, worked out
// from the X11 protocol's "Connection Setup" (the shape of Xvfb's, cut
// down to one depth with one visual).
const goldenSetup = `
	01 00        # Success, unused
	0b 00 00 00  # protocol 11.0
	1d 00        # 29 more 4-byte units (116 bytes)
	01 00 00 00  # release-number
	00 00 20 00  # resource-id-base
	ff ff 1f 00  # resource-id-mask
	00 01 00 00  # motion-buffer-size
	04 00        # vendor length 4
	ff ff        # maximum-request-length
	01           # 1 screen
	01           # 1 pixmap format
	00 00        # image-byte-order LSBFirst, bitmap-format-bit-order LeastSignificant
	20 20        # bitmap-format-scanline-unit, -pad
	08 ff        # min-keycode, max-keycode
	00 00 00 00  # unused
	54 65 73 74  # vendor "Test"
	18 20 20 00 00 00 00 00  # FORMAT depth 24, 32 bpp, scanline-pad 32
	# SCREEN
	0d 05 00 00  # root 0x50d
	20 00 00 00  # default-colormap
	ff ff ff 00  # white-pixel
	00 00 00 00  # black-pixel
	00 00 00 00  # current-input-masks
	40 00 40 00  # 64x64 pixels
	11 00 11 00  # 17x17 mm
	01 00 01 00  # min-, max-installed-maps
	21 00 00 00  # root-visual
	00 00 18 01  # backing-stores Never, save-unders false, root-depth 24, 1 DEPTH
	# DEPTH
	18 00 01 00 00 00 00 00  # depth 24, 1 visual
	# VISUALTYPE
	21 00 00 00  # visual-id
	04 08 00 01  # TrueColor, 8 bits-per-rgb-value, 256 colormap-entries
	00 00 ff 00  # red-mask
	00 ff 00 00  # green-mask
	ff 00 00 00  # blue-mask
	00 00 00 00  # unused
`

func TestParseSetupReply(t *testing.T) {
	b := unhex(t, goldenSetup)
	if n, err := setupReplyLen(b[:setupHeaderLen]); err != nil || n != len(b) {
		t.Fatalf("setupReplyLen = %d, %v; want %d", n, err, len(b))
	}
	info, err := parseSetupReply(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(info.roots) != 1 || info.roots[0] != 0x50d {
		t.Errorf("roots = %#x, want [0x50d]", info.roots)
	}

	// Two screens: the second root is found after the first screen's
	// depths and visuals.
	screen := b[52:]
	two := append(bytes.Clone(b), screen...)
	put32(two[len(b):], 0x777)
	two[28] = 2
	put16(two[6:], uint16((len(two)-setupHeaderLen)/4))
	info, err = parseSetupReply(two)
	if err != nil {
		t.Fatal(err)
	}
	if len(info.roots) != 2 || info.roots[0] != 0x50d || info.roots[1] != 0x777 {
		t.Errorf("roots = %#x, want [0x50d 0x777]", info.roots)
	}
}

func TestParseSetupReplyRejects(t *testing.T) {
	good := unhex(t, goldenSetup)
	for n := 0; n < len(good); n++ {
		if _, err := parseSetupReply(good[:n]); err == nil {
			t.Errorf("prefix of %d bytes accepted", n)
		}
	}
	mutate := func(f func(b []byte) []byte) []byte { return f(bytes.Clone(good)) }
	fixLen := func(b []byte) []byte { put16(b[6:], uint16((len(b)-setupHeaderLen)/4)); return b }
	tests := map[string][]byte{
		"trailing bytes":       mutate(func(b []byte) []byte { return fixLen(append(b, 0, 0, 0, 0)) }),
		"longer than header":   mutate(func(b []byte) []byte { return append(b, 0, 0, 0, 0) }),
		"one screen too many":  mutate(func(b []byte) []byte { b[28] = 2; return b }),
		"no screens":           mutate(func(b []byte) []byte { b[28] = 0; return fixLen(b[:52]) }),
		"a format too many":    mutate(func(b []byte) []byte { b[29] = 2; return b }),
		"vendor overruns":      mutate(func(b []byte) []byte { put16(b[24:], 0xffff); return b }),
		"a depth too many":     mutate(func(b []byte) []byte { b[91] = 2; return b }),
		"a visual too many":    mutate(func(b []byte) []byte { b[94] = 2; return b }),
		"visual count huge":    mutate(func(b []byte) []byte { put16(b[94:], 0xffff); return b }),
		"protocol 10":          mutate(func(b []byte) []byte { b[2] = 10; return b }),
		"unknown status":       mutate(func(b []byte) []byte { b[0] = 3; return b }),
		"fixed part truncated": fixLen(bytes.Clone(good[:36])),
	}
	for name, b := range tests {
		if info, err := parseSetupReply(b); err == nil {
			t.Errorf("%s: accepted, roots %#x", name, info.roots)
		}
	}
}

func TestParseSetupReplyRefusals(t *testing.T) {
	reason := "No protocol specified\n"
	failed := []byte{setupFailed, byte(len(reason)), 11, 0, 0, 0, 0, 0}
	failed = append(failed, reason...)
	failed = append(failed, make([]byte, pad4(len(reason))-len(reason))...)
	put16(failed[6:], uint16(pad4(len(reason))/4))
	_, err := parseSetupReply(failed)
	if err == nil || !strings.Contains(err.Error(), "refused the connection: No protocol specified?") {
		t.Errorf("Failed: err = %v", err)
	}
	if errors.Is(err, errMalformed) {
		t.Errorf("Failed: a refusal is not a malformed reply: %v", err)
	}
	overrun := bytes.Clone(failed)
	overrun[1] = byte(len(failed))
	if _, err := parseSetupReply(overrun); !errors.Is(err, errMalformed) {
		t.Errorf("Failed with an overlong reason: err = %v, want errMalformed", err)
	}

	auth := []byte{setupAuthenticate, 0, 0, 0, 0, 0, 2, 0, 'M', 'o', 'r', 'e', '!', 0, 0, 0}
	if _, err := parseSetupReply(auth); err == nil || !strings.Contains(err.Error(), "further authentication: More!") {
		t.Errorf("Authenticate: err = %v", err)
	}
}
