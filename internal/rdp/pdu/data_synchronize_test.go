package pdu

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func TestSynchronize(t *testing.T) {
	runGolden(t, []golden[*Synchronize]{{
		name: "bcgr-4.1.14", raw: "01 00 ea 03 # SYNCMSGTYPE_SYNC, targetUser 0x03ea", want: &Synchronize{TargetUser: 0x03EA},
	}}, func() *Synchronize { return new(Synchronize) })
	runBad(t, []bad{{"messageType-2", "02 00 ea 03", wire.ErrInvalid}}, func() *Synchronize { return new(Synchronize) })
}
