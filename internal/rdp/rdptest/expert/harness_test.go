package expert

import (
	"bufio"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"image"
	"io"
	"math/big"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/ranoviced/ranoviced/internal/rdp/acceptor"
	"github.com/ranoviced/ranoviced/internal/rdp/caps"
	"github.com/ranoviced/ranoviced/internal/rdp/codec"
	"github.com/ranoviced/ranoviced/internal/rdp/codec/interleaved"
	"github.com/ranoviced/ranoviced/internal/rdp/codec/planar"
	"github.com/ranoviced/ranoviced/internal/rdp/fastpath"
	"github.com/ranoviced/ranoviced/internal/rdp/gcc"
	"github.com/ranoviced/ranoviced/internal/rdp/input"
	"github.com/ranoviced/ranoviced/internal/rdp/link"
	"github.com/ranoviced/ranoviced/internal/rdp/mcs"
	"github.com/ranoviced/ranoviced/internal/rdp/pdu"
	"github.com/ranoviced/ranoviced/internal/rdp/stdsec"
	"github.com/ranoviced/ranoviced/internal/rdp/svc"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
	"github.com/ranoviced/ranoviced/internal/shadow"
)

// This file is a test-only server: the lead's acceptor drives the
// connection sequence over a real socket (or a net.Pipe), and a minimal
// "session" built on acceptor.Result.Link plays the server's side of the
// finalization and sends graphics, channel data and disconnects, so the
// expert is exercised end to end against the code ranoviced ships.

// keys is the server identity shared by every test: one 2048-bit RSA key
// for the TLS certificate and the proprietary certificate (rdp-server.md
// §2.1.2, Derived).
var keys = sync.OnceValues(func() (*serverKeys, error) {
	priv, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "ranoviced-test"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &priv.PublicKey, priv)
	if err != nil {
		return nil, err
	}
	crt, err := stdsec.NewProprietaryCertificate(&priv.PublicKey)
	if err != nil {
		return nil, err
	}
	prop, err := wire.Marshal(crt)
	if err != nil {
		return nil, err
	}
	blob, err := crt.PublicKeyBlob()
	if err != nil {
		return nil, err
	}
	kh, kh2 := stdsec.KeyHashes(blob)
	return &serverKeys{
		priv: priv,
		tls:  tls.Certificate{Certificate: [][]byte{der}, PrivateKey: priv},
		prop: prop, kh: kh, kh2: kh2,
	}, nil
})

type serverKeys struct {
	priv    *rsa.PrivateKey
	tls     tls.Certificate
	prop    []byte
	kh, kh2 string
}

func testKeys(t testing.TB) *serverKeys {
	t.Helper()
	k, err := keys()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// serverConfig is the acceptor configuration of a test.
type serverConfig struct {
	security      acceptor.Security
	methods       gcc.EncryptionMethod
	width, height uint16
}

// server is the test server on one connection.
type testServer struct {
	raw  net.Conn
	conn net.Conn
	rd   peeker
	acc  *acceptor.Acceptor
	res  *acceptor.Result

	// mu serialises the Link (whose read and write paths share state) and
	// the writes.
	mu   sync.Mutex
	link *link.Link

	// Filled by the reader goroutine started by startReader.
	inputs   chan []input.Event
	inputFP  chan bool // whether each input PDU came fast-path
	data     chan dataPDU
	channel  chan channelMsg
	readErr  chan error
	dechunks map[uint16]*svc.Dechunker
}

type dataPDU struct {
	t2   pdu.PDUType2
	body wire.PDU
}

type channelMsg struct {
	id  uint16
	msg []byte
}

// acceptConn runs the acceptor on conn until it is done.
func acceptConn(ctx context.Context, t testing.TB, conn net.Conn, sc serverConfig) (*testServer, error) {
	k := testKeys(t)
	random := make([]byte, gcc.ServerRandomSize)
	if _, err := rand.Read(random); err != nil {
		return nil, err
	}
	if sc.width == 0 {
		sc.width, sc.height = 200, 150
	}
	if sc.methods == 0 {
		sc.methods = gcc.EncryptionMethod40Bit | gcc.EncryptionMethod56Bit | gcc.EncryptionMethod128Bit
	}
	acc, err := acceptor.New(acceptor.Config{
		Security:          sc.security,
		EncryptionMethods: sc.methods,
		PrivateKey:        k.priv,
		Certificate:       k.prop,
		ServerRandom:      random,
		DesktopWidth:      sc.width,
		DesktopHeight:     sc.height,
	})
	if err != nil {
		return nil, err
	}
	s := &testServer{raw: conn, conn: conn, rd: &exactReader{r: conn}, acc: acc}
	stop := context.AfterFunc(ctx, func() { _ = conn.SetDeadline(time.Unix(1, 0)) })
	defer stop()
	for {
		switch acc.Want() {
		case acceptor.WantFrame:
			f, err := readFrame(s.rd)
			if err != nil {
				return s, fmt.Errorf("server: read in %v: %w", acc.State(), err)
			}
			out, err := acc.Step(f, nil)
			if len(out) > 0 {
				if _, werr := s.conn.Write(out); werr != nil && err == nil {
					err = werr
				}
			}
			if err != nil {
				return s, err
			}
			if acc.State() != acceptor.StateWaitTLS && acc.State() > acceptor.StateWaitConnectionRequest {
				if _, ok := s.rd.(*exactReader); ok {
					s.rd = bufio.NewReader(s.conn)
				}
			}
		case acceptor.WantTLS:
			tc := tls.Server(s.raw, &tls.Config{Certificates: []tls.Certificate{k.tls}, MinVersion: tls.VersionTLS12})
			if err := tc.HandshakeContext(ctx); err != nil {
				return s, fmt.Errorf("server: TLS: %w", err)
			}
			s.conn = tc
			s.rd = bufio.NewReader(tc)
			if err := acc.TLSEstablished(); err != nil {
				return s, err
			}
		case acceptor.WantNothing:
			res, ok := acc.Result()
			if !ok {
				return s, fmt.Errorf("server: acceptor stopped in %v", acc.State())
			}
			s.res, s.link = res, res.Link
			_ = conn.SetDeadline(time.Time{})
			return s, nil
		}
	}
}

// pair is a connected expert and test server.
type pair struct {
	client *Client
	srv    *testServer
}

// connect starts a loopback listener, runs the acceptor on the accepted
// connection and the expert against it. With cfg.NoWaitActive unset the
// caller must finalize on the server side before NewClient can return, so
// connect always dials with NoWaitActive and leaves activation to the
// caller (see activate).
func connect(t *testing.T, sc serverConfig, cfg Config) (*pair, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	type accepted struct {
		s   *testServer
		err error
	}
	ch := make(chan accepted, 1)
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			ch <- accepted{nil, err}
			return
		}
		s, err := acceptConn(ctx, t, conn, sc)
		if err != nil {
			conn.Close()
		}
		ch <- accepted{s, err}
	}()
	cfg.NoWaitActive = true
	if cfg.Logf == nil {
		cfg.Logf = t.Logf
	}
	c, cerr := Dial(ctx, ln.Addr().String(), cfg)
	a := <-ch
	if cerr != nil || a.err != nil {
		if c != nil {
			c.Close()
		}
		if a.s != nil {
			a.s.raw.Close()
		}
		return nil, errors.Join(cerr, a.err)
	}
	p := &pair{client: c, srv: a.s}
	t.Cleanup(func() {
		c.Close()
		a.s.raw.Close()
	})
	return p, nil
}

// readFrame reads one client frame.
func (s *testServer) readFrame() ([]byte, error) { return readFrame(s.rd) }

func (s *testServer) write(b []byte) error {
	_, err := s.conn.Write(b)
	return err
}

// readData reads one slow-path Data PDU from the client on the I/O channel.
func (s *testServer) readData() (pdu.PDUType2, wire.PDU, error) {
	f, err := s.readFrame()
	if err != nil {
		return 0, nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.decodeData(f)
}

// decodeData decodes a slow-path Data PDU frame; the caller holds mu.
func (s *testServer) decodeData(f []byte) (pdu.PDUType2, wire.PDU, error) {
	p, cd, err := s.link.ReadSlowPath(f, false)
	if err != nil {
		return 0, nil, err
	}
	if cd == nil {
		return 0, nil, fmt.Errorf("server: %v instead of data", p.Choice())
	}
	if cd.ChannelID != mcs.IOChannel {
		return 0, nil, fmt.Errorf("server: data on channel %d", cd.ChannelID)
	}
	h, body, err := pdu.DecodeShareControl(cd.Data)
	if err != nil {
		return 0, nil, err
	}
	if h.Type != pdu.PDUTypeData {
		return 0, nil, fmt.Errorf("server: %v instead of data", h.Type)
	}
	if h.Source != s.res.UserChannel {
		return 0, nil, fmt.Errorf("server: pduSource %d, user is %d", h.Source, s.res.UserChannel)
	}
	dh, dbody, err := pdu.DecodeShareData(body)
	if err != nil {
		return 0, nil, err
	}
	if dh.ShareID != acceptor.ShareID {
		return 0, nil, fmt.Errorf("server: share %#x", dh.ShareID)
	}
	b, err := pdu.DecodeShareDataBody(dh.Type2, dbody)
	return dh.Type2, b, err
}

// readBatch reads and checks the client's finalization batch.
func (s *testServer) readBatch() error {
	want := []struct {
		t2   pdu.PDUType2
		body wire.PDU
	}{
		{pdu.PDUType2Synchronize, &pdu.Synchronize{TargetUser: acceptor.ServerChannelID}},
		{pdu.PDUType2Control, &pdu.Control{Action: pdu.ControlActionCooperate}},
		{pdu.PDUType2Control, &pdu.Control{Action: pdu.ControlActionRequestControl}},
		{pdu.PDUType2FontList, &pdu.FontList{ListFlags: pdu.FontListFirst | pdu.FontListLast, EntrySize: 50}},
	}
	for i, w := range want {
		t2, body, err := s.readData()
		if err != nil {
			return fmt.Errorf("finalization PDU %d: %w", i, err)
		}
		if t2 != w.t2 || fmt.Sprint(body) != fmt.Sprint(w.body) {
			return fmt.Errorf("finalization PDU %d: %v %+v, want %v %+v", i, t2, body, w.t2, w.body)
		}
	}
	return nil
}

// sendData sends a Data PDU from the server.
func (s *testServer) sendData(t2 pdu.PDUType2, body wire.PDU) error {
	source := uint16(acceptor.ServerChannelID)
	if t2 == pdu.PDUType2SetErrorInfo {
		source = 0
	}
	b, err := pdu.AppendShareData(nil, source, acceptor.ShareID, t2, body)
	if err != nil {
		return err
	}
	return s.sendIO(b)
}

func (s *testServer) sendIO(payload []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	out, err := s.link.AppendSlowPath(nil, mcs.IOChannel, 0, payload)
	if err != nil {
		return err
	}
	return s.write(out)
}

// finalize plays the server's side of the connection finalization
// (2.2.1.19–2.2.1.22) after reading the client's batch.
func (s *testServer) finalize() error {
	if err := s.readBatch(); err != nil {
		return err
	}
	for _, p := range []struct {
		t2   pdu.PDUType2
		body wire.PDU
	}{
		{pdu.PDUType2Synchronize, &pdu.Synchronize{TargetUser: acceptor.ServerChannelID}},
		{pdu.PDUType2Control, &pdu.Control{Action: pdu.ControlActionCooperate}},
		{pdu.PDUType2Control, &pdu.Control{Action: pdu.ControlActionGrantedControl, GrantID: s.res.UserChannel, ControlID: acceptor.ServerChannelID}},
		{pdu.PDUType2FontMap, pdu.ServerFontMap()},
	} {
		if err := s.sendData(p.t2, p.body); err != nil {
			return err
		}
	}
	return nil
}

// activate finalizes on both sides and waits for the expert to be active.
func (p *pair) activate(t *testing.T) {
	t.Helper()
	if err := p.srv.finalize(); err != nil {
		t.Fatalf("server finalization: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := p.client.WaitActive(ctx); err != nil {
		t.Fatal(err)
	}
}

// startReader reads every client PDU from now on and sorts it into the
// server's channels.
func (s *testServer) startReader() {
	s.inputs = make(chan []input.Event, 10000)
	s.inputFP = make(chan bool, 10000)
	s.data = make(chan dataPDU, 100)
	s.channel = make(chan channelMsg, 100)
	s.readErr = make(chan error, 1)
	s.dechunks = make(map[uint16]*svc.Dechunker)
	go func() {
		for {
			f, err := s.readFrame()
			if err != nil {
				s.readErr <- err
				return
			}
			if err := s.dispatch(f); err != nil {
				s.readErr <- err
				return
			}
		}
	}()
}

func (s *testServer) dispatch(f []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f[0] != 0x03 {
		n, data, err := s.link.ReadFastPathInput(f)
		if err != nil {
			return err
		}
		evs, err := fastpath.DecodeInputEvents(n, data)
		if err != nil {
			return err
		}
		s.inputs <- evs
		s.inputFP <- true
		return nil
	}
	p, cd, err := s.link.ReadSlowPath(f, false)
	if err != nil {
		return err
	}
	if cd == nil {
		if d, ok := p.(*mcs.DisconnectProviderUltimatum); ok {
			return fmt.Errorf("client disconnect: %v", d.Reason)
		}
		return fmt.Errorf("server: %v", p.Choice())
	}
	if cd.ChannelID != mcs.IOChannel {
		d := s.dechunks[cd.ChannelID]
		if d == nil {
			d = svc.NewDechunker(0)
			s.dechunks[cd.ChannelID] = d
		}
		msg, done, err := d.Add(cd.Data)
		if err != nil {
			return err
		}
		if done {
			s.channel <- channelMsg{cd.ChannelID, append([]byte(nil), msg...)}
		}
		return nil
	}
	t2, body, err := s.decodeDataLocked(cd)
	if err != nil {
		return err
	}
	if in, ok := body.(*pdu.InputEvents); ok {
		s.inputs <- in.Events
		s.inputFP <- false
		return nil
	}
	s.data <- dataPDU{t2, body}
	return nil
}

// decodeDataLocked decodes the share layers of already unwrapped I/O
// channel data.
func (s *testServer) decodeDataLocked(cd *link.ChannelData) (pdu.PDUType2, wire.PDU, error) {
	h, body, err := pdu.DecodeShareControl(cd.Data)
	if err != nil {
		return 0, nil, err
	}
	if h.Type != pdu.PDUTypeData {
		return 0, nil, fmt.Errorf("server: %v after activation", h.Type)
	}
	dh, dbody, err := pdu.DecodeShareData(body)
	if err != nil {
		return 0, nil, err
	}
	b, err := pdu.DecodeShareDataBody(dh.Type2, dbody)
	return dh.Type2, b, err
}

// sendUpdate sends one fast-path update, fragmented when it exceeds a PDU.
func (s *testServer) sendUpdate(code fastpath.UpdateCode, data []byte) error {
	limit := fastpath.MultifragmentLimit(s.res.ClientCaps.ClientMaxRequestSize, s.res.ClientCaps.Has(caps.TypeMultifragmentUpdate))
	if !fastpath.FitsMultifragment(len(data), limit) {
		return fmt.Errorf("server: update of %d bytes over the client's %d", len(data), limit)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, u := range fastpath.Split(code, data, 0) {
		upd, err := fastpath.AppendUpdate(nil, u.Code, u.Fragmentation, u.Data)
		if err != nil {
			return err
		}
		out, err := s.link.AppendFastPathOutput(nil, upd)
		if err != nil {
			return err
		}
		if err := s.write(out); err != nil {
			return err
		}
	}
	return nil
}

// tileCodec selects how encodeTiles compresses.
type tileCodec int

const (
	codecPlanar tileCodec = iota
	codecInterleaved
	codecUncompressed
)

// encodeTiles cuts r of fb into tiles of at most tile×tile pixels and
// encodes them as bitmap rectangles at bpp.
func encodeTiles(t testing.TB, fb *shadow.Frame, r image.Rectangle, tile, bpp int, tc tileCodec) []pdu.BitmapData {
	t.Helper()
	var rects []pdu.BitmapData
	for y := r.Min.Y; y < r.Max.Y; y += tile {
		for x := r.Min.X; x < r.Max.X; x += tile {
			tr := image.Rect(x, y, min(x+tile, r.Max.X), min(y+tile, r.Max.Y))
			pix := fb.SubPix(tr)
			w, h := tr.Dx(), tr.Dy()
			bd := pdu.BitmapData{
				DestLeft: uint16(tr.Min.X), DestTop: uint16(tr.Min.Y),
				DestRight: uint16(tr.Max.X - 1), DestBottom: uint16(tr.Max.Y - 1),
				Height: uint16(h), BitsPerPixel: uint16(bpp),
			}
			var err error
			switch tc {
			case codecPlanar:
				enc := planar.Encoder{AlignWidth: true}
				bd.Width = uint16(enc.Width(w))
				bd.Flags = pdu.BitmapCompression | pdu.NoBitmapCompressionHdr
				bd.Data, err = enc.Encode(nil, pix, fb.Stride, w, h)
			case codecInterleaved:
				bd.Width = uint16(interleaved.Width(w))
				bd.Flags = pdu.BitmapCompression | pdu.NoBitmapCompressionHdr
				bd.Data, err = interleaved.Encode(nil, pix, fb.Stride, w, h, bpp)
			case codecUncompressed:
				bd.Width = uint16(w)
				bd.Data, err = codec.AppendUncompressed(nil, pix, fb.Stride, w, h, bpp)
			}
			if err != nil {
				t.Fatal(err)
			}
			rects = append(rects, bd)
		}
	}
	return rects
}

// sendBitmaps sends rects as fast-path bitmap updates of at most perUpdate
// rectangles each.
func (s *testServer) sendBitmaps(rects []pdu.BitmapData, perUpdate int) (updates int, err error) {
	for len(rects) > 0 {
		n := min(perUpdate, len(rects))
		data, err := wire.Marshal(&pdu.BitmapUpdate{Rectangles: rects[:n]})
		if err != nil {
			return updates, err
		}
		if err := s.sendUpdate(fastpath.UpdateBitmap, data); err != nil {
			return updates, err
		}
		updates++
		rects = rects[n:]
	}
	return updates, nil
}

// sendDPUm sends a Disconnect Provider Ultimatum.
func (s *testServer) sendDPUm(reason mcs.Reason) error {
	b, err := appendMCS(nil, &mcs.DisconnectProviderUltimatum{Reason: reason})
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.write(b)
}

// drain discards client frames until EOF, for tests that stop reading.
func (s *testServer) drain() { go io.Copy(io.Discard, s.conn) }
