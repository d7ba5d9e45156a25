package dvc

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// CreateResponse is the DVC Create Response PDU (DYNVC_CREATE_RSP),
// [MS-RDPEDYC] 2.2.2.2, the client's answer to a CreateRequest.
type CreateResponse struct {
	ChannelID uint32 // ChannelId, as in the request
	// CreationStatus is an HRESULT: "A zero or positive value indicates
	// success; a negative value indicates failure." FreeRDP and mstsc send
	// 0xC0000001 when no listener has the name (drdynvc_main.c).
	CreationStatus int32
}

var _ PDU = (*CreateResponse)(nil)

// Cmd returns CmdCreate.
func (*CreateResponse) Cmd() Cmd { return CmdCreate }

// Size returns the encoded length in bytes.
func (p *CreateResponse) Size() int {
	return 1 /* cbId, Sp, Cmd */ + widthSize(widthCode(p.ChannelID)) /* ChannelId */ + 4 /* CreationStatus */
}

// AppendBinary appends the PDU with the smallest ChannelId width.
func (p *CreateResponse) AppendBinary(b []byte) ([]byte, error) {
	cb := widthCode(p.ChannelID)
	b = append(b, header(CmdCreate, 0, cb))
	b = appendVar(b, cb, p.ChannelID)
	return wire.AppendU32LE(b, uint32(p.CreationStatus)), nil
}

// Decode reads one DYNVC_CREATE_RSP from r. Sp "SHOULD be initialized to
// 0x00"; it is ignored. FreeRDP 2.11 echoes the request's ChannelId width.
func (p *CreateResponse) Decode(r *wire.Reader) error {
	_, cb, err := readHeader(r, CmdCreate)
	if err != nil {
		return fmt.Errorf("dvc: DYNVC_CREATE_RSP: %w", err)
	}
	p.ChannelID = readVar(r, cb, "cbId")
	p.CreationStatus = int32(r.U32LE())
	if err := r.Err(); err != nil {
		return fmt.Errorf("dvc: DYNVC_CREATE_RSP: %w", err)
	}
	return nil
}

// UnmarshalBinary decodes b whole.
func (p *CreateResponse) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
