package caps

import "testing"

func TestFrameAcknowledge(t *testing.T) {
	runGolden(t, []goldenCase[*FrameAcknowledge]{{
		name: "freerdp-client-default",
		raw: `1e 00 08 00 # CAPSETTYPE_FRAME_ACKNOWLEDGE, 8
		      02 00 00 00 # maxUnacknowledgedFrameCount: 2`,
		want: &FrameAcknowledge{MaxUnacknowledgedFrameCount: 2},
	}}, func() *FrameAcknowledge { return new(FrameAcknowledge) })
}
