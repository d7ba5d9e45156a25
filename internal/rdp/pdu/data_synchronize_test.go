package pdu

import (
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func TestSynchronize(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*Synchronize]{{
		Name: "bcgr-4.1.14", Raw: "01 00 ea 03 # SYNCMSGTYPE_SYNC, targetUser 0x03ea", Want: &Synchronize{TargetUser: 0x03EA},
	}}, func() *Synchronize { return new(Synchronize) })
	rdptest.RunBad(t, []rdptest.BadCase{{Name: "messageType-2", Raw: "02 00 ea 03", Want: wire.ErrInvalid}}, func() *Synchronize { return new(Synchronize) })
}
