package xi2

import (
	"errors"
	"fmt"
	"strings"
)

// X protocol version the client speaks.
const (
	protocolMajor = 11
	protocolMinor = 0
)

// errMalformed reports a server message that breaks the protocol. It is
// wrapped with what was wrong.
var errMalformed = errors.New("xi2: malformed message from the X server")

func malformed(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errMalformed, fmt.Sprintf(format, args...))
}

// pad4 rounds n up to a multiple of 4, the unit of every X length.
func pad4(n int) int { return (n + 3) &^ 3 }

// encodeSetupRequest builds the connection setup request (X11 protocol,
// "Connection Setup"):
//
//	byte-order 'l', unused, CARD16 protocol-major-version 11,
//	CARD16 protocol-minor-version 0, CARD16 n (name length),
//	CARD16 d (data length), 2 unused, STRING8 name, pad, STRING8 data, pad
//
// authName is "" (and authData nil) for no authorization. The caller
// keeps both under 64 KiB (the Xauthority format cannot hold more).
func encodeSetupRequest(authName string, authData []byte) []byte {
	b := make([]byte, 12+pad4(len(authName))+pad4(len(authData)))
	b[0] = 'l' // little-endian: the server answers in our byte order
	put16(b[2:], protocolMajor)
	put16(b[4:], protocolMinor)
	put16(b[6:], uint16(len(authName)))
	put16(b[8:], uint16(len(authData)))
	copy(b[12:], authName)
	copy(b[12+pad4(len(authName)):], authData)
	return b
}

// Setup reply status (the first byte).
const (
	setupFailed       = 0
	setupSuccess      = 1
	setupAuthenticate = 2
)

// setupHeaderLen is the fixed part of every setup reply; bytes 6-7 give
// the length of the rest in 4-byte units.
const setupHeaderLen = 8

// setupReplyLen returns the total length of the setup reply that starts
// with head (at least setupHeaderLen bytes).
func setupReplyLen(head []byte) (int, error) {
	if len(head) < setupHeaderLen {
		return 0, malformed("setup reply header of %d bytes", len(head))
	}
	if head[0] > setupAuthenticate {
		return 0, malformed("setup reply status %d", head[0])
	}
	return setupHeaderLen + 4*int(get16(head[6:])), nil
}

// setupInfo is what the watcher needs from a successful setup reply.
type setupInfo struct {
	roots []uint32 // root window of each screen, in screen order
}

// Offsets in a successful setup reply (X11 protocol, "Connection Setup").
const (
	setupVendorLenOff  = 24 // CARD16 length of vendor
	setupNumScreensOff = 28 // CARD8 number of SCREENs in roots
	setupNumFormatsOff = 29 // CARD8 number of FORMATs in pixmap-formats
	setupFixedLen      = 40 // up to the vendor string
	formatLen          = 8  // FORMAT: depth, bits-per-pixel, scanline-pad, 5 unused
	screenFixedLen     = 40 // SCREEN up to its allowed-depths
	screenNumDepthsOff = 39 // CARD8 number of DEPTHs in allowed-depths
	depthFixedLen      = 8  // DEPTH: depth, unused, CARD16 n visuals, 4 unused
	depthNumVisualsOff = 2
	visualLen          = 24
)

// parseSetupReply decodes a complete setup reply (setupReplyLen bytes). A
// Failed or Authenticate reply becomes an error carrying the server's
// reason. The reply must be exactly as long as its header says and every
// list in it must fit.
func parseSetupReply(b []byte) (setupInfo, error) {
	var info setupInfo
	n, err := setupReplyLen(b)
	if err != nil {
		return info, err
	}
	if len(b) != n {
		return info, malformed("setup reply of %d bytes, header says %d", len(b), n)
	}
	switch b[0] {
	case setupFailed:
		// byte 1 is the length of the reason, which follows the header.
		reasonLen := int(b[1])
		if setupHeaderLen+reasonLen > len(b) {
			return info, malformed("setup failure reason overruns the reply")
		}
		return info, fmt.Errorf("xi2: X server refused the connection: %s", printable(b[setupHeaderLen:setupHeaderLen+reasonLen]))
	case setupAuthenticate:
		// The reason fills the rest, padded with NULs.
		reason := strings.TrimRight(string(b[setupHeaderLen:]), "\x00")
		return info, fmt.Errorf("xi2: X server wants further authentication: %s", printable([]byte(reason)))
	}
	if major := get16(b[2:]); major != protocolMajor {
		return info, fmt.Errorf("xi2: X server speaks protocol version %d, not %d", major, protocolMajor)
	}
	if len(b) < setupFixedLen {
		return info, malformed("setup reply of %d bytes", len(b))
	}
	vendorLen := int(get16(b[setupVendorLenOff:]))
	numScreens := int(b[setupNumScreensOff])
	numFormats := int(b[setupNumFormatsOff])
	off := setupFixedLen + pad4(vendorLen) + formatLen*numFormats
	for i := 0; i < numScreens; i++ {
		if off+screenFixedLen > len(b) {
			return info, malformed("screen %d overruns the setup reply", i)
		}
		info.roots = append(info.roots, get32(b[off:]))
		depths := int(b[off+screenNumDepthsOff])
		off += screenFixedLen
		for j := 0; j < depths; j++ {
			if off+depthFixedLen > len(b) {
				return info, malformed("depth %d of screen %d overruns the setup reply", j, i)
			}
			off += depthFixedLen + visualLen*int(get16(b[off+depthNumVisualsOff:]))
		}
	}
	if off != len(b) {
		return info, malformed("setup reply has %d bytes after its screens", len(b)-off)
	}
	if numScreens == 0 {
		return info, malformed("setup reply lists no screens")
	}
	return info, nil
}

// printable makes server-supplied text safe to put in an error message.
func printable(b []byte) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '\uFFFD' {
			return '?'
		}
		return r
	}, string(b))
}
