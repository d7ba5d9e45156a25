package fastpath

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// InputHeaderFlags are the flags in bits 6–7 of fpInputHeader
// ([MS-RDPBCGR] 2.2.8.1.2).
type InputHeaderFlags uint8

const (
	// InputSecureChecksum means the MAC was made with the salted technique
	// ([MS-RDPBCGR] 5.3.6.1.1).
	InputSecureChecksum InputHeaderFlags = 0x1 // FASTPATH_INPUT_SECURE_CHECKSUM
	// InputEncrypted means dataSignature is present and the rest of the PDU
	// is encrypted.
	InputEncrypted InputHeaderFlags = 0x2 // FASTPATH_INPUT_ENCRYPTED
)

// Has reports whether every flag in x is set in f.
func (f InputHeaderFlags) Has(x InputHeaderFlags) bool { return f&x == x }

func (f InputHeaderFlags) String() string {
	return wire.FormatFlags(uint64(f), []wire.Flag{
		{Bits: uint64(InputSecureChecksum), Name: "FASTPATH_INPUT_SECURE_CHECKSUM"},
		{Bits: uint64(InputEncrypted), Name: "FASTPATH_INPUT_ENCRYPTED"},
	})
}

// MaxHeaderEvents is the largest event count fpInputHeader can carry; more
// events need the separate numEvents byte.
const MaxHeaderEvents = 15

// Input header bit fields (2.2.8.1.2).
const (
	actionMask           = 0x03 // action, bits 0–1
	actionFastPath       = 0x00 // FASTPATH_INPUT_ACTION_FASTPATH / FASTPATH_OUTPUT_ACTION_FASTPATH
	actionX224           = 0x03 // FASTPATH_INPUT_ACTION_X224: a TPKT header, not fast-path
	numEventsShift       = 2    // numEvents, bits 2–5
	numEventsMask        = 0x0F
	secFlagsShift        = 6 // flags, bits 6–7
	signatureSize        = 8 // dataSignature
	inputHeaderFlagsMask = InputSecureChecksum | InputEncrypted
)

// InputPDU is the Client Fast-Path Input Event PDU (TS_FP_INPUT_PDU),
// [MS-RDPBCGR] 2.2.8.1.2.
//
// It is framed only: Data is the region after dataSignature, still
// encrypted when Flags has InputEncrypted. The caller checks the MAC,
// decrypts Data in place and passes it with NumEvents to
// DecodeInputEvents.
//
// fipsInformation is not supported: it is present only when the server
// selected ENCRYPTION_METHOD_FIPS, which ranoviced never does, so a FIPS
// PDU would fail the MAC check or the event decoding.
type InputPDU struct {
	Flags InputHeaderFlags // flags of fpInputHeader
	// NumEvents is the numEvents field of fpInputHeader: 1 to 15, or 0 when
	// the count is the first byte of Data instead.
	NumEvents uint8
	Signature [8]byte // dataSignature, present when Flags has InputEncrypted
	// Data is the optional numEvents byte followed by fpInputEvents,
	// possibly encrypted. Decoding aliases the input.
	Data []byte
}

var _ wire.PDU = (*InputPDU)(nil)

func (p *InputPDU) bodySize() int {
	n := len(p.Data)
	if p.Flags.Has(InputEncrypted) {
		n += signatureSize
	}
	return n
}

// Size returns the encoded length in bytes, with the length field in its
// shortest form.
func (p *InputPDU) Size() int {
	total, _, _ := pduLength(p.bodySize()) // fpInputHeader + length1 [+ length2] + dataSignature + Data
	return total
}

// AppendBinary appends the PDU with the shortest length form. It fails for
// values no valid PDU holds: numEvents over 15, unknown flags, a checksum
// flag without encryption, a signature without the encrypted flag, no
// data, or a total over 0x7FFF bytes.
func (p *InputPDU) AppendBinary(b []byte) ([]byte, error) {
	if err := p.check(); err != nil {
		return b, fmt.Errorf("fastpath: TS_FP_INPUT_PDU: %w", err)
	}
	total, lsize, ok := pduLength(p.bodySize())
	if !ok {
		return b, fmt.Errorf("fastpath: TS_FP_INPUT_PDU: length %d exceeds %d", total, MaxPDULength)
	}
	b = append(b, actionFastPath|p.NumEvents<<numEventsShift|byte(p.Flags)<<secFlagsShift)
	b = appendLength(b, total, lsize)
	if p.Flags.Has(InputEncrypted) {
		b = append(b, p.Signature[:]...)
	}
	return append(b, p.Data...), nil
}

func (p *InputPDU) check() error {
	switch {
	case p.NumEvents > MaxHeaderEvents:
		return fmt.Errorf("%w: numEvents %d does not fit in 4 bits", wire.ErrInvalid, p.NumEvents)
	case p.Flags&^inputHeaderFlagsMask != 0:
		return fmt.Errorf("%w: flags %v", wire.ErrInvalid, p.Flags)
	case p.Flags.Has(InputSecureChecksum) && !p.Flags.Has(InputEncrypted):
		return fmt.Errorf("%w: FASTPATH_INPUT_SECURE_CHECKSUM without FASTPATH_INPUT_ENCRYPTED", wire.ErrInvalid)
	case !p.Flags.Has(InputEncrypted) && p.Signature != [8]byte{}:
		return fmt.Errorf("%w: dataSignature without FASTPATH_INPUT_ENCRYPTED", wire.ErrInvalid)
	case len(p.Data) == 0:
		return fmt.Errorf("%w: no events", wire.ErrInvalid)
	}
	return nil
}

// Decode reads one TS_FP_INPUT_PDU from r: exactly the number of bytes its
// length field gives.
func (p *InputPDU) Decode(r *wire.Reader) error {
	hdr := r.U8()
	length, lsize := readLength(r)
	if err := r.Err(); err != nil {
		return fmt.Errorf("fastpath: TS_FP_INPUT_PDU: %w", err)
	}
	// Server processing of TS_FP_INPUT_PDU: "The contents of the embedded
	// action field of the fpInputHeader field MUST be set to
	// FASTPATH_INPUT_ACTION_FASTPATH (0)"; otherwise it is a slow-path PDU,
	// which the caller tells apart by the 0x03 of a TPKT header.
	if a := hdr & actionMask; a != actionFastPath {
		if a == actionX224 {
			r.Failf("fpInputHeader", "action %d is a TPKT header, not fast-path", a)
		} else {
			r.Failf("fpInputHeader", "action %d, want FASTPATH_INPUT_ACTION_FASTPATH", a)
		}
		return fmt.Errorf("fastpath: TS_FP_INPUT_PDU: %w", r.Err())
	}
	*p = InputPDU{
		Flags:     InputHeaderFlags(hdr >> secFlagsShift),
		NumEvents: hdr >> numEventsShift & numEventsMask,
	}
	// FASTPATH_INPUT_SECURE_CHECKSUM says how the dataSignature was made
	// (2.2.8.1.2); without FASTPATH_INPUT_ENCRYPTED there is none.
	if p.Flags.Has(InputSecureChecksum) && !p.Flags.Has(InputEncrypted) {
		r.Failf("fpInputHeader", "FASTPATH_INPUT_SECURE_CHECKSUM without FASTPATH_INPUT_ENCRYPTED")
		return fmt.Errorf("fastpath: TS_FP_INPUT_PDU: %w", r.Err())
	}
	body := length - 1 - lsize // length counts the whole PDU
	if body < 0 {
		r.Failf("length", "%d is shorter than the header", length)
		return fmt.Errorf("fastpath: TS_FP_INPUT_PDU: %w", r.Err())
	}
	br := r.Sub(body)
	if p.Flags.Has(InputEncrypted) {
		copy(p.Signature[:], br.Bytes(signatureSize))
	}
	p.Data = br.Rest()
	if err := br.Err(); err != nil {
		return fmt.Errorf("fastpath: TS_FP_INPUT_PDU: %w", err)
	}
	if len(p.Data) == 0 {
		r.Failf("fpInputEvents", "no events")
		return fmt.Errorf("fastpath: TS_FP_INPUT_PDU: %w", r.Err())
	}
	return nil
}

// UnmarshalBinary decodes b whole: the length field must equal len(b).
func (p *InputPDU) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }

// DecodeInput frames one client fast-path input PDU. It checks the action
// bits and flags and that the length field equals len(frame) (either length
// form), and returns the still possibly encrypted event region. Data
// aliases frame.
func DecodeInput(frame []byte) (InputPDU, error) {
	var p InputPDU
	err := p.UnmarshalBinary(frame)
	return p, err
}

// AppendInputPDU appends a TS_FP_INPUT_PDU whose event region is data, for
// the Go test client. sig must be non-nil exactly when flags has
// InputEncrypted; data is then the ciphertext. numEventsInHeader is the
// header's count (see NumEventsInHeader): when it is 0, data must begin
// with the numEvents byte, as AppendInputEvents writes it.
func AppendInputPDU(b []byte, flags InputHeaderFlags, sig *[8]byte, numEventsInHeader uint8, data []byte) ([]byte, error) {
	if (sig != nil) != flags.Has(InputEncrypted) {
		return b, fmt.Errorf("fastpath: TS_FP_INPUT_PDU: a dataSignature goes with FASTPATH_INPUT_ENCRYPTED and only with it (flags %v)", flags)
	}
	p := InputPDU{Flags: flags, NumEvents: numEventsInHeader, Data: data}
	if sig != nil {
		p.Signature = *sig
	}
	return p.AppendBinary(b)
}
