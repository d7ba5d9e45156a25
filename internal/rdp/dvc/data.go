package dvc

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// Data is the DVC Data PDU (DYNVC_DATA), [MS-RDPEDYC] 2.2.3.2: a whole
// message, or the next block of one begun by a DataFirst.
type Data struct {
	ChannelID uint32 // ChannelId
	Data      []byte // Data; decoding aliases the input
}

var _ PDU = (*Data)(nil)

// Cmd returns CmdData.
func (*Data) Cmd() Cmd { return CmdData }

// Size returns the encoded length in bytes.
func (p *Data) Size() int {
	return 1 /* cbId, Sp, Cmd */ + widthSize(widthCode(p.ChannelID)) /* ChannelId */ + len(p.Data)
}

// AppendBinary appends the PDU with the smallest ChannelId width.
func (p *Data) AppendBinary(b []byte) ([]byte, error) {
	cb := widthCode(p.ChannelID)
	b = append(b, header(CmdData, 0, cb))
	b = appendVar(b, cb, p.ChannelID)
	return append(b, p.Data...), nil
}

// Decode reads one DYNVC_DATA from r; Data is the rest of r. Sp "SHOULD
// be initialized to 0x00"; it is ignored (the spec's own sample in 4.3.2
// has Sp = 1).
func (p *Data) Decode(r *wire.Reader) error {
	_, cb, err := readHeader(r, CmdData)
	if err != nil {
		return fmt.Errorf("dvc: DYNVC_DATA: %w", err)
	}
	p.ChannelID = readVar(r, cb, "cbId")
	p.Data = r.Rest()
	if err := r.Err(); err != nil {
		return fmt.Errorf("dvc: DYNVC_DATA: %w", err)
	}
	return nil
}

// UnmarshalBinary decodes b whole.
func (p *Data) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
