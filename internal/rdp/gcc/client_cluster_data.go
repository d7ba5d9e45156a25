package gcc

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// ClientClusterData is the Client Cluster Data block (TS_UD_CS_CLUSTER),
// [MS-RDPBCGR] 2.2.1.3.5: whether the client supports Server Redirection
// and which session it asks to reconnect to.
type ClientClusterData struct {
	Flags               ClusterFlags // Flags
	RedirectedSessionID uint32       // RedirectedSessionID: valid with REDIRECTED_SESSIONID_FIELD_VALID
}

var _ wire.PDU = (*ClientClusterData)(nil)

const clientClusterSize = headerSize + 4 /* Flags */ + 4 /* RedirectedSessionID */

// Size returns the encoded length in bytes.
func (*ClientClusterData) Size() int { return clientClusterSize }

// AppendBinary implements [encoding.BinaryAppender].
func (c *ClientClusterData) AppendBinary(b []byte) ([]byte, error) {
	b, err := appendHeader(b, CSCluster, clientClusterSize)
	if err != nil {
		return b, err
	}
	b = wire.AppendU32LE(b, uint32(c.Flags))
	return wire.AppendU32LE(b, c.RedirectedSessionID), nil
}

// Decode reads one TS_UD_CS_CLUSTER block, header included, from r.
func (c *ClientClusterData) Decode(r *wire.Reader) error {
	body, err := readBlock(r, CSCluster)
	if err != nil {
		return fmt.Errorf("gcc: TS_UD_CS_CLUSTER: %w", err)
	}
	flags, id := ClusterFlags(body.U32LE()), body.U32LE()
	if err := body.Err(); err != nil {
		return fmt.Errorf("gcc: TS_UD_CS_CLUSTER: %w", err)
	}
	// The old Microsoft Mac RDP client pads this block beyond its 12 bytes
	// (FreeRDP 2.11 gcc.c gcc_read_client_cluster_data skips the pad);
	// accept and drop it. The encoder writes the 12-byte form.
	body.Rest()
	*c = ClientClusterData{Flags: flags, RedirectedSessionID: id}
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]. Bytes after the
// block are an error.
func (c *ClientClusterData) UnmarshalBinary(b []byte) error { return wire.Unmarshal(c, b) }

// ClusterFlags are the Flags of TS_UD_CS_CLUSTER, [MS-RDPBCGR] 2.2.1.3.5.
type ClusterFlags uint32

// Cluster flags, [MS-RDPBCGR] 2.2.1.3.5.
const (
	RedirectionSupported                ClusterFlags = 0x00000001 // REDIRECTION_SUPPORTED
	RedirectedSessionIDFieldValid       ClusterFlags = 0x00000002 // REDIRECTED_SESSIONID_FIELD_VALID
	ServerSessionRedirectionVersionMask ClusterFlags = 0x0000003C // ServerSessionRedirectionVersionMask
	RedirectedSmartcard                 ClusterFlags = 0x00000040 // REDIRECTED_SMARTCARD
)

// Has reports whether every flag in f2 is set in f.
func (f ClusterFlags) Has(f2 ClusterFlags) bool { return f&f2 == f2 }

// RedirectionVersion returns the ServerSessionRedirectionVersionMask bits:
// 0 is REDIRECTION_VERSION1 … 5 is REDIRECTION_VERSION6.
func (f ClusterFlags) RedirectionVersion() uint8 {
	return uint8((f & ServerSessionRedirectionVersionMask) >> 2)
}

func (f ClusterFlags) String() string {
	s := wire.FormatFlags(uint64(f&^ServerSessionRedirectionVersionMask), []wire.Flag{
		{Bits: uint64(RedirectionSupported), Name: "REDIRECTION_SUPPORTED"},
		{Bits: uint64(RedirectedSessionIDFieldValid), Name: "REDIRECTED_SESSIONID_FIELD_VALID"},
		{Bits: uint64(RedirectedSmartcard), Name: "REDIRECTED_SMARTCARD"},
	})
	return fmt.Sprintf("%s|REDIRECTION_VERSION%d", s, f.RedirectionVersion()+1)
}
