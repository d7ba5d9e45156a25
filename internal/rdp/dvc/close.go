package dvc

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// Close is the DVC Close Request/Response PDU (DYNVC_CLOSE), [MS-RDPEDYC]
// 2.2.4, sent by either side to close a channel and by the other in answer.
type Close struct {
	ChannelID uint32 // ChannelId
}

var _ PDU = (*Close)(nil)

// Cmd returns CmdClose.
func (*Close) Cmd() Cmd { return CmdClose }

// Size returns the encoded length in bytes.
func (p *Close) Size() int {
	return 1 /* cbId, Sp, Cmd */ + widthSize(widthCode(p.ChannelID)) /* ChannelId */
}

// AppendBinary appends the PDU with the smallest ChannelId width.
func (p *Close) AppendBinary(b []byte) ([]byte, error) {
	cb := widthCode(p.ChannelID)
	b = append(b, header(CmdClose, 0, cb))
	return appendVar(b, cb, p.ChannelID), nil
}

// Decode reads one DYNVC_CLOSE from r. Sp is ignored. FreeRDP 2.11's
// client always uses a 4-byte ChannelId here (drdynvc_main.c
// dvcman_close_channel).
func (p *Close) Decode(r *wire.Reader) error {
	_, cb, err := readHeader(r, CmdClose)
	if err != nil {
		return fmt.Errorf("dvc: DYNVC_CLOSE: %w", err)
	}
	p.ChannelID = readVar(r, cb, "cbId")
	if err := r.Err(); err != nil {
		return fmt.Errorf("dvc: DYNVC_CLOSE: %w", err)
	}
	return nil
}

// UnmarshalBinary decodes b whole.
func (p *Close) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
