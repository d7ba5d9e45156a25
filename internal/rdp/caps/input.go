package caps

import (
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// InputFlags is inputFlags of the Input set ([MS-RDPBCGR] 2.2.7.1.6).
type InputFlags uint16

// Input flags.
const (
	InputFlagScancodes      InputFlags = 0x0001 // INPUT_FLAG_SCANCODES
	InputFlagMouseX         InputFlags = 0x0004 // INPUT_FLAG_MOUSEX
	InputFlagFastPathInput  InputFlags = 0x0008 // INPUT_FLAG_FASTPATH_INPUT (RDP 5.0 and 5.1 servers)
	InputFlagUnicode        InputFlags = 0x0010 // INPUT_FLAG_UNICODE
	InputFlagFastPathInput2 InputFlags = 0x0020 // INPUT_FLAG_FASTPATH_INPUT2
	InputFlagUnused1        InputFlags = 0x0040 // INPUT_FLAG_UNUSED1
	InputFlagMouseRelative  InputFlags = 0x0080 // INPUT_FLAG_MOUSE_RELATIVE
	InputFlagMouseHWheel    InputFlags = 0x0100 // TS_INPUT_FLAG_MOUSE_HWHEEL
	InputFlagQoETimestamps  InputFlags = 0x0200 // TS_INPUT_FLAG_QOE_TIMESTAMPS
)

// Has reports whether every flag in f is set.
func (i InputFlags) Has(f InputFlags) bool { return i&f == f }

func (i InputFlags) String() string {
	return wire.FormatFlags(uint64(i), []wire.Flag{
		{Bits: uint64(InputFlagScancodes), Name: "INPUT_FLAG_SCANCODES"},
		{Bits: uint64(InputFlagMouseX), Name: "INPUT_FLAG_MOUSEX"},
		{Bits: uint64(InputFlagFastPathInput), Name: "INPUT_FLAG_FASTPATH_INPUT"},
		{Bits: uint64(InputFlagUnicode), Name: "INPUT_FLAG_UNICODE"},
		{Bits: uint64(InputFlagFastPathInput2), Name: "INPUT_FLAG_FASTPATH_INPUT2"},
		{Bits: uint64(InputFlagUnused1), Name: "INPUT_FLAG_UNUSED1"},
		{Bits: uint64(InputFlagMouseRelative), Name: "INPUT_FLAG_MOUSE_RELATIVE"},
		{Bits: uint64(InputFlagMouseHWheel), Name: "TS_INPUT_FLAG_MOUSE_HWHEEL"},
		{Bits: uint64(InputFlagQoETimestamps), Name: "TS_INPUT_FLAG_QOE_TIMESTAMPS"},
	})
}

// Input is the Input Capability Set (TS_INPUT_CAPABILITYSET),
// [MS-RDPBCGR] 2.2.7.1.6. Sent by both sides. The keyboard fields and
// IMEFileName are meaningful only from the client; the server "SHOULD" send
// them as zero.
type Input struct {
	InputFlags          InputFlags // inputFlags
	KeyboardLayout      uint32     // keyboardLayout (active input locale, e.g. 0x00000409)
	KeyboardType        uint32     // keyboardType
	KeyboardSubType     uint32     // keyboardSubType
	KeyboardFunctionKey uint32     // keyboardFunctionKey
	// IMEFileName holds "up to 31 Unicode characters plus a null
	// terminator" in 64 bytes. The decoder keeps the characters before the
	// first NUL and ignores what follows it (Windows servers leave it
	// uninitialised, [MS-RDPBCGR] 4.1.12); it rejects a field without a NUL.
	IMEFileName string // imeFileName
}

var _ Set = (*Input)(nil)

const (
	imeFileNameSize = 64
	inputBody       = 2 /* inputFlags */ + 2 /* pad2octetsA */ + 4 /* keyboardLayout */ +
		4 /* keyboardType */ + 4 /* keyboardSubType */ + 4 /* keyboardFunctionKey */ +
		imeFileNameSize /* imeFileName */
)

// Type returns TypeInput.
func (*Input) Type() SetType { return TypeInput }

// Size returns the encoded length, 88.
func (*Input) Size() int { return headerSize + inputBody }

// AppendBinary appends the set. It fails if IMEFileName does not fit in 31
// UTF-16 code units or contains a NUL.
func (s *Input) AppendBinary(b []byte) ([]byte, error) {
	if n := wire.UTF16Len(s.IMEFileName); n > imeFileNameSize-2 || strings.ContainsRune(s.IMEFileName, 0) {
		return nil, fmt.Errorf("caps: TS_INPUT_CAPABILITYSET: imeFileName %q does not fit in 31 characters plus a terminator", s.IMEFileName)
	}
	b, err := appendHeader(b, TypeInput, inputBody)
	if err != nil {
		return nil, err
	}
	b = wire.AppendU16LE(b, uint16(s.InputFlags))
	b = wire.AppendU16LE(b, 0) // pad2octetsA
	b = wire.AppendU32LE(b, s.KeyboardLayout)
	b = wire.AppendU32LE(b, s.KeyboardType)
	b = wire.AppendU32LE(b, s.KeyboardSubType)
	b = wire.AppendU32LE(b, s.KeyboardFunctionKey)
	n := len(b)
	b = wire.AppendUTF16LE(b, s.IMEFileName)
	return wire.AppendZeros(b, imeFileNameSize-(len(b)-n)), nil // NUL terminator and zero fill
}

// Decode reads one TS_INPUT_CAPABILITYSET.
func (s *Input) Decode(r *wire.Reader) error {
	return decodeSet(r, TypeInput, "TS_INPUT_CAPABILITYSET", func(d *wire.Reader) {
		s.InputFlags = InputFlags(d.U16LE())
		d.Skip(2) // pad2octetsA
		s.KeyboardLayout = d.U32LE()
		s.KeyboardType = d.U32LE()
		s.KeyboardSubType = d.U32LE()
		s.KeyboardFunctionKey = d.U32LE()
		name := d.Bytes(imeFileNameSize)
		if d.Err() != nil {
			return
		}
		end := -1
		for i := 0; i < len(name); i += 2 {
			if binary.LittleEndian.Uint16(name[i:]) == 0 {
				end = i
				break
			}
		}
		// imeFileName "contains up to 31 Unicode characters plus a null terminator".
		if end < 0 {
			d.Failf("imeFileName", "no null terminator in %d bytes", imeFileNameSize)
			return
		}
		s.IMEFileName = wire.DecodeUTF16LE(name[:end])
	}, inputBody)
}

// UnmarshalBinary decodes b, which must hold exactly one set.
func (s *Input) UnmarshalBinary(b []byte) error { return wire.Unmarshal(s, b) }
