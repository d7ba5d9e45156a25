package pdu

import "testing"

func TestShutdown(t *testing.T) {
	runGolden(t, []golden[*ShutdownRequest]{{name: "bcgr-4.2.1", raw: "", want: &ShutdownRequest{}}},
		func() *ShutdownRequest { return new(ShutdownRequest) })
	runGolden(t, []golden[*ShutdownDenied]{{name: "bcgr-4.2.2", raw: "", want: &ShutdownDenied{}}},
		func() *ShutdownDenied { return new(ShutdownDenied) })
}
