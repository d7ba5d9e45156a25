package expert

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"github.com/ranoviced/ranoviced/internal/rdp/order"
	"io"
	"net"
	"time"

	"github.com/ranoviced/ranoviced/internal/rdp/caps"
	"github.com/ranoviced/ranoviced/internal/rdp/fastpath"
	"github.com/ranoviced/ranoviced/internal/rdp/gcc"
	"github.com/ranoviced/ranoviced/internal/rdp/mcs"
	"github.com/ranoviced/ranoviced/internal/rdp/pdu"
	"github.com/ranoviced/ranoviced/internal/rdp/sec"
	"github.com/ranoviced/ranoviced/internal/rdp/stdsec"
	"github.com/ranoviced/ranoviced/internal/rdp/svc"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
	"github.com/ranoviced/ranoviced/internal/rdp/x224"
	"github.com/ranoviced/ranoviced/internal/shadow"
)

// handshake runs the connection sequence up to the client's finalization
// batch, bounded by ctx.
func (c *Client) handshake(ctx context.Context) error {
	fired := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		_ = c.raw.SetDeadline(time.Unix(1, 0))
		close(fired)
	})
	err := c.connect(ctx)
	if !stop() {
		<-fired
		if err == nil {
			err = ctx.Err()
		}
	}
	_ = c.raw.SetDeadline(time.Time{})
	if err != nil && ctx.Err() != nil && !errors.Is(err, ctx.Err()) {
		err = fmt.Errorf("%w (%w)", err, ctx.Err())
	}
	return err
}

func (c *Client) connect(ctx context.Context) error {
	if err := c.negotiate(ctx); err != nil {
		return err
	}
	c.rd = newFrameReader(c.conn)
	if err := c.basicSettings(); err != nil {
		return err
	}
	if err := c.channelConnection(); err != nil {
		return err
	}
	if err := c.securityCommencement(); err != nil {
		return err
	}
	if err := c.sendClientInfo(); err != nil {
		return err
	}
	if err := c.licensing(); err != nil {
		return err
	}
	return c.capabilitiesExchange()
}

// negotiate sends the X.224 Connection Request (2.2.1.1), reads the
// Connection Confirm (2.2.1.2) and starts TLS when it was selected.
func (c *Client) negotiate(ctx context.Context) error {
	cfg := &c.cfg
	cr := x224.ConnectionRequest{Cookie: cfg.Cookie}
	var offered x224.Protocols
	switch cfg.Security {
	case SecurityAuto, SecurityTLS:
		offered = x224.ProtocolSSL
	case SecurityRDP:
		offered = x224.ProtocolRDP
	case SecurityRDPLegacy:
	default:
		return fmt.Errorf("expert: unknown %v", cfg.Security)
	}
	if cfg.Security != SecurityRDPLegacy {
		if cfg.OfferProtocols != 0 {
			offered = cfg.OfferProtocols
		}
		cr.NegReq = &x224.NegotiationRequest{Protocols: offered}
	}
	b, err := cr.AppendBinary(nil)
	if err != nil {
		return fmt.Errorf("expert: connection request: %w", err)
	}
	if err := c.write(b, false); err != nil {
		return err
	}
	c.res.RequestedProtocols = offered

	// Read the Connection Confirm without reading ahead: the TLS
	// handshake may follow on the same stream.
	b, err = readFrame(&exactReader{r: c.raw})
	if err != nil {
		return fmt.Errorf("expert: connection confirm: %w", transportErr(err))
	}
	c.countReceived(b)
	var cc x224.ConnectionConfirm
	if err := cc.UnmarshalBinary(b); err != nil {
		return fmt.Errorf("%w: connection confirm: %w", ErrProtocol, err)
	}
	selected := x224.ProtocolRDP
	if cr.NegReq == nil {
		// 3.3.5.3.2: "The rdpNegData field is left empty if the client did
		// not append any negotiation data to the X.224 Connection Request
		// PDU". (xfreerdp tolerates a response anyway.)
		switch {
		case cc.NegRsp != nil:
			return protocolErr("connection confirm carries RDP_NEG_RSP (%v) but the request had no RDP_NEG_REQ", cc.NegRsp.Protocol)
		case cc.NegFailure != nil:
			return protocolErr("connection confirm carries RDP_NEG_FAILURE (%v) but the request had no RDP_NEG_REQ", cc.NegFailure.Code)
		}
	} else {
		if cc.NegFailure != nil {
			return fmt.Errorf("%w: %v", ErrNegotiationFailure, cc.NegFailure.Code)
		}
		if cc.NegRsp == nil {
			return protocolErr("connection confirm without RDP_NEG_RSP to an RDP_NEG_REQ")
		}
		selected = cc.NegRsp.Protocol
	}
	switch {
	case selected == x224.ProtocolSSL && (cfg.Security == SecurityAuto || cfg.Security == SecurityTLS) && offered.Has(x224.ProtocolSSL):
	case selected == x224.ProtocolRDP && cfg.Security != SecurityTLS:
	default:
		return protocolErr("server selected %v; the client (%v) offered %v", selected, cfg.Security, offered)
	}
	c.res.Protocol = selected
	c.logf("X.224: offered %v, selected %v", offered, selected)

	if selected == x224.ProtocolSSL {
		tc := tls.Client(c.raw, cfg.TLSConfig)
		if err := tc.HandshakeContext(ctx); err != nil {
			return fmt.Errorf("expert: TLS handshake: %w", err)
		}
		st := tc.ConnectionState()
		c.tlsState = &st
		c.conn = tc
		c.logf("TLS %s established", tls.VersionName(st.Version))
	}
	return nil
}

func (c *Client) countReceived(b []byte) {
	c.mu.Lock()
	c.stats.FramesReceived++
	c.stats.BytesReceived += uint64(len(b))
	if len(b) > 0 && b[0] == 0x03 {
		c.stats.SlowPathReceived++
	}
	c.mu.Unlock()
}

// FreeRDP's proposals in the Connect Initial (mcs.c mcs_init_domain_parameters).
var (
	targetParameters  = mcs.DomainParameters{MaxChannelIDs: 34, MaxUserIDs: 2, MaxTokenIDs: 0, NumPriorities: 1, MinThroughput: 0, MaxHeight: 1, MaxMCSPDUSize: 65535, ProtocolVersion: 2}
	minimumParameters = mcs.DomainParameters{MaxChannelIDs: 1, MaxUserIDs: 1, MaxTokenIDs: 1, NumPriorities: 1, MinThroughput: 0, MaxHeight: 1, MaxMCSPDUSize: 1056, ProtocolVersion: 2}
	maximumParameters = mcs.DomainParameters{MaxChannelIDs: 65535, MaxUserIDs: 64535, MaxTokenIDs: 65535, NumPriorities: 1, MinThroughput: 0, MaxHeight: 1, MaxMCSPDUSize: 65535, ProtocolVersion: 2}
)

// basicSettings sends the MCS Connect Initial (2.2.1.3) and processes the
// Connect Response (2.2.1.4, 3.2.5.3.4).
func (c *Client) basicSettings() error {
	cfg := &c.cfg
	core := gcc.ClientCoreData{
		Version:                gcc.RDPVersion10_7,
		DesktopWidth:           cfg.Width,
		DesktopHeight:          cfg.Height,
		ColorDepth:             gcc.ColorDepth8BPP,
		SASSequence:            gcc.SASSequenceDel,
		KeyboardLayout:         0x409,
		ClientBuild:            18363,
		ClientName:             cfg.ClientName,
		KeyboardType:           gcc.KeyboardIBMEnhanced,
		KeyboardFunctionKey:    12,
		LastField:              gcc.CoreDeviceScaleFactor,
		PostBeta2ColorDepth:    gcc.ColorDepth8BPP,
		ClientProductID:        1,
		HighColorDepth:         cfg.HighColorDepth,
		SupportedColorDepths:   cfg.SupportedColorDepths,
		EarlyCapabilityFlags:   cfg.EarlyCapabilityFlags,
		ConnectionType:         gcc.ConnectionTypeAutodetect,
		ServerSelectedProtocol: uint32(c.res.Protocol),
		DesktopScaleFactor:     100,
		DeviceScaleFactor:      100,
	}
	// xfreerdp writes the methods only when it uses the RDP security
	// layer (gcc.c gcc_write_client_security_data).
	security := gcc.ClientSecurityData{}
	if c.res.Protocol == x224.ProtocolRDP {
		security.EncryptionMethods = cfg.EncryptionMethods
	}
	cd := gcc.ClientData{
		Core:     &core,
		Cluster:  &gcc.ClientClusterData{Flags: gcc.RedirectionSupported | 3<<2},
		Security: &security,
	}
	if len(cfg.Channels) > 0 {
		cd.Network = &gcc.ClientNetworkData{Channels: cfg.Channels}
	}
	if cfg.MessageChannel {
		cd.MessageChannel = &gcc.ClientMessageChannelData{}
		cd.Multitransport = &gcc.ClientMultitransportChannelData{}
	}
	ccr := gcc.ConferenceCreateRequest{Data: cd}
	userData, err := wire.Marshal(&ccr)
	if err != nil {
		return fmt.Errorf("expert: conference create request: %w", err)
	}
	ci := mcs.ConnectInitial{
		CallingDomainSelector: []byte{1},
		CalledDomainSelector:  []byte{1},
		UpwardFlag:            true,
		Target:                targetParameters,
		Minimum:               minimumParameters,
		Maximum:               maximumParameters,
		UserData:              userData,
	}
	b, err := x224.AppendDataHeader(nil, ci.Size())
	if err != nil {
		return fmt.Errorf("expert: connect initial: %w", err)
	}
	if b, err = ci.AppendBinary(b); err != nil {
		return fmt.Errorf("expert: connect initial: %w", err)
	}
	if err := c.write(b, false); err != nil {
		return err
	}

	b, err = c.rd.next()
	if err != nil {
		return fmt.Errorf("expert: connect response: %w", transportErr(err))
	}
	c.countReceived(b)
	payload, err := x224.ParseData(b)
	if err != nil {
		return fmt.Errorf("%w: connect response: %w", ErrProtocol, err)
	}
	var resp mcs.ConnectResponse
	if err := resp.UnmarshalBinary(payload); err != nil {
		return fmt.Errorf("%w: connect response: %w", ErrProtocol, err)
	}
	// 3.2.5.3.4: the client drops the connection unless the result is
	// rt-successful.
	if resp.Result != mcs.ResultSuccessful {
		return protocolErr("connect response result %v", resp.Result)
	}
	var gccResp gcc.ConferenceCreateResponse
	if err := gccResp.UnmarshalBinary(resp.UserData); err != nil {
		return fmt.Errorf("%w: conference create response: %w", ErrProtocol, err)
	}
	if gccResp.Result != gcc.ResultSuccess {
		return protocolErr("conference create response result %v", gccResp.Result)
	}
	sd := gccResp.Data
	if err := sd.CheckRequired(); err != nil {
		return fmt.Errorf("%w: %w", ErrProtocol, err)
	}
	return c.serverData(&sd)
}

// serverData checks the server data blocks (3.2.5.3.4) and records them.
func (c *Client) serverData(sd *gcc.ServerData) error {
	c.res.ServerVersion = sd.Core.Version
	// 3.2.5.3.4: clientRequestedProtocols, when present, must repeat the
	// requestedProtocols of the RDP_NEG_REQ (downgrade protection, checked
	// by Windows clients).
	if sd.Core.ClientRequestedProtocols != nil && x224.Protocols(*sd.Core.ClientRequestedProtocols) != c.res.RequestedProtocols {
		return protocolErr("SC_CORE clientRequestedProtocols %v, the client requested %v",
			x224.Protocols(*sd.Core.ClientRequestedProtocols), c.res.RequestedProtocols)
	}
	if sd.MessageChannel != nil {
		if !c.cfg.MessageChannel {
			return protocolErr("SC_MCS_MSGCHANNEL without CS_MCS_MSGCHANNEL")
		}
		// 2.2.1.4.5: "If this value is zero, then the channel MUST NOT be
		// joined".
		c.res.MessageChannel = sd.MessageChannel.MCSChannelID
	}
	if sd.Multitransport != nil && !c.cfg.MessageChannel {
		return protocolErr("SC_MULTITRANSPORT without CS_MULTITRANSPORT")
	}

	s := sd.Security
	c.res.EncryptionMethod, c.res.EncryptionLevel = s.EncryptionMethod, s.EncryptionLevel
	if c.res.Protocol != x224.ProtocolRDP {
		// 5.4.1 / 2.2.1.4.3: with TLS both "MUST be set to" zero.
		if s.EncryptionMethod != gcc.EncryptionMethodNone || s.EncryptionLevel != gcc.EncryptionLevelNone {
			return protocolErr("SC_SECURITY method %v level %v under %v; both must be NONE", s.EncryptionMethod, s.EncryptionLevel, c.res.Protocol)
		}
	} else if err := c.standardSecurity(s); err != nil {
		return err
	}

	n := sd.Network
	if n.MCSChannelID == 0 {
		return protocolErr("SC_NET MCSChannelId 0")
	}
	c.res.IOChannel = n.MCSChannelID
	if len(n.ChannelIDs) != len(c.cfg.Channels) {
		return protocolErr("SC_NET has %d channel ids for %d requested channels", len(n.ChannelIDs), len(c.cfg.Channels))
	}
	c.channels = make(map[uint16]*channelState)
	c.byName = make(map[string]*channelState)
	for i, id := range n.ChannelIDs {
		def := c.cfg.Channels[i]
		if id == 0 || id == n.MCSChannelID || c.channels[id] != nil {
			return protocolErr("SC_NET gives channel %q id %d, which is zero, the I/O channel or taken", def.Name, id)
		}
		ch := &channelState{
			Channel: Channel{Name: def.Name, ID: id, Options: def.Options},
			dechunk: svc.NewDechunker(0),
			notify:  make(chan struct{}),
		}
		c.channels[id] = ch
		if _, dup := c.byName[def.Name]; !dup {
			c.byName[def.Name] = ch
		}
		c.res.Channels = append(c.res.Channels, ch.Channel)
	}
	if m := c.res.MessageChannel; m != 0 && (m == n.MCSChannelID || c.channels[m] != nil) {
		return protocolErr("SC_MCS_MSGCHANNEL id %d collides with the I/O channel or a static channel", m)
	}
	c.logf("GCC: server %v, %v/%v, I/O channel %d, %d static channels", sd.Core.Version, s.EncryptionMethod, s.EncryptionLevel, n.MCSChannelID, len(n.ChannelIDs))
	return nil
}

// standardSecurity checks TS_UD_SC_SEC1 under PROTOCOL_RDP (5.3.2) and the
// proprietary certificate (5.3.3.1.3).
func (c *Client) standardSecurity(s *gcc.ServerSecurityData) error {
	// The decoder already enforced the 5.3.2 combination
	// (gcc.CheckEncryption) and the random and certificate lengths.
	if s.EncryptionMethod == gcc.EncryptionMethodNone {
		return nil // level NONE: no encryption, no security exchange
	}
	if s.EncryptionMethod == gcc.EncryptionMethodFIPS {
		return protocolErr("server selected ENCRYPTION_METHOD_FIPS, which this client does not support")
	}
	if !c.cfg.EncryptionMethods.Has(s.EncryptionMethod) {
		return protocolErr("server selected %v; the client offered %v", s.EncryptionMethod, c.cfg.EncryptionMethods)
	}
	if s.EncryptionLevel == gcc.EncryptionLevelFIPS {
		return protocolErr("server selected ENCRYPTION_LEVEL_FIPS")
	}
	var crt stdsec.ServerCertificate
	if err := crt.UnmarshalBinary(s.ServerCertificate); err != nil {
		return fmt.Errorf("%w: server certificate: %w", ErrProtocol, err)
	}
	// Windows clients verify the signature (5.3.3.1.3); xfreerdp 2.11
	// does not. Be as strict as Windows.
	if err := crt.Verify(); err != nil {
		return fmt.Errorf("%w: %w", ErrProtocol, err)
	}
	blob, err := crt.PublicKeyBlob()
	if err != nil {
		return fmt.Errorf("%w: server certificate: %w", ErrProtocol, err)
	}
	c.kh, c.kh2 = stdsec.KeyHashes(blob)
	c.serverCrt = &crt
	c.serverRandom = append([]byte(nil), s.ServerRandom...)
	return nil
}

// readDomain reads one MCS domain PDU that is not Send Data.
func (c *Client) readDomain() (mcs.DomainPDU, error) {
	in, err := c.readPDU(false)
	if err != nil {
		return nil, err
	}
	switch {
	case in.fastPath != nil:
		return nil, protocolErr("fast-path output during the channel connection")
	case in.sdi:
		return nil, protocolErr("send data indication on channel %d during the channel connection", in.channel)
	}
	return in.domain, nil
}

// channelConnection runs Erect Domain, Attach User and one Channel Join at
// a time in xfreerdp's order: user channel, I/O channel, static channels in
// CS_NET order (2.2.1.5–2.2.1.9).
func (c *Client) channelConnection() error {
	if err := c.sendMCS(&mcs.ErectDomainRequest{}); err != nil {
		return err
	}
	if err := c.sendMCS(&mcs.AttachUserRequest{}); err != nil {
		return err
	}
	p, err := c.readDomain()
	if err != nil {
		return fmt.Errorf("expert: attach user confirm: %w", err)
	}
	auc, ok := p.(*mcs.AttachUserConfirm)
	if !ok {
		return protocolErr("%v while waiting for the attach user confirm", p.Choice())
	}
	if auc.Result != mcs.ResultSuccessful || !auc.HasInitiator {
		return protocolErr("attach user confirm: result %v, initiator present %v", auc.Result, auc.HasInitiator)
	}
	user := auc.Initiator
	// rdp-server.md §0.2: a user id colliding with a static channel id
	// makes xfreerdp join it twice.
	if user == c.res.IOChannel || c.channels[user] != nil || (user != 0 && user == c.res.MessageChannel) {
		return protocolErr("user channel %d collides with the I/O, message or a static channel", user)
	}
	c.mu.Lock()
	c.res.UserChannel = user
	c.mu.Unlock()

	ids := []uint16{user, c.res.IOChannel}
	if c.res.MessageChannel != 0 {
		ids = append(ids, c.res.MessageChannel)
	}
	for _, ch := range c.res.Channels {
		ids = append(ids, ch.ID)
	}
	for _, id := range ids {
		if err := c.sendMCS(&mcs.ChannelJoinRequest{Initiator: user, ChannelID: id}); err != nil {
			return err
		}
		p, err := c.readDomain()
		if err != nil {
			return fmt.Errorf("expert: channel join confirm %d: %w", id, err)
		}
		cjc, ok := p.(*mcs.ChannelJoinConfirm)
		if !ok {
			return protocolErr("%v while waiting for the channel join confirm of %d", p.Choice(), id)
		}
		// xfreerdp (connection.c rdp_client_connect_mcs_channel_join_confirm)
		// rejects a confirm for another channel than the one it asked for.
		if cjc.Result != mcs.ResultSuccessful || cjc.Initiator != user || cjc.Requested != id || !cjc.HasChannelID || cjc.ChannelID != id {
			return protocolErr("channel join confirm for %d: result %v, initiator %d, requested %d, channelId %d (present %v)",
				id, cjc.Result, cjc.Initiator, cjc.Requested, cjc.ChannelID, cjc.HasChannelID)
		}
	}
	c.logf("MCS: user %d joined %v", user, ids)
	return nil
}

// securityCommencement sends the Security Exchange PDU (2.2.1.10) and
// derives the keys (5.3.4, 5.3.5) when the server selected a method.
func (c *Client) securityCommencement() error {
	if c.res.Protocol != x224.ProtocolRDP || c.res.EncryptionMethod == gcc.EncryptionMethodNone {
		return nil
	}
	pub, err := c.serverCrt.PublicKey()
	if err != nil {
		return fmt.Errorf("%w: server certificate: %w", ErrProtocol, err)
	}
	clientRandom := make([]byte, stdsec.ClientRandomSize)
	if _, err := io.ReadFull(c.cfg.Rand, clientRandom); err != nil {
		return fmt.Errorf("expert: client random: %w", err)
	}
	enc, err := stdsec.EncryptClientRandom(pub, clientRandom)
	if err != nil {
		return fmt.Errorf("expert: %w", err)
	}
	ex := sec.SecurityExchange{EncryptedClientRandom: enc}
	payload, err := wire.Marshal(&ex)
	if err != nil {
		return fmt.Errorf("expert: security exchange: %w", err)
	}
	// xfreerdp sends 0x0201: SEC_EXCHANGE_PKT|SEC_LICENSE_ENCRYPT_SC.
	if err := c.sendSlowPath(c.res.IOChannel, sec.ExchangePkt|sec.LicenseEncryptSC, payload); err != nil {
		return err
	}
	method := stdsec.EncryptionMethod(c.res.EncryptionMethod)
	keys, err := stdsec.DeriveKeys(clientRandom, c.serverRandom, method)
	clear(clientRandom)
	if err != nil {
		return fmt.Errorf("expert: %w", err)
	}
	seal, err := stdsec.NewCipher(keys, stdsec.ClientToServer, method)
	if err != nil {
		return fmt.Errorf("expert: %w", err)
	}
	open, err := stdsec.NewCipher(keys, stdsec.ServerToClient, method)
	if err != nil {
		return fmt.Errorf("expert: %w", err)
	}
	c.sendMu.Lock()
	c.seal = seal
	c.sendMu.Unlock()
	c.open = open
	c.mu.Lock()
	c.encrypted = true
	c.salted = *c.cfg.SaltedMAC
	c.mu.Unlock()
	c.logf("security exchange sent, %v keys derived", method)
	return nil
}

// sendClientInfo sends the Client Info PDU (2.2.1.11): SEC_INFO_PKT always,
// encrypted under Standard RDP Security.
func (c *Client) sendClientInfo() error {
	cfg := &c.cfg
	addr := "127.0.0.1"
	if ta, ok := c.raw.LocalAddr().(*net.TCPAddr); ok && ta.IP.To4() != nil {
		addr = ta.IP.String()
	}
	c.unzip = newDecompressor(cfg.InfoFlags)
	info := sec.ClientInfo{
		Flags:          cfg.InfoFlags,
		Domain:         cfg.Domain,
		UserName:       cfg.UserName,
		Password:       cfg.Password,
		AlternateShell: cfg.AlternateShell,
		WorkingDir:     cfg.WorkingDir,
		Extended: &sec.ExtendedInfo{
			ClientAddressFamily: sec.AddressFamilyINet,
			ClientAddress:       addr,
			ClientDir:           `C:\Windows\System32\mstscax.dll`,
			Level:               sec.ExtendedAutoReconnect,
			TimeZone:            sec.TimeZoneInformation{StandardName: "Coordinated Universal Time", DaylightName: "Coordinated Universal Time"},
			PerformanceFlags:    sec.PerfEnableFontSmoothing | sec.PerfEnableDesktopComposition,
		},
	}
	payload, err := wire.Marshal(&info)
	if err != nil {
		return fmt.Errorf("expert: client info: %w", err) // the error names no field contents
	}
	defer clear(payload)
	if err := c.sendSlowPath(c.res.IOChannel, sec.InfoPkt, payload); err != nil {
		return err
	}
	c.logf("client info sent (user %q)", cfg.UserName)
	return nil
}

// licensing waits for the server's licensing PDU and accepts only the
// "valid client" message (2.2.1.12).
func (c *Client) licensing() error {
	in, err := c.readPDU(true)
	if err != nil {
		return fmt.Errorf("expert: licensing: %w", err)
	}
	if in.fastPath != nil || !in.sdi {
		return protocolErr("licensing: expected a licensing PDU, got %s", describe(in))
	}
	if in.channel != c.res.IOChannel {
		return protocolErr("licensing PDU on channel %d, want the I/O channel %d", in.channel, c.res.IOChannel)
	}
	// [MS-RDPELE] 2.2.2: the security header flags "MUST contain the
	// SEC_LICENSE_PKT (0x0080) flag". xfreerdp: "unexpected license packet."
	if !in.flags.Has(sec.LicensePkt) {
		return protocolErr("licensing: security header flags %v lack SEC_LICENSE_PKT", in.flags)
	}
	var lic sec.LicensingPDU
	if err := lic.UnmarshalBinary(in.data); err != nil {
		return fmt.Errorf("%w: licensing: %w", ErrProtocol, err)
	}
	if !lic.IsValidClient() {
		detail := lic.Preamble.MsgType.String()
		if lic.ErrorMessage != nil {
			detail += fmt.Sprintf(" %v %v", lic.ErrorMessage.ErrorCode, lic.ErrorMessage.StateTransition)
		}
		return protocolErr("licensing: server sent %s, not the valid-client message", detail)
	}
	c.logf("licensing: valid client")
	return nil
}

// describe names an inbound PDU for error messages.
func describe(in *inbound) string {
	switch {
	case in.fastPath != nil:
		return "fast-path output"
	case in.sdi:
		return fmt.Sprintf("send data indication on channel %d (flags %v)", in.channel, in.flags)
	case in.domain != nil:
		return in.domain.Choice().String()
	}
	return "nothing"
}

// capabilitiesExchange waits for the Demand Active (2.2.1.13.1) and answers
// with the Confirm Active and the finalization batch.
func (c *Client) capabilitiesExchange() error {
	for {
		in, err := c.readPDU(false)
		if err != nil {
			return fmt.Errorf("expert: waiting for the demand active: %w", err)
		}
		if in.fastPath != nil || !in.sdi || in.channel != c.res.IOChannel {
			return protocolErr("expected the demand active, got %s", describe(in))
		}
		h, body, err := pdu.DecodeShareControl(in.data)
		if errors.Is(err, pdu.ErrFlowPDU) {
			continue
		}
		if err != nil {
			return fmt.Errorf("%w: %w", ErrProtocol, err)
		}
		switch h.Type {
		case pdu.PDUTypeDemandActive:
			p, err := pdu.DecodeShareControlBody(h.Type, body)
			if err != nil {
				return fmt.Errorf("%w: demand active: %w", ErrProtocol, err)
			}
			return c.demandActive(h, p.(*pdu.DemandActive))
		case pdu.PDUTypeData:
			// xfreerdp accepts Data PDUs out of sequence
			// (rdp_recv_out_of_sequence_pdu); a Set Error Info before a
			// disconnect is the one that matters.
			dh, dbody, err := pdu.DecodeShareData(body)
			if err != nil {
				return fmt.Errorf("%w: %w", ErrProtocol, err)
			}
			if dh.Type2 != pdu.PDUType2SetErrorInfo {
				return protocolErr("%v before the demand active", dh.Type2)
			}
			if err := c.setErrorInfo(h, dbody); err != nil {
				return err
			}
		default:
			return protocolErr("%v while waiting for the demand active", h.Type)
		}
	}
}

// demandActive processes a Demand Active (also on reactivation) and sends
// the Confirm Active and the finalization batch (2.2.1.13.2, 2.2.1.14–18).
func (c *Client) demandActive(h pdu.ShareControlHeader, da *pdu.DemandActive) error {
	neg := caps.Negotiate(da.CapabilitySets)
	if !neg.Has(caps.TypeGeneral) || !neg.Has(caps.TypeBitmap) {
		return protocolErr("demand active without a General or Bitmap capability set (sets %v)", neg.Received)
	}
	w, hgt, bpp := int(neg.DesktopWidth), int(neg.DesktopHeight), int(neg.PreferredBitsPerPixel)
	if w == 0 || hgt == 0 {
		return protocolErr("demand active desktop %dx%d", w, hgt)
	}
	// 2.2.1.3.2: supportedColorDepths lists "the high color depths that
	// the client is capable of supporting".
	depth := map[int]gcc.SupportedColorDepths{15: gcc.Support15BPP, 16: gcc.Support16BPP, 24: gcc.Support24BPP, 32: gcc.Support32BPP}[bpp]
	if depth == 0 || !c.cfg.SupportedColorDepths.Has(depth) {
		return protocolErr("demand active preferredBitsPerPixel %d; the client supports %v", bpp, c.cfg.SupportedColorDepths)
	}
	fastPathInput := *c.cfg.FastPathInput && neg.InputFlags&(caps.InputFlagFastPathInput|caps.InputFlagFastPathInput2) != 0
	maxReq := uint32(0)
	if neg.Has(caps.TypeMultifragmentUpdate) {
		maxReq = neg.ClientMaxRequestSize // the server's value, echoed as xfreerdp does
		if c.cfg.MaxRequestSize != 0 {
			maxReq = c.cfg.MaxRequestSize
		}
	}
	limit := fastpath.MultifragmentLimit(maxReq, maxReq != 0)

	c.mu.Lock()
	// xfreerdp drops the salted MAC when the server does not advertise it
	// (capabilities.c rdp_read_general_capability_set).
	if !neg.ExtraFlags.Has(caps.EncSaltedChecksum) {
		c.salted = false
	}
	salted := c.salted
	c.res.ShareID = da.ShareID
	c.res.DesktopWidth, c.res.DesktopHeight, c.res.BitsPerPixel = w, hgt, bpp
	c.res.MaxRequestSize = maxReq
	c.res.FastPathInput = fastPathInput
	c.serverCaps = da.CapabilitySets
	c.serverNeg = neg
	c.serverSource = h.Source
	c.fragmentsAllowed = maxReq >= fastpath.MaxPDUSize
	if c.fb == nil || c.fb.Width != w || c.fb.Height != hgt {
		c.fb = shadow.NewFrame(w, hgt)
		c.notifyFrame()
	}
	c.finalized = 0
	c.mu.Unlock()
	c.reasm = fastpath.NewReassembler(limit)
	c.logf("demand active: share %#x, %dx%d at %d bpp, sets %v", da.ShareID, w, hgt, bpp, neg.Received)

	sets := clientCapabilities(clientCapsConfig{
		fastPathOutput:  *c.cfg.FastPathOutput,
		compressionHdr:  c.cfg.BitmapCompressionHeader,
		fastPathInput:   *c.cfg.FastPathInput,
		saltedMAC:       salted && c.encrypted,
		width:           uint16(w),
		height:          uint16(hgt),
		bitsPerPixel:    uint16(bpp),
		server:          neg,
		maxRequestSize:  maxReq,
		colorPointers:   c.cfg.ColorPointersOnly,
		noDesktopResize: c.cfg.NoDesktopResize,
		noScrBlt:        c.cfg.NoScrBlt,
	})
	c.setPointerCaps(sets)
	c.scrBltOK = false
	for _, s := range sets {
		if o, ok := s.(*caps.Order); ok {
			c.scrBltOK = o.OrderSupport[order.NegScrBlt] != 0
		}
	}
	ca := pdu.ConfirmActive{
		ShareID:          da.ShareID,
		OriginatorID:     pdu.ServerChannelID,
		SourceDescriptor: "FREERDP",
		CapabilitySets:   sets,
	}
	user := c.res.UserChannel
	b, err := pdu.AppendShareControl(nil, pdu.PDUTypeConfirmActive, user, &ca)
	if err != nil {
		return fmt.Errorf("expert: confirm active: %w", err)
	}
	if err := c.sendSlowPath(c.res.IOChannel, 0, b); err != nil {
		return err
	}
	// The finalization batch, without waiting ([MS-RDPBCGR] 1.3.1.1 step
	// 10). xfreerdp's Synchronize targets the Demand Active's pduSource.
	batch := []struct {
		t2   pdu.PDUType2
		body wire.PDU
	}{
		{pdu.PDUType2Synchronize, &pdu.Synchronize{TargetUser: h.Source}},
		{pdu.PDUType2Control, &pdu.Control{Action: pdu.ControlActionCooperate}},
		{pdu.PDUType2Control, &pdu.Control{Action: pdu.ControlActionRequestControl}},
		{pdu.PDUType2FontList, &pdu.FontList{ListFlags: pdu.FontListFirst | pdu.FontListLast, EntrySize: 50}},
	}
	for _, p := range batch {
		if err := c.sendData(p.t2, p.body); err != nil {
			return err
		}
	}
	c.logf("confirm active and finalization batch sent")
	return nil
}

// sendData sends a Data PDU on the I/O channel.
func (c *Client) sendData(t2 pdu.PDUType2, body wire.PDU) error {
	c.mu.Lock()
	user, share := c.res.UserChannel, c.res.ShareID
	c.mu.Unlock()
	b, err := pdu.AppendShareData(nil, user, share, t2, body)
	if err != nil {
		return fmt.Errorf("expert: %v: %w", t2, err)
	}
	return c.sendSlowPath(c.res.IOChannel, 0, b)
}

// setErrorInfo records a Set Error Info PDU (2.2.5.1.1).
func (c *Client) setErrorInfo(h pdu.ShareControlHeader, body []byte) error {
	var p pdu.SetErrorInfo
	if err := p.UnmarshalBinary(body); err != nil {
		return fmt.Errorf("%w: set error info: %w", ErrProtocol, err)
	}
	// 2.2.5.1.1: "the pduSource field MUST be set to zero".
	if h.Source != 0 {
		return protocolErr("set error info (%v) with pduSource %#x, must be 0", p.ErrorInfo, h.Source)
	}
	c.mu.Lock()
	c.errorInfo = p.ErrorInfo
	c.errorInfos = append(c.errorInfos, p.ErrorInfo)
	c.mu.Unlock()
	c.logf("set error info: %v", p.ErrorInfo)
	return nil
}
