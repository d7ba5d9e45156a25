package caps

import "testing"

func TestBitmapCacheV3CodecID(t *testing.T) {
	runGolden(t, []goldenCase[*BitmapCacheV3CodecID]{{
		name: "nscodec",
		raw: `06 00 05 00 # CAPSETTYPE_BITMAP_CACHE_V3_CODEC_ID, 5
		      01          # codecId`,
		want: &BitmapCacheV3CodecID{CodecID: 1},
	}}, func() *BitmapCacheV3CodecID { return new(BitmapCacheV3CodecID) })
}
