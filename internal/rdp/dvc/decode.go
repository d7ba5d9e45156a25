package dvc

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// PDU is a DVC PDU: *CapsRequest, *CapsResponse, *CreateRequest,
// *CreateResponse, *DataFirst, *Data or *Close.
type PDU interface {
	wire.PDU
	// Cmd returns the PDU's Cmd value.
	Cmd() Cmd
}

// Direction says who sent a PDU. It matters because the requests and
// responses of capabilities (Cmd 0x05) and of channel creation (Cmd 0x01)
// share their Cmd, and the version 1 capabilities request and response
// are even byte-for-byte alike.
type Direction uint8

const (
	// FromClient: CapsResponse, CreateResponse, DataFirst, Data, Close.
	FromClient Direction = iota
	// FromServer: CapsRequest, CreateRequest, DataFirst, Data, Close.
	FromServer
)

func (d Direction) String() string {
	switch d {
	case FromClient:
		return "client-to-server"
	case FromServer:
		return "server-to-client"
	}
	return fmt.Sprintf("Direction(%d)", uint8(d))
}

// Decode decodes one whole DVC PDU (one drdynvc SVC message) sent in
// direction dir. This is the package's single dispatch on Cmd. Compressed
// data (Cmd 0x06, 0x07, version 3 only) and soft-sync (0x08, 0x09,
// multitransport only) PDUs are recognised and rejected: the server
// negotiates version 2 and no multitransport.
func Decode(b []byte, dir Direction) (PDU, error) {
	if len(b) == 0 {
		return nil, fmt.Errorf("dvc: %w: empty message", wire.ErrShort)
	}
	cmd, _, _ := splitHeader(b[0])
	var p PDU
	switch cmd {
	case CmdCapability:
		if dir == FromServer {
			p = new(CapsRequest)
		} else {
			p = new(CapsResponse)
		}
	case CmdCreate:
		if dir == FromServer {
			p = new(CreateRequest)
		} else {
			p = new(CreateResponse)
		}
	case CmdDataFirst:
		p = new(DataFirst)
	case CmdData:
		p = new(Data)
	case CmdClose:
		p = new(Close)
	case CmdDataFirstCompressed, CmdDataCompressed:
		return nil, fmt.Errorf("dvc: %v PDU: %w: compressed data needs DVC version 3, which was not negotiated", cmd, wire.ErrInvalid)
	case CmdSoftSyncRequest, CmdSoftSyncResponse:
		return nil, fmt.Errorf("dvc: %v PDU: %w: soft-sync needs a multitransport connection, which was not negotiated", cmd, wire.ErrInvalid)
	default:
		return nil, fmt.Errorf("dvc: %w: unknown Cmd %#x", wire.ErrInvalid, uint8(cmd))
	}
	if err := p.UnmarshalBinary(b); err != nil {
		return nil, err
	}
	return p, nil
}
