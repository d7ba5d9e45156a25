package caps

import (
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

const bcgr4113BitmapCacheRev2 = `
13 00 28 00 # CAPSTYPE_BITMAPCACHE_REV2, 40
03 00       # CacheFlags: PERSISTENT_KEYS_EXPECTED_FLAG|ALLOW_CACHE_WAITING_LIST_FLAG
00          # Pad2
03          # NumCellCaches: 3
78 00 00 00 # BitmapCache0CellInfo: 120
78 00 00 00 # BitmapCache1CellInfo: 120
fb 09 00 80 # BitmapCache2CellInfo: 2555, k
00 00 00 00 # BitmapCache3CellInfo
00 00 00 00 # BitmapCache4CellInfo
00 00 00 00 00 00 00 00 00 00 00 00 # Pad3
`

func TestBitmapCacheRev2(t *testing.T) {
	want := &BitmapCacheRev2{
		CacheFlags:    PersistentKeysExpected | AllowCacheWaitingList,
		NumCellCaches: 3,
		CellInfo:      [5]CellInfo{120, 120, 0x800009fb},
	}
	rdptest.RunCases(t, []rdptest.Case[*BitmapCacheRev2]{{
		Name: "bcgr-4.1.13", Raw: bcgr4113BitmapCacheRev2, Want: want,
	}}, func() *BitmapCacheRev2 { return new(BitmapCacheRev2) })
	if c := want.CellInfo[2]; c.NumEntries() != 2555 || !c.Persistent() || want.CellInfo[0].Persistent() {
		t.Errorf("CellInfo accessors: %d %v", c.NumEntries(), c.Persistent())
	}
	rdptest.RunBad(t, []rdptest.BadCase{{
		Name: "NumCellCaches-6", Raw: "13 00 28 00 03 00 00 06" + " 00000000 00000000 00000000 00000000 00000000 000000000000000000000000", Want: wire.ErrInvalid,
	}}, func() *BitmapCacheRev2 { return new(BitmapCacheRev2) })
	if _, err := (&BitmapCacheRev2{NumCellCaches: 6}).AppendBinary(nil); err == nil {
		t.Error("encoded NumCellCaches 6")
	}
}
