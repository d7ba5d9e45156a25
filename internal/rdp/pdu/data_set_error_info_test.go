package pdu

import (
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"testing"
)

func TestSetErrorInfo(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*SetErrorInfo]{{
		Name: "logoff-by-user", Raw: "0c 00 00 00 # ERRINFO_LOGOFF_BY_USER", Want: &SetErrorInfo{ErrorInfo: ErrInfoLogoffByUser},
	}, {
		Name: "decrypt-failed", Raw: "92 11 00 00", Want: &SetErrorInfo{ErrorInfo: ErrInfoDecryptFailed},
	}}, func() *SetErrorInfo { return new(SetErrorInfo) })
	for e, want := range map[ErrorInfo]string{
		ErrInfoRPCInitiatedDisconnect:       "ERRINFO_RPC_INITIATED_DISCONNECT",
		ErrInfoServerDeniedConnection:       "ERRINFO_SERVER_DENIED_CONNECTION",
		ErrInfoRPCInitiatedDisconnectByUser: "ERRINFO_RPC_INITIATED_DISCONNECT_BYUSER",
		ErrInfoUnknownPDUType2:              "ERRINFO_UNKNOWNPDUTYPE2",
		ErrInfoBadFrameAckData:              "ERRINFO_BAD_FRAME_ACK_DATA",
		ErrInfoEncPkgMismatch:               "ERRINFO_ENCPKGMISMATCH",
		0x42:                                "ERRINFO(0x00000042)",
	} {
		if got := e.String(); got != want {
			t.Errorf("%d: %q, want %q", uint32(e), got, want)
		}
	}
}
