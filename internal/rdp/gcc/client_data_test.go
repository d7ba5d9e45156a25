package gcc

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func newClientData() *ClientData { return new(ClientData) }

// checkBlocks checks a ClientData or ServerData vector: decode equals want,
// encode equals raw and Size agrees, a cut inside any block fails, and one
// extra byte fails. (rdptest.Golden does not fit: a cut at a block boundary
// is itself valid block data.)
func checkBlocks[T wire.PDU](t *testing.T, raw []byte, want T, newT func() T) {
	t.Helper()
	got := newT()
	if err := got.UnmarshalBinary(raw); err != nil {
		t.Fatalf("decode: %v", err)
	}
	if d := cmp.Diff(want, got, cmpopts.EquateEmpty()); d != "" {
		t.Errorf("decode mismatch (-want +got):\n%s", d)
	}
	enc, err := want.AppendBinary(nil)
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	if string(enc) != string(raw) {
		t.Errorf("encode mismatch:\n got %x\nwant %x", enc, raw)
	}
	if want.Size() != len(raw) {
		t.Errorf("Size() = %d, want %d", want.Size(), len(raw))
	}
	boundary := map[int]bool{0: true}
	for off := 0; off+4 <= len(raw); {
		off += int(raw[off+2]) | int(raw[off+3])<<8
		boundary[off] = true
	}
	for n := range len(raw) {
		if err := newT().UnmarshalBinary(raw[:n]); (err == nil) != boundary[n] {
			t.Errorf("prefix of %d/%d bytes: err = %v", n, len(raw), err)
		}
	}
	if err := newT().UnmarshalBinary(append(append([]byte(nil), raw...), 0)); err == nil {
		t.Error("one extra byte decoded")
	}
}

func TestClientData(t *testing.T) {
	unused := RawBlock{Type: CSUnused1, Data: []byte{0, 0}}
	reordered := bcgr413Data()
	reordered.Unknown = []RawBlock{unused}
	reordered.Order = []BlockType{CSNet, CSUnused1, CSSecurity, CSCluster, CSCore}

	tests := []struct {
		name string
		raw  []byte
		want ClientData
	}{{
		name: "bcgr-4.1.3",
		raw:  bcgr413Blocks(),
		want: bcgr413Data(),
	}, {
		name: "xfreerdp-2.11.7",
		raw:  xfreerdpBlocks(),
		want: withOrder(xfreerdpData(), CSCore, CSCluster, CSSecurity, CSNet, CSMCSMsgChannel, CSMultitransport),
	}, {
		name: "any-order-and-unknown", // 2.2.1.3: "the order of the settings data blocks is allowed to vary"
		raw:  rdptest.Hex(bcgr413Net + `0c c0 06 00 00 00` + bcgr413Security + bcgr413Cluster + bcgr413Core),
		want: reordered,
	}, {
		name: "monitors",
		raw:  rdptest.Hex(bcgr413Core + bcgr413Security + twoMonitors + twoMonitorsEx),
		want: func() ClientData {
			core, sec := bcgr413CoreValue(), bcgr413SecurityValue()
			return ClientData{
				Core: &core, Security: &sec,
				Monitor: &ClientMonitorData{Monitors: []MonitorDef{
					{Right: 1919, Bottom: 1079, Flags: MonitorPrimary}, {Left: -1024, Right: -1, Bottom: 767},
				}},
				MonitorExtended: &ClientMonitorExtendedData{Monitors: []MonitorAttributes{
					{PhysicalWidth: 560, PhysicalHeight: 316, DesktopScaleFactor: 125, DeviceScaleFactor: 140},
					{Orientation: 90, DesktopScaleFactor: 100, DeviceScaleFactor: 100},
				}},
				Order: []BlockType{CSCore, CSSecurity, CSMonitor, CSMonitorEx},
			}
		}(),
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkBlocks(t, tt.raw, &tt.want, newClientData)
		})
	}
}

// A ClientData built without Order encodes in FreeRDP's order.
func TestClientDataCanonicalOrder(t *testing.T) {
	d := xfreerdpData()
	got, err := d.AppendBinary(nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := xfreerdpBlocks(); string(got) != string(want) || d.Size() != len(want) {
		t.Errorf("encoded\n %x\nwant\n %x", got, want)
	}
	d.Unknown = []RawBlock{{Type: 0xC0FE, Data: []byte{1}}}
	got, _ = d.AppendBinary(nil)
	if tail := got[len(got)-5:]; string(tail) != "\xfe\xc0\x05\x00\x01" {
		t.Errorf("unknown block not last: %x", tail)
	}
}

func TestClientDataDuplicate(t *testing.T) {
	for _, blk := range []string{bcgr413Core, bcgr413Security, bcgr413Net, bcgr413Cluster, twoMonitors, twoMonitorsEx,
		`06 c0 08 00 00 00 00 00`, `0a c0 08 00 00 00 00 00`} {
		err := new(ClientData).UnmarshalBinary(rdptest.Hex(blk + blk))
		if !errors.Is(err, ErrDuplicateBlock) {
			t.Errorf("%.20s twice: err = %v, want ErrDuplicateBlock", blk, err)
		}
	}
	// Unknown types may repeat.
	var d ClientData
	if err := d.UnmarshalBinary(rdptest.Hex(`0c c0 04 00 0c c0 04 00`)); err != nil || len(d.Unknown) != 2 {
		t.Errorf("two CS_UNUSED1: %v, %d", err, len(d.Unknown))
	}
}

func TestClientDataOrderErrors(t *testing.T) {
	for _, tt := range []struct {
		name   string
		modify func(*ClientData)
	}{
		{"order-names-nil-block", func(d *ClientData) { d.Order = append(d.Order, CSMonitor) }},
		{"order-misses-block", func(d *ClientData) { d.Order = d.Order[:3] }},
		{"order-repeats-block", func(d *ClientData) { d.Order = append(d.Order, CSCore) }},
		{"order-names-missing-unknown", func(d *ClientData) { d.Order = append(d.Order, CSUnused1) }},
		{"order-misses-unknown", func(d *ClientData) { d.Unknown = []RawBlock{{Type: CSUnused1}} }},
		{"unknown-of-modelled-type", func(d *ClientData) {
			d.Unknown = []RawBlock{{Type: CSNet}}
			d.Order = append(d.Order, CSNet)
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := bcgr413Data()
			tt.modify(&d)
			if b, err := d.AppendBinary(nil); err == nil {
				t.Errorf("encoded %x", b)
			}
		})
	}
}

func TestClientDataCheckRequired(t *testing.T) {
	d := bcgr413Data()
	if err := d.CheckRequired(); err != nil {
		t.Errorf("4.1.3: %v", err)
	}
	d.Security = nil
	if err := d.CheckRequired(); !errors.Is(err, ErrMissingBlock) {
		t.Errorf("no CS_SECURITY: %v", err)
	}
	d.Core = nil
	if err := d.CheckRequired(); !errors.Is(err, ErrMissingBlock) {
		t.Errorf("no CS_CORE: %v", err)
	}
	// Decode itself does not require CS_CORE.
	var onlyNet ClientData
	if err := onlyNet.UnmarshalBinary(rdptest.Hex(bcgr413Net)); err != nil {
		t.Errorf("CS_NET alone: %v", err)
	}
}

func TestClientDataBadBlock(t *testing.T) {
	for name, raw := range map[string]string{
		"one-byte":        `01`,
		"header-too-long": `01 c0 ff 00 00`,
		"bad-core":        bcgr413Security + `01 c0 05 00 00`,
	} {
		if err := new(ClientData).UnmarshalBinary(rdptest.Hex(raw)); err == nil {
			t.Errorf("%s decoded", name)
		}
	}
}

func FuzzClientData(f *testing.F) {
	f.Add(bcgr413Blocks())
	f.Add(xfreerdpBlocks())
	f.Add(rdptest.Hex(bcgr413Net + `0c c0 06 00 00 00` + twoMonitors + twoMonitorsEx))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newClientData)
	})
}
