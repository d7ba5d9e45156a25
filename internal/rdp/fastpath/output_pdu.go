package fastpath

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// OutputHeaderFlags are the flags in bits 6–7 of fpOutputHeader
// ([MS-RDPBCGR] 2.2.9.1.2).
type OutputHeaderFlags uint8

const (
	// OutputSecureChecksum means the MAC was made with the salted technique
	// ([MS-RDPBCGR] 5.3.6.1.1).
	OutputSecureChecksum OutputHeaderFlags = 0x1 // FASTPATH_OUTPUT_SECURE_CHECKSUM
	// OutputEncrypted means dataSignature is present and the updates are
	// encrypted.
	OutputEncrypted OutputHeaderFlags = 0x2 // FASTPATH_OUTPUT_ENCRYPTED
)

const (
	outputHeaderFlagsMask = OutputSecureChecksum | OutputEncrypted
	outputReservedMask    = 0x3C // reserved, bits 2–5 of fpOutputHeader
)

// Has reports whether every flag in x is set in f.
func (f OutputHeaderFlags) Has(x OutputHeaderFlags) bool { return f&x == x }

func (f OutputHeaderFlags) String() string {
	return wire.FormatFlags(uint64(f), []wire.Flag{
		{Bits: uint64(OutputSecureChecksum), Name: "FASTPATH_OUTPUT_SECURE_CHECKSUM"},
		{Bits: uint64(OutputEncrypted), Name: "FASTPATH_OUTPUT_ENCRYPTED"},
	})
}

// Sizes for output PDUs.
//
// The length field could describe up to MaxPDULength (0x7FFF) bytes, but
// FreeRDP 2.11 sizes its fast-path buffers for FASTPATH_MAX_PACKET_SIZE
// (0x3FFF) and fragments anything bigger (fastpath.h, fastpath.c
// fastpath_send_update_pdu), and rdp-server.md §5.1 keeps every PDU within
// it. The server therefore splits update data into fragments of at most
// MaxFragmentSize bytes: FreeRDP's own rule (FASTPATH_MAX_PACKET_SIZE − 20),
// which leaves room for the 3-byte header and length, fipsInformation (4),
// dataSignature (8) and the 4-byte update header with compressionFlags, so
// a fragment never makes a PDU over MaxPDUSize.
const (
	MaxPDUSize      = 0x3FFF          // FASTPATH_MAX_PACKET_SIZE
	MaxFragmentSize = MaxPDUSize - 20 // FreeRDP's fragment limit: 16,363 bytes of updateData
	// SafeUpdateSize is FreeRDP's FASTPATH_FRAGMENT_SAFE_SIZE (0x3F80): the
	// limit on an update's total size when the client sent no Multifragment
	// Update capability set, or one whose MaxRequestSize is below
	// MaxPDUSize (capabilities.c rdp_read_multifragment_update_capability_set).
	// Such updates are never fragmented. See MultifragmentLimit.
	SafeUpdateSize = 0x3F80
)

// minUpdates is the smallest fpOutputUpdates: one TS_FP_UPDATE with no data.
const minUpdates = 1 /* updateHeader */ + 2 /* size */

// OutputPDU is the Server Fast-Path Update PDU (TS_FP_UPDATE_PDU),
// [MS-RDPBCGR] 2.2.9.1.2, framed only: Data is fpOutputUpdates, encrypted
// when Flags has OutputEncrypted. fipsInformation is not supported (see
// the package documentation).
type OutputPDU struct {
	Flags     OutputHeaderFlags // flags of fpOutputHeader
	Signature [8]byte           // dataSignature, present when Flags has OutputEncrypted
	// Data is fpOutputUpdates: one or more TS_FP_UPDATE, possibly
	// encrypted. Decoding aliases the input.
	Data []byte
}

var _ wire.PDU = (*OutputPDU)(nil)

func (p *OutputPDU) bodySize() int {
	n := len(p.Data)
	if p.Flags.Has(OutputEncrypted) {
		n += signatureSize
	}
	return n
}

// Size returns the encoded length in bytes: the length field is one byte
// when the PDU is under 0x80 bytes, else two.
func (p *OutputPDU) Size() int {
	total, _, _ := pduLength(p.bodySize()) // fpOutputHeader + length1 [+ length2] + dataSignature + fpOutputUpdates
	return total
}

// AppendBinary appends the PDU. It fails for unknown flags, a checksum
// flag without encryption, a signature without the encrypted flag, fewer
// than 3 bytes of updates, or a total over 0x7FFF bytes.
func (p *OutputPDU) AppendBinary(b []byte) ([]byte, error) {
	switch {
	case p.Flags&^outputHeaderFlagsMask != 0:
		return b, fmt.Errorf("fastpath: TS_FP_UPDATE_PDU: %w: flags %v", wire.ErrInvalid, p.Flags)
	case p.Flags.Has(OutputSecureChecksum) && !p.Flags.Has(OutputEncrypted):
		return b, fmt.Errorf("fastpath: TS_FP_UPDATE_PDU: %w: FASTPATH_OUTPUT_SECURE_CHECKSUM without FASTPATH_OUTPUT_ENCRYPTED", wire.ErrInvalid)
	case !p.Flags.Has(OutputEncrypted) && p.Signature != [8]byte{}:
		return b, fmt.Errorf("fastpath: TS_FP_UPDATE_PDU: %w: dataSignature without FASTPATH_OUTPUT_ENCRYPTED", wire.ErrInvalid)
	case len(p.Data) < minUpdates:
		return b, fmt.Errorf("fastpath: TS_FP_UPDATE_PDU: %w: %d bytes of updates, want at least one TS_FP_UPDATE", wire.ErrInvalid, len(p.Data))
	}
	total, lsize, ok := pduLength(p.bodySize())
	if !ok {
		return b, fmt.Errorf("fastpath: TS_FP_UPDATE_PDU: length %d exceeds %d", total, MaxPDULength)
	}
	b = append(b, actionFastPath|byte(p.Flags)<<secFlagsShift) // reserved bits 2–5 are zero
	b = appendLength(b, total, lsize)
	if p.Flags.Has(OutputEncrypted) {
		b = append(b, p.Signature[:]...)
	}
	return append(b, p.Data...), nil
}

// Decode reads one TS_FP_UPDATE_PDU from r: exactly the number of bytes
// its length field gives.
func (p *OutputPDU) Decode(r *wire.Reader) error {
	hdr := r.U8()
	length, lsize := readLength(r)
	if err := r.Err(); err != nil {
		return fmt.Errorf("fastpath: TS_FP_UPDATE_PDU: %w", err)
	}
	// 2.2.9.1.2: action is FASTPATH_OUTPUT_ACTION_FASTPATH (0); the four
	// reserved bits are unused, and ranoviced's server writes them as 0.
	if a := hdr & actionMask; a != actionFastPath {
		r.Failf("fpOutputHeader", "action %d, want FASTPATH_OUTPUT_ACTION_FASTPATH", a)
		return fmt.Errorf("fastpath: TS_FP_UPDATE_PDU: %w", r.Err())
	}
	if hdr&outputReservedMask != 0 {
		r.Failf("fpOutputHeader", "reserved bits %#02x are set", hdr)
		return fmt.Errorf("fastpath: TS_FP_UPDATE_PDU: %w", r.Err())
	}
	*p = OutputPDU{Flags: OutputHeaderFlags(hdr >> secFlagsShift)}
	if p.Flags.Has(OutputSecureChecksum) && !p.Flags.Has(OutputEncrypted) {
		r.Failf("fpOutputHeader", "FASTPATH_OUTPUT_SECURE_CHECKSUM without FASTPATH_OUTPUT_ENCRYPTED")
		return fmt.Errorf("fastpath: TS_FP_UPDATE_PDU: %w", r.Err())
	}
	body := length - 1 - lsize
	if body < 0 {
		r.Failf("length", "%d is shorter than the header", length)
		return fmt.Errorf("fastpath: TS_FP_UPDATE_PDU: %w", r.Err())
	}
	br := r.Sub(body)
	if p.Flags.Has(OutputEncrypted) {
		copy(p.Signature[:], br.Bytes(signatureSize))
	}
	p.Data = br.Rest()
	if err := br.Err(); err != nil {
		return fmt.Errorf("fastpath: TS_FP_UPDATE_PDU: %w", err)
	}
	if len(p.Data) < minUpdates {
		r.Failf("fpOutputUpdates", "%d bytes, want at least one TS_FP_UPDATE", len(p.Data))
		return fmt.Errorf("fastpath: TS_FP_UPDATE_PDU: %w", r.Err())
	}
	return nil
}

// UnmarshalBinary decodes b whole: the length field must equal len(b).
func (p *OutputPDU) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }

// AppendOutputPDU appends a TS_FP_UPDATE_PDU carrying updates: one or more
// TS_FP_UPDATE as AppendUpdate writes them, already encrypted when flags
// has OutputEncrypted, in which case sig is the MAC over their plaintext.
// sig must be non-nil exactly when flags has OutputEncrypted. The length
// field is one byte when the PDU is under 0x80 bytes, else two; a total
// over 0x7FFF bytes is an error (keep PDUs within MaxPDUSize with Split).
func AppendOutputPDU(b []byte, flags OutputHeaderFlags, sig *[8]byte, updates []byte) ([]byte, error) {
	if (sig != nil) != flags.Has(OutputEncrypted) {
		return b, fmt.Errorf("fastpath: TS_FP_UPDATE_PDU: a dataSignature goes with FASTPATH_OUTPUT_ENCRYPTED and only with it (flags %v)", flags)
	}
	p := OutputPDU{Flags: flags, Data: updates}
	if sig != nil {
		p.Signature = *sig
	}
	return p.AppendBinary(b)
}

// DecodeOutput frames one server fast-path output PDU, for the Go test
// client. Data aliases frame; decrypt it, then call DecodeUpdates.
func DecodeOutput(frame []byte) (OutputPDU, error) {
	var p OutputPDU
	err := p.UnmarshalBinary(frame)
	return p, err
}
