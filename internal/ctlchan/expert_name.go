package ctlchan

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// ExpertName is REMOTEDESKTOP_CTL_RAEXPERT_NAME, [MS-RA] 2.2.1.14: "an
// optional packet that contains the expert name … sent by the expert and
// … applicable to version 2 only", the name "as a BSTR". FreeRDP never
// sends it. Encoded as the BSTR's bare UTF-16LE, decoded bare (with or
// without a NUL) or in the [MS-DTYP] layout; see text.go.
type ExpertName struct {
	Name string // RAEXPERT NAME
}

var _ Message = (*ExpertName)(nil)

// MsgType returns MsgExpertName.
func (*ExpertName) MsgType() MsgType { return MsgExpertName }

// Size returns the encoded length in bytes.
func (p *ExpertName) Size() int { return packetSize(bstrTextSize(p.Name) /* RAEXPERT NAME */) }

// AppendBinary appends the packet.
func (p *ExpertName) AppendBinary(b []byte) ([]byte, error) {
	if err := checkBSTRText("RAEXPERT_NAME", p.Name); err != nil {
		return b, err
	}
	b = appendPacketHeader(b, p.MsgType(), bstrTextSize(p.Name))
	return wire.AppendUTF16LE(b, p.Name), nil
}

// Decode reads one packet from r.
func (p *ExpertName) Decode(r *wire.Reader) error { return decodePacket(p, r) }

func (p *ExpertName) decodeBody(r *wire.Reader) error {
	p.Name = decodeBSTRText(r, "RAEXPERT NAME", r.Rest())
	return r.Err()
}

// UnmarshalBinary decodes b whole.
func (p *ExpertName) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
