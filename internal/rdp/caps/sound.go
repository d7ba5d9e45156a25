package caps

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// SoundFlags is soundFlags of the Sound set.
type SoundFlags uint16

// SoundFlagBeeps means the client plays beeps (Play Sound PDU).
const SoundFlagBeeps SoundFlags = 0x0001 // SOUND_FLAG_BEEPS

func (f SoundFlags) String() string {
	return wire.FormatFlags(uint64(f), []wire.Flag{{Bits: uint64(SoundFlagBeeps), Name: "SOUND_FLAG_BEEPS"}})
}

// Sound is the Sound Capability Set (TS_SOUND_CAPABILITYSET),
// [MS-RDPBCGR] 2.2.7.1.11. Client to server only.
type Sound struct {
	SoundFlags SoundFlags // soundFlags
}

var _ Set = (*Sound)(nil)

const soundBody = 2 /* soundFlags */ + 2 /* pad2octetsA */

// Type returns TypeSound.
func (*Sound) Type() SetType { return TypeSound }

// Size returns the encoded length, 8.
func (*Sound) Size() int { return headerSize + soundBody }

// AppendBinary appends the set.
func (s *Sound) AppendBinary(b []byte) ([]byte, error) {
	b, err := appendHeader(b, TypeSound, soundBody)
	if err != nil {
		return nil, err
	}
	b = wire.AppendU16LE(b, uint16(s.SoundFlags))
	return wire.AppendU16LE(b, 0), nil // pad2octetsA
}

// Decode reads one TS_SOUND_CAPABILITYSET.
func (s *Sound) Decode(r *wire.Reader) error {
	return decodeSet(r, TypeSound, "TS_SOUND_CAPABILITYSET", func(d *wire.Reader) {
		s.SoundFlags = SoundFlags(d.U16LE())
		d.Skip(2) // pad2octetsA
	}, soundBody)
}

// UnmarshalBinary decodes b, which must hold exactly one set.
func (s *Sound) UnmarshalBinary(b []byte) error { return wire.Unmarshal(s, b) }
