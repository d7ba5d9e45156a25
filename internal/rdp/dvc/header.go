package dvc

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// Cmd is the Cmd field of the DVC header ([MS-RDPEDYC] 2.2): the PDU type.
// The spec names no constants; the comments give FreeRDP's.
type Cmd uint8

const (
	CmdCreate              Cmd = 0x01 // CREATE_REQUEST_PDU: DYNVC_CREATE_REQ or DYNVC_CREATE_RSP
	CmdDataFirst           Cmd = 0x02 // DATA_FIRST_PDU: DYNVC_DATA_FIRST
	CmdData                Cmd = 0x03 // DATA_PDU: DYNVC_DATA
	CmdClose               Cmd = 0x04 // CLOSE_REQUEST_PDU: DYNVC_CLOSE
	CmdCapability          Cmd = 0x05 // CAPABILITY_REQUEST_PDU: DYNVC_CAPS_VERSIONx or DYNVC_CAPS_RSP
	CmdDataFirstCompressed Cmd = 0x06 // DATA_FIRST_COMPRESSED_PDU: DYNVC_DATA_FIRST_COMPRESSED
	CmdDataCompressed      Cmd = 0x07 // DATA_COMPRESSED_PDU: DYNVC_DATA_COMPRESSED
	CmdSoftSyncRequest     Cmd = 0x08 // SOFT_SYNC_REQUEST_PDU: DYNVC_SOFT_SYNC_REQUEST
	CmdSoftSyncResponse    Cmd = 0x09 // SOFT_SYNC_RESPONSE_PDU: DYNVC_SOFT_SYNC_RESPONSE
)

func (c Cmd) String() string {
	switch c {
	case CmdCreate:
		return "Create"
	case CmdDataFirst:
		return "DataFirst"
	case CmdData:
		return "Data"
	case CmdClose:
		return "Close"
	case CmdCapability:
		return "Capability"
	case CmdDataFirstCompressed:
		return "DataFirstCompressed"
	case CmdDataCompressed:
		return "DataCompressed"
	case CmdSoftSyncRequest:
		return "SoftSyncRequest"
	case CmdSoftSyncResponse:
		return "SoftSyncResponse"
	}
	return fmt.Sprintf("Cmd(%#x)", uint8(c))
}

// Header bit fields (2.2).
const (
	cbIDMask = 0x03 // cbId, bits 0–1
	spShift  = 2    // Sp (Pri, Len), bits 2–3
	spMask   = 0x03
	cmdShift = 4 // Cmd, bits 4–7
)

// header builds a header byte.
func header(cmd Cmd, sp, cbID uint8) byte { return byte(cmd)<<cmdShift | sp<<spShift | cbID }

// splitHeader takes a header byte apart.
func splitHeader(h byte) (cmd Cmd, sp, cbID uint8) {
	return Cmd(h >> cmdShift), h >> spShift & spMask, h & cbIDMask
}

// widthCode returns the smallest cbId/Len code for v: 0 (1 byte), 1 (2
// bytes) or 2 (4 bytes).
func widthCode(v uint32) uint8 {
	switch {
	case v <= 0xFF:
		return 0
	case v <= 0xFFFF:
		return 1
	}
	return 2
}

// widthSize returns the byte width for a valid code.
func widthSize(code uint8) int { return 1 << code }

// appendVar appends v in the width of code.
func appendVar(b []byte, code uint8, v uint32) []byte {
	switch code {
	case 0:
		return append(b, byte(v))
	case 1:
		return wire.AppendU16LE(b, uint16(v))
	}
	return wire.AppendU32LE(b, v)
}

// readVar reads a little-endian integer of the width code gives; code 3
// fails with field named.
func readVar(r *wire.Reader, code uint8, field string) uint32 {
	switch code {
	case 0:
		return uint32(r.U8())
	case 1:
		return uint32(r.U16LE())
	case 2:
		return r.U32LE()
	}
	r.Failf(field, "width code 3 is an invalid value")
	return 0
}

// readHeader reads the header byte, checks Cmd, and returns Sp and cbId.
func readHeader(r *wire.Reader, want Cmd) (sp, cbID uint8, err error) {
	h := r.U8()
	if err := r.Err(); err != nil {
		return 0, 0, err
	}
	cmd, sp, cbID := splitHeader(h)
	if cmd != want {
		return 0, 0, r.Failf("Cmd", "%v, want %v", cmd, want)
	}
	return sp, cbID, nil
}
