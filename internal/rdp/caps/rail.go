package caps

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// RailSupportLevel is RailSupportLevel of the Remote Programs set
// ([MS-RDPERP] 2.2.1.1.1).
type RailSupportLevel uint32

// RAIL support flags.
const (
	RailLevelSupported                    RailSupportLevel = 0x00000001 // TS_RAIL_LEVEL_SUPPORTED
	RailLevelDockedLangbarSupported       RailSupportLevel = 0x00000002 // TS_RAIL_LEVEL_DOCKED_LANGBAR_SUPPORTED
	RailLevelShellIntegrationSupported    RailSupportLevel = 0x00000004 // TS_RAIL_LEVEL_SHELL_INTEGRATION_SUPPORTED
	RailLevelLanguageIMESyncSupported     RailSupportLevel = 0x00000008 // TS_RAIL_LEVEL_LANGUAGE_IME_SYNC_SUPPORTED
	RailLevelServerToClientIMESyncSupport RailSupportLevel = 0x00000010 // TS_RAIL_LEVEL_SERVER_TO_CLIENT_IME_SYNC_SUPPORTED
	RailLevelHideMinimizedAppsSupported   RailSupportLevel = 0x00000020 // TS_RAIL_LEVEL_HIDE_MINIMIZED_APPS_SUPPORTED
	RailLevelWindowCloakingSupported      RailSupportLevel = 0x00000040 // TS_RAIL_LEVEL_WINDOW_CLOAKING_SUPPORTED
	RailLevelHandshakeExSupported         RailSupportLevel = 0x00000080 // TS_RAIL_LEVEL_HANDSHAKE_EX_SUPPORTED
)

func (l RailSupportLevel) String() string {
	return wire.FormatFlags(uint64(l), []wire.Flag{
		{Bits: uint64(RailLevelSupported), Name: "TS_RAIL_LEVEL_SUPPORTED"},
		{Bits: uint64(RailLevelDockedLangbarSupported), Name: "TS_RAIL_LEVEL_DOCKED_LANGBAR_SUPPORTED"},
		{Bits: uint64(RailLevelShellIntegrationSupported), Name: "TS_RAIL_LEVEL_SHELL_INTEGRATION_SUPPORTED"},
		{Bits: uint64(RailLevelLanguageIMESyncSupported), Name: "TS_RAIL_LEVEL_LANGUAGE_IME_SYNC_SUPPORTED"},
		{Bits: uint64(RailLevelServerToClientIMESyncSupport), Name: "TS_RAIL_LEVEL_SERVER_TO_CLIENT_IME_SYNC_SUPPORTED"},
		{Bits: uint64(RailLevelHideMinimizedAppsSupported), Name: "TS_RAIL_LEVEL_HIDE_MINIMIZED_APPS_SUPPORTED"},
		{Bits: uint64(RailLevelWindowCloakingSupported), Name: "TS_RAIL_LEVEL_WINDOW_CLOAKING_SUPPORTED"},
		{Bits: uint64(RailLevelHandshakeExSupported), Name: "TS_RAIL_LEVEL_HANDSHAKE_EX_SUPPORTED"},
	})
}

// Rail is the Remote Programs Capability Set (TS_RAIL_CAPABILITYSET),
// [MS-RDPERP] 2.2.1.1.1. Sent by both sides in RemoteApp sessions.
type Rail struct {
	RailSupportLevel RailSupportLevel // RailSupportLevel
}

var _ Set = (*Rail)(nil)

const railBody = 4 /* RailSupportLevel */

// Type returns TypeRail.
func (*Rail) Type() SetType { return TypeRail }

// Size returns the encoded length, 8.
func (*Rail) Size() int { return headerSize + railBody }

// AppendBinary appends the set.
func (s *Rail) AppendBinary(b []byte) ([]byte, error) {
	b, err := appendHeader(b, TypeRail, railBody)
	if err != nil {
		return nil, err
	}
	return wire.AppendU32LE(b, uint32(s.RailSupportLevel)), nil
}

// Decode reads one TS_RAIL_CAPABILITYSET.
func (s *Rail) Decode(r *wire.Reader) error {
	return decodeSet(r, TypeRail, "TS_RAIL_CAPABILITYSET", func(d *wire.Reader) {
		s.RailSupportLevel = RailSupportLevel(d.U32LE())
	}, railBody)
}

// UnmarshalBinary decodes b, which must hold exactly one set.
func (s *Rail) UnmarshalBinary(b []byte) error { return wire.Unmarshal(s, b) }
