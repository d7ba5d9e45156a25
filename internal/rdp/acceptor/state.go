package acceptor

import "fmt"

// State is a phase of the server side of the connection sequence,
// [MS-RDPBCGR] 1.3.1.1, in the order a connection passes through them.
type State uint8

const (
	// StateWaitConnectionRequest waits for the X.224 Connection Request
	// (2.2.1.1) and answers with the Connection Confirm (2.2.1.2).
	StateWaitConnectionRequest State = iota + 1
	// StateWaitTLS waits for the driver to finish the TLS handshake
	// (5.4.5.1) that follows a Connection Confirm selecting PROTOCOL_SSL.
	StateWaitTLS
	// StateWaitConnectInitial waits for the MCS Connect Initial with the
	// GCC Conference Create Request (2.2.1.3) and answers 2.2.1.4.
	StateWaitConnectInitial
	// StateWaitErectDomain waits for the MCS Erect Domain Request (2.2.1.5).
	StateWaitErectDomain
	// StateWaitAttachUser waits for the MCS Attach User Request (2.2.1.6)
	// and answers 2.2.1.7.
	StateWaitAttachUser
	// StateChannelJoin answers MCS Channel Join Requests (2.2.1.8, 2.2.1.9)
	// until the user channel, the I/O channel and every static channel are
	// joined.
	StateChannelJoin
	// StateWaitSecurityExchange waits for the Security Exchange PDU
	// (2.2.1.10) of Standard RDP Security.
	StateWaitSecurityExchange
	// StateWaitClientInfo waits for the Client Info PDU (2.2.1.11), then
	// sends the licensing PDU (2.2.1.12) and the Demand Active (2.2.1.13.1).
	StateWaitClientInfo
	// StateWaitConfirmActive waits for the Confirm Active (2.2.1.13.2).
	StateWaitConfirmActive
	// StateDone: the capabilities are exchanged. Connection finalization
	// (2.2.1.14–2.2.1.22) belongs to the session, which also runs it again
	// after a reactivation.
	StateDone
	// StateFailed: a step failed; the connection must be closed.
	StateFailed
)

var stateNames = [...]string{
	StateWaitConnectionRequest: "wait-connection-request",
	StateWaitTLS:               "wait-tls",
	StateWaitConnectInitial:    "wait-connect-initial",
	StateWaitErectDomain:       "wait-erect-domain",
	StateWaitAttachUser:        "wait-attach-user",
	StateChannelJoin:           "channel-join",
	StateWaitSecurityExchange:  "wait-security-exchange",
	StateWaitClientInfo:        "wait-client-info",
	StateWaitConfirmActive:     "wait-confirm-active",
	StateDone:                  "done",
	StateFailed:                "failed",
}

func (s State) String() string {
	if int(s) < len(stateNames) && stateNames[s] != "" {
		return stateNames[s]
	}
	return fmt.Sprintf("State(%d)", uint8(s))
}
