package pdu

import (
	"testing"
)

func TestFrameAcknowledge(t *testing.T) {
	runGolden(t, []golden[*FrameAcknowledge]{{
		name: "frame-7", raw: "07 00 00 00 # frameID", want: &FrameAcknowledge{FrameID: 7},
	}, {
		name: "all", raw: "ff ff ff ff", want: &FrameAcknowledge{FrameID: FrameAckAll},
	}}, func() *FrameAcknowledge { return new(FrameAcknowledge) })
}
