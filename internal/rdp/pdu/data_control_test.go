package pdu

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func TestControl(t *testing.T) {
	runGolden(t, []golden[*Control]{{
		name: "bcgr-4.1.21-granted", raw: "02 00 ef 03 ea 03 00 00",
		want: &Control{Action: ControlActionGrantedControl, GrantID: 1007, ControlID: 0x03EA},
	}, {
		name: "detach", raw: "03 00 00 00 00 00 00 00", want: &Control{Action: ControlActionDetach},
	}}, func() *Control { return new(Control) })
	runBad(t, []bad{
		{"action-0", "00 00 00 00 00 00 00 00", wire.ErrInvalid},
		{"action-5", "05 00 00 00 00 00 00 00", wire.ErrInvalid},
	}, func() *Control { return new(Control) })
	if ControlActionCooperate.String() != "CTRLACTION_COOPERATE" || ControlAction(9).String() != "CTRLACTION(0x0009)" {
		t.Error("ControlAction.String")
	}
}
