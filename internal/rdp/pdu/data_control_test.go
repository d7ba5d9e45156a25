package pdu

import (
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func TestControl(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*Control]{{
		Name: "bcgr-4.1.21-granted", Raw: "02 00 ef 03 ea 03 00 00",
		Want: &Control{Action: ControlActionGrantedControl, GrantID: 1007, ControlID: 0x03EA},
	}, {
		Name: "detach", Raw: "03 00 00 00 00 00 00 00", Want: &Control{Action: ControlActionDetach},
	}}, func() *Control { return new(Control) })
	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "action-0", Raw: "00 00 00 00 00 00 00 00", Want: wire.ErrInvalid},
		{Name: "action-5", Raw: "05 00 00 00 00 00 00 00", Want: wire.ErrInvalid},
	}, func() *Control { return new(Control) })
	if ControlActionCooperate.String() != "CTRLACTION_COOPERATE" || ControlAction(9).String() != "CTRLACTION(0x0009)" {
		t.Error("ControlAction.String")
	}
}
