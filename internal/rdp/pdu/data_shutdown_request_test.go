package pdu

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func TestShutdown(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*ShutdownRequest]{{Name: "bcgr-4.2.1", Raw: "", Want: &ShutdownRequest{}}},
		func() *ShutdownRequest { return new(ShutdownRequest) })
	rdptest.RunCases(t, []rdptest.Case[*ShutdownDenied]{{Name: "bcgr-4.2.2", Raw: "", Want: &ShutdownDenied{}}},
		func() *ShutdownDenied { return new(ShutdownDenied) })
}
