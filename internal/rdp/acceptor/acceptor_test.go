package acceptor

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"sync"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/gcc"
	"github.com/ranoviced/ranoviced/internal/rdp/mcs"
	"github.com/ranoviced/ranoviced/internal/rdp/sec"
	"github.com/ranoviced/ranoviced/internal/rdp/stdsec"
	"github.com/ranoviced/ranoviced/internal/rdp/x224"
)

// The whole connection sequence, with real clients, is tested in
// internal/rdp/rdptest/expert and e2e; these tests cover the acceptor's
// decisions and its refusals edge by edge.

var (
	keyOnce sync.Once
	testKey *rsa.PrivateKey
	testCrt []byte
)

func config(t testing.TB, sec Security) Config {
	t.Helper()
	keyOnce.Do(func() {
		k, err := rsa.GenerateKey(rand.Reader, 1024)
		if err != nil {
			panic(err)
		}
		c, err := stdsec.NewProprietaryCertificate(&k.PublicKey)
		if err != nil {
			panic(err)
		}
		testKey = k
		testCrt, _ = c.AppendBinary(nil)
	})
	return Config{
		Security:          sec,
		EncryptionMethods: gcc.EncryptionMethod40Bit | gcc.EncryptionMethod56Bit | gcc.EncryptionMethod128Bit,
		PrivateKey:        testKey,
		Certificate:       testCrt,
		ServerRandom:      bytes.Repeat([]byte{7}, 32),
		DesktopWidth:      800,
		DesktopHeight:     600,
	}
}

func connectionRequest(t testing.TB, negReq *x224.NegotiationRequest) []byte {
	t.Helper()
	cr := x224.ConnectionRequest{Cookie: "expert", NegReq: negReq}
	b, err := cr.AppendBinary(nil)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSelectProtocol is the negotiation of [MS-RDPBCGR] 3.3.5.3.1 as a
// table: policy × what the client offers → the selected protocol or the
// RDP_NEG_FAILURE code.
func TestSelectProtocol(t *testing.T) {
	none := (*x224.NegotiationRequest)(nil)
	offer := func(p x224.Protocols) *x224.NegotiationRequest { return &x224.NegotiationRequest{Protocols: p} }
	tests := []struct {
		name    string
		policy  Security
		req     *x224.NegotiationRequest
		want    x224.Protocols
		failure x224.FailureCode
		wantTLS bool
	}{
		{"auto -ssl|hybrid-> tls (xfreerdp default)", SecurityAuto, offer(x224.ProtocolSSL | x224.ProtocolHybrid), x224.ProtocolSSL, 0, true},
		{"auto -ssl-> tls (xfreerdp /assistance)", SecurityAuto, offer(x224.ProtocolSSL), x224.ProtocolSSL, 0, true},
		{"auto -rdp-> rdp", SecurityAuto, offer(x224.ProtocolRDP), x224.ProtocolRDP, 0, false},
		{"auto -no neg req-> rdp (xfreerdp /sec:rdp)", SecurityAuto, none, x224.ProtocolRDP, 0, false},
		{"auto -hybrid only-> SSL_REQUIRED_BY_SERVER", SecurityAuto, offer(x224.ProtocolHybrid), 0, x224.SSLRequiredByServer, false},
		{"rdp -ssl|hybrid-> rdp (downgrade)", SecurityRDP, offer(x224.ProtocolSSL | x224.ProtocolHybrid), x224.ProtocolRDP, 0, false},
		{"tls -ssl-> tls", SecurityTLS, offer(x224.ProtocolSSL), x224.ProtocolSSL, 0, true},
		{"tls -rdp-> SSL_REQUIRED_BY_SERVER", SecurityTLS, offer(x224.ProtocolRDP), 0, x224.SSLRequiredByServer, false},
		{"tls -no neg req-> SSL_REQUIRED_BY_SERVER", SecurityTLS, none, 0, x224.SSLRequiredByServer, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := New(config(t, tt.policy))
			if err != nil {
				t.Fatal(err)
			}
			out, err := a.Step(connectionRequest(t, tt.req), nil)
			var cc x224.ConnectionConfirm
			if derr := cc.UnmarshalBinary(out); derr != nil {
				t.Fatalf("reply is not a connection confirm: %v (%x)", derr, out)
			}
			if tt.failure != 0 {
				if !errors.Is(err, ErrNegotiationFailed) || cc.NegFailure == nil || cc.NegFailure.Code != tt.failure {
					t.Fatalf("err %v, reply %+v; want failure %v", err, cc, tt.failure)
				}
				if a.State() != StateFailed || a.Want() != WantNothing {
					t.Fatalf("state %v after a failure", a.State())
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			// 3.3.5.3.2: no RDP_NEG_RSP for a client that sent no RDP_NEG_REQ.
			if (cc.NegRsp != nil) != (tt.req != nil) {
				t.Fatalf("RDP_NEG_RSP present = %v for a request with RDP_NEG_REQ = %v", cc.NegRsp != nil, tt.req != nil)
			}
			if cc.NegRsp != nil && cc.NegRsp.Protocol != tt.want {
				t.Fatalf("selected %v, want %v", cc.NegRsp.Protocol, tt.want)
			}
			if (a.Want() == WantTLS) != tt.wantTLS {
				t.Fatalf("Want = %v", a.Want())
			}
		})
	}
}

// TestOutOfOrder: every phase refuses what belongs to another one, and a
// failed acceptor stays failed.
func TestOutOfOrder(t *testing.T) {
	attach := mustDomain(t, &mcs.AttachUserRequest{})
	join := mustDomain(t, &mcs.ChannelJoinRequest{Initiator: 1005, ChannelID: 1003}) // rdpdr is 1004, the user 1005
	tests := []struct {
		name   string
		frames [][]byte // after a successful Connection Request (no TLS)
	}{
		{"wait-connect-initial -attach user->", [][]byte{attach}},
		{"wait-connect-initial -fast-path->", [][]byte{{0x04, 0x02}}},
		{"wait-connect-initial -second connection request->", [][]byte{connectionRequest(t, nil)}},
		{"wait-connect-initial -garbage->", [][]byte{{0x03, 0x00, 0x00, 0x07, 0x02, 0xF0, 0x80}}},
		{"wait-erect-domain -channel join->", [][]byte{connectInitial(t, nil), join}},
		{"wait-attach-user -channel join->", [][]byte{connectInitial(t, nil), mustDomain(t, &mcs.ErectDomainRequest{}), join}},
		{"channel-join -unknown channel->", [][]byte{connectInitial(t, nil), mustDomain(t, &mcs.ErectDomainRequest{}), attach,
			mustDomain(t, &mcs.ChannelJoinRequest{Initiator: 1005, ChannelID: 1999})}},
		{"channel-join -wrong initiator->", [][]byte{connectInitial(t, nil), mustDomain(t, &mcs.ErectDomainRequest{}), attach,
			mustDomain(t, &mcs.ChannelJoinRequest{Initiator: 1004, ChannelID: 1003})}},
		{"channel-join -twice->", [][]byte{connectInitial(t, nil), mustDomain(t, &mcs.ErectDomainRequest{}), attach, join, join}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := New(config(t, SecurityRDP))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := a.Step(connectionRequest(t, nil), nil); err != nil {
				t.Fatal(err)
			}
			for i, f := range tt.frames {
				_, err = a.Step(f, nil)
				if i < len(tt.frames)-1 && err != nil {
					t.Fatalf("frame %d: %v", i, err)
				}
			}
			if err == nil {
				t.Fatalf("last frame accepted in state %v", a.State())
			}
			if a.State() != StateFailed {
				t.Fatalf("state %v after an error", a.State())
			}
			if _, err := a.Step(attach, nil); err == nil {
				t.Fatal("a failed acceptor took another frame")
			}
		})
	}
}

// TestClientDisconnects: an MCS Disconnect Provider Ultimatum or an X.224
// Disconnect Request mid-handshake is reported as the client leaving.
func TestClientDisconnects(t *testing.T) {
	dpum := mustDomain(t, &mcs.DisconnectProviderUltimatum{Reason: mcs.ReasonUserRequested})
	dr, _ := (&x224.DisconnectRequest{}).AppendBinary(nil)
	for name, f := range map[string][]byte{"dpum": dpum, "x224-dr": dr} {
		t.Run(name, func(t *testing.T) {
			a, _ := New(config(t, SecurityRDP))
			a.Step(connectionRequest(t, nil), nil)
			a.Step(connectInitial(t, nil), nil)
			if _, err := a.Step(f, nil); !errors.Is(err, ErrClientDisconnected) {
				t.Fatalf("err = %v, want ErrClientDisconnected", err)
			}
		})
	}
}

// TestSelectedProtocolMismatch: a Client Core Data naming a protocol the
// server did not select is a downgrade attempt and is refused.
func TestSelectedProtocolMismatch(t *testing.T) {
	a, _ := New(config(t, SecurityRDP))
	if _, err := a.Step(connectionRequest(t, &x224.NegotiationRequest{Protocols: x224.ProtocolSSL}), nil); err != nil {
		t.Fatal(err)
	}
	sel := uint32(x224.ProtocolSSL) // the server chose RDP
	if _, err := a.Step(connectInitial(t, &sel), nil); err == nil {
		t.Fatal("mismatching serverSelectedProtocol accepted")
	}
}

// TestNoCommonMethod: a client offering only FIPS (or methods policy
// forbids) cannot use Standard RDP Security.
func TestNoCommonMethod(t *testing.T) {
	cfg := config(t, SecurityRDP)
	cfg.EncryptionMethods = gcc.EncryptionMethod128Bit
	a, _ := New(cfg)
	a.Step(connectionRequest(t, nil), nil)
	cd := clientData(nil)
	cd.Security.EncryptionMethods = gcc.EncryptionMethod40Bit | gcc.EncryptionMethodFIPS
	if _, err := a.Step(connectInitialWith(t, cd), nil); err == nil {
		t.Fatal("no common method accepted")
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	for name, mod := range map[string]func(*Config){
		"no key":       func(c *Config) { c.PrivateKey = nil },
		"short random": func(c *Config) { c.ServerRandom = c.ServerRandom[:31] },
		"no methods":   func(c *Config) { c.EncryptionMethods = 0 },
		"zero desktop": func(c *Config) { c.DesktopWidth = 0 },
		"huge desktop": func(c *Config) { c.DesktopHeight = 9000 },
	} {
		cfg := config(t, SecurityAuto)
		mod(&cfg)
		if _, err := New(cfg); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	// TLS-only needs no Standard RDP Security material.
	cfg := config(t, SecurityTLS)
	cfg.PrivateKey, cfg.Certificate, cfg.ServerRandom, cfg.EncryptionMethods = nil, nil, nil, 0
	if _, err := New(cfg); err != nil {
		t.Errorf("TLS-only config: %v", err)
	}
}

// TestRefusedClientInfo: Config.CheckClientInfo sees the Client Info and
// its refusal ends the handshake before any licensing or capability PDU.
func TestRefusedClientInfo(t *testing.T) {
	cfg := config(t, SecurityTLS)
	var seen *sec.ClientInfo
	cfg.CheckClientInfo = func(ci *sec.ClientInfo) error {
		seen = ci
		return errors.New("no live invitation with this ID")
	}
	a, _ := New(cfg)
	steps := [][]byte{
		connectionRequest(t, &x224.NegotiationRequest{Protocols: x224.ProtocolSSL}),
		nil, // TLS
		connectInitial(t, ptr(uint32(x224.ProtocolSSL))),
		mustDomain(t, &mcs.ErectDomainRequest{}),
		mustDomain(t, &mcs.AttachUserRequest{}),
		mustDomain(t, &mcs.ChannelJoinRequest{Initiator: 1005, ChannelID: 1005}),
		mustDomain(t, &mcs.ChannelJoinRequest{Initiator: 1005, ChannelID: 1003}),
		mustDomain(t, &mcs.ChannelJoinRequest{Initiator: 1005, ChannelID: 1004}),
	}
	for i, f := range steps {
		if f == nil {
			if err := a.TLSEstablished(); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if _, err := a.Step(f, nil); err != nil {
			t.Fatalf("step %d in %v: %v", i, a.State(), err)
		}
	}
	if a.State() != StateWaitClientInfo {
		t.Fatalf("state %v, want %v", a.State(), StateWaitClientInfo)
	}
	info := sec.ClientInfo{Flags: sec.InfoUnicode | sec.InfoMouse, UserName: "expert", Password: "*", AlternateShell: "*", WorkingDir: "nope"}
	body, _ := (&sec.BasicHeader{Flags: sec.InfoPkt}).AppendBinary(nil)
	body, err := info.AppendBinary(body)
	if err != nil {
		t.Fatal(err)
	}
	out, err := a.Step(mustDomain(t, &mcs.SendDataRequest{Initiator: 1005, ChannelID: 1003, Priority: mcs.PriorityHigh, Segmentation: mcs.SegmentationBeginEnd, UserData: body}), nil)
	if !errors.Is(err, ErrRefused) || len(out) != 0 {
		t.Fatalf("err %v, %d bytes out; want ErrRefused and nothing sent", err, len(out))
	}
	if seen == nil || seen.WorkingDir != "nope" {
		t.Fatalf("CheckClientInfo saw %v", seen)
	}
}

// FuzzAcceptor feeds arbitrary frames to every phase reachable without
// cryptography: the acceptor must return errors, never panic.
func FuzzAcceptor(f *testing.F) {
	f.Add(connectionRequest(f, nil), []byte{}, []byte{})
	f.Add(connectionRequest(f, &x224.NegotiationRequest{Protocols: x224.ProtocolSSL}), connectInitial(f, nil), mustDomain(f, &mcs.ErectDomainRequest{}))
	f.Add(connectionRequest(f, nil), connectInitial(f, nil), mustDomain(f, &mcs.AttachUserRequest{}))
	f.Fuzz(func(t *testing.T, a1, a2, a3 []byte) {
		a, err := New(config(t, SecurityRDP))
		if err != nil {
			t.Fatal(err)
		}
		for _, fr := range [][]byte{a1, a2, a3} {
			if a.Want() != WantFrame {
				return
			}
			if _, err := a.Step(fr, nil); err != nil {
				return
			}
		}
	})
}

func mustDomain(t testing.TB, p mcs.DomainPDU) []byte {
	t.Helper()
	b, err := x224.AppendDataHeader(nil, p.Size())
	if err == nil {
		b, err = p.AppendBinary(b)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func clientData(selected *uint32) gcc.ClientData {
	core := &gcc.ClientCoreData{
		Version: gcc.RDPVersion10, DesktopWidth: 1024, DesktopHeight: 768,
		ColorDepth: gcc.ColorDepth8BPP, SASSequence: gcc.SASSequenceDel, KeyboardLayout: 0x409,
		ClientName: "fuzz", KeyboardType: 4, KeyboardFunctionKey: 12,
		LastField:      gcc.CoreEarlyCapabilityFlags,
		HighColorDepth: gcc.HighColor24BPP, SupportedColorDepths: 0xF,
		EarlyCapabilityFlags: gcc.SupportErrInfoPDU | gcc.Want32BPPSession,
	}
	if selected != nil {
		core.LastField = gcc.CoreServerSelectedProtocol
		core.ServerSelectedProtocol = *selected
	}
	return gcc.ClientData{
		Core:     core,
		Security: &gcc.ClientSecurityData{EncryptionMethods: gcc.EncryptionMethod40Bit | gcc.EncryptionMethod56Bit | gcc.EncryptionMethod128Bit},
		Network:  &gcc.ClientNetworkData{Channels: []gcc.ChannelDef{{Name: "rdpdr", Options: gcc.ChannelOptionInitialized}}},
	}
}

func connectInitial(t testing.TB, selected *uint32) []byte {
	return connectInitialWith(t, clientData(selected))
}

func connectInitialWith(t testing.TB, cd gcc.ClientData) []byte {
	t.Helper()
	req := gcc.ConferenceCreateRequest{Data: cd}
	ud, err := req.AppendBinary(nil)
	if err != nil {
		t.Fatal(err)
	}
	dp := serverDomainParameters()
	ci := mcs.ConnectInitial{
		CallingDomainSelector: []byte{1}, CalledDomainSelector: []byte{1}, UpwardFlag: true,
		Target: dp, Minimum: dp, Maximum: dp, UserData: ud,
	}
	b, err := x224.AppendDataHeader(nil, ci.Size())
	if err == nil {
		b, err = ci.AppendBinary(b)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b
}
