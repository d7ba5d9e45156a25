package gcc

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// ClientData is the settings data of a GCC Conference Create Request: the
// client data blocks concatenated, [MS-RDPBCGR] 2.2.1.3 (clientCoreData …
// clientMonitorExtendedData). 2.2.1.3: "the order of the settings data
// blocks is allowed to vary"; each block type this package models may appear
// at most once (a second one is ErrDuplicateBlock), other types are kept in
// Unknown.
//
// ClientData has no length of its own: Decode consumes every byte left in
// its Reader, so an enclosing structure hands it a Reader bounded by its
// length field.
type ClientData struct {
	Core            *ClientCoreData                  // CS_CORE (required by 2.2.1.3; see CheckRequired)
	Security        *ClientSecurityData              // CS_SECURITY (required by 2.2.1.3)
	Network         *ClientNetworkData               // CS_NET
	Cluster         *ClientClusterData               // CS_CLUSTER
	Monitor         *ClientMonitorData               // CS_MONITOR
	MessageChannel  *ClientMessageChannelData        // CS_MCS_MSGCHANNEL
	Multitransport  *ClientMultitransportChannelData // CS_MULTITRANSPORT
	MonitorExtended *ClientMonitorExtendedData       // CS_MONITOR_EX

	// Unknown holds the blocks of other types (CS_UNUSED1, types newer than
	// this package), in wire order.
	Unknown []RawBlock

	// Order is the block types in wire order, as Decode found them. The
	// encoder follows it; it must then list each non-nil field once and the
	// Unknown blocks' types in their order. A nil Order encodes in FreeRDP's
	// order: core, cluster, security, network, monitor, monitor extended,
	// message channel, multitransport, then Unknown.
	Order []BlockType
}

var _ wire.PDU = (*ClientData)(nil)

// CheckRequired returns an error wrapping ErrMissingBlock if CS_CORE or
// CS_SECURITY is absent: 2.2.1.3 lists clientCoreData and clientSecurityData
// without "optional". Decode does not call it; the acceptor decides.
func (d *ClientData) CheckRequired() error {
	switch {
	case d.Core == nil:
		return fmt.Errorf("%w: %v", ErrMissingBlock, CSCore)
	case d.Security == nil:
		return fmt.Errorf("%w: %v", ErrMissingBlock, CSSecurity)
	}
	return nil
}

// field returns the block of modelled type t, or nil if it is absent, and
// whether ClientData models t at all.
func (d *ClientData) field(t BlockType) (block, bool) {
	switch t {
	case CSCore:
		return nilOr(d.Core), true
	case CSSecurity:
		return nilOr(d.Security), true
	case CSNet:
		return nilOr(d.Network), true
	case CSCluster:
		return nilOr(d.Cluster), true
	case CSMonitor:
		return nilOr(d.Monitor), true
	case CSMCSMsgChannel:
		return nilOr(d.MessageChannel), true
	case CSMultitransport:
		return nilOr(d.Multitransport), true
	case CSMonitorEx:
		return nilOr(d.MonitorExtended), true
	}
	return nil, false
}

// clientCanonicalOrder is the order of a nil ClientData.Order.
func clientCanonicalOrder() []BlockType {
	return []BlockType{CSCore, CSCluster, CSSecurity, CSNet, CSMonitor, CSMonitorEx, CSMCSMsgChannel, CSMultitransport}
}

// blocks returns the blocks in the order they are encoded.
func (d *ClientData) blocks() ([]block, error) {
	return orderBlocks("client data", d.Order, clientCanonicalOrder(), d.field, d.Unknown)
}

// Size returns the encoded length in bytes.
func (d *ClientData) Size() int {
	bs, _ := d.blocks()
	return blocksSize(bs)
}

// AppendBinary implements [encoding.BinaryAppender].
func (d *ClientData) AppendBinary(b []byte) ([]byte, error) {
	bs, err := d.blocks()
	if err != nil {
		return b, err
	}
	return appendBlocks(b, bs)
}

// Decode reads client data blocks from r until r is empty.
func (d *ClientData) Decode(r *wire.Reader) error {
	var v ClientData
	for r.Len() > 0 {
		t, err := peekBlockType(r)
		if err != nil {
			return err
		}
		if b, known := v.field(t); known && b != nil {
			r.Fail(t.String(), ErrDuplicateBlock)
			return fmt.Errorf("gcc: client data: %w", r.Err())
		}
		switch t {
		case CSCore:
			v.Core = new(ClientCoreData)
			err = v.Core.Decode(r)
		case CSSecurity:
			v.Security = new(ClientSecurityData)
			err = v.Security.Decode(r)
		case CSNet:
			v.Network = new(ClientNetworkData)
			err = v.Network.Decode(r)
		case CSCluster:
			v.Cluster = new(ClientClusterData)
			err = v.Cluster.Decode(r)
		case CSMonitor:
			v.Monitor = new(ClientMonitorData)
			err = v.Monitor.Decode(r)
		case CSMCSMsgChannel:
			v.MessageChannel = new(ClientMessageChannelData)
			err = v.MessageChannel.Decode(r)
		case CSMultitransport:
			v.Multitransport = new(ClientMultitransportChannelData)
			err = v.Multitransport.Decode(r)
		case CSMonitorEx:
			v.MonitorExtended = new(ClientMonitorExtendedData)
			err = v.MonitorExtended.Decode(r)
		default:
			var raw RawBlock
			err = raw.Decode(r)
			v.Unknown = append(v.Unknown, raw)
		}
		if err != nil {
			return err
		}
		v.Order = append(v.Order, t)
	}
	if err := r.Err(); err != nil {
		return fmt.Errorf("gcc: client data: %w", err)
	}
	*d = v
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler].
func (d *ClientData) UnmarshalBinary(b []byte) error { return wire.Unmarshal(d, b) }
