package ctlchan

import "fmt"

// State is a phase of the novice's side of session initialization
// ([MS-RA] 3.4, 3.6, 3.8), in the order a connection passes through them.
type State uint8

const (
	// StateWaitVersion: a version 1/2 invitation; the expert has not yet
	// chosen a protocol version. VERSIONINFO or AUTHENTICATE chooses 1,
	// EXPERT_ON_VISTA or VERIFY_PASSWORD chooses 2 ([MS-RA] 3).
	StateWaitVersion State = iota + 1
	// StateV1WaitAuthenticate: version 1; waiting for AUTHENTICATE (3.4.5).
	StateV1WaitAuthenticate
	// StateV1WaitRemoteControl: version 1; AUTHENTICATE passed and RESULT
	// NOERROR was sent; waiting for REMOTE_CONTROL_DESKTOP (3.3.5).
	StateV1WaitRemoteControl
	// StateV2WaitVerifyPassword: version 2; EXPERT_ON_VISTA arrived, its
	// proof is held until VERIFY_PASSWORD (3.6.5).
	StateV2WaitVerifyPassword
	// StateV2WaitExpertOnVista: version 2; VERIFY_PASSWORD arrived first,
	// its blob is held until EXPERT_ON_VISTA.
	StateV2WaitExpertOnVista
	// StateV3WaitToken: a version 3 invitation; waiting for the expert's
	// TOKEN (3.8.5).
	StateV3WaitToken
	// StateAsking: the expert's credentials passed; the novice is being
	// asked (AskConsent was emitted).
	StateAsking
	// StateViewing: the novice said yes; OpenView was emitted. The Remote
	// Assistance session is established.
	StateViewing
	// StateClosed: the connection must end (Disconnect was emitted or an
	// error returned). Nothing more happens.
	StateClosed
)

var stateNames = [...]string{
	StateWaitVersion:          "wait-version",
	StateV1WaitAuthenticate:   "v1-wait-authenticate",
	StateV1WaitRemoteControl:  "v1-wait-remote-control",
	StateV2WaitVerifyPassword: "v2-wait-verify-password",
	StateV2WaitExpertOnVista:  "v2-wait-expert-on-vista",
	StateV3WaitToken:          "v3-wait-token",
	StateAsking:               "asking",
	StateViewing:              "viewing",
	StateClosed:               "closed",
}

func (s State) String() string {
	if int(s) < len(stateNames) && stateNames[s] != "" {
		return stateNames[s]
	}
	return fmt.Sprintf("State(%d)", uint8(s))
}
