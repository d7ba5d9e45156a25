package caps

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// SurfaceCmdFlags is cmdFlags of the Surface Commands set.
type SurfaceCmdFlags uint32

// Surface command flags.
const (
	SurfCmdsSetSurfaceBits    SurfaceCmdFlags = 0x00000002 // SURFCMDS_SETSURFACEBITS
	SurfCmdsFrameMarker       SurfaceCmdFlags = 0x00000010 // SURFCMDS_FRAMEMARKER
	SurfCmdsStreamSurfaceBits SurfaceCmdFlags = 0x00000040 // SURFCMDS_STREAMSURFACEBITS
)

// Has reports whether every flag in f is set.
func (c SurfaceCmdFlags) Has(f SurfaceCmdFlags) bool { return c&f == f }

func (c SurfaceCmdFlags) String() string {
	return wire.FormatFlags(uint64(c), []wire.Flag{
		{Bits: uint64(SurfCmdsSetSurfaceBits), Name: "SURFCMDS_SETSURFACEBITS"},
		{Bits: uint64(SurfCmdsFrameMarker), Name: "SURFCMDS_FRAMEMARKER"},
		{Bits: uint64(SurfCmdsStreamSurfaceBits), Name: "SURFCMDS_STREAMSURFACEBITS"},
	})
}

// SurfaceCommands is the Surface Commands Capability Set
// (TS_SURFCMDS_CAPABILITYSET), [MS-RDPBCGR] 2.2.7.2.9. Sent by both sides.
// The reserved field is written as zero and ignored on decode.
type SurfaceCommands struct {
	CmdFlags SurfaceCmdFlags // cmdFlags
}

var _ Set = (*SurfaceCommands)(nil)

const surfaceCommandsBody = 4 /* cmdFlags */ + 4 /* reserved */

// Type returns TypeSurfaceCommands.
func (*SurfaceCommands) Type() SetType { return TypeSurfaceCommands }

// Size returns the encoded length, 12.
func (*SurfaceCommands) Size() int { return headerSize + surfaceCommandsBody }

// AppendBinary appends the set.
func (s *SurfaceCommands) AppendBinary(b []byte) ([]byte, error) {
	b, err := appendHeader(b, TypeSurfaceCommands, surfaceCommandsBody)
	if err != nil {
		return nil, err
	}
	b = wire.AppendU32LE(b, uint32(s.CmdFlags))
	return wire.AppendU32LE(b, 0), nil // reserved: "MUST be set to zero"
}

// Decode reads one TS_SURFCMDS_CAPABILITYSET.
func (s *SurfaceCommands) Decode(r *wire.Reader) error {
	return decodeSet(r, TypeSurfaceCommands, "TS_SURFCMDS_CAPABILITYSET", func(d *wire.Reader) {
		s.CmdFlags = SurfaceCmdFlags(d.U32LE())
		d.Skip(4) // reserved: "has no effect on the RDP wire traffic"
	}, surfaceCommandsBody)
}

// UnmarshalBinary decodes b, which must hold exactly one set.
func (s *SurfaceCommands) UnmarshalBinary(b []byte) error { return wire.Unmarshal(s, b) }
