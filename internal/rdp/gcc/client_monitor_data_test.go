package gcc

import (
	"errors"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func newClientMonitorData() *ClientMonitorData { return new(ClientMonitorData) }

const twoMonitors = `
	05 c0 34 00                  # TS_UD_HEADER: CS_MONITOR, length 52
	00 00 00 00                  # flags
	02 00 00 00                  # monitorCount: 2
	00 00 00 00 00 00 00 00      # left 0, top 0
	7f 07 00 00 37 04 00 00      # right 1919, bottom 1079
	01 00 00 00                  # flags: TS_MONITOR_PRIMARY
	00 fc ff ff 00 00 00 00      # left -1024, top 0
	ff ff ff ff ff 02 00 00      # right -1, bottom 767
	00 00 00 00                  # flags: 0
`

func TestClientMonitorData(t *testing.T) {
	want := ClientMonitorData{Monitors: []MonitorDef{
		{Left: 0, Top: 0, Right: 1919, Bottom: 1079, Flags: MonitorPrimary},
		{Left: -1024, Top: 0, Right: -1, Bottom: 767},
	}}
	rdptest.Golden(t, rdptest.Hex(twoMonitors), &want, newClientMonitorData)
}

// monitorBlock builds a CS_MONITOR block claiming count monitors and holding n.
func monitorBlock(count uint32, n int) []byte {
	b := wire.AppendU16LE(nil, uint16(CSMonitor))
	b = wire.AppendU16LE(b, uint16(12+20*n))
	b = wire.AppendU32LE(b, 0)
	b = wire.AppendU32LE(b, count)
	return wire.AppendZeros(b, 20*n)
}

func TestClientMonitorDataLimits(t *testing.T) {
	if err := new(ClientMonitorData).UnmarshalBinary(monitorBlock(16, 16)); err != nil {
		t.Fatalf("16 monitors: %v", err)
	}
	for _, tt := range []struct {
		name string
		raw  []byte
	}{
		{"17-monitors", monitorBlock(17, 17)},
		{"count-huge", monitorBlock(0x80000000, 1)},
		{"count-above-array", monitorBlock(2, 1)},
		{"count-below-array", monitorBlock(1, 2)},
	} {
		if err := new(ClientMonitorData).UnmarshalBinary(tt.raw); !errors.Is(err, wire.ErrInvalid) {
			t.Errorf("%s: err = %v, want ErrInvalid", tt.name, err)
		}
	}
	if _, err := (&ClientMonitorData{Monitors: make([]MonitorDef, 17)}).AppendBinary(nil); err == nil {
		t.Error("17 monitors encoded")
	}
}

func FuzzClientMonitorData(f *testing.F) {
	f.Add(rdptest.Hex(twoMonitors))
	f.Add(monitorBlock(16, 16))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newClientMonitorData)
	})
}
