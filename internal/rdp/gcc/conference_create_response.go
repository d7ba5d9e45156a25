package gcc

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/per"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// ConferenceCreateResponse is the GCC Conference Create Response ([T124]
// 8.7) inside its T.124 ConnectData, as the server sends it in the userData
// of the MCS Connect Response PDU, [MS-RDPBCGR] 2.2.1.4 (gccCCrsp). Client
// processing: 3.2.5.3.4. Its bytes are, in ALIGNED PER (the [MS-RDPBCGR]
// 4.1.4 sample):
//
//	00                 ConnectData::t124Identifier: Key CHOICE object
//	05 00 14 7c 00 01  OBJECT IDENTIFIER 0.0.20.124.0.1
//	2a                 ConnectData::connectPDU length: always 42 (see below)
//	14                 ConnectGCCPDU CHOICE conferenceCreateResponse, userData present
//	76 0a              nodeID: 0x760a + 1001 = 31219
//	01 01              tag: 1
//	00                 result: success
//	01                 userData: one set
//	c0                 value present, Key CHOICE h221NonStandard
//	00 4d 63 44 6e     h221NonStandard "McDn"
//	LL [LL]            value length
//	...                the server data blocks (Data)
//
// The connectPDU length does not count what follows: the 4.1.4 sample
// writes 42 and annotates "This length MUST be ignored by the client", and
// FreeRDP (gcc.c gcc_write_conference_create_response) and xrdp write the
// same constant. The encoder writes 42; the decoder accepts any length.
// Every other byte is checked, and the value length must reach exactly the
// end of the PDU.
type ConferenceCreateResponse struct {
	NodeID uint16           // nodeID: a UserID, 1001..65535
	Tag    uint32           // tag
	Result ConferenceResult // result
	Data   ServerData       // userData value: the server data blocks
}

var _ wire.PDU = (*ConferenceCreateResponse)(nil)

// Values of the [MS-RDPBCGR] 4.1.4 sample, which FreeRDP and xrdp send too.
const (
	ResponseNodeID uint16 = 31219 // nodeID: 0x79F3, written 76 0a
	ResponseTag    uint32 = 1     // tag
)

const (
	// responseConnectPDULength is the connectPDU length every server writes.
	responseConnectPDULength = 0x2A
	// createResponseChoice selects ConnectGCCPDU conferenceCreateResponse
	// (1): extension bit 0, 3-bit index 001, then the response's extension
	// bit 0 and userData present 1, padded: 0b00010100.
	createResponseChoice = 0x14
	// nodeIDMin is the lower bound of UserID (DynamicChannelID, 1001..65535).
	nodeIDMin = 1001
)

// NewConferenceCreateResponse returns the response ranoviced sends: the
// nodeID and tag of the 4.1.4 sample, result success, and data.
func NewConferenceCreateResponse(data ServerData) *ConferenceCreateResponse {
	return &ConferenceCreateResponse{NodeID: ResponseNodeID, Tag: ResponseTag, Result: ResultSuccess, Data: data}
}

// responseFixedSize is the PDU up to the userData value length, without
// the tag.
const responseFixedSize = connectDataKeySize + 1 /* connectPDU length */ + 1 /* choice */ +
	2 /* nodeID */ + 1 /* result */

// Size returns the encoded length in bytes.
func (p *ConferenceCreateResponse) Size() int {
	n := p.Data.Size()
	return responseFixedSize + integerSize(p.Tag) + userDataHeaderSize(n) + n
}

// integerSize returns the size of per.AppendInteger(v).
func integerSize(v uint32) int {
	switch {
	case v <= 0xFF:
		return 2
	case v <= 0xFFFF:
		return 3
	}
	return 5
}

// AppendBinary implements [encoding.BinaryAppender].
func (p *ConferenceCreateResponse) AppendBinary(b []byte) ([]byte, error) {
	result, err := p.Result.encode()
	if err != nil {
		return b, err
	}
	blocks, err := p.Data.blocks()
	if err != nil {
		return b, err
	}
	if b, err = appendConnectDataKey(b); err != nil {
		return b, err
	}
	b = append(b, responseConnectPDULength, createResponseChoice)
	if b, err = per.AppendInteger16(b, p.NodeID, nodeIDMin); err != nil {
		return b, fmt.Errorf("gcc: Conference Create Response: nodeID: %w", err)
	}
	b = per.AppendInteger(b, p.Tag)
	b = append(b, result)
	if b, err = appendUserData(b, h221ServerKey, blocksSize(blocks)); err != nil {
		return b, err
	}
	return appendBlocks(b, blocks)
}

// Decode reads one Conference Create Response, ending where its userData
// value ends.
func (p *ConferenceCreateResponse) Decode(r *wire.Reader) error {
	const name = "gcc: Conference Create Response"
	if err := readConnectDataKey(r); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	// 4.1.4: the connectPDU length "MUST be ignored by the client".
	per.ReadLength(r)
	choice := per.ReadChoice(r)
	if err := r.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if choice != createResponseChoice {
		r.Failf("ConnectGCCPDU", "CHOICE %#02x, want conferenceCreateResponse with userData (%#02x)", choice, createResponseChoice)
		return fmt.Errorf("%s: %w", name, r.Err())
	}
	nodeID := per.ReadInteger16(r, nodeIDMin)
	tag := per.ReadInteger(r)
	result := decodeConferenceResult(r)
	if err := r.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	n, _, err := readUserData(r, h221ServerKey)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	value := r.Sub(n)
	if err := r.Err(); err != nil {
		return fmt.Errorf("%s: userData value: %w", name, err)
	}
	var d ServerData
	if err := d.Decode(value); err != nil {
		return err
	}
	*p = ConferenceCreateResponse{NodeID: nodeID, Tag: tag, Result: result, Data: d}
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]. Bytes after the
// userData value are an error.
func (p *ConferenceCreateResponse) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }

// ConferenceResult is the result of a ConferenceCreateResponse, [T124] 8.7:
//
//	result ENUMERATED { success (0), userRejected (1), resourcesNotAvailable (2),
//	    rejectedForSymmetryBreaking (3), lockedConferenceNotSupported (4), ... }
//
// In ALIGNED PER it takes one byte: the extension bit, three bits of value,
// and four bits of padding before the userData count. Servers send success,
// 0x00.
type ConferenceResult uint8

// Conference Create results, [T124] 8.7.
const (
	ResultSuccess                      ConferenceResult = 0 // success
	ResultUserRejected                 ConferenceResult = 1 // userRejected
	ResultResourcesNotAvailable        ConferenceResult = 2 // resourcesNotAvailable
	ResultRejectedForSymmetryBreaking  ConferenceResult = 3 // rejectedForSymmetryBreaking
	ResultLockedConferenceNotSupported ConferenceResult = 4 // lockedConferenceNotSupported
)

func (c ConferenceResult) String() string {
	switch c {
	case ResultSuccess:
		return "success"
	case ResultUserRejected:
		return "userRejected"
	case ResultResourcesNotAvailable:
		return "resourcesNotAvailable"
	case ResultRejectedForSymmetryBreaking:
		return "rejectedForSymmetryBreaking"
	case ResultLockedConferenceNotSupported:
		return "lockedConferenceNotSupported"
	}
	return fmt.Sprintf("ConferenceResult(%d)", uint8(c))
}

// encode returns the result's byte.
func (c ConferenceResult) encode() (byte, error) {
	if c > ResultLockedConferenceNotSupported {
		return 0, fmt.Errorf("gcc: Conference Create Response: result %d is not a T.124 root value", uint8(c))
	}
	return byte(c) << 4, nil
}

// decodeConferenceResult reads the result byte: no extension, a root value,
// zero padding.
func decodeConferenceResult(r *wire.Reader) ConferenceResult {
	b := r.U8()
	if r.Err() != nil {
		return 0
	}
	if b&0x8F != 0 || ConferenceResult(b>>4) > ResultLockedConferenceNotSupported {
		r.Failf("result", "%#02x is not a T.124 root value", b)
		return 0
	}
	return ConferenceResult(b >> 4)
}
