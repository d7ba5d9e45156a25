package gcc

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// ClientMonitorExtendedData is the Client Monitor Extended Data block
// (TS_UD_CS_MONITOR_EX), [MS-RDPBCGR] 2.2.1.3.10: physical size,
// orientation and scale of each monitor of TS_UD_CS_MONITOR, in the same
// order.
type ClientMonitorExtendedData struct {
	Flags    uint32              // flags: unused, MUST be zero (kept as received)
	Monitors []MonitorAttributes // monitorAttributesArray (monitorCount entries, at most MaxMonitors)
}

var _ wire.PDU = (*ClientMonitorExtendedData)(nil)

// MonitorAttributes is a Monitor Attributes structure
// (TS_MONITOR_ATTRIBUTES), [MS-RDPBCGR] 2.2.1.3.10.1.
type MonitorAttributes struct {
	PhysicalWidth      uint32 // physicalWidth, millimetres
	PhysicalHeight     uint32 // physicalHeight, millimetres
	Orientation        uint32 // orientation, degrees (ORIENTATION_* values)
	DesktopScaleFactor uint32 // desktopScaleFactor, percent
	DeviceScaleFactor  uint32 // deviceScaleFactor, percent
}

// monitorAttributeSize is the only monitorAttributeSize value: 2.2.1.3.10,
// "This field MUST be set to 20 bytes".
const monitorAttributeSize = 4 /* physicalWidth */ + 4 /* physicalHeight */ + 4 /* orientation */ +
	4 /* desktopScaleFactor */ + 4 /* deviceScaleFactor */

// Size returns the encoded length in bytes.
func (c *ClientMonitorExtendedData) Size() int {
	return headerSize + 4 /* flags */ + 4 /* monitorAttributeSize */ + 4 /* monitorCount */ +
		len(c.Monitors)*monitorAttributeSize
}

// AppendBinary implements [encoding.BinaryAppender].
func (c *ClientMonitorExtendedData) AppendBinary(b []byte) ([]byte, error) {
	if len(c.Monitors) > MaxMonitors {
		return b, fmt.Errorf("gcc: TS_UD_CS_MONITOR_EX: %d monitors, at most %d", len(c.Monitors), MaxMonitors)
	}
	b, err := appendHeader(b, CSMonitorEx, c.Size())
	if err != nil {
		return b, err
	}
	b = wire.AppendU32LE(b, c.Flags)
	b = wire.AppendU32LE(b, monitorAttributeSize)
	b = wire.AppendU32LE(b, uint32(len(c.Monitors)))
	for _, m := range c.Monitors {
		b = wire.AppendU32LE(b, m.PhysicalWidth)
		b = wire.AppendU32LE(b, m.PhysicalHeight)
		b = wire.AppendU32LE(b, m.Orientation)
		b = wire.AppendU32LE(b, m.DesktopScaleFactor)
		b = wire.AppendU32LE(b, m.DeviceScaleFactor)
	}
	return b, nil
}

// Decode reads one TS_UD_CS_MONITOR_EX block, header included, from r.
func (c *ClientMonitorExtendedData) Decode(r *wire.Reader) error {
	body, err := readBlock(r, CSMonitorEx)
	if err != nil {
		return fmt.Errorf("gcc: TS_UD_CS_MONITOR_EX: %w", err)
	}
	flags, attrSize, count := body.U32LE(), body.U32LE(), body.U32LE()
	if err := body.Err(); err != nil {
		return fmt.Errorf("gcc: TS_UD_CS_MONITOR_EX: %w", err)
	}
	// 2.2.1.3.10: monitorAttributeSize "MUST be set to 20 bytes".
	if attrSize != monitorAttributeSize {
		body.Failf("monitorAttributeSize", "%d, want %d", attrSize, monitorAttributeSize)
		return fmt.Errorf("gcc: TS_UD_CS_MONITOR_EX: %w", body.Err())
	}
	// 2.2.1.3.10: monitorCount matches the monitorCount of
	// TS_UD_CS_MONITOR, which allows at most 16 (2.2.1.3.6). Whether the two
	// blocks agree is for the acceptor to check.
	if count > MaxMonitors {
		body.Failf("monitorCount", "%d, the maximum allowed is %d", count, MaxMonitors)
		return fmt.Errorf("gcc: TS_UD_CS_MONITOR_EX: %w", body.Err())
	}
	if need := int(count) * monitorAttributeSize; body.Len() != need {
		body.Failf("monitorAttributesArray", "%d bytes for %d monitors, want %d", body.Len(), count, need)
		return fmt.Errorf("gcc: TS_UD_CS_MONITOR_EX: %w", body.Err())
	}
	var monitors []MonitorAttributes
	if count > 0 {
		monitors = make([]MonitorAttributes, count)
	}
	for i := range monitors {
		monitors[i] = MonitorAttributes{
			PhysicalWidth:      body.U32LE(),
			PhysicalHeight:     body.U32LE(),
			Orientation:        body.U32LE(),
			DesktopScaleFactor: body.U32LE(),
			DeviceScaleFactor:  body.U32LE(),
		}
	}
	if err := body.Finish(); err != nil {
		return fmt.Errorf("gcc: TS_UD_CS_MONITOR_EX: %w", err)
	}
	*c = ClientMonitorExtendedData{Flags: flags, Monitors: monitors}
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]. Trailing bytes
// are an error.
func (c *ClientMonitorExtendedData) UnmarshalBinary(b []byte) error { return wire.Unmarshal(c, b) }
