package gcc

import (
	"errors"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func newClientMonitorExtendedData() *ClientMonitorExtendedData { return new(ClientMonitorExtendedData) }

const twoMonitorsEx = `
	08 c0 38 00                  # TS_UD_HEADER: CS_MONITOR_EX, length 56
	00 00 00 00                  # flags
	14 00 00 00                  # monitorAttributeSize: 20
	02 00 00 00                  # monitorCount: 2
	30 02 00 00 3c 01 00 00      # physicalWidth 560 mm, physicalHeight 316 mm
	00 00 00 00                  # orientation: ORIENTATION_LANDSCAPE
	7d 00 00 00 8c 00 00 00      # desktopScaleFactor 125, deviceScaleFactor 140
	00 00 00 00 00 00 00 00      # physical size unknown
	5a 00 00 00                  # orientation: ORIENTATION_PORTRAIT
	64 00 00 00 64 00 00 00      # desktopScaleFactor 100, deviceScaleFactor 100
`

func TestClientMonitorExtendedData(t *testing.T) {
	want := ClientMonitorExtendedData{Monitors: []MonitorAttributes{
		{PhysicalWidth: 560, PhysicalHeight: 316, Orientation: 0, DesktopScaleFactor: 125, DeviceScaleFactor: 140},
		{Orientation: 90, DesktopScaleFactor: 100, DeviceScaleFactor: 100},
	}}
	rdptest.Golden(t, rdptest.Hex(twoMonitorsEx), &want, newClientMonitorExtendedData)
}

func TestClientMonitorExtendedDataErrors(t *testing.T) {
	attrSize := rdptest.Hex(twoMonitorsEx)
	attrSize[8] = 24 // monitorAttributeSize "MUST be set to 20"
	count := rdptest.Hex(twoMonitorsEx)
	count[12] = 3
	many := wire.AppendU16LE(nil, uint16(CSMonitorEx))
	many = wire.AppendU16LE(many, 16+17*20)
	many = wire.AppendU32LE(wire.AppendU32LE(wire.AppendU32LE(many, 0), 20), 17)
	many = wire.AppendZeros(many, 17*20)
	for name, raw := range map[string][]byte{"attribute-size-24": attrSize, "count-above-array": count, "17-monitors": many} {
		if err := new(ClientMonitorExtendedData).UnmarshalBinary(raw); !errors.Is(err, wire.ErrInvalid) {
			t.Errorf("%s: err = %v, want ErrInvalid", name, err)
		}
	}
}

func FuzzClientMonitorExtendedData(f *testing.F) {
	f.Add(rdptest.Hex(twoMonitorsEx))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newClientMonitorExtendedData)
	})
}
