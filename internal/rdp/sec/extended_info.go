package sec

import (
	"errors"
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// ExtendedInfo is the Extended Info Packet (TS_EXTENDED_INFO_PACKET),
// [MS-RDPBCGR] 2.2.1.11.1.1.1: the extraInfo of a ClientInfo.
//
// After clientDir every field is optional, and they form a chain: "If this
// field is not present, then all of the subsequent fields MUST NOT be
// present". Level says how far the chain goes; fields beyond it are zero
// after Decode, and AppendBinary refuses to drop non-zero ones. Any
// well-formed block, whatever its length, re-encodes byte for byte (the
// one leniency, an empty clientAddress or clientDir sent without its
// terminator, re-encodes with the terminator).
//
// Its character fields follow the enclosing Info Packet's INFO_UNICODE
// flag, so ClientInfo codes it. Its own wire.PDU methods assume UTF-16
// (INFO_UNICODE), which is what every client in use sends.
type ExtendedInfo struct {
	ClientAddressFamily AddressFamily // clientAddressFamily
	ClientAddress       string        // clientAddress, without its null terminator
	ClientDir           string        // clientDir, without its null terminator

	// Level is the last optional field present.
	Level ExtendedLevel

	TimeZone         TimeZoneInformation // clientTimeZone (Level ≥ ExtendedTimeZone)
	ClientSessionID  uint32              // clientSessionId (Level ≥ ExtendedSessionID): "currently ignored by the server"
	PerformanceFlags PerformanceFlags    // performanceFlags (Level ≥ ExtendedPerformanceFlags)
	// AutoReconnectCookie is autoReconnectCookie (Level ≥
	// ExtendedAutoReconnect); nil when cbAutoReconnectCookie is 0.
	AutoReconnectCookie *AutoReconnectCookie
	// Reserved1 is reserved1 (Level ≥ ExtendedReserved). It "SHOULD be set
	// to zero", but "Microsoft RDP clients set the reserved1 field to 100"
	// (<20>); it is kept so the block re-encodes byte for byte.
	Reserved1 uint16
	// DynamicDSTTimeZoneKeyName is dynamicDSTTimeZoneKeyName (Level ≥
	// ExtendedDynamicDST): UTF-16LE, no terminator.
	DynamicDSTTimeZoneKeyName   string
	DynamicDaylightTimeDisabled bool // dynamicDaylightTimeDisabled (Level ≥ ExtendedDynamicDST)
}

var _ wire.PDU = (*ExtendedInfo)(nil)

// ExtendedLevel names the last optional field group present in an Extended
// Info Packet; every group before it is present, every group after absent.
type ExtendedLevel uint8

const (
	ExtendedBase             ExtendedLevel = iota // only clientAddressFamily … clientDir
	ExtendedTimeZone                              // … clientTimeZone
	ExtendedSessionID                             // … clientSessionId
	ExtendedPerformanceFlags                      // … performanceFlags
	ExtendedAutoReconnect                         // … cbAutoReconnectCookie and autoReconnectCookie if non-empty
	ExtendedReserved                              // … reserved1, reserved2
	ExtendedDynamicDST                            // … cbDynamicDSTTimeZoneKeyName, dynamicDSTTimeZoneKeyName, dynamicDaylightTimeDisabled
)

func (l ExtendedLevel) String() string {
	switch l {
	case ExtendedBase:
		return "clientDir"
	case ExtendedTimeZone:
		return "clientTimeZone"
	case ExtendedSessionID:
		return "clientSessionId"
	case ExtendedPerformanceFlags:
		return "performanceFlags"
	case ExtendedAutoReconnect:
		return "autoReconnectCookie"
	case ExtendedReserved:
		return "reserved2"
	case ExtendedDynamicDST:
		return "dynamicDaylightTimeDisabled"
	}
	return fmt.Sprintf("ExtendedLevel(%d)", uint8(l))
}

// AddressFamily is clientAddressFamily.
type AddressFamily uint16

const (
	AddressFamilyINet  AddressFamily = 0x0002 // AF_INET: clientAddress holds an IPv4 address
	AddressFamilyINet6 AddressFamily = 0x0017 // AF_INET6: clientAddress holds an IPv6 address
)

func (a AddressFamily) String() string {
	switch a {
	case AddressFamilyINet:
		return "AF_INET"
	case AddressFamilyINet6:
		return "AF_INET6"
	}
	return fmt.Sprintf("AddressFamily(%#x)", uint16(a))
}

// PerformanceFlags are the performanceFlags of the Extended Info Packet.
type PerformanceFlags uint32

const (
	PerfDisableWallpaper         PerformanceFlags = 0x00000001 // PERF_DISABLE_WALLPAPER
	PerfDisableFullWindowDrag    PerformanceFlags = 0x00000002 // PERF_DISABLE_FULLWINDOWDRAG
	PerfDisableMenuAnimations    PerformanceFlags = 0x00000004 // PERF_DISABLE_MENUANIMATIONS
	PerfDisableTheming           PerformanceFlags = 0x00000008 // PERF_DISABLE_THEMING
	PerfReserved1                PerformanceFlags = 0x00000010 // PERF_RESERVED1
	PerfDisableCursorShadow      PerformanceFlags = 0x00000020 // PERF_DISABLE_CURSOR_SHADOW
	PerfDisableCursorSettings    PerformanceFlags = 0x00000040 // PERF_DISABLE_CURSORSETTINGS
	PerfEnableFontSmoothing      PerformanceFlags = 0x00000080 // PERF_ENABLE_FONT_SMOOTHING
	PerfEnableDesktopComposition PerformanceFlags = 0x00000100 // PERF_ENABLE_DESKTOP_COMPOSITION
	PerfReserved2                PerformanceFlags = 0x80000000 // PERF_RESERVED2
)

var perfFlagNames = []wire.Flag{
	{Bits: uint64(PerfDisableWallpaper), Name: "PERF_DISABLE_WALLPAPER"},
	{Bits: uint64(PerfDisableFullWindowDrag), Name: "PERF_DISABLE_FULLWINDOWDRAG"},
	{Bits: uint64(PerfDisableMenuAnimations), Name: "PERF_DISABLE_MENUANIMATIONS"},
	{Bits: uint64(PerfDisableTheming), Name: "PERF_DISABLE_THEMING"},
	{Bits: uint64(PerfReserved1), Name: "PERF_RESERVED1"},
	{Bits: uint64(PerfDisableCursorShadow), Name: "PERF_DISABLE_CURSOR_SHADOW"},
	{Bits: uint64(PerfDisableCursorSettings), Name: "PERF_DISABLE_CURSORSETTINGS"},
	{Bits: uint64(PerfEnableFontSmoothing), Name: "PERF_ENABLE_FONT_SMOOTHING"},
	{Bits: uint64(PerfEnableDesktopComposition), Name: "PERF_ENABLE_DESKTOP_COMPOSITION"},
	{Bits: uint64(PerfReserved2), Name: "PERF_RESERVED2"},
}

// Has reports whether every bit of g is set in f.
func (f PerformanceFlags) Has(g PerformanceFlags) bool { return f&g == g }

func (f PerformanceFlags) String() string { return wire.FormatFlags(uint64(f), perfFlagNames) }

// Limits of 2.2.1.11.1.1.1, null terminators included.
const (
	// clientAddressMax: "The maximum allowed length (including the
	// mandatory null terminator) is 64 bytes for RDP 5.0, 5.1, 5.2, and
	// 6.0, and 80 bytes for all other RDP versions."
	clientAddressMax = 80
	// clientDirMax: "The maximum allowed length is 512 bytes (including the
	// mandatory null terminator)."
	clientDirMax = 512
	// dynamicDSTMax: "The maximum allowed length is 254 bytes" (no terminator).
	dynamicDSTMax = 254
	// arcCookieSize: cbAutoReconnectCookie "MUST be set to zero or 0x001C".
	arcCookieSize = 28
)

var errBeyondLevel = errors.New("field set beyond Level")

// Size returns the encoded length in bytes, for UTF-16 strings.
func (p *ExtendedInfo) Size() int { return p.size(true) }

func (p *ExtendedInfo) size(unicode bool) int {
	n := 2 /* clientAddressFamily */ + 2 /* cbClientAddress */ + infoStringLen(p.ClientAddress, unicode) + terminatorSize(unicode) +
		2 /* cbClientDir */ + infoStringLen(p.ClientDir, unicode) + terminatorSize(unicode)
	if p.Level >= ExtendedTimeZone {
		n += timeZoneInformationSize
	}
	if p.Level >= ExtendedSessionID {
		n += 4 // clientSessionId
	}
	if p.Level >= ExtendedPerformanceFlags {
		n += 4 // performanceFlags
	}
	if p.Level >= ExtendedAutoReconnect {
		n += 2 // cbAutoReconnectCookie
		if p.AutoReconnectCookie != nil {
			n += arcCookieSize
		}
	}
	if p.Level >= ExtendedReserved {
		n += 2 /* reserved1 */ + 2 /* reserved2 */
	}
	if p.Level >= ExtendedDynamicDST {
		n += 2 /* cbDynamicDSTTimeZoneKeyName */ + wire.UTF16Len(p.DynamicDSTTimeZoneKeyName) + 2 /* dynamicDaylightTimeDisabled */
	}
	return n
}

// AppendBinary implements [encoding.BinaryAppender], for UTF-16 strings.
func (p *ExtendedInfo) AppendBinary(b []byte) ([]byte, error) {
	b, err := p.appendBinary(b, true)
	if err != nil {
		return b, fmt.Errorf("sec: %w", err)
	}
	return b, nil
}

// check reports a value AppendBinary cannot encode.
func (p *ExtendedInfo) check() error {
	if p.Level > ExtendedDynamicDST {
		return fmt.Errorf("Level %d out of range", p.Level)
	}
	if (p.Level < ExtendedTimeZone && p.TimeZone != TimeZoneInformation{}) ||
		(p.Level < ExtendedSessionID && p.ClientSessionID != 0) ||
		(p.Level < ExtendedPerformanceFlags && p.PerformanceFlags != 0) ||
		(p.Level < ExtendedAutoReconnect && p.AutoReconnectCookie != nil) ||
		(p.Level < ExtendedReserved && p.Reserved1 != 0) ||
		(p.Level < ExtendedDynamicDST && (p.DynamicDSTTimeZoneKeyName != "" || p.DynamicDaylightTimeDisabled)) {
		return fmt.Errorf("%w %v", errBeyondLevel, p.Level)
	}
	if n := wire.UTF16Len(p.DynamicDSTTimeZoneKeyName); n > dynamicDSTMax {
		return fmt.Errorf("dynamicDSTTimeZoneKeyName: %d bytes, maximum %d", n, dynamicDSTMax)
	}
	return nil
}

func (p *ExtendedInfo) appendBinary(b []byte, unicode bool) ([]byte, error) {
	const name = "TS_EXTENDED_INFO_PACKET: "
	if err := p.check(); err != nil {
		return b, fmt.Errorf(name+"%w", err)
	}
	cbAddr, err := encodeLen("clientAddress", p.ClientAddress, clientAddressMax, unicode)
	if err != nil {
		return b, fmt.Errorf(name+"%w", err)
	}
	cbDir, err := encodeLen("clientDir", p.ClientDir, clientDirMax, unicode)
	if err != nil {
		return b, fmt.Errorf(name+"%w", err)
	}
	t := terminatorSize(unicode)
	b = wire.AppendU16LE(b, uint16(p.ClientAddressFamily))
	b = wire.AppendU16LE(b, uint16(cbAddr+t)) // cbClientAddress includes the terminator
	b = appendInfoString(b, p.ClientAddress, unicode)
	b = wire.AppendZeros(b, t)
	b = wire.AppendU16LE(b, uint16(cbDir+t)) // cbClientDir includes the terminator
	b = appendInfoString(b, p.ClientDir, unicode)
	b = wire.AppendZeros(b, t)
	if p.Level >= ExtendedTimeZone {
		if b, err = p.TimeZone.appendBinary(b); err != nil {
			return b, fmt.Errorf(name+"%w", err)
		}
	}
	if p.Level >= ExtendedSessionID {
		b = wire.AppendU32LE(b, p.ClientSessionID)
	}
	if p.Level >= ExtendedPerformanceFlags {
		b = wire.AppendU32LE(b, uint32(p.PerformanceFlags))
	}
	if p.Level >= ExtendedAutoReconnect {
		if p.AutoReconnectCookie == nil {
			b = wire.AppendU16LE(b, 0)
		} else {
			b = wire.AppendU16LE(b, arcCookieSize)
			if b, err = p.AutoReconnectCookie.AppendBinary(b); err != nil {
				return b, fmt.Errorf(name+"%w", err)
			}
		}
	}
	if p.Level >= ExtendedReserved {
		b = wire.AppendU16LE(b, p.Reserved1)
		b = wire.AppendU16LE(b, 0) // reserved2: "It MUST be set to zero."
	}
	if p.Level >= ExtendedDynamicDST {
		b = wire.AppendU16LE(b, uint16(wire.UTF16Len(p.DynamicDSTTimeZoneKeyName)))
		b = wire.AppendUTF16LE(b, p.DynamicDSTTimeZoneKeyName)
		var disabled uint16
		if p.DynamicDaylightTimeDisabled {
			disabled = 1
		}
		b = wire.AppendU16LE(b, disabled)
	}
	return b, nil
}

// Decode reads one TS_EXTENDED_INFO_PACKET with UTF-16 strings from r. Its
// optional fields run to the end of r.
func (p *ExtendedInfo) Decode(r *wire.Reader) error {
	if err := p.decode(r, true); err != nil {
		return fmt.Errorf("sec: %w", err)
	}
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler], for UTF-16 strings.
func (p *ExtendedInfo) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }

// readNullString reads a character field whose count includes the null
// terminator.
func readNullString(r *wire.Reader, field string, cb, maxWithTerminator int, unicode bool) (string, error) {
	t := terminatorSize(unicode)
	if cb == 0 {
		// FreeRDP info.c: "the Microsoft Android client (starting with
		// version 8.1.31.44) sets cbClientDir to 0" although the
		// terminator "is mandatory". Accept an empty field without
		// terminator; it re-encodes with one.
		return "", nil
	}
	if cb < t {
		return "", r.Failf(field, "%d bytes cannot hold the null terminator", cb)
	}
	if err := checkInfoLen(r, field, cb-t, maxWithTerminator, unicode); err != nil {
		return "", err
	}
	s := readInfoString(r, cb-t, unicode)
	if err := readTerminator(r, field, unicode); err != nil {
		return "", err
	}
	return s, nil
}

func (p *ExtendedInfo) decode(r *wire.Reader, unicode bool) error {
	const name = "TS_EXTENDED_INFO_PACKET: %w"
	var q ExtendedInfo
	q.ClientAddressFamily = AddressFamily(r.U16LE())
	cbAddr := int(r.U16LE())
	if err := r.Err(); err != nil {
		return fmt.Errorf(name, err)
	}
	// 2.2.1.11.1.1.1: cbClientAddress "includes the length of the
	// mandatory null terminator".
	var err error
	if q.ClientAddress, err = readNullString(r, "cbClientAddress", cbAddr, clientAddressMax, unicode); err != nil {
		return fmt.Errorf(name, err)
	}
	cbDir := int(r.U16LE())
	if err := r.Err(); err != nil {
		return fmt.Errorf(name, err)
	}
	if q.ClientDir, err = readNullString(r, "cbClientDir", cbDir, clientDirMax, unicode); err != nil {
		return fmt.Errorf(name, err)
	}
	// The rest is a chain of optional fields: stop at the end of input.
	if r.Len() == 0 {
		*p = q
		return nil
	}
	if err := q.TimeZone.decode(r); err != nil {
		return fmt.Errorf(name, err)
	}
	q.Level = ExtendedTimeZone
	if r.Len() > 0 {
		q.ClientSessionID = r.U32LE()
		q.Level = ExtendedSessionID
	}
	if r.Len() > 0 {
		q.PerformanceFlags = PerformanceFlags(r.U32LE())
		q.Level = ExtendedPerformanceFlags
	}
	if r.Len() > 0 {
		cb := r.U16LE()
		q.Level = ExtendedAutoReconnect
		if r.Err() == nil {
			switch cb {
			case 0:
			case arcCookieSize:
				q.AutoReconnectCookie = new(AutoReconnectCookie)
				if err := q.AutoReconnectCookie.decode(r); err != nil {
					return fmt.Errorf(name, err)
				}
			default:
				// "This field MUST be set to zero or 0x001C."
				r.Failf("cbAutoReconnectCookie", "%d, want 0 or 28", cb)
			}
		}
	}
	if r.Len() > 0 {
		// 2.2.1.11.1.1.1: reserved1 and reserved2 are present together.
		q.Reserved1 = r.U16LE()
		if reserved2 := r.U16LE(); reserved2 != 0 && r.Err() == nil {
			// reserved2: "It MUST be set to zero."
			r.Failf("reserved2", "%#x, want 0", reserved2)
		}
		q.Level = ExtendedReserved
	}
	if r.Len() > 0 {
		// cbDynamicDSTTimeZoneKeyName, the name and
		// dynamicDaylightTimeDisabled are present together.
		cb := int(r.U16LE())
		if r.Err() == nil {
			if cb > dynamicDSTMax {
				// "The maximum allowed length is 254 bytes."
				r.Failf("cbDynamicDSTTimeZoneKeyName", "%d, maximum %d", cb, dynamicDSTMax)
			}
			q.DynamicDSTTimeZoneKeyName = r.UTF16LE(cb)
		}
		switch disabled := r.U16LE(); {
		case r.Err() != nil:
		case disabled == 0:
		case disabled == 1:
			q.DynamicDaylightTimeDisabled = true
		default:
			r.Failf("dynamicDaylightTimeDisabled", "%#x, want 0 or 1", disabled)
		}
		q.Level = ExtendedDynamicDST
	}
	if err := r.Err(); err != nil {
		return fmt.Errorf(name, err)
	}
	*p = q
	return nil
}

// String prints the packet; the auto-reconnect cookie's verifier is redacted.
func (p ExtendedInfo) String() string {
	s := fmt.Sprintf("ExtendedInfo{ClientAddressFamily: %v, ClientAddress: %q, ClientDir: %q, Level: %v",
		p.ClientAddressFamily, p.ClientAddress, p.ClientDir, p.Level)
	if p.Level >= ExtendedTimeZone {
		s += fmt.Sprintf(", TimeZone: %v", p.TimeZone)
	}
	if p.Level >= ExtendedSessionID {
		s += fmt.Sprintf(", ClientSessionID: %d", p.ClientSessionID)
	}
	if p.Level >= ExtendedPerformanceFlags {
		s += fmt.Sprintf(", PerformanceFlags: %v", p.PerformanceFlags)
	}
	if p.Level >= ExtendedAutoReconnect {
		if p.AutoReconnectCookie == nil {
			s += ", AutoReconnectCookie: <nil>"
		} else {
			s += ", AutoReconnectCookie: " + p.AutoReconnectCookie.String()
		}
	}
	if p.Level >= ExtendedReserved {
		s += fmt.Sprintf(", Reserved1: %d", p.Reserved1)
	}
	if p.Level >= ExtendedDynamicDST {
		s += fmt.Sprintf(", DynamicDSTTimeZoneKeyName: %q, DynamicDaylightTimeDisabled: %t", p.DynamicDSTTimeZoneKeyName, p.DynamicDaylightTimeDisabled)
	}
	return s + "}"
}

// GoString implements [fmt.GoStringer]; the cookie's verifier is redacted.
func (p ExtendedInfo) GoString() string {
	cookie := "nil"
	if p.AutoReconnectCookie != nil {
		cookie = "&" + p.AutoReconnectCookie.GoString()
	}
	return fmt.Sprintf("sec.ExtendedInfo{ClientAddressFamily:%#x, ClientAddress:%q, ClientDir:%q, Level:%d, TimeZone:%#v, ClientSessionID:%#x, PerformanceFlags:%#x, AutoReconnectCookie:%s, Reserved1:%#x, DynamicDSTTimeZoneKeyName:%q, DynamicDaylightTimeDisabled:%t}",
		uint16(p.ClientAddressFamily), p.ClientAddress, p.ClientDir, uint8(p.Level), p.TimeZone, p.ClientSessionID, uint32(p.PerformanceFlags), cookie, p.Reserved1, p.DynamicDSTTimeZoneKeyName, p.DynamicDaylightTimeDisabled)
}
