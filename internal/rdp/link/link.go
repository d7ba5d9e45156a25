// Package link is the secured data path between the MCS layer and the
// share layer: it unwraps client PDUs (X.224 Data → MCS Send Data Request →
// security header → decryption, or a fast-path input PDU) and wraps server
// PDUs the other way, keeping the two RC4 streams of Standard RDP Security
// ([MS-RDPBCGR] 5.3.6) in packet order.
//
// It is sans-IO and owned by one goroutine: the acceptor during the
// connection sequence, then the session.
package link

import (
	"errors"
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/fastpath"
	"github.com/ranoviced/ranoviced/internal/rdp/mcs"
	"github.com/ranoviced/ranoviced/internal/rdp/sec"
	"github.com/ranoviced/ranoviced/internal/rdp/stdsec"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
	"github.com/ranoviced/ranoviced/internal/rdp/x224"
)

// ErrNotEncrypted reports a client PDU that Standard RDP Security requires
// to be encrypted but was not.
var ErrNotEncrypted = errors.New("link: unencrypted PDU under Standard RDP Security")

// Link is one connection's data path. It is not safe for concurrent use.
type Link struct {
	user uint16 // the client's MCS user channel: initiator of its Send Data Requests

	// Standard RDP Security; both nil when the transport is TLS or the
	// encryption level is NONE.
	seal *stdsec.Cipher // server → client
	open *stdsec.Cipher // client → server
	// salted says whether our MACs are salted: we mirror what the client
	// uses (xfreerdp salts from its first encrypted PDU), which every
	// client that verifies MACs by the SEC_SECURE_CHECKSUM flag accepts.
	// Reads set it and writes use it, which is safe because one goroutine
	// owns the Link; splitting the directions across goroutines would need
	// this split too.
	salted bool

	scratch []byte
}

// New returns a Link for the client's user channel.
func New(userChannel uint16) *Link { return &Link{user: userChannel} }

// UserChannel returns the client's MCS user channel id.
func (l *Link) UserChannel() uint16 { return l.user }

// Encrypt switches on Standard RDP Security with the two directions'
// ciphers: seal for what the server sends, open for what it receives.
func (l *Link) Encrypt(seal, open *stdsec.Cipher) { l.seal, l.open = seal, open }

// Encrypted reports whether Standard RDP Security encryption is on.
func (l *Link) Encrypted() bool { return l.seal != nil }

// Counters returns the number of packets sealed and opened, for logs and
// tests (0, 0 without encryption).
func (l *Link) Counters() (sealed, opened uint32) {
	if l.seal == nil {
		return 0, 0
	}
	return l.seal.Packets(), l.open.Packets()
}

// ChannelData is one Send Data Request's payload after the security layer.
type ChannelData struct {
	ChannelID uint16
	// Flags are the security header's flags; zero when the PDU had none.
	Flags sec.Flags
	// Data is the decrypted payload; it aliases the frame.
	Data []byte
}

// ReadSlowPath decodes one X.224 Data frame. For a Send Data Request it
// returns the channel data with the security header removed and the body
// decrypted; for any other MCS PDU it returns that PDU and nil.
//
// securityHeader says whether the PDU carries a basic security header even
// without encryption: true for the Security Exchange, Client Info and
// licensing PDUs ([MS-RDPBCGR] 2.2.8.1.1.2: otherwise "present if the
// Encryption Level … is greater than ENCRYPTION_LEVEL_NONE").
func (l *Link) ReadSlowPath(frame []byte, securityHeader bool) (mcs.DomainPDU, *ChannelData, error) {
	payload, err := x224.ParseData(frame)
	if err != nil {
		return nil, nil, err
	}
	pdu, err := mcs.DecodeDomainPDU(payload)
	if err != nil {
		return nil, nil, err
	}
	sdr, ok := pdu.(*mcs.SendDataRequest)
	if !ok {
		return pdu, nil, nil
	}
	if sdr.Initiator != l.user {
		return nil, nil, fmt.Errorf("link: send data request from initiator %d, the client is user %d", sdr.Initiator, l.user)
	}
	cd := &ChannelData{ChannelID: sdr.ChannelID, Data: sdr.UserData}
	if !securityHeader && !l.Encrypted() {
		return pdu, cd, nil
	}
	r := wire.NewReader(sdr.UserData)
	var h sec.BasicHeader
	if err := h.Decode(r); err != nil {
		return nil, nil, fmt.Errorf("link: security header: %w", err)
	}
	cd.Flags = h.Flags
	if !h.Flags.Has(sec.Encrypt) {
		// 5.3.2: at every level above NONE, client-to-server data is
		// encrypted. Licensing PDUs are the exception the spec allows.
		if l.Encrypted() && !h.Flags.Has(sec.LicensePkt) && !h.Flags.Has(sec.ExchangePkt) {
			return nil, nil, ErrNotEncrypted
		}
		cd.Data = r.Rest()
		return pdu, cd, nil
	}
	if !l.Encrypted() {
		return nil, nil, errors.New("link: SEC_ENCRYPT before the security exchange")
	}
	var sig [8]byte
	copy(sig[:], r.Bytes(8))
	if err := r.Err(); err != nil {
		return nil, nil, fmt.Errorf("link: dataSignature: %w", err)
	}
	data := r.Rest()
	salted := h.Flags.Has(sec.SecureChecksum)
	if err := l.open.Open(data, sig, salted); err != nil {
		return nil, nil, fmt.Errorf("link: channel %d: %w", sdr.ChannelID, err)
	}
	l.salted = salted
	cd.Data = data
	return pdu, cd, nil
}

// ReadFastPathInput decodes and, under Standard RDP Security, decrypts one
// fast-path input PDU, returning its events' header count and bytes for
// fastpath.DecodeInputEvents.
func (l *Link) ReadFastPathInput(frame []byte) (numEvents uint8, data []byte, err error) {
	in, err := fastpath.DecodeInput(frame)
	if err != nil {
		return 0, nil, err
	}
	if in.Flags.Has(fastpath.InputEncrypted) {
		if !l.Encrypted() {
			return 0, nil, errors.New("link: encrypted fast-path input without Standard RDP Security")
		}
		salted := in.Flags.Has(fastpath.InputSecureChecksum)
		if err := l.open.Open(in.Data, in.Signature, salted); err != nil {
			return 0, nil, fmt.Errorf("link: fast-path input: %w", err)
		}
		l.salted = salted
	} else if l.Encrypted() {
		return 0, nil, ErrNotEncrypted
	}
	return in.NumEvents, in.Data, nil
}

// AppendSlowPath appends an X.224 Data frame carrying an MCS Send Data
// Indication on channelID with payload behind the security layer. flags are
// security header flags the PDU needs regardless of encryption (SEC_LICENSE_PKT
// for licensing); under Standard RDP Security the payload is encrypted,
// except licensing PDUs, which go in the clear as Windows, FreeRDP and xrdp
// send them.
func (l *Link) AppendSlowPath(out []byte, channelID uint16, flags sec.Flags, payload []byte) ([]byte, error) {
	body := l.scratch[:0]
	switch {
	case l.Encrypted() && !flags.Has(sec.LicensePkt):
		flags |= sec.Encrypt
		if l.salted {
			flags |= sec.SecureChecksum
		}
		h := sec.NonFIPSHeader{Flags: flags}
		hs := h.Size()
		body = append(body, make([]byte, hs)...)
		body = append(body, payload...)
		h.Signature = l.seal.Seal(body[hs:], l.salted)
		if _, err := h.AppendBinary(body[:0]); err != nil {
			return out, err
		}
	case flags != 0:
		h := sec.BasicHeader{Flags: flags}
		var err error
		if body, err = h.AppendBinary(body); err != nil {
			return out, err
		}
		body = append(body, payload...)
	default:
		body = append(body, payload...)
	}
	l.scratch = body
	sdi := mcs.SendDataIndication{
		// Windows servers send from the server channel ([MS-RDPBCGR]
		// 4.1.12); FreeRDP uses the user channel. Clients ignore it.
		Initiator:    mcs.ServerChannel,
		ChannelID:    channelID,
		Priority:     mcs.PriorityHigh,
		Segmentation: mcs.SegmentationBeginEnd,
		UserData:     body,
	}
	out, err := x224.AppendDataHeader(out, sdi.Size())
	if err != nil {
		return out, err
	}
	return sdi.AppendBinary(out)
}

// AppendFastPathOutput appends one fast-path output PDU carrying updates
// (one or more TS_FP_UPDATE structures), encrypted under Standard RDP
// Security.
func (l *Link) AppendFastPathOutput(out []byte, updates []byte) ([]byte, error) {
	if !l.Encrypted() {
		return fastpath.AppendOutputPDU(out, 0, nil, updates)
	}
	body := append(l.scratch[:0], updates...)
	l.scratch = body
	flags := fastpath.OutputEncrypted
	if l.salted {
		flags |= fastpath.OutputSecureChecksum
	}
	sig := l.seal.Seal(body, l.salted)
	return fastpath.AppendOutputPDU(out, flags, &sig, body)
}
