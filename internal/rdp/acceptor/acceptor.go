// Package acceptor runs the server side of the RDP connection sequence
// ([MS-RDPBCGR] 1.3.1.1, processing rules 3.3.5.3) from the X.224
// Connection Request to the client's Confirm Active. It does no I/O: the
// driver feeds it one frame at a time, writes what it returns, performs
// the TLS handshake when asked, and hands the Result to the session.
package acceptor

import (
	"crypto/rsa"
	"errors"
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/caps"
	"github.com/ranoviced/ranoviced/internal/rdp/gcc"
	"github.com/ranoviced/ranoviced/internal/rdp/link"
	"github.com/ranoviced/ranoviced/internal/rdp/mcs"
	"github.com/ranoviced/ranoviced/internal/rdp/pdu"
	"github.com/ranoviced/ranoviced/internal/rdp/sec"
	"github.com/ranoviced/ranoviced/internal/rdp/stdsec"
	"github.com/ranoviced/ranoviced/internal/rdp/x224"
)

// Errors a caller may want to tell apart.
var (
	// ErrClientDisconnected reports that the client ended the connection
	// (MCS Disconnect Provider Ultimatum or X.224 Disconnect Request).
	ErrClientDisconnected = errors.New("acceptor: client disconnected")
	// ErrNegotiationFailed reports that no security protocol fits; the
	// output holds an RDP_NEG_FAILURE to send before closing.
	ErrNegotiationFailed = errors.New("acceptor: security negotiation failed")
	// ErrRefused reports that Config.CheckClientInfo refused the client.
	ErrRefused = errors.New("acceptor: connection refused")
)

// Security says which security protocols the server accepts.
type Security uint8

const (
	// SecurityAuto selects TLS when the client offers it, Standard RDP
	// Security otherwise.
	SecurityAuto Security = iota
	// SecurityRDP always selects Standard RDP Security (a client that
	// offered TLS is downgraded, which FreeRDP accepts).
	SecurityRDP
	// SecurityTLS accepts TLS only.
	SecurityTLS
)

// Want is what the driver must do next.
type Want uint8

const (
	// WantFrame: read one frame and pass it to Step.
	WantFrame Want = iota + 1
	// WantTLS: start the TLS server handshake on the raw stream, with no
	// byte read ahead, then call TLSEstablished.
	WantTLS
	// WantNothing: the acceptor is done (see Result) or failed.
	WantNothing
)

// ServerChannelID is the MCS channel id the server speaks from (0x03EA):
// pduSource of its share control headers and nodeId of its Share set.
const ServerChannelID = 0x03EA

// ShareID is the shareId the server assigns, as Windows does (0x000103EA).
const ShareID = 0x000103EA

// Config is what the acceptor needs from the daemon. It holds no secrets
// beyond the private key, and the acceptor never logs.
type Config struct {
	Security Security
	// EncryptionMethods are the Standard RDP Security methods allowed
	// (a mask of gcc.EncryptionMethod40Bit, 56Bit, 128Bit); the strongest
	// one the client supports wins.
	EncryptionMethods gcc.EncryptionMethod
	// PrivateKey and Certificate (the encoded SERVER_CERTIFICATE holding
	// the proprietary certificate of PrivateKey's public key) serve
	// Standard RDP Security.
	PrivateKey  *rsa.PrivateKey
	Certificate []byte
	// ServerRandom is 32 random bytes from the driver.
	ServerRandom []byte
	// DesktopWidth and DesktopHeight are the shared screen's size.
	DesktopWidth, DesktopHeight uint16
	// CheckClientInfo, if set, decides from the Client Info PDU whether
	// the connection may continue; an error refuses it. It must not block.
	CheckClientInfo func(*sec.ClientInfo) error
	// MaxBitsPerPixel caps the session's colour depth (15, 16, 24 or 32;
	// 0: no cap): Remote Assistance's highest bandwidth optimization
	// uses 16-bit colour. Clients follow the server's choice
	// ([MS-RDPBCGR] 2.2.7.1.2 preferredBitsPerPixel).
	MaxBitsPerPixel uint16
}

// Channel is a joined static virtual channel.
type Channel struct {
	Name    string
	ID      uint16
	Options gcc.ChannelOptions
}

// Result is what the connection sequence established.
type Result struct {
	// Protocol is the selected security protocol; RequestedProtocols what
	// the client's RDP_NEG_REQ offered (0 without one).
	Protocol           x224.Protocols
	RequestedProtocols x224.Protocols
	// EncryptionMethod and EncryptionLevel of Standard RDP Security (none
	// under TLS).
	EncryptionMethod gcc.EncryptionMethod
	EncryptionLevel  gcc.EncryptionLevel

	ClientData gcc.ClientData
	ClientInfo *sec.ClientInfo
	Cookie     string // the X.224 cookie's mstshash value, for logs

	UserChannel uint16
	Channels    []Channel

	// ServerCaps are the capability sets the server sent; ClientCaps what
	// the client's Confirm Active says.
	ServerCaps []caps.Set
	ClientCaps caps.Negotiated
	// BitsPerPixel is the colour depth the server announced.
	BitsPerPixel uint16
	DesktopWidth uint16
	// DesktopHeight is the desktop size the server announced.
	DesktopHeight uint16

	// Link is the secured data path, with its ciphers; the session takes
	// it over.
	Link *link.Link
}

// Acceptor is the server side of one connection sequence. It is not safe
// for concurrent use.
type Acceptor struct {
	cfg   Config
	state State
	res   Result

	joined  map[uint16]bool // channel ids still to be joined → false; joined → true
	modulus int             // proprietary certificate modulus length in bytes
}

// New returns an Acceptor waiting for the Connection Request.
func New(cfg Config) (*Acceptor, error) {
	if cfg.Security != SecurityTLS {
		if cfg.PrivateKey == nil || len(cfg.Certificate) == 0 {
			return nil, errors.New("acceptor: Standard RDP Security needs a private key and certificate")
		}
		if len(cfg.ServerRandom) != gcc.ServerRandomSize {
			return nil, fmt.Errorf("acceptor: server random of %d bytes, want %d", len(cfg.ServerRandom), gcc.ServerRandomSize)
		}
		if cfg.EncryptionMethods&(gcc.EncryptionMethod40Bit|gcc.EncryptionMethod56Bit|gcc.EncryptionMethod128Bit) == 0 {
			return nil, errors.New("acceptor: Standard RDP Security needs at least one encryption method")
		}
	}
	if cfg.DesktopWidth == 0 || cfg.DesktopHeight == 0 || cfg.DesktopWidth > 8192 || cfg.DesktopHeight > 8192 {
		return nil, fmt.Errorf("acceptor: desktop %dx%d out of range", cfg.DesktopWidth, cfg.DesktopHeight)
	}
	switch cfg.MaxBitsPerPixel {
	case 0, 15, 16, 24, 32:
	default:
		return nil, fmt.Errorf("acceptor: colour depth cap %d bpp, want 15, 16, 24 or 32", cfg.MaxBitsPerPixel)
	}
	a := &Acceptor{cfg: cfg, state: StateWaitConnectionRequest}
	if cfg.PrivateKey != nil {
		a.modulus = (cfg.PrivateKey.N.BitLen() + 7) / 8
	}
	return a, nil
}

// State returns the current phase.
func (a *Acceptor) State() State { return a.state }

// Want reports what the driver must do next.
func (a *Acceptor) Want() Want {
	switch a.state {
	case StateWaitTLS:
		return WantTLS
	case StateDone, StateFailed:
		return WantNothing
	}
	return WantFrame
}

// Result returns the outcome once State is StateDone.
func (a *Acceptor) Result() (*Result, bool) {
	if a.state != StateDone {
		return nil, false
	}
	return &a.res, true
}

// TLSEstablished tells the acceptor the driver completed the TLS handshake.
func (a *Acceptor) TLSEstablished() error {
	if a.state != StateWaitTLS {
		return a.fail(fmt.Errorf("acceptor: TLS established in state %v", a.state))
	}
	a.state = StateWaitConnectInitial
	return nil
}

// Step consumes one frame and appends the frames to send to out. On error
// the acceptor has failed; out may still hold a frame to send before
// closing (an RDP_NEG_FAILURE).
func (a *Acceptor) Step(frame, out []byte) ([]byte, error) {
	var err error
	switch a.state {
	case StateWaitConnectionRequest:
		out, err = a.connectionRequest(frame, out)
	case StateWaitConnectInitial:
		out, err = a.connectInitial(frame, out)
	case StateWaitErectDomain, StateWaitAttachUser, StateChannelJoin:
		out, err = a.domain(frame, out)
	case StateWaitSecurityExchange:
		err = a.securityExchange(frame)
	case StateWaitClientInfo:
		out, err = a.clientInfo(frame, out)
	case StateWaitConfirmActive:
		err = a.confirmActive(frame)
	default:
		err = fmt.Errorf("acceptor: frame in state %v", a.state)
	}
	if err != nil {
		return out, a.fail(err)
	}
	return out, nil
}

func (a *Acceptor) fail(err error) error {
	a.state = StateFailed
	return err
}

// isTPKT reports whether a frame is a TPKT (slow-path) frame; fast-path
// input is not allowed before activation.
func isTPKT(frame []byte) bool { return len(frame) > 0 && frame[0] == 0x03 }

// connectionRequest handles 2.2.1.1 and chooses the security protocol
// (3.3.5.3.1, 3.3.5.3.2).
func (a *Acceptor) connectionRequest(frame, out []byte) ([]byte, error) {
	var cr x224.ConnectionRequest
	if err := cr.UnmarshalBinary(frame); err != nil {
		return out, fmt.Errorf("acceptor: connection request: %w", err)
	}
	a.res.Cookie = cr.Cookie
	offered := x224.ProtocolRDP
	if cr.NegReq != nil {
		offered = cr.NegReq.Protocols
		a.res.RequestedProtocols = offered
	}
	selected, failure := a.selectProtocol(offered)
	if failure != 0 {
		// 3.3.5.3.2 leaves rdpNegData empty for a client that sent no
		// RDP_NEG_REQ; such a client cannot do TLS at all, and the failure
		// code still tells a human reading its log why it was refused.
		cc := x224.ConnectionConfirm{NegFailure: &x224.NegotiationFailure{Code: failure}}
		out, _ = cc.AppendBinary(out)
		return out, fmt.Errorf("%w: client offered %v: %v", ErrNegotiationFailed, offered, failure)
	}
	a.res.Protocol = selected
	cc := x224.ConnectionConfirm{}
	// 3.3.5.3.2: without an RDP_NEG_REQ "the server MUST NOT" send
	// RDP_NEG_RSP data.
	if cr.NegReq != nil {
		cc.NegRsp = &x224.NegotiationResponse{Flags: x224.ExtendedClientDataSupported, Protocol: selected}
	}
	out, err := cc.AppendBinary(out)
	if err != nil {
		return out, err
	}
	if selected == x224.ProtocolSSL {
		a.state = StateWaitTLS
	} else {
		a.state = StateWaitConnectInitial
	}
	return out, nil
}

func (a *Acceptor) selectProtocol(offered x224.Protocols) (x224.Protocols, x224.FailureCode) {
	ssl := offered.Has(x224.ProtocolSSL)
	// A client that offers CredSSP but not TLS has Standard RDP Security
	// switched off. 2.2.1.2.2, SSL_REQUIRED_BY_SERVER: "If only CredSSP was
	// requested then the server only supports TLS."
	credsspOnly := !ssl && offered&(x224.ProtocolHybrid|x224.ProtocolHybridEx) != 0
	switch a.cfg.Security {
	case SecurityTLS:
		if !ssl {
			return 0, x224.SSLRequiredByServer
		}
		return x224.ProtocolSSL, 0
	case SecurityRDP:
		return x224.ProtocolRDP, 0
	}
	switch {
	case ssl:
		return x224.ProtocolSSL, 0
	case credsspOnly:
		return 0, x224.SSLRequiredByServer
	}
	return x224.ProtocolRDP, 0
}

// connectInitial handles 2.2.1.3 and answers 2.2.1.4 (3.3.5.3.3, 3.3.5.3.4).
func (a *Acceptor) connectInitial(frame, out []byte) ([]byte, error) {
	payload, err := x224.ParseData(frame)
	if err != nil {
		return out, fmt.Errorf("acceptor: connect initial: %w", err)
	}
	var ci mcs.ConnectInitial
	if err := ci.UnmarshalBinary(payload); err != nil {
		return out, fmt.Errorf("acceptor: connect initial: %w", err)
	}
	var req gcc.ConferenceCreateRequest
	if err := req.UnmarshalBinary(ci.UserData); err != nil {
		return out, fmt.Errorf("acceptor: conference create request: %w", err)
	}
	cd := req.Data
	if err := cd.CheckRequired(); err != nil {
		return out, fmt.Errorf("acceptor: client data: %w", err)
	}
	// 3.3.5.3.3: serverSelectedProtocol, when present, must repeat what the
	// server selected; a mismatch means the negotiation was tampered with
	// (FreeRDP's server makes the same check).
	if sel, ok := cd.Core.SelectedProtocol(); ok && x224.Protocols(sel) != a.res.Protocol {
		return out, fmt.Errorf("acceptor: client core data says protocol %v was selected, the server selected %v", x224.Protocols(sel), a.res.Protocol)
	}
	a.res.ClientData = cd

	var secData gcc.ServerSecurityData
	if a.res.Protocol == x224.ProtocolRDP {
		method := a.chooseMethod(cd.Security.Methods())
		if method == gcc.EncryptionMethodNone {
			return out, fmt.Errorf("acceptor: no common encryption method: client offers %v, policy allows %v", cd.Security.Methods(), a.cfg.EncryptionMethods)
		}
		a.res.EncryptionMethod = method
		a.res.EncryptionLevel = gcc.EncryptionLevelClientCompatible
		secData = gcc.ServerSecurityData{
			EncryptionMethod:  method,
			EncryptionLevel:   gcc.EncryptionLevelClientCompatible,
			ServerRandom:      a.cfg.ServerRandom,
			ServerCertificate: a.cfg.Certificate,
		}
	}

	// Static channels get 1004, 1005, … in CS_NET order, the user channel
	// the first id after them (rdp-server.md §1.0: a user id colliding with
	// a channel id breaks xfreerdp's join sequence).
	var ids []uint16
	next := uint16(mcs.IOChannel + 1)
	if cd.Network != nil {
		for _, ch := range cd.Network.Channels {
			a.res.Channels = append(a.res.Channels, Channel{Name: ch.Name, ID: next, Options: ch.Options})
			ids = append(ids, next)
			next++
		}
	}
	a.res.UserChannel = next
	a.res.Link = link.New(next)

	requested := uint32(a.res.RequestedProtocols)
	early := gcc.ServerEarlyCapabilityFlags(0)
	sd := gcc.ServerData{
		Core: &gcc.ServerCoreData{
			Version:                  gcc.RDPVersion5Plus,
			ClientRequestedProtocols: &requested,
			EarlyCapabilityFlags:     &early,
		},
		Security: &secData,
		Network:  &gcc.ServerNetworkData{MCSChannelID: mcs.IOChannel, ChannelIDs: ids},
	}
	resp := gcc.NewConferenceCreateResponse(sd)
	userData, err := resp.AppendBinary(nil)
	if err != nil {
		return out, fmt.Errorf("acceptor: conference create response: %w", err)
	}
	cr := mcs.ConnectResponse{
		Result:           mcs.ResultSuccessful,
		DomainParameters: serverDomainParameters(),
		UserData:         userData,
	}
	if out, err = x224.AppendDataHeader(out, cr.Size()); err != nil {
		return out, err
	}
	if out, err = cr.AppendBinary(out); err != nil {
		return out, err
	}
	a.state = StateWaitErectDomain
	return out, nil
}

// serverDomainParameters are the MCS domain parameters of the Connect
// Response: the values FreeRDP merges a client's proposal down to, which
// xrdp sends as a fixed set (rdp-server.md §1.2).
func serverDomainParameters() mcs.DomainParameters {
	return mcs.DomainParameters{
		MaxChannelIDs:   34,
		MaxUserIDs:      3,
		MaxTokenIDs:     0,
		NumPriorities:   1,
		MinThroughput:   0,
		MaxHeight:       1,
		MaxMCSPDUSize:   65528,
		ProtocolVersion: 2,
	}
}

func (a *Acceptor) chooseMethod(client gcc.EncryptionMethod) gcc.EncryptionMethod {
	both := client & a.cfg.EncryptionMethods
	for _, m := range []gcc.EncryptionMethod{gcc.EncryptionMethod128Bit, gcc.EncryptionMethod56Bit, gcc.EncryptionMethod40Bit} {
		if both&m != 0 {
			return m
		}
	}
	return gcc.EncryptionMethodNone
}

// domain handles the MCS domain PDUs of 2.2.1.5–2.2.1.9.
func (a *Acceptor) domain(frame, out []byte) ([]byte, error) {
	if !isTPKT(frame) {
		return out, errors.New("acceptor: fast-path PDU before activation")
	}
	p, err := decodeDomain(frame)
	if err != nil {
		return out, err
	}
	switch m := p.(type) {
	case *mcs.ErectDomainRequest:
		if a.state != StateWaitErectDomain {
			return out, fmt.Errorf("acceptor: erect domain request in state %v", a.state)
		}
		a.state = StateWaitAttachUser
		return out, nil
	case *mcs.AttachUserRequest:
		if a.state != StateWaitAttachUser {
			return out, fmt.Errorf("acceptor: attach user request in state %v", a.state)
		}
		auc := mcs.AttachUserConfirm{Result: mcs.ResultSuccessful, Initiator: a.res.UserChannel, HasInitiator: true}
		if out, err = appendMCS(out, &auc); err != nil {
			return out, err
		}
		a.joined = map[uint16]bool{a.res.UserChannel: false, mcs.IOChannel: false}
		for _, ch := range a.res.Channels {
			a.joined[ch.ID] = false
		}
		a.state = StateChannelJoin
		return out, nil
	case *mcs.ChannelJoinRequest:
		if a.state != StateChannelJoin {
			return out, fmt.Errorf("acceptor: channel join request in state %v", a.state)
		}
		if m.Initiator != a.res.UserChannel {
			return out, fmt.Errorf("acceptor: channel join from initiator %d, the client is user %d", m.Initiator, a.res.UserChannel)
		}
		done, known := a.joined[m.ChannelID]
		if !known {
			return out, fmt.Errorf("acceptor: join of unknown channel %d", m.ChannelID)
		}
		if done {
			return out, fmt.Errorf("acceptor: channel %d joined twice", m.ChannelID)
		}
		a.joined[m.ChannelID] = true
		cjc := mcs.ChannelJoinConfirm{
			Result: mcs.ResultSuccessful, Initiator: m.Initiator,
			Requested: m.ChannelID, ChannelID: m.ChannelID, HasChannelID: true,
		}
		if out, err = appendMCS(out, &cjc); err != nil {
			return out, err
		}
		for _, j := range a.joined {
			if !j {
				return out, nil
			}
		}
		if a.res.Protocol == x224.ProtocolRDP {
			a.state = StateWaitSecurityExchange
		} else {
			a.state = StateWaitClientInfo
		}
		return out, nil
	case *mcs.DisconnectProviderUltimatum:
		return out, ErrClientDisconnected
	}
	return out, fmt.Errorf("acceptor: unexpected %v in state %v", p.Choice(), a.state)
}

func decodeDomain(frame []byte) (mcs.DomainPDU, error) {
	payload, err := x224.ParseData(frame)
	if err != nil {
		var dr x224.DisconnectRequest
		if dr.UnmarshalBinary(frame) == nil {
			return nil, ErrClientDisconnected
		}
		return nil, fmt.Errorf("acceptor: %w", err)
	}
	p, err := mcs.DecodeDomainPDU(payload)
	if err != nil {
		return nil, fmt.Errorf("acceptor: %w", err)
	}
	return p, nil
}

func appendMCS(out []byte, p mcs.DomainPDU) ([]byte, error) {
	out, err := x224.AppendDataHeader(out, p.Size())
	if err != nil {
		return out, err
	}
	return p.AppendBinary(out)
}

// readIO reads one Send Data Request on the I/O channel through the link.
func (a *Acceptor) readIO(frame []byte, securityHeader bool) (*link.ChannelData, error) {
	if !isTPKT(frame) {
		return nil, errors.New("acceptor: fast-path PDU before activation")
	}
	p, cd, err := a.res.Link.ReadSlowPath(frame, securityHeader)
	if err != nil {
		var dr x224.DisconnectRequest
		if dr.UnmarshalBinary(frame) == nil {
			return nil, ErrClientDisconnected
		}
		return nil, fmt.Errorf("acceptor: %w", err)
	}
	if cd == nil {
		if _, ok := p.(*mcs.DisconnectProviderUltimatum); ok {
			return nil, ErrClientDisconnected
		}
		return nil, fmt.Errorf("acceptor: unexpected %v in state %v", p.Choice(), a.state)
	}
	if cd.ChannelID != mcs.IOChannel {
		return nil, fmt.Errorf("acceptor: data on channel %d in state %v, want the I/O channel", cd.ChannelID, a.state)
	}
	return cd, nil
}

// securityExchange handles 2.2.1.10 (3.3.5.3.10) and derives the session
// keys (5.3.4, 5.3.5).
func (a *Acceptor) securityExchange(frame []byte) error {
	cd, err := a.readIO(frame, true)
	if err != nil {
		return err
	}
	if !cd.Flags.Has(sec.ExchangePkt) {
		return fmt.Errorf("acceptor: security exchange without SEC_EXCHANGE_PKT (flags %v)", cd.Flags)
	}
	var ex sec.SecurityExchange
	if err := ex.UnmarshalBinary(cd.Data); err != nil {
		return fmt.Errorf("acceptor: %w", err)
	}
	if err := ex.CheckModulus(a.modulus); err != nil {
		return fmt.Errorf("acceptor: %w", err)
	}
	clientRandom, err := stdsec.DecryptClientRandom(a.cfg.PrivateKey, ex.EncryptedClientRandom)
	if err != nil {
		return fmt.Errorf("acceptor: %w", err)
	}
	method := stdsec.EncryptionMethod(a.res.EncryptionMethod)
	keys, err := stdsec.DeriveKeys(clientRandom, a.cfg.ServerRandom, method)
	clear(clientRandom)
	if err != nil {
		return fmt.Errorf("acceptor: %w", err)
	}
	seal, err := stdsec.NewCipher(keys, stdsec.ServerToClient, method)
	if err != nil {
		return fmt.Errorf("acceptor: %w", err)
	}
	open, err := stdsec.NewCipher(keys, stdsec.ClientToServer, method)
	if err != nil {
		return fmt.Errorf("acceptor: %w", err)
	}
	a.res.Link.Encrypt(seal, open)
	a.state = StateWaitClientInfo
	return nil
}

// clientInfo handles 2.2.1.11 (3.3.5.3.11), then sends the licensing PDU
// (2.2.1.12: the short "valid client" path) and the Demand Active
// (2.2.1.13.1).
func (a *Acceptor) clientInfo(frame, out []byte) ([]byte, error) {
	cd, err := a.readIO(frame, true)
	if err != nil {
		return out, err
	}
	if !cd.Flags.Has(sec.InfoPkt) {
		return out, fmt.Errorf("acceptor: client info without SEC_INFO_PKT (flags %v)", cd.Flags)
	}
	info := new(sec.ClientInfo)
	if err := info.UnmarshalBinary(cd.Data); err != nil {
		return out, fmt.Errorf("acceptor: %w", err)
	}
	a.res.ClientInfo = info
	if a.cfg.CheckClientInfo != nil {
		if err := a.cfg.CheckClientInfo(info); err != nil {
			return out, fmt.Errorf("%w: %w", ErrRefused, err)
		}
	}
	lic, err := sec.ValidClientLicense().AppendBinary(nil)
	if err != nil {
		return out, err
	}
	if out, err = a.res.Link.AppendSlowPath(out, mcs.IOChannel, sec.LicensePkt, lic); err != nil {
		return out, err
	}
	a.res.BitsPerPixel = chooseBitsPerPixel(a.res.ClientData.Core, a.cfg.MaxBitsPerPixel)
	a.res.DesktopWidth, a.res.DesktopHeight = a.cfg.DesktopWidth, a.cfg.DesktopHeight
	a.res.ServerCaps = ServerCapabilities(CapsConfig{
		Width: a.cfg.DesktopWidth, Height: a.cfg.DesktopHeight,
		BitsPerPixel:         a.res.BitsPerPixel,
		StandardRDPSecurity:  a.res.Link.Encrypted(),
		MaxRequestSize:       MultifragmentSize(a.cfg.DesktopWidth, a.cfg.DesktopHeight),
		VirtualChannelChunks: 1600,
	})
	if out, err = AppendDemandActive(out, a.res.Link, a.res.ServerCaps); err != nil {
		return out, err
	}
	a.state = StateWaitConfirmActive
	return out, nil
}

// AppendDemandActive appends the Demand Active PDU (2.2.1.13.1) with the
// given capability sets; the session uses it again on reactivation.
func AppendDemandActive(out []byte, l *link.Link, sets []caps.Set) ([]byte, error) {
	da := pdu.DemandActive{ShareID: ShareID, SourceDescriptor: "RDP", CapabilitySets: sets}
	body, err := pdu.AppendShareControl(nil, pdu.PDUTypeDemandActive, ServerChannelID, &da)
	if err != nil {
		return out, fmt.Errorf("acceptor: demand active: %w", err)
	}
	return l.AppendSlowPath(out, mcs.IOChannel, 0, body)
}

// confirmActive handles 2.2.1.13.2 (3.3.5.3.13.2).
func (a *Acceptor) confirmActive(frame []byte) error {
	cd, err := a.readIO(frame, false)
	if err != nil {
		return err
	}
	ca, err := DecodeConfirmActive(cd.Data)
	if errors.Is(err, pdu.ErrFlowPDU) {
		return nil // flow PDUs are ignored (2.2.8.1.1.1.1)
	}
	if err != nil {
		return err
	}
	a.res.ClientCaps = caps.Negotiate(ca.CapabilitySets)
	a.state = StateDone
	return nil
}

// DecodeConfirmActive decodes and checks a Confirm Active share control
// PDU; the session uses it on reactivation too.
func DecodeConfirmActive(data []byte) (*pdu.ConfirmActive, error) {
	h, body, err := pdu.DecodeShareControl(data)
	if err != nil {
		return nil, fmt.Errorf("acceptor: %w", err)
	}
	if h.Type != pdu.PDUTypeConfirmActive {
		return nil, fmt.Errorf("acceptor: %v while waiting for the confirm active", h.Type)
	}
	p, err := pdu.DecodeShareControlBody(h.Type, body)
	if err != nil {
		return nil, fmt.Errorf("acceptor: %w", err)
	}
	ca := p.(*pdu.ConfirmActive)
	if ca.ShareID != ShareID {
		return nil, fmt.Errorf("acceptor: confirm active for share %#x, want %#x", ca.ShareID, ShareID)
	}
	// 2.2.1.13.2.1: originatorID "MUST be set to the server channel ID
	// (0x03EA)".
	if ca.OriginatorID != ServerChannelID {
		return nil, fmt.Errorf("acceptor: confirm active from originator %#x, want %#x", ca.OriginatorID, ServerChannelID)
	}
	return ca, nil
}

// chooseBitsPerPixel picks the session colour depth as FreeRDP's server
// does (gcc_read_client_core_data), at most limit (0: no limit; Remote
// Assistance's bandwidth levels set one): 32 bpp (Planar) when the client
// wants a 32 bpp session and supports it, else its highColorDepth when it
// lists that depth as supported, else the deepest depth it lists
// (Interleaved), else 16 bpp, which every client since RDP 5 decodes (we
// never offer 8 bpp).
func chooseBitsPerPixel(core *gcc.ClientCoreData, limit uint16) uint16 {
	allowed := func(bpp uint16) bool { return limit == 0 || bpp <= limit }
	var supported gcc.SupportedColorDepths
	if core.Has(gcc.CoreSupportedColorDepths) {
		supported = core.SupportedColorDepths
	}
	if allowed(32) && supported.Has(gcc.Support32BPP) && core.Has(gcc.CoreEarlyCapabilityFlags) &&
		core.EarlyCapabilityFlags.Has(gcc.Want32BPPSession) {
		return 32
	}
	byDepth := []struct {
		high gcc.HighColorDepth
		flag gcc.SupportedColorDepths
		bpp  uint16
	}{
		{gcc.HighColor24BPP, gcc.Support24BPP, 24},
		{gcc.HighColor16BPP, gcc.Support16BPP, 16},
		{gcc.HighColor15BPP, gcc.Support15BPP, 15},
	}
	if core.Has(gcc.CoreHighColorDepth) {
		for _, d := range byDepth {
			// Without supportedColorDepths (an old client) highColorDepth
			// alone says what it takes.
			if allowed(d.bpp) && core.HighColorDepth == d.high && (supported == 0 || supported.Has(d.flag)) {
				return d.bpp
			}
		}
	}
	for _, d := range byDepth {
		if allowed(d.bpp) && supported.Has(d.flag) {
			return d.bpp
		}
	}
	if allowed(16) {
		return 16
	}
	return limit
}
