package ctlchan

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// NoviceName is REMOTEDESKTOP_CTL_RANOVICE_NAME, [MS-RA] 2.2.1.13: "an
// optional packet that contains the novice name … sent by the novice and
// … applicable to version 2 only", the name "as a BSTR". Once the session
// is established "The expert and novice MAY exchange" it (3.6.5).
// FreeRDP ignores it. Encoded as the BSTR's bare UTF-16LE, decoded bare
// (with or without a NUL) or in the [MS-DTYP] layout; see text.go.
type NoviceName struct {
	Name string // RANovice Name
}

var _ Message = (*NoviceName)(nil)

// MsgType returns MsgNoviceName.
func (*NoviceName) MsgType() MsgType { return MsgNoviceName }

// Size returns the encoded length in bytes.
func (p *NoviceName) Size() int { return packetSize(bstrTextSize(p.Name) /* RANovice Name */) }

// AppendBinary appends the packet.
func (p *NoviceName) AppendBinary(b []byte) ([]byte, error) {
	if err := checkBSTRText("RANOVICE_NAME", p.Name); err != nil {
		return b, err
	}
	b = appendPacketHeader(b, p.MsgType(), bstrTextSize(p.Name))
	return wire.AppendUTF16LE(b, p.Name), nil
}

// Decode reads one packet from r.
func (p *NoviceName) Decode(r *wire.Reader) error { return decodePacket(p, r) }

func (p *NoviceName) decodeBody(r *wire.Reader) error {
	p.Name = decodeBSTRText(r, "RANovice Name", r.Rest())
	return r.Err()
}

// UnmarshalBinary decodes b whole.
func (p *NoviceName) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
