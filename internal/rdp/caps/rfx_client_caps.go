package caps

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// RFXCaptureFlags is captureFlags of the RemoteFX client container.
type RFXCaptureFlags uint32

// CardpCapsCaptureNonCAC means the client accepts RemoteFX mixed with other
// codecs.
const CardpCapsCaptureNonCAC RFXCaptureFlags = 0x00000001 // CARDP_CAPS_CAPTURE_NON_CAC

// RFXICap is a TS_RFX_ICAP, [MS-RDPRFX] 2.2.1.1.1.1.1: one set of decoder
// properties. The spec fixes Version (CLW_VERSION_1_0 0x0100), TileSize
// (CT_TILE_64x64 0x0040), ColConvBits (CLW_COL_CONV_ICT 1) and
// TransformBits (CLW_XFORM_DWT_53_A 1); they are kept as sent so the
// encoder can decline an entry it cannot serve.
type RFXICap struct {
	Version       uint16 // version
	TileSize      uint16 // tileSize
	Flags         uint8  // flags: CODEC_MODE 0x02 = image mode only
	ColConvBits   uint8  // colConvBits
	TransformBits uint8  // transformBits
	EntropyBits   uint8  // entropyBits: CLW_ENTROPY_RLGR1 0x01, CLW_ENTROPY_RLGR3 0x04
}

// RemoteFX ICAP constants.
const (
	RFXCodecMode     = 0x02                                                                                                 // CODEC_MODE (RFXICap.Flags)
	RFXVersion1      = 0x0100                                                                                               // CLW_VERSION_1_0
	RFXTile64x64     = 0x0040                                                                                               // CT_TILE_64x64
	RFXColConvICT    = 0x01                                                                                                 // CLW_COL_CONV_ICT
	RFXXformDWT53A   = 0x01                                                                                                 // CLW_XFORM_DWT_53_A
	RFXEntropyRLGR1  = 0x01                                                                                                 // CLW_ENTROPY_RLGR1
	RFXEntropyRLGR3  = 0x04                                                                                                 // CLW_ENTROPY_RLGR3
	rfxICapSize      = 2 /* version */ + 2 /* tileSize */ + 1 /* flags */ + 1 /* colConvBits */ + 1 /* transformBits */ + 1 /* entropyBits */
	rfxCapsBlockType = 0xCBC0                                                                                               // CBY_CAPS
	rfxCapsBlockLen  = 2 /* blockType */ + 4 /* blockLen */ + 2                                                             /* numCapsets */
	rfxCapsetType    = 0xCBC1                                                                                               // CBY_CAPSET
	rfxCapsetFixed   = 2 /* blockType */ + 4 /* blockLen */ + 1 /* codecId */ + 2 /* capsetType */ + 2 /* numIcaps */ + 2   /* icapLen */
	rfxClyCapset     = 0xCFC0                                                                                               // CLY_CAPSET
	rfxContainerHdr  = 4 /* length */ + 4 /* captureFlags */ + 4                                                            /* capsLength */
)

// RFXClientCaps is the RemoteFX client capability container
// (TS_RFX_CLNT_CAPS_CONTAINER), [MS-RDPRFX] 2.2.1.1, with the TS_RFX_CAPS
// (2.2.1.1.1) and the single TS_RFX_CAPSET (2.2.1.1.1.1) it wraps. It is the
// codecProperties of a client's RemoteFX or Image-RemoteFX TS_BITMAPCODEC.
type RFXClientCaps struct {
	CaptureFlags RFXCaptureFlags // captureFlags
	ICaps        []RFXICap       // icapsData; numIcaps is len(ICaps)
}

var _ wire.PDU = (*RFXClientCaps)(nil)

func (p *RFXClientCaps) capsLength() int {
	return rfxCapsBlockLen + rfxCapsetFixed + len(p.ICaps)*rfxICapSize
}

// Size returns the encoded length.
func (p *RFXClientCaps) Size() int { return rfxContainerHdr + p.capsLength() }

// AppendBinary appends the container. It fails for more than 65535 ICAPs.
func (p *RFXClientCaps) AppendBinary(b []byte) ([]byte, error) {
	if len(p.ICaps) > 0xFFFF {
		return nil, fmt.Errorf("caps: TS_RFX_CAPSET: %d ICAPs exceed 65535", len(p.ICaps))
	}
	b = wire.AppendU32LE(b, uint32(p.Size())) // length
	b = wire.AppendU32LE(b, uint32(p.CaptureFlags))
	b = wire.AppendU32LE(b, uint32(p.capsLength())) // capsLength
	// TS_RFX_CAPS
	b = wire.AppendU16LE(b, rfxCapsBlockType)
	b = wire.AppendU32LE(b, rfxCapsBlockLen)
	b = wire.AppendU16LE(b, 1) // numCapsets: "MUST be set to 0x0001"
	// TS_RFX_CAPSET
	b = wire.AppendU16LE(b, rfxCapsetType)
	b = wire.AppendU32LE(b, uint32(rfxCapsetFixed+len(p.ICaps)*rfxICapSize)) // blockLen
	b = append(b, 0x01)                                                      // codecId: "MUST be set to 0x01"
	b = wire.AppendU16LE(b, rfxClyCapset)
	b = wire.AppendU16LE(b, uint16(len(p.ICaps)))
	b = wire.AppendU16LE(b, rfxICapSize) // icapLen
	for _, c := range p.ICaps {
		b = wire.AppendU16LE(b, c.Version)
		b = wire.AppendU16LE(b, c.TileSize)
		b = append(b, c.Flags, c.ColConvBits, c.TransformBits, c.EntropyBits)
	}
	return b, nil
}

// Decode reads one TS_RFX_CLNT_CAPS_CONTAINER. Every length field must
// match the data: length the whole container, capsLength the TS_RFX_CAPS,
// blockLen each block, icapLen 8 (the size of the only TS_RFX_ICAP layout).
func (p *RFXClientCaps) Decode(r *wire.Reader) error {
	const name = "caps: TS_RFX_CLNT_CAPS_CONTAINER: %w"
	length := r.U32LE()
	if r.Err() != nil {
		return fmt.Errorf(name, r.Err())
	}
	// length: "the combined size, in bytes, of the length, captureFlags,
	// capsLength, and capsData fields".
	if length < rfxContainerHdr || uint64(length)-4 > uint64(r.Len()) {
		return fmt.Errorf(name, r.Failf("length", "%d does not fit the %d bytes present", length, r.Len()+4))
	}
	c := r.Sub(int(length) - 4)
	p.CaptureFlags = RFXCaptureFlags(c.U32LE())
	if capsLength := c.U32LE(); c.Err() == nil && uint64(capsLength) != uint64(c.Len()) {
		c.Failf("capsLength", "%d, want %d", capsLength, c.Len())
	}
	// TS_RFX_CAPS
	expect16(c, "blockType", rfxCapsBlockType) // "MUST be set to CBY_CAPS (0xCBC0)"
	expect32(c, "blockLen", rfxCapsBlockLen)   // "MUST be set to 0x0008"
	expect16(c, "numCapsets", 1)               // "MUST be set to 0x0001"
	// TS_RFX_CAPSET
	expect16(c, "blockType", rfxCapsetType) // "MUST be set to CBY_CAPSET (0xCBC1)"
	blockLen := c.U32LE()
	if c.Err() == nil && uint64(blockLen) != uint64(c.Len())+6 {
		c.Failf("blockLen", "%d, want %d", blockLen, c.Len()+6)
	}
	expect8(c, "codecId", 0x01)             // "MUST be set to 0x01"
	expect16(c, "capsetType", rfxClyCapset) // "MUST be set to CLY_CAPSET (0xCFC0)"
	numIcaps := int(c.U16LE())
	expect16(c, "icapLen", rfxICapSize)
	if c.Err() == nil && numIcaps*rfxICapSize != c.Len() {
		c.Failf("numIcaps", "%d ICAPs of %d bytes, %d bytes present", numIcaps, rfxICapSize, c.Len())
	}
	if err := c.Err(); err != nil {
		return fmt.Errorf(name, err)
	}
	p.ICaps = make([]RFXICap, numIcaps)
	for i := range p.ICaps {
		p.ICaps[i] = RFXICap{
			Version: c.U16LE(), TileSize: c.U16LE(),
			Flags: c.U8(), ColConvBits: c.U8(), TransformBits: c.U8(), EntropyBits: c.U8(),
		}
	}
	if err := c.Finish(); err != nil {
		return fmt.Errorf(name, err)
	}
	return nil
}

// UnmarshalBinary decodes b, which must hold exactly the container.
func (p *RFXClientCaps) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }

func expect8(r *wire.Reader, field string, want uint8) {
	if v := r.U8(); r.Err() == nil && v != want {
		r.Failf(field, "%#x, want %#x", v, want)
	}
}

func expect16(r *wire.Reader, field string, want uint16) {
	if v := r.U16LE(); r.Err() == nil && v != want {
		r.Failf(field, "%#x, want %#x", v, want)
	}
}

func expect32(r *wire.Reader, field string, want uint32) {
	if v := r.U32LE(); r.Err() == nil && v != want {
		r.Failf(field, "%#x, want %#x", v, want)
	}
}
