package gcc

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/per"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// ConferenceCreateRequest is the GCC Conference Create Request ([T124] 8.7)
// inside its T.124 ConnectData, as the client sends it in the userData of
// the MCS Connect Initial PDU, [MS-RDPBCGR] 2.2.1.3 (gccCCrq). Server
// processing: 3.3.5.3.3. Its bytes are, in ALIGNED PER:
//
//	00                 ConnectData::t124Identifier: Key CHOICE object
//	05 00 14 7c 00 01  OBJECT IDENTIFIER 0.0.20.124.0.1
//	LL [LL]            ConnectData::connectPDU length
//	00                 ConnectGCCPDU CHOICE conferenceCreateRequest
//	08                 ConferenceCreateRequest: only userData present
//	00 10              conferenceName: numeric "1"
//	00                 lockedConference, listedConference, conductibleConference
//	                   FALSE, terminationMethod automatic, padding
//	01                 userData: one set
//	c0                 value present, Key CHOICE h221NonStandard
//	00 44 75 63 61     h221NonStandard "Duca"
//	LL [LL]            value length
//	...                the client data blocks (Data)
//
// Decode checks every one of those bytes. The connectPDU length must count
// the bytes after it, with one leniency: IronRDP's client (ironrdp-pdu
// gcc/conference_create.rs, current sources) leaves the value's length
// determinant out of it, writing the data length + 12; that form is
// accepted too. mstsc ([MS-RDPBCGR] 4.1.3), FreeRDP 2.11 (gcc.c
// gcc_write_conference_create_request: data length + 14, exact because
// CS_CORE alone makes the value length two bytes), rdesktop and rdpy write
// the exact length. The value length must reach exactly the end of the
// PDU.
type ConferenceCreateRequest struct {
	Data ClientData // userData value: the client data blocks
}

var _ wire.PDU = (*ConferenceCreateRequest)(nil)

const (
	// createRequestChoice selects ConnectGCCPDU conferenceCreateRequest (0):
	// extension bit 0, 3-bit index 0, and the first bits of the request.
	createRequestChoice = 0x00
	// createRequestSelection is the rest of the request's preamble: of its
	// optional fields only userData is present.
	createRequestSelection = 0x08
	// conferenceName is ConferenceName::numeric, which 3.2.5.3.3 has the
	// client set to "1".
	conferenceName = "1"
	// conferenceNameMin is the lower bound of SimpleNumericString
	// (SIZE (1..255)).
	conferenceNameMin = 1
	// createRequestFlags holds lockedConference, listedConference and
	// conductibleConference (FALSE), terminationMethod (automatic) and
	// padding.
	createRequestFlags = 0x00

	// createRequestFixedSize is the connectPDU before the userData value
	// length: choice, selection, conferenceName (length and one byte of
	// digits), flags, and userData up to the key.
	createRequestFixedSize = 1 /* choice */ + 1 /* selection */ + 1 /* conferenceName length */ +
		1 /* conferenceName digits */ + 1 /* flags */ + 1 /* SET OF count */ + 1 /* preamble */ +
		1 /* key length */ + h221KeyMin /* "Duca" */
)

// requestConnectPDULength returns the exact connectPDU length for client
// data of n bytes.
func requestConnectPDULength(n int) int {
	return createRequestFixedSize + per.LengthSize(n) /* value length */ + n
}

// Size returns the encoded length in bytes.
func (p *ConferenceCreateRequest) Size() int {
	cp := requestConnectPDULength(p.Data.Size())
	return connectDataKeySize + per.LengthSize(cp) /* connectPDU length */ + cp
}

// AppendBinary implements [encoding.BinaryAppender]. It writes the exact
// connectPDU length.
func (p *ConferenceCreateRequest) AppendBinary(b []byte) ([]byte, error) {
	blocks, err := p.Data.blocks()
	if err != nil {
		return b, err
	}
	n := blocksSize(blocks)
	cp := requestConnectPDULength(n)
	if cp > per.MaxLength {
		return b, fmt.Errorf("gcc: Conference Create Request: %d bytes of client data do not fit a connectPDU", n)
	}
	if b, err = appendConnectDataKey(b); err != nil {
		return b, err
	}
	if b, err = per.AppendLength(b, cp); err != nil {
		return b, err
	}
	b = append(b, createRequestChoice, createRequestSelection)
	if b, err = per.AppendNumericString(b, conferenceName, conferenceNameMin); err != nil {
		return b, err
	}
	b = append(b, createRequestFlags)
	if b, err = appendUserData(b, h221ClientKey, n); err != nil {
		return b, err
	}
	return appendBlocks(b, blocks)
}

// Decode reads one Conference Create Request, ending where its userData
// value ends.
func (p *ConferenceCreateRequest) Decode(r *wire.Reader) error {
	const name = "gcc: Conference Create Request"
	if err := readConnectDataKey(r); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	cp := per.ReadLength(r)
	start := r.Offset()
	choice, selection := per.ReadChoice(r), per.ReadSelection(r)
	confName := per.ReadNumericString(r, conferenceNameMin)
	flags := r.U8()
	if err := r.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	switch {
	case choice != createRequestChoice:
		r.Failf("ConnectGCCPDU", "CHOICE %#02x, want conferenceCreateRequest (%#02x)", choice, createRequestChoice)
	case selection != createRequestSelection:
		r.Failf("ConferenceCreateRequest", "optional fields %#02x, want userData only (%#02x)", selection, createRequestSelection)
	case confName != conferenceName:
		r.Failf("conferenceName", "%q, want %q", confName, conferenceName)
	case flags != createRequestFlags:
		r.Failf("ConferenceCreateRequest", "conference flags %#02x, want %#02x", flags, createRequestFlags)
	}
	if err := r.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	n, nSize, err := readUserData(r, h221ClientKey)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	// ConnectData::connectPDU is an OCTET STRING: its length counts the
	// bytes of the ConnectGCCPDU, which ends with the userData value.
	exact := r.Offset() - start + n
	if cp != exact && cp != exact-nSize { // exact-nSize: IronRDP's client
		r.Failf("ConnectData::connectPDU", "length %d, but %d bytes follow", cp, exact)
		return fmt.Errorf("%s: %w", name, r.Err())
	}
	if requestConnectPDULength(n) > per.MaxLength { // only reachable in IronRDP's form
		r.Failf("ConnectData::connectPDU", "%d bytes of client data do not re-encode", n)
		return fmt.Errorf("%s: %w", name, r.Err())
	}
	value := r.Sub(n)
	if err := r.Err(); err != nil {
		return fmt.Errorf("%s: userData value: %w", name, err)
	}
	var d ClientData
	if err := d.Decode(value); err != nil {
		return err
	}
	p.Data = d
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]. Bytes after the
// userData value are an error.
func (p *ConferenceCreateRequest) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
