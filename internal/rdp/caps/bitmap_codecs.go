package caps

import (
	"bytes"
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// GUID is a Globally Unique Identifier as carried in codecGUID
// ([MS-RDPBCGR] 2.2.7.2.10.1.1.1, [MS-DTYP] 2.3.4): Data1, Data2 and Data3
// little-endian, then Data4 as bytes.
type GUID struct {
	Data1 uint32  // codecGUID1
	Data2 uint16  // codecGUID2
	Data3 uint16  // codecGUID3
	Data4 [8]byte // codecGUID4 … codecGUID11
}

const guidSize = 4 /* Data1 */ + 2 /* Data2 */ + 2 /* Data3 */ + 8 /* Data4 */

func (g GUID) String() string {
	return fmt.Sprintf("%08X-%04X-%04X-%X-%X", g.Data1, g.Data2, g.Data3, g.Data4[:2], g.Data4[2:])
}

func (g GUID) append(b []byte) []byte {
	b = wire.AppendU32LE(b, g.Data1)
	b = wire.AppendU16LE(b, g.Data2)
	b = wire.AppendU16LE(b, g.Data3)
	return append(b, g.Data4[:]...)
}

func readGUID(r *wire.Reader) GUID {
	g := GUID{Data1: r.U32LE(), Data2: r.U16LE(), Data3: r.U16LE()}
	copy(g.Data4[:], r.Bytes(8))
	return g
}

// Codec names the bitmap codecs whose GUIDs the specs (and FreeRDP) define.
// It exists because GUIDs, being structs, cannot be constants: use
// Codec.GUID to build a TS_BITMAPCODEC and GUID.Codec to classify one.
type Codec uint8

// Known bitmap codecs.
const (
	CodecUnknown       Codec = iota // any other GUID
	CodecNSCodec                    // CODEC_GUID_NSCODEC ([MS-RDPNSC])
	CodecRemoteFX                   // CODEC_GUID_REMOTEFX ([MS-RDPRFX])
	CodecImageRemoteFX              // CODEC_GUID_IMAGE_REMOTEFX ([MS-RDPRFX] image mode)
	CodecIgnore                     // CODEC_GUID_IGNORE: "MUST be ignored"
	CodecJPEG                       // CODEC_GUID_JPEG (FreeRDP extension, not in the spec)
)

// GUID returns the codec's GUID; the zero GUID for CodecUnknown.
func (c Codec) GUID() GUID {
	switch c {
	case CodecNSCodec:
		return GUID{0xCA8D1BB9, 0x000F, 0x154F, [8]byte{0x58, 0x9F, 0xAE, 0x2D, 0x1A, 0x87, 0xE2, 0xD6}}
	case CodecRemoteFX:
		return GUID{0x76772F12, 0xBD72, 0x4463, [8]byte{0xAF, 0xB3, 0xB7, 0x3C, 0x9C, 0x6F, 0x78, 0x86}}
	case CodecImageRemoteFX:
		return GUID{0x2744CCD4, 0x9D8A, 0x4E74, [8]byte{0x80, 0x3C, 0x0E, 0xCB, 0xEE, 0xA1, 0x9C, 0x54}}
	case CodecIgnore:
		return GUID{0x9C4351A6, 0x3535, 0x42AE, [8]byte{0x91, 0x0C, 0xCD, 0xFC, 0xE5, 0x76, 0x0B, 0x58}}
	case CodecJPEG:
		// FreeRDP 2.11.7 libfreerdp/core/capabilities.c CODEC_GUID_JPEG.
		return GUID{0x430C9EED, 0x1BAF, 0x4CE6, [8]byte{0x86, 0x9A, 0xCB, 0x8B, 0x37, 0xB6, 0x62, 0x37}}
	}
	return GUID{}
}

// Codec classifies g.
func (g GUID) Codec() Codec {
	for c := CodecNSCodec; c <= CodecJPEG; c++ {
		if g == c.GUID() {
			return c
		}
	}
	return CodecUnknown
}

func (c Codec) String() string {
	switch c {
	case CodecNSCodec:
		return "CODEC_GUID_NSCODEC"
	case CodecRemoteFX:
		return "CODEC_GUID_REMOTEFX"
	case CodecImageRemoteFX:
		return "CODEC_GUID_IMAGE_REMOTEFX"
	case CodecIgnore:
		return "CODEC_GUID_IGNORE"
	case CodecJPEG:
		return "CODEC_GUID_JPEG"
	}
	return "CODEC_GUID_UNKNOWN"
}

// BitmapCodec is one Bitmap Codec (TS_BITMAPCODEC),
// [MS-RDPBCGR] 2.2.7.2.10.1.1.
type BitmapCodec struct {
	GUID GUID // codecGUID
	// ID is the codec's ID in Set Surface Bits commands. From the client it
	// is the binding ID (xfreerdp 2.11.7: NSCodec 1, RemoteFX 3,
	// Image-RemoteFX 4); from the server it "is ignored by the client" and
	// servers send 0.
	ID uint8 // codecID
	// Properties is codecProperties as sent (a copy): for NSCodec a
	// TS_NSCODEC_CAPABILITYSET from the client, for RemoteFX a
	// TS_RFX_CLNT_CAPS_CONTAINER from the client or a zero-filled
	// TS_RFX_SRVR_CAPS_CONTAINER from the server. See NSCodec and RemoteFX.
	Properties []byte // codecProperties
}

const bitmapCodecFixed = guidSize /* codecGUID */ + 1 /* codecID */ + 2 /* codecPropertiesLength */

// NSCodec parses Properties as a client's NSCodec Capability Set.
func (c *BitmapCodec) NSCodec() (NSCodecCaps, error) {
	var n NSCodecCaps
	if c.GUID.Codec() != CodecNSCodec {
		return n, fmt.Errorf("caps: TS_BITMAPCODEC: codec %v is not NSCodec", c.GUID)
	}
	return n, n.UnmarshalBinary(c.Properties)
}

// RemoteFX parses Properties as a client's RemoteFX (or Image-RemoteFX)
// capability container.
func (c *BitmapCodec) RemoteFX() (RFXClientCaps, error) {
	var x RFXClientCaps
	if k := c.GUID.Codec(); k != CodecRemoteFX && k != CodecImageRemoteFX {
		return x, fmt.Errorf("caps: TS_BITMAPCODEC: codec %v is not RemoteFX", c.GUID)
	}
	return x, x.UnmarshalBinary(c.Properties)
}

// BitmapCodecs is the Bitmap Codecs Capability Set
// (TS_BITMAPCODECS_CAPABILITYSET), [MS-RDPBCGR] 2.2.7.2.10, with its
// TS_BITMAPCODECS (2.2.7.2.10.1). Sent by both sides.
type BitmapCodecs struct {
	Codecs []BitmapCodec // bitmapCodecArray; bitmapCodecCount is len(Codecs), at most 255
}

var _ Set = (*BitmapCodecs)(nil)

// Type returns TypeBitmapCodecs.
func (*BitmapCodecs) Type() SetType { return TypeBitmapCodecs }

func (s *BitmapCodecs) bodySize() int {
	n := 1 // bitmapCodecCount
	for _, c := range s.Codecs {
		n += bitmapCodecFixed + len(c.Properties)
	}
	return n
}

// Size returns the encoded length.
func (s *BitmapCodecs) Size() int { return headerSize + s.bodySize() }

// AppendBinary appends the set. It fails for more than 255 codecs, a
// property longer than 65535 bytes or a set longer than 65535 bytes.
func (s *BitmapCodecs) AppendBinary(b []byte) ([]byte, error) {
	if len(s.Codecs) > 0xFF {
		return nil, fmt.Errorf("caps: TS_BITMAPCODECS_CAPABILITYSET: %d codecs, at most 255", len(s.Codecs))
	}
	b, err := appendHeader(b, TypeBitmapCodecs, s.bodySize())
	if err != nil {
		return nil, err
	}
	b = append(b, uint8(len(s.Codecs)))
	for _, c := range s.Codecs {
		if len(c.Properties) > 0xFFFF {
			return nil, fmt.Errorf("caps: TS_BITMAPCODEC: codecPropertiesLength %d exceeds 65535", len(c.Properties))
		}
		b = c.GUID.append(b)
		b = append(b, c.ID)
		b = wire.AppendU16LE(b, uint16(len(c.Properties)))
		b = append(b, c.Properties...)
	}
	return b, nil
}

// Decode reads one TS_BITMAPCODECS_CAPABILITYSET.
func (s *BitmapCodecs) Decode(r *wire.Reader) error {
	return decodeSet(r, TypeBitmapCodecs, "TS_BITMAPCODECS_CAPABILITYSET", func(d *wire.Reader) {
		count := int(d.U8())
		if d.Err() != nil {
			return
		}
		if count*bitmapCodecFixed > d.Len() {
			d.Failf("bitmapCodecCount", "%d codecs cannot fit in %d bytes", count, d.Len())
			return
		}
		s.Codecs = make([]BitmapCodec, count)
		for i := range s.Codecs {
			c := &s.Codecs[i]
			c.GUID = readGUID(d)
			c.ID = d.U8()
			c.Properties = bytes.Clone(d.Bytes(int(d.U16LE())))
		}
	})
}

// UnmarshalBinary decodes b, which must hold exactly one set.
func (s *BitmapCodecs) UnmarshalBinary(b []byte) error { return wire.Unmarshal(s, b) }
