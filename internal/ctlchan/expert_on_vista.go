package ctlchan

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// ExpertOnVista is REMOTEDESKTOP_EXPERT_ON_VISTA, [MS-RA] 2.2.1.12: "an
// announcement that expert is running Windows Vista" — a novice that
// receives it uses protocol version 2 ([MS-RA] 3) — carrying the
// "Encrypted Password string included in the message as a BSTR": the
// PassStub proof of [MS-RAI] 6 (invite.PassStubProof), which is itself the
// RC4 encryption of a BSTR-shaped LE32 byte count and the PassStub.
//
// FreeRDP sends the proof's 32 bytes and nothing else
// (`0e000000 24000000 "RC_CTL\0" 09000000` + 32 bytes, confirmed against
// xfreerdp 2.11.7), and Windows novices accept that. Decoding also
// accepts an LE32 prefix equal to the byte count after it (36 bytes with
// LE32(32)) in case msra.exe sends the [MS-DTYP] layout (ra-protocol.md
// §9.4); see the BSTR notes in text.go.
type ExpertOnVista struct {
	// EncryptedPassword is the proof. It stands in for the password:
	// never log it.
	EncryptedPassword []byte
}

var _ Message = (*ExpertOnVista)(nil)

// MsgType returns MsgExpertOnVista.
func (*ExpertOnVista) MsgType() MsgType { return MsgExpertOnVista }

// Size returns the encoded length in bytes.
func (p *ExpertOnVista) Size() int {
	return packetSize(bstrBytesSize(p.EncryptedPassword) /* Encrypted Password */)
}

// AppendBinary appends the packet: the proof bare, as FreeRDP sends it.
func (p *ExpertOnVista) AppendBinary(b []byte) ([]byte, error) {
	if err := checkBSTRBytes("EXPERT_ON_VISTA: Encrypted Password", p.EncryptedPassword); err != nil {
		return b, err
	}
	b = appendPacketHeader(b, p.MsgType(), bstrBytesSize(p.EncryptedPassword))
	return appendBSTRBytes(b, p.EncryptedPassword), nil
}

// Decode reads one packet from r. EncryptedPassword aliases the input.
func (p *ExpertOnVista) Decode(r *wire.Reader) error { return decodePacket(p, r) }

func (p *ExpertOnVista) decodeBody(r *wire.Reader) error {
	p.EncryptedPassword = decodeBSTRBytes(r, "Encrypted Password", r.Rest())
	return r.Err()
}

// UnmarshalBinary decodes b whole.
func (p *ExpertOnVista) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }

// String describes the packet without the proof.
func (p ExpertOnVista) String() string {
	return fmt.Sprintf("ExpertOnVista{EncryptedPassword: [%d bytes redacted]}", len(p.EncryptedPassword))
}

// GoString is String, so that %#v does not print the proof.
func (p ExpertOnVista) GoString() string { return p.String() }
