package ctlchan

import (
	"bytes"
	"testing"

	"github.com/ranoviced/ranoviced/internal/invite"
)

// Ops of FuzzMachine's input language: one byte each, except opReceive,
// which is followed by a 2-byte little-endian length and that many bytes
// of PDU.
const (
	opStart byte = iota
	opConsentYes
	opConsentNo
	opHeartbeat
	opClose
	opReceive
	numOps
)

// fuzzScript encodes calls in FuzzMachine's input language; the first
// byte selects a version 3 invitation if odd.
func fuzzScript(v3 bool, ops ...any) []byte {
	b := []byte{0}
	if v3 {
		b[0] = 1
	}
	for _, op := range ops {
		switch op := op.(type) {
		case byte:
			b = append(b, op)
		case []byte:
			b = append(b, opReceive, byte(len(op)), byte(len(op)>>8))
			b = append(b, op...)
		}
	}
	return b
}

// FuzzMachine feeds arbitrary call sequences and PDUs to a Machine: it
// never panics, a closed Machine stays silent, and OpenView comes at most
// once, only from Consent(true), only after AskConsent, and only if the
// invitation's proof check said yes (version 2) or a received TOKEN held
// the expert token (version 3).
func FuzzMachine(f *testing.F) {
	eovRight, vpRight := freeRDPExpert(v2ProofHex, true)
	eovWrong, vpWrong := freeRDPExpert(v2ProofHex[:62]+"00", false)
	f.Add(fuzzScript(false, opStart, eovRight, vpRight, opConsentYes, subPDU("70", "hi")))
	f.Add(fuzzScript(false, vpRight, eovRight, opStart, opConsentNo))
	f.Add(fuzzScript(false, opStart, eovWrong, vpWrong, opConsentYes))
	f.Add(fuzzScript(false, opStart, pdu(f, &VersionInfoPacket{1, 2}), pdu(f, &AuthenticatePacket{ConnectionString: v2RCTicket, ExpertBlob: v2Blob}),
		opHeartbeat, pdu(f, &RemoteControlDesktopPacket{ConnectionString: v2RCTicket}), opConsentYes, opClose))
	f.Add(fuzzScript(true, opStart, pdu(f, &TokenPacket{Token: v3Tokens()[RoleExpert]}), opConsentYes))
	f.Add(fuzzScript(true, opStart, pdu(f, &TokenPacket{Token: v3Tokens()[RoleNovice]}), opConsentYes))
	f.Add(fuzzScript(false, opStart, rawPDU(13, nil), subPDU("71", `<RCCOMMAND NAME="EXPERTIP" EXPERTIPDATA="192.0.2.7"/>`)))

	expertTok := v3Tokens()[RoleExpert]
	f.Fuzz(func(t *testing.T, script []byte) {
		if len(script) == 0 {
			return
		}
		v3 := script[0]%2 == 1
		proofOK := false
		inv := Invitation{
			ID: v2ID, ConnectionString: v2CS2, RCTicket: v2RCTicket,
			CheckProof: func(p []byte) bool {
				ok := invite.CheckPassStubProof(v2Password, v2PassStub, p)
				proofOK = proofOK || ok
				return ok
			},
		}
		if v3 {
			inv.Token = func(role string) []byte { return append([]byte(nil), v3Tokens()[role]...) }
		}
		m := New(Config{Invitation: inv, NoviceName: "novice"})
		tokenSeen, asked, opened, closed := false, false, false, false
		for s := script[1:]; len(s) > 0; {
			op := s[0] % numOps
			s = s[1:]
			var acts []Action
			var err error
			switch op {
			case opStart:
				acts = m.Start()
			case opConsentYes:
				acts = m.Consent(true)
			case opConsentNo:
				acts = m.Consent(false)
			case opHeartbeat:
				acts = m.HeartbeatDue()
			case opClose:
				acts = m.Close()
			case opReceive:
				if len(s) < 2 {
					return
				}
				n := int(s[0]) | int(s[1])<<8
				s = s[2:]
				if n > len(s) {
					n = len(s)
				}
				b := s[:n]
				s = s[n:]
				if msg, err := DecodeRCControl(b); err == nil {
					if tp, ok := msg.(*TokenPacket); ok && (bytes.Equal(tp.Token, expertTok) || bytes.Equal(b[len(b)-len(expertTok):], expertTok)) {
						tokenSeen = true
					}
				}
				acts, err = m.Receive(b)
			}
			if closed && (len(acts) != 0 || err != nil) {
				t.Fatalf("closed Machine acted: %v %v", summary(t, acts), err)
			}
			for _, a := range acts {
				switch a.(type) {
				case AskConsent:
					asked = true
				case OpenView:
					credOK := proofOK
					if v3 {
						credOK = tokenSeen
					}
					if opened || op != opConsentYes || !asked || !credOK {
						t.Fatalf("OpenView: again %v, op %d, asked %v, credentials %v", opened, op, asked, credOK)
					}
					opened = true
				case Disconnect:
					closed = true
				}
			}
			if err != nil {
				closed = true
			}
			if closed != (m.State() == StateClosed) {
				t.Fatalf("closed %v, state %v", closed, m.State())
			}
		}
	})
}
