package ctlchan

import (
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// MaxStringBytes bounds every variable-length field of a session-
// initialization message (a connection string, an expertBlob, a name, an
// encrypted password, a token): 32 KiB, 16,384 UTF-16 code units. The
// longest real value is a Windows Connection String 2 with its CE
// certificate, 1,450 characters (ra-protocol.md §3.4); FreeRDP's expertBlob
// is about 90.
const MaxStringBytes = 32 << 10

// Text fields — raConnectionString and expertBlob — are UTF-16LE. [MS-RA]
// 2.2.1.4 calls both "NULL-terminated"; 2.2.1.9 and 2.2.1.11 say nothing.
// FreeRDP 2.x NUL-terminates all three, FreeRDP 3.x none (ra-protocol.md
// §0.10, §4.4). Decoding accepts either: one trailing NUL is dropped, and
// a NUL anywhere else is an error, so a decoded string never holds one.
// Encoding writes the NUL, as the spec says for AUTHENTICATE and as
// FreeRDP 2.x, which Windows novices accept, does everywhere.

// checkText reports why s cannot be encoded as a text field.
func checkText(field, s string) error {
	if strings.ContainsRune(s, 0) {
		return fmt.Errorf("ctlchan: %s contains NUL", field)
	}
	if n := wire.UTF16Len(s) + 2; n > MaxStringBytes {
		return fmt.Errorf("ctlchan: %s of %d bytes (at most %d)", field, n, MaxStringBytes)
	}
	return nil
}

// textSize returns the encoded size of a NUL-terminated text field.
func textSize(s string) int { return wire.UTF16Len(s) + 2 /* NUL */ }

// appendText appends s as UTF-16LE and a NUL.
func appendText(b []byte, s string) []byte {
	return append(wire.AppendUTF16LE(b, s), 0, 0)
}

// decodeText converts raw UTF-16LE bytes to a string, dropping one
// trailing NUL. It fails on an odd length, a length over MaxStringBytes
// or a NUL before the end.
func decodeText(r *wire.Reader, field string, raw []byte) string {
	if len(raw) > MaxStringBytes {
		r.Failf(field, "%d bytes (at most %d)", len(raw), MaxStringBytes)
		return ""
	}
	if len(raw)%2 != 0 {
		r.Failf(field, "odd UTF-16 byte count %d", len(raw))
		return ""
	}
	s := strings.TrimSuffix(wire.DecodeUTF16LE(raw), "\x00")
	if strings.ContainsRune(s, 0) {
		r.Failf(field, "NUL inside the string")
		return ""
	}
	return s
}

// decodeTermText is decodeText for a field that encoding NUL-terminates:
// the string and its NUL must fit MaxStringBytes, so that whatever decodes
// also encodes.
func decodeTermText(r *wire.Reader, field string, raw []byte) string {
	s := decodeText(r, field, raw)
	if r.Err() == nil && textSize(s) > MaxStringBytes {
		r.Failf(field, "%d bytes with its NUL (at most %d)", textSize(s), MaxStringBytes)
		return ""
	}
	return s
}

// BSTR fields. [MS-RA] 2.2.1.12–2.2.1.15 carry the encrypted password, the
// names and the token "as a BSTR" ([MS-DTYP] 2.2.5: in memory, a 4-byte
// byte count, the data, a NUL WCHAR). On the wire, FreeRDP sends
// EXPERT_ON_VISTA's encrypted PassStub as its 32 bare bytes, and Windows
// novices accept that (FreeRDP PRs 1934, 4998): what goes on the wire is
// the BSTR's data, SysStringByteLen bytes, without the prefix or the
// terminator. That is what encoding writes. Whether msra.exe itself adds
// the prefix is untested (ra-protocol.md §9.4, §9.6), so decoding also
// accepts the [MS-DTYP] layout: a leading LE32 equal to the number of
// bytes after it (and, for text, with a NUL WCHAR after the data).

// hasBSTRPrefix reports whether b starts with an LE32 equal to the number
// of bytes after it, less terminator bytes.
func hasBSTRPrefix(b []byte, terminator int) bool {
	return len(b) >= 4+terminator && uint64(binary.LittleEndian.Uint32(b)) == uint64(len(b)-4-terminator)
}

// decodeBSTRBytes returns a binary BSTR's data: b without a length prefix
// if b has one.
func decodeBSTRBytes(r *wire.Reader, field string, b []byte) []byte {
	if len(b) > MaxStringBytes {
		r.Failf(field, "%d bytes (at most %d)", len(b), MaxStringBytes)
		return nil
	}
	if hasBSTRPrefix(b, 0) {
		return b[4:]
	}
	return b
}

// bstrBytesSize returns the encoded size of binary BSTR data: its bytes,
// plus a prefix when the bare bytes would read as prefixed.
func bstrBytesSize(data []byte) int {
	if hasBSTRPrefix(data, 0) {
		return 4 /* length prefix */ + len(data)
	}
	return len(data)
}

// appendBSTRBytes appends data bare, or after an LE32 length prefix when
// the bare bytes would themselves read as a prefixed BSTR (they start with
// the LE32 of len(data)-4), so that decoding gives data back.
func appendBSTRBytes(b, data []byte) []byte {
	if hasBSTRPrefix(data, 0) {
		b = wire.AppendU32LE(b, uint32(len(data)))
	}
	return append(b, data...)
}

// checkBSTRBytes reports why data cannot be encoded.
func checkBSTRBytes(field string, data []byte) error {
	if n := bstrBytesSize(data); n > MaxStringBytes {
		return fmt.Errorf("ctlchan: %s of %d bytes (at most %d)", field, n, MaxStringBytes)
	}
	return nil
}

// decodeBSTRText decodes a text BSTR: bare UTF-16LE, optionally
// NUL-terminated, or the [MS-DTYP] layout with a length prefix (with or
// without the NUL WCHAR after the data). A bare name cannot be mistaken
// for a prefixed one: its second UTF-16 code unit would have to be NUL,
// which a decoded name never holds.
func decodeBSTRText(r *wire.Reader, field string, b []byte) string {
	switch {
	case hasBSTRPrefix(b, 0):
		b = b[4:]
	case hasBSTRPrefix(b, 2) && b[len(b)-2] == 0 && b[len(b)-1] == 0:
		b = b[4 : len(b)-2]
	}
	return decodeText(r, field, b)
}

// bstrTextSize returns the encoded size of a text BSTR: the bare UTF-16LE.
func bstrTextSize(s string) int { return wire.UTF16Len(s) }

// checkBSTRText reports why s cannot be encoded as a text BSTR.
func checkBSTRText(field, s string) error {
	if strings.ContainsRune(s, 0) {
		return fmt.Errorf("ctlchan: %s contains NUL", field)
	}
	if n := wire.UTF16Len(s); n > MaxStringBytes {
		return fmt.Errorf("ctlchan: %s of %d bytes (at most %d)", field, n, MaxStringBytes)
	}
	return nil
}
