package gcc

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// ServerCoreData is the Server Core Data block (TS_UD_SC_CORE),
// [MS-RDPBCGR] 2.2.1.4.2. Client processing: 3.2.5.3.4.
//
// clientRequestedProtocols and earlyCapabilityFlags are optional: the
// block is 8 bytes (RDP 4.0 servers), 12 (the [MS-RDPBCGR] 4.1.4 sample) or
// 16 long. ranoviced always sends both (16 bytes), as FreeRDP and xrdp do.
type ServerCoreData struct {
	Version RDPVersion // version

	// ClientRequestedProtocols is clientRequestedProtocols: the
	// requestedProtocols of the client's RDP_NEG_REQ, echoed (0 if the
	// client sent none), as x224 Protocols values. nil: absent.
	ClientRequestedProtocols *uint32

	// EarlyCapabilityFlags is earlyCapabilityFlags; nil: absent. It may be
	// present only if ClientRequestedProtocols is.
	EarlyCapabilityFlags *ServerEarlyCapabilityFlags
}

var _ wire.PDU = (*ServerCoreData)(nil)

// Size returns the encoded length in bytes.
func (c *ServerCoreData) Size() int {
	n := headerSize + 4 /* version */
	if c.ClientRequestedProtocols != nil {
		n += 4 /* clientRequestedProtocols */
	}
	if c.EarlyCapabilityFlags != nil {
		n += 4 /* earlyCapabilityFlags */
	}
	return n
}

// AppendBinary implements [encoding.BinaryAppender].
func (c *ServerCoreData) AppendBinary(b []byte) ([]byte, error) {
	if c.EarlyCapabilityFlags != nil && c.ClientRequestedProtocols == nil {
		return b, fmt.Errorf("gcc: TS_UD_SC_CORE: earlyCapabilityFlags without clientRequestedProtocols")
	}
	b, err := appendHeader(b, SCCore, c.Size())
	if err != nil {
		return b, err
	}
	b = wire.AppendU32LE(b, uint32(c.Version))
	if c.ClientRequestedProtocols != nil {
		b = wire.AppendU32LE(b, *c.ClientRequestedProtocols)
	}
	if c.EarlyCapabilityFlags != nil {
		b = wire.AppendU32LE(b, uint32(*c.EarlyCapabilityFlags))
	}
	return b, nil
}

// Decode reads one TS_UD_SC_CORE block, header included, from r.
func (c *ServerCoreData) Decode(r *wire.Reader) error {
	body, err := readBlock(r, SCCore)
	if err != nil {
		return fmt.Errorf("gcc: TS_UD_SC_CORE: %w", err)
	}
	var v ServerCoreData
	switch body.Len() {
	case 4, 8, 12:
	default:
		body.Failf("length", "%d-byte body, want 4, 8 or 12", body.Len())
		return fmt.Errorf("gcc: TS_UD_SC_CORE: %w", body.Err())
	}
	v.Version = RDPVersion(body.U32LE())
	if body.Len() > 0 {
		p := body.U32LE()
		v.ClientRequestedProtocols = &p
	}
	if body.Len() > 0 {
		f := ServerEarlyCapabilityFlags(body.U32LE())
		v.EarlyCapabilityFlags = &f
	}
	if err := body.Finish(); err != nil {
		return fmt.Errorf("gcc: TS_UD_SC_CORE: %w", err)
	}
	*c = v
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]. Trailing bytes
// are an error.
func (c *ServerCoreData) UnmarshalBinary(b []byte) error { return wire.Unmarshal(c, b) }

// ServerEarlyCapabilityFlags is the earlyCapabilityFlags field of
// TS_UD_SC_CORE, [MS-RDPBCGR] 2.2.1.4.2.
type ServerEarlyCapabilityFlags uint32

// Server early capability flags, [MS-RDPBCGR] 2.2.1.4.2.
const (
	EdgeActionsSupportedV1   ServerEarlyCapabilityFlags = 0x00000001 // RNS_UD_SC_EDGE_ACTIONS_SUPPORTED_V1
	DynamicDSTSupported      ServerEarlyCapabilityFlags = 0x00000002 // RNS_UD_SC_DYNAMIC_DST_SUPPORTED
	EdgeActionsSupportedV2   ServerEarlyCapabilityFlags = 0x00000004 // RNS_UD_SC_EDGE_ACTIONS_SUPPORTED_V2
	SkipChannelJoinSupported ServerEarlyCapabilityFlags = 0x00000008 // RNS_UD_SC_SKIP_CHANNELJOIN_SUPPORTED
)

// Has reports whether every flag in f2 is set in f.
func (f ServerEarlyCapabilityFlags) Has(f2 ServerEarlyCapabilityFlags) bool { return f&f2 == f2 }

func (f ServerEarlyCapabilityFlags) String() string {
	return wire.FormatFlags(uint64(f), []wire.Flag{
		{Bits: uint64(EdgeActionsSupportedV1), Name: "EDGE_ACTIONS_SUPPORTED_V1"},
		{Bits: uint64(DynamicDSTSupported), Name: "DYNAMIC_DST_SUPPORTED"},
		{Bits: uint64(EdgeActionsSupportedV2), Name: "EDGE_ACTIONS_SUPPORTED_V2"},
		{Bits: uint64(SkipChannelJoinSupported), Name: "SKIP_CHANNELJOIN_SUPPORTED"},
	})
}
