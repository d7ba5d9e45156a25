package ctlchan

import (
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// credKind says which credential a test input carries.
type credKind uint8

const (
	credNone credKind = iota
	credAuth
	credEOV
	credVP
	credToken
)

// poolInput is one input of the random-sequence test, with what an
// independent oracle needs to know about it.
type poolInput struct {
	input
	weight int
	cred   credKind
	valid  bool // the credential is right
	route  int  // 1 or 2 if, arriving first, it chooses that version
}

func invariantPool(t testing.TB, v3 bool) []poolInput {
	var prefixed []byte
	prefixed = append(prefixed, 32, 0, 0, 0)
	prefixed = append(prefixed, v2Proof()...)
	pool := []poolInput{
		{input: start(), weight: 3},
		{input: consent(true), weight: 12},
		{input: consent(false), weight: 1},
		{input: heartbeat(), weight: 1},
		{input: closeIn(), weight: 1},
		{input: versionInfo(t, 2), weight: 6, route: 1},
		{input: versionInfo(t, 1), weight: 1},
		{input: authenticate(t, v2CS2, v2Blob), weight: 6, cred: credAuth, valid: true, route: 1},
		{input: authenticate(t, v2RCTicket, v2Blob), weight: 6, cred: credAuth, valid: true, route: 1},
		{input: authenticate(t, v2CS2, wrongBlob()), weight: 2, cred: credAuth, route: 1},
		{input: authenticate(t, strings.Replace(v2CS2, v2ID, "x", 1), v2Blob), weight: 2, cred: credAuth, route: 1},
		{input: authenticate(t, v2CS2, "10;NAME=awake"), weight: 1, cred: credAuth, route: 1},
		{input: rcd(t), weight: 8},
		{input: eov(t, v2Proof()), weight: 8, cred: credEOV, valid: true, route: 2},
		{input: recv("EOV prefixed", rawPDU(MsgExpertOnVista, prefixed)), weight: 1, cred: credEOV, valid: true, route: 2},
		{input: eov(t, wrongProof()), weight: 3, cred: credEOV, route: 2},
		{input: eov(t, nil), weight: 1, cred: credEOV, route: 2},
		{input: verify(t, v2Blob), weight: 8, cred: credVP, valid: true, route: 2},
		{input: verify(t, "10;NAME=awake"), weight: 2, cred: credVP, valid: true, route: 2},
		{input: verify(t, wrongBlob()), weight: 3, cred: credVP, route: 2},
		{input: verify(t, "70;PASS="+v2ProofHex), weight: 1, cred: credVP, route: 2},
		{input: msgIn(t, &ExpertName{Name: "Ada"}), weight: 1},
		{input: msgIn(t, &NoviceName{Name: "x"}), weight: 1},
		{input: msgIn(t, &IsConnectedPacket{}), weight: 1},
		{input: msgIn(t, &ResultPacket{Result: 0}), weight: 1},
		{input: msgIn(t, &ResultPacket{Result: ResultIncompatibleVersion}), weight: 1},
		{input: msgIn(t, &DisconnectPacket{}), weight: 1},
		{input: msgIn(t, &ServerAnnounce{}), weight: 1},
		{input: recv("msgType 13", rawPDU(13, nil)), weight: 1},
		{input: recv("junk", []byte{0x0e, 0, 0, 0, 0xff}), weight: 1},
		{input: recv("70", subPDU("70", "hello")), weight: 2},
		{input: recv("EXPERTIP", subPDU("71", `<RCCOMMAND NAME="EXPERTIP" EXPERTIPDATA="192.0.2.7"/>`)), weight: 1},
	}
	tokens := []poolInput{
		{input: token(t, v3Tokens()[RoleExpert]), weight: 4, cred: credToken, valid: v3},
		{input: token(t, v3Tokens()[RoleNovice]), weight: 2, cred: credToken},
		{input: token(t, v3Tokens()["wrong"]), weight: 2, cred: credToken},
	}
	return append(pool, tokens...)
}

// oracle tracks, independently of the Machine, which credentials it was
// given, and checks the INVARIANT of Machine after every step.
type oracle struct {
	v3     bool
	route  int              // the version the first version-choosing message chose
	first  map[credKind]int // 1 + index of the first input of each credential kind
	valid  map[credKind]bool
	asked  bool
	opened bool
	closed bool
}

// secrets are strings no Note and no error may contain.
func secrets() []string {
	return []string{
		v2Password, v2ProofHex, strings.ToLower(v2ProofHex), v2ID,
		fmt.Sprintf("%X", wrongProof()), hex.EncodeToString(v3Tokens()[RoleExpert]),
		hex.EncodeToString(v3Tokens()[RoleNovice]), v2NoviceTokenHex,
	}
}

func (o *oracle) check(t *testing.T, m *Machine, in poolInput, acts []Action, err error, trace []string) {
	t.Helper()
	fail := func(format string, args ...any) {
		t.Helper()
		t.Fatalf("after %s: %s\ntrace: %s", in.name, fmt.Sprintf(format, args...), strings.Join(trace, ", "))
	}
	if o.closed {
		if len(acts) != 0 || err != nil {
			fail("a closed Machine acted: %v, %v", summary(t, acts), err)
		}
		return
	}
	// What the machine was given, as the oracle sees it.
	if in.cred != credNone {
		if _, seen := o.first[in.cred]; !seen {
			o.first[in.cred] = len(trace)
			o.valid[in.cred] = in.valid
		}
	}
	if o.route == 0 && in.route != 0 && !o.v3 {
		o.route = in.route
	}
	for _, s := range secrets() {
		if err != nil && strings.Contains(err.Error(), s) {
			fail("error %q holds a secret", err)
		}
	}
	for i, a := range acts {
		switch a := a.(type) {
		case AskConsent:
			if o.asked {
				fail("AskConsent twice")
			}
			if i != len(acts)-1 {
				fail("AskConsent is not the last action")
			}
			var credsOK bool
			switch {
			case o.v3:
				credsOK = o.valid[credToken]
			case o.route == 1:
				credsOK = o.valid[credAuth]
			case o.route == 2:
				_, haveEOV := o.first[credEOV]
				_, haveVP := o.first[credVP]
				credsOK = haveEOV && haveVP && o.valid[credEOV] && o.valid[credVP]
			}
			if !credsOK {
				fail("AskConsent without valid credentials (route %d, first %v, valid %v)", o.route, o.first, o.valid)
			}
			o.asked = true
		case OpenView:
			// INVARIANT: OpenView at most once, only by Consent(true), only
			// after AskConsent.
			if o.opened {
				fail("OpenView twice")
			}
			if in.name != "Consent(true)" {
				fail("OpenView from %s", in.name)
			}
			if !o.asked {
				fail("OpenView without AskConsent")
			}
			o.opened = true
		case Disconnect:
			o.closed = true
		case Note:
			for _, s := range secrets() {
				if strings.Contains(a.Msg, s) {
					fail("Note %q holds a secret", a.Msg)
				}
			}
		case SubChannel:
			if !o.opened {
				fail("sub-channel frame handed on before OpenView")
			}
		}
	}
	if err != nil {
		o.closed = true
	}
	if o.closed != (m.State() == StateClosed) {
		fail("oracle closed %v, state %v", o.closed, m.State())
	}
	if m.State() == StateViewing && !o.opened {
		fail("viewing without OpenView")
	}
	if o.opened && m.State() != StateViewing && m.State() != StateClosed {
		fail("OpenView emitted, state %v", m.State())
	}
	if m.State() == StateAsking && !o.asked {
		fail("asking without AskConsent")
	}
}

// TestMachineInvariantRandom drives Machines with seeded random input
// sequences and checks the INVARIANT of Machine after every step.
func TestMachineInvariantRandom(t *testing.T) {
	for _, v3 := range []bool{false, true} {
		pool := invariantPool(t, v3)
		total := 0
		for _, p := range pool {
			total += p.weight
		}
		pick := func(r *rand.Rand) poolInput {
			n := r.IntN(total)
			for _, p := range pool {
				if n < p.weight {
					return p
				}
				n -= p.weight
			}
			panic("unreachable")
		}
		runs := 20000
		if testing.Short() {
			runs = 2000
		}
		opened := 0
		for seed := range uint64(runs) {
			r := rand.New(rand.NewPCG(seed, 0x5eed))
			inv := v2Invitation()
			if v3 {
				inv = v3Invitation()
			}
			m := New(Config{Invitation: inv, NoviceName: "novice"})
			o := &oracle{v3: v3, first: map[credKind]int{}, valid: map[credKind]bool{}}
			var trace []string
			for range 1 + r.IntN(32) {
				in := pick(r)
				trace = append(trace, in.name)
				acts, err := in.call(m)
				o.check(t, m, in, acts, err, trace)
			}
			if o.opened {
				opened++
			}
		}
		// The pool must reach the view often enough to mean something.
		if opened < runs/50 {
			t.Errorf("v3=%v: only %d of %d runs opened the view", v3, opened, runs)
		}
		t.Logf("v3=%v: %d of %d runs opened the view", v3, opened, runs)
	}
}
