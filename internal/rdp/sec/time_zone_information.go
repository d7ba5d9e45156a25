package sec

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// TimeZoneInformation is the Time Zone Information (TS_TIME_ZONE_INFORMATION),
// [MS-RDPBCGR] 2.2.1.11.1.1.1.1: the clientTimeZone of an ExtendedInfo.
//
// The names are fixed arrays of 32 UTF-16 code units on the wire. The Go
// strings hold all 32 units with trailing NULs removed (anything after an
// embedded NUL is kept), and AppendBinary pads with NULs, so the block
// re-encodes byte for byte. Use TimeZoneName to cut a name at its first NUL.
type TimeZoneInformation struct {
	Bias         int32      // Bias: minutes, UTC = local time + bias
	StandardName string     // StandardName
	StandardDate SystemTime // StandardDate
	StandardBias int32      // StandardBias
	DaylightName string     // DaylightName
	DaylightDate SystemTime // DaylightDate
	DaylightBias int32      // DaylightBias
}

var _ wire.PDU = (*TimeZoneInformation)(nil)

const (
	timeZoneNameSize        = 64 // "An array of 32 Unicode characters."
	timeZoneInformationSize = 4 /* Bias */ + timeZoneNameSize /* StandardName */ + systemTimeSize /* StandardDate */ + 4 /* StandardBias */ +
		timeZoneNameSize /* DaylightName */ + systemTimeSize /* DaylightDate */ + 4 /* DaylightBias */
)

// Size returns the encoded length in bytes (always 172).
func (*TimeZoneInformation) Size() int { return timeZoneInformationSize }

func appendTimeZoneName(b []byte, field, s string) ([]byte, error) {
	n := wire.UTF16Len(s)
	if n > timeZoneNameSize {
		return b, fmt.Errorf("TS_TIME_ZONE_INFORMATION: %s: %d bytes, maximum %d", field, n, timeZoneNameSize)
	}
	b = wire.AppendUTF16LE(b, s)
	return wire.AppendZeros(b, timeZoneNameSize-n), nil
}

func readTimeZoneName(r *wire.Reader) string {
	raw := r.Bytes(timeZoneNameSize)
	n := len(raw)
	for n >= 2 && raw[n-1] == 0 && raw[n-2] == 0 {
		n -= 2
	}
	return wire.DecodeUTF16LE(raw[:n])
}

// AppendBinary implements [encoding.BinaryAppender].
func (t *TimeZoneInformation) AppendBinary(b []byte) ([]byte, error) {
	b, err := t.appendBinary(b)
	if err != nil {
		return b, fmt.Errorf("sec: %w", err)
	}
	return b, nil
}

func (t *TimeZoneInformation) appendBinary(b []byte) ([]byte, error) {
	var err error
	b = wire.AppendU32LE(b, uint32(t.Bias))
	if b, err = appendTimeZoneName(b, "StandardName", t.StandardName); err != nil {
		return b, err
	}
	b, _ = t.StandardDate.AppendBinary(b)
	b = wire.AppendU32LE(b, uint32(t.StandardBias))
	if b, err = appendTimeZoneName(b, "DaylightName", t.DaylightName); err != nil {
		return b, err
	}
	b, _ = t.DaylightDate.AppendBinary(b)
	b = wire.AppendU32LE(b, uint32(t.DaylightBias))
	return b, nil
}

// Decode reads one TS_TIME_ZONE_INFORMATION from r.
func (t *TimeZoneInformation) Decode(r *wire.Reader) error {
	if err := t.decode(r); err != nil {
		return fmt.Errorf("sec: %w", err)
	}
	return nil
}

func (t *TimeZoneInformation) decode(r *wire.Reader) error {
	var q TimeZoneInformation
	q.Bias = int32(r.U32LE())
	q.StandardName = readTimeZoneName(r)
	_ = q.StandardDate.decode(r)
	q.StandardBias = int32(r.U32LE())
	q.DaylightName = readTimeZoneName(r)
	_ = q.DaylightDate.decode(r)
	q.DaylightBias = int32(r.U32LE())
	if err := r.Err(); err != nil {
		return fmt.Errorf("TS_TIME_ZONE_INFORMATION: %w", err)
	}
	*t = q
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]. Trailing bytes are an error.
func (t *TimeZoneInformation) UnmarshalBinary(b []byte) error { return wire.Unmarshal(t, b) }

// TimeZoneName returns a time zone name up to its first NUL.
func TimeZoneName(s string) string {
	for i, c := range s {
		if c == 0 {
			return s[:i]
		}
	}
	return s
}

func (t TimeZoneInformation) String() string {
	return fmt.Sprintf("{Bias: %d, StandardName: %q, StandardDate: %v, StandardBias: %d, DaylightName: %q, DaylightDate: %v, DaylightBias: %d}",
		t.Bias, TimeZoneName(t.StandardName), t.StandardDate, t.StandardBias, TimeZoneName(t.DaylightName), t.DaylightDate, t.DaylightBias)
}
