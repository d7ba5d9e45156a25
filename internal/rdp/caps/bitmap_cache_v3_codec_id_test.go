package caps

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func TestBitmapCacheV3CodecID(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*BitmapCacheV3CodecID]{{
		Name: "nscodec",
		Raw: `06 00 05 00 # CAPSETTYPE_BITMAP_CACHE_V3_CODEC_ID, 5
		      01          # codecId`,
		Want: &BitmapCacheV3CodecID{CodecID: 1},
	}}, func() *BitmapCacheV3CodecID { return new(BitmapCacheV3CodecID) })
}
