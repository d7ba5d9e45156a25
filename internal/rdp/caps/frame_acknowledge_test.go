package caps

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func TestFrameAcknowledge(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*FrameAcknowledge]{{
		Name: "freerdp-client-default",
		Raw: `1e 00 08 00 # CAPSETTYPE_FRAME_ACKNOWLEDGE, 8
		      02 00 00 00 # maxUnacknowledgedFrameCount: 2`,
		Want: &FrameAcknowledge{MaxUnacknowledgedFrameCount: 2},
	}}, func() *FrameAcknowledge { return new(FrameAcknowledge) })
}
