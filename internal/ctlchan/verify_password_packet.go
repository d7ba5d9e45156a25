package ctlchan

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// VerifyPasswordPacket is REMOTEDESKTOP_CTL_VERIFY_PASSWORD_PACKET,
// [MS-RA] 2.2.1.11: the version 2 expert's answer to SERVER_ANNOUNCE
// (3.5.5), carrying the expertBlob (see ParseExpertBlob). FreeRDP puts
// "PASS=" and the hex of the same proof it sent in EXPERT_ON_VISTA in it
// (ra-protocol.md §4.4); the spec's example carries PASS as well, though
// it also says "The PASS property is used in version 1".
type VerifyPasswordPacket struct {
	// ExpertBlob is expertBlob as sent. It may hold the password proof:
	// never log it.
	ExpertBlob string
}

var _ Message = (*VerifyPasswordPacket)(nil)

// MsgType returns MsgVerifyPassword.
func (*VerifyPasswordPacket) MsgType() MsgType { return MsgVerifyPassword }

// Size returns the encoded length in bytes.
func (p *VerifyPasswordPacket) Size() int { return packetSize(textSize(p.ExpertBlob) /* expertBlob */) }

// AppendBinary appends the packet, the blob NUL-terminated as FreeRDP 2.x
// writes it (DataLen 0xb0 for its 85-character blob).
func (p *VerifyPasswordPacket) AppendBinary(b []byte) ([]byte, error) {
	if err := checkText("VERIFY_PASSWORD: expertBlob", p.ExpertBlob); err != nil {
		return b, err
	}
	b = appendPacketHeader(b, p.MsgType(), textSize(p.ExpertBlob))
	return appendText(b, p.ExpertBlob), nil
}

// Decode reads one packet from r, the blob with its NUL (FreeRDP 2.x) or
// without (FreeRDP 3.x, DataLen 0xae).
func (p *VerifyPasswordPacket) Decode(r *wire.Reader) error { return decodePacket(p, r) }

func (p *VerifyPasswordPacket) decodeBody(r *wire.Reader) error {
	p.ExpertBlob = decodeTermText(r, "expertBlob", r.Rest())
	return r.Err()
}

// UnmarshalBinary decodes b whole.
func (p *VerifyPasswordPacket) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }

// String describes the packet without the blob.
func (p VerifyPasswordPacket) String() string {
	return fmt.Sprintf("VerifyPasswordPacket{ExpertBlob: [%d characters]}", len([]rune(p.ExpertBlob)))
}

// GoString is String, so that %#v does not print the blob.
func (p VerifyPasswordPacket) GoString() string { return p.String() }
