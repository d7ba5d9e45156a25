package caps

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// VCFlags is flags of the Virtual Channel set: virtual channel compression.
type VCFlags uint32

// Virtual channel compression flags.
const (
	VCCapsNoCompr   VCFlags = 0x00000000 // VCCAPS_NO_COMPR
	VCCapsComprSC   VCFlags = 0x00000001 // VCCAPS_COMPR_SC: the client decompresses server-to-client data
	VCCapsComprCS8K VCFlags = 0x00000002 // VCCAPS_COMPR_CS_8K: the server decompresses client-to-server data
)

// Has reports whether every flag in f is set.
func (v VCFlags) Has(f VCFlags) bool { return v&f == f }

func (v VCFlags) String() string {
	if v == VCCapsNoCompr {
		return "VCCAPS_NO_COMPR"
	}
	return wire.FormatFlags(uint64(v), []wire.Flag{
		{Bits: uint64(VCCapsComprSC), Name: "VCCAPS_COMPR_SC"},
		{Bits: uint64(VCCapsComprCS8K), Name: "VCCAPS_COMPR_CS_8K"},
	})
}

// ChannelChunkLength is CHANNEL_CHUNK_LENGTH, the default and smallest
// VCChunkSize.
const ChannelChunkLength = 1600

// VirtualChannel is the Virtual Channel Capability Set
// (TS_VIRTUALCHANNEL_CAPABILITYSET), [MS-RDPBCGR] 2.2.7.1.10. Sent by both
// sides.
type VirtualChannel struct {
	Flags VCFlags // flags
	// VCChunkSize is optional (nil: lengthCapability 8, as mstsc sends in
	// [MS-RDPBCGR] 4.1.13; xfreerdp 2.11.7 sends it). From the server it is
	// the largest chunk the client may send; "When sent from client to
	// server, the value in this field is ignored by the server". The spec
	// bounds it to CHANNEL_CHUNK_LENGTH…16256; the codec does not enforce
	// that, the acceptor chooses the value it sends.
	VCChunkSize *uint32 // VCChunkSize
}

var _ Set = (*VirtualChannel)(nil)

const (
	vcBodyShort = 4               /* flags */
	vcBody      = vcBodyShort + 4 /* VCChunkSize */
)

// Type returns TypeVirtualChannel.
func (*VirtualChannel) Type() SetType { return TypeVirtualChannel }

// Size returns the encoded length: 12, or 8 without VCChunkSize.
func (s *VirtualChannel) Size() int {
	if s.VCChunkSize == nil {
		return headerSize + vcBodyShort
	}
	return headerSize + vcBody
}

// AppendBinary appends the set.
func (s *VirtualChannel) AppendBinary(b []byte) ([]byte, error) {
	b, err := appendHeader(b, TypeVirtualChannel, s.Size()-headerSize)
	if err != nil {
		return nil, err
	}
	b = wire.AppendU32LE(b, uint32(s.Flags))
	if s.VCChunkSize != nil {
		b = wire.AppendU32LE(b, *s.VCChunkSize)
	}
	return b, nil
}

// Decode reads one TS_VIRTUALCHANNEL_CAPABILITYSET.
func (s *VirtualChannel) Decode(r *wire.Reader) error {
	return decodeSet(r, TypeVirtualChannel, "TS_VIRTUALCHANNEL_CAPABILITYSET", func(d *wire.Reader) {
		s.Flags = VCFlags(d.U32LE())
		s.VCChunkSize = nil
		if d.Len() > 0 {
			v := d.U32LE()
			s.VCChunkSize = &v
		}
	}, vcBodyShort, vcBody)
}

// UnmarshalBinary decodes b, which must hold exactly one set.
func (s *VirtualChannel) UnmarshalBinary(b []byte) error { return wire.Unmarshal(s, b) }
