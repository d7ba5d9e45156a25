package sec

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// SystemTime is the System Time (TS_SYSTEMTIME), [MS-RDPBCGR]
// 2.2.1.11.1.1.1.1.1: when a time zone switches between standard and
// daylight time.
//
// The fields are not range-checked. The server only passes time zone data
// along, and FreeRDP 2.11 copies whatever its host's time zone library
// returns (timezone.c rdp_write_system_time), so even wYear, which "MUST be
// set to zero", is kept as sent.
type SystemTime struct {
	Year         uint16 // wYear
	Month        uint16 // wMonth: 1-12
	DayOfWeek    uint16 // wDayOfWeek: 0 (Sunday) - 6
	Day          uint16 // wDay: occurrence of wDayOfWeek in the month, 5 = last
	Hour         uint16 // wHour
	Minute       uint16 // wMinute
	Second       uint16 // wSecond
	Milliseconds uint16 // wMilliseconds
}

var _ wire.PDU = (*SystemTime)(nil)

const systemTimeSize = 8 * 2 /* wYear … wMilliseconds */

// Size returns the encoded length in bytes (always 16).
func (*SystemTime) Size() int { return systemTimeSize }

// AppendBinary implements [encoding.BinaryAppender].
func (t *SystemTime) AppendBinary(b []byte) ([]byte, error) {
	for _, v := range [8]uint16{t.Year, t.Month, t.DayOfWeek, t.Day, t.Hour, t.Minute, t.Second, t.Milliseconds} {
		b = wire.AppendU16LE(b, v)
	}
	return b, nil
}

// Decode reads one TS_SYSTEMTIME from r.
func (t *SystemTime) Decode(r *wire.Reader) error {
	if err := t.decode(r); err != nil {
		return fmt.Errorf("sec: %w", err)
	}
	return nil
}

func (t *SystemTime) decode(r *wire.Reader) error {
	q := SystemTime{r.U16LE(), r.U16LE(), r.U16LE(), r.U16LE(), r.U16LE(), r.U16LE(), r.U16LE(), r.U16LE()}
	if err := r.Err(); err != nil {
		return fmt.Errorf("TS_SYSTEMTIME: %w", err)
	}
	*t = q
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]. Trailing bytes are an error.
func (t *SystemTime) UnmarshalBinary(b []byte) error { return wire.Unmarshal(t, b) }

func (t SystemTime) String() string {
	return fmt.Sprintf("{Year: %d, Month: %d, DayOfWeek: %d, Day: %d, %02d:%02d:%02d.%03d}",
		t.Year, t.Month, t.DayOfWeek, t.Day, t.Hour, t.Minute, t.Second, t.Milliseconds)
}
