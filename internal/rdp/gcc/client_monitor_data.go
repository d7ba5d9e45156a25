package gcc

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// ClientMonitorData is the Client Monitor Data block (TS_UD_CS_MONITOR),
// [MS-RDPBCGR] 2.2.1.3.6: the client's monitor layout.
type ClientMonitorData struct {
	Flags    uint32       // flags: unused, MUST be zero (kept as received)
	Monitors []MonitorDef // monitorDefArray (monitorCount entries, at most MaxMonitors)
}

var _ wire.PDU = (*ClientMonitorData)(nil)

// MaxMonitors bounds monitorCount in TS_UD_CS_MONITOR and
// TS_UD_CS_MONITOR_EX: 2.2.1.3.6, "the maximum allowed is 16".
const MaxMonitors = 16

// MonitorDef is a Monitor Definition (TS_MONITOR_DEF), [MS-RDPBCGR]
// 2.2.1.3.6.1: a monitor's bounds in virtual-desktop coordinates, edges
// inclusive.
type MonitorDef struct {
	Left   int32        // left
	Top    int32        // top
	Right  int32        // right (inclusive)
	Bottom int32        // bottom (inclusive)
	Flags  MonitorFlags // flags
}

// MonitorFlags are the flags of a TS_MONITOR_DEF, [MS-RDPBCGR] 2.2.1.3.6.1.
type MonitorFlags uint32

// MonitorPrimary is TS_MONITOR_PRIMARY: the primary monitor.
const MonitorPrimary MonitorFlags = 0x00000001

const monitorDefSize = 4 /* left */ + 4 /* top */ + 4 /* right */ + 4 /* bottom */ + 4 /* flags */

// Size returns the encoded length in bytes.
func (c *ClientMonitorData) Size() int {
	return headerSize + 4 /* flags */ + 4 /* monitorCount */ + len(c.Monitors)*monitorDefSize
}

// AppendBinary implements [encoding.BinaryAppender].
func (c *ClientMonitorData) AppendBinary(b []byte) ([]byte, error) {
	if len(c.Monitors) > MaxMonitors {
		return b, fmt.Errorf("gcc: TS_UD_CS_MONITOR: %d monitors, at most %d", len(c.Monitors), MaxMonitors)
	}
	b, err := appendHeader(b, CSMonitor, c.Size())
	if err != nil {
		return b, err
	}
	b = wire.AppendU32LE(b, c.Flags)
	b = wire.AppendU32LE(b, uint32(len(c.Monitors)))
	for _, m := range c.Monitors {
		b = wire.AppendU32LE(b, uint32(m.Left))
		b = wire.AppendU32LE(b, uint32(m.Top))
		b = wire.AppendU32LE(b, uint32(m.Right))
		b = wire.AppendU32LE(b, uint32(m.Bottom))
		b = wire.AppendU32LE(b, uint32(m.Flags))
	}
	return b, nil
}

// Decode reads one TS_UD_CS_MONITOR block, header included, from r.
func (c *ClientMonitorData) Decode(r *wire.Reader) error {
	body, err := readBlock(r, CSMonitor)
	if err != nil {
		return fmt.Errorf("gcc: TS_UD_CS_MONITOR: %w", err)
	}
	flags, count := body.U32LE(), body.U32LE()
	if err := body.Err(); err != nil {
		return fmt.Errorf("gcc: TS_UD_CS_MONITOR: %w", err)
	}
	// 2.2.1.3.6: monitorCount, "the maximum allowed is 16".
	if count > MaxMonitors {
		body.Failf("monitorCount", "%d, the maximum allowed is %d", count, MaxMonitors)
		return fmt.Errorf("gcc: TS_UD_CS_MONITOR: %w", body.Err())
	}
	if need := int(count) * monitorDefSize; body.Len() != need {
		body.Failf("monitorDefArray", "%d bytes for %d monitors, want %d", body.Len(), count, need)
		return fmt.Errorf("gcc: TS_UD_CS_MONITOR: %w", body.Err())
	}
	var monitors []MonitorDef
	if count > 0 {
		monitors = make([]MonitorDef, count)
	}
	for i := range monitors {
		monitors[i] = MonitorDef{
			Left:   int32(body.U32LE()),
			Top:    int32(body.U32LE()),
			Right:  int32(body.U32LE()),
			Bottom: int32(body.U32LE()),
			Flags:  MonitorFlags(body.U32LE()),
		}
	}
	if err := body.Finish(); err != nil {
		return fmt.Errorf("gcc: TS_UD_CS_MONITOR: %w", err)
	}
	*c = ClientMonitorData{Flags: flags, Monitors: monitors}
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]. Trailing bytes
// are an error.
func (c *ClientMonitorData) UnmarshalBinary(b []byte) error { return wire.Unmarshal(c, b) }
