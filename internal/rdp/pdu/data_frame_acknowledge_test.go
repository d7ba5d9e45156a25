package pdu

import (
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"testing"
)

func TestFrameAcknowledge(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*FrameAcknowledge]{{
		Name: "frame-7", Raw: "07 00 00 00 # frameID", Want: &FrameAcknowledge{FrameID: 7},
	}, {
		Name: "all", Raw: "ff ff ff ff", Want: &FrameAcknowledge{FrameID: FrameAckAll},
	}}, func() *FrameAcknowledge { return new(FrameAcknowledge) })
}
