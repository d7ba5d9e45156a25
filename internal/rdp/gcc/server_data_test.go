package gcc

import (
	"errors"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newServerData() *ServerData { return new(ServerData) }

func TestServerData(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want ServerData
	}{{
		name: "bcgr-4.1.4",
		raw:  bcgr414Blocks(),
		want: bcgr414Data(),
	}, {
		name: "ranoviced",
		raw:  rdptest.Hex(ranovicedBlocks),
		want: withServerOrder(ranovicedData(), SCCore, SCNet, SCSecurity, SCMCSMsgChannel),
	}, {
		name: "xrdp-order-and-multitransport", // xrdp writes core, security, network
		raw:  rdptest.Hex(bcgr414Core + bcgr414Security + bcgr414Net + `08 0c 08 00 00 00 00 00` + `0f 0c 04 00`),
		want: func() ServerData {
			d := bcgr414Data()
			d.Multitransport = &ServerMultitransportChannelData{}
			d.Unknown = []RawBlock{{Type: 0x0C0F}}
			d.Order = []BlockType{SCCore, SCSecurity, SCNet, SCMultitransport, 0x0C0F}
			return d
		}(),
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkBlocks(t, tt.raw, &tt.want, newServerData)
		})
	}
}

// The acceptor builds ServerData without Order: it encodes in 4.1.4's order.
func TestServerDataCanonicalOrder(t *testing.T) {
	d := bcgr414Data()
	d.Order = nil
	if got, _ := d.AppendBinary(nil); string(got) != string(bcgr414Blocks()) {
		t.Errorf("encoded %x", got)
	}
	r := ranovicedData()
	if got, _ := r.AppendBinary(nil); string(got) != string(rdptest.Hex(ranovicedBlocks)) {
		t.Errorf("encoded %x", got)
	}
}

func TestServerDataDuplicate(t *testing.T) {
	for _, blk := range []string{bcgr414Core, bcgr414Net, bcgr414Security, `04 0c 06 00 f0 03`, `08 0c 08 00 00 00 00 00`} {
		if err := new(ServerData).UnmarshalBinary(rdptest.Hex(blk + blk)); !errors.Is(err, ErrDuplicateBlock) {
			t.Errorf("%.20s twice: err = %v", blk, err)
		}
	}
}

func TestServerDataCheckRequired(t *testing.T) {
	d := bcgr414Data()
	if err := d.CheckRequired(); err != nil {
		t.Error(err)
	}
	for _, drop := range []func(*ServerData){
		func(d *ServerData) { d.Core = nil },
		func(d *ServerData) { d.Security = nil },
		func(d *ServerData) { d.Network = nil },
	} {
		d := bcgr414Data()
		drop(&d)
		if err := d.CheckRequired(); !errors.Is(err, ErrMissingBlock) {
			t.Errorf("err = %v, want ErrMissingBlock", err)
		}
	}
}

func FuzzServerData(f *testing.F) {
	f.Add(bcgr414Blocks())
	f.Add(rdptest.Hex(ranovicedBlocks))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newServerData)
	})
}
