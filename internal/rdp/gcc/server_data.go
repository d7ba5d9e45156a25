package gcc

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// ServerData is the settings data of a GCC Conference Create Response: the
// server data blocks concatenated, [MS-RDPBCGR] 2.2.1.4 (serverCoreData …
// serverMultitransportChannelData). Each block type this package models may
// appear at most once (a second one is ErrDuplicateBlock); other types are
// kept in Unknown.
//
// Like ClientData it has no length of its own: Decode consumes every byte
// left in its Reader.
type ServerData struct {
	Core           *ServerCoreData                  // SC_CORE (required by 2.2.1.4)
	Security       *ServerSecurityData              // SC_SECURITY (required by 2.2.1.4)
	Network        *ServerNetworkData               // SC_NET (required by 2.2.1.4)
	MessageChannel *ServerMessageChannelData        // SC_MCS_MSGCHANNEL
	Multitransport *ServerMultitransportChannelData // SC_MULTITRANSPORT

	// Unknown holds the blocks of other types, in wire order.
	Unknown []RawBlock

	// Order is the block types in wire order, as Decode found them; see
	// ClientData.Order. A nil Order encodes in the order of the
	// [MS-RDPBCGR] 4.1.4 sample and FreeRDP's server (gcc.c
	// gcc_write_server_data_blocks): core, network, security, then message
	// channel, multitransport and Unknown.
	Order []BlockType
}

var _ wire.PDU = (*ServerData)(nil)

// CheckRequired returns an error wrapping ErrMissingBlock if SC_CORE,
// SC_SECURITY or SC_NET is absent: 2.2.1.4 lists them without "optional".
func (d *ServerData) CheckRequired() error {
	switch {
	case d.Core == nil:
		return fmt.Errorf("%w: %v", ErrMissingBlock, SCCore)
	case d.Security == nil:
		return fmt.Errorf("%w: %v", ErrMissingBlock, SCSecurity)
	case d.Network == nil:
		return fmt.Errorf("%w: %v", ErrMissingBlock, SCNet)
	}
	return nil
}

// field returns the block of modelled type t, or nil if it is absent, and
// whether ServerData models t at all.
func (d *ServerData) field(t BlockType) (block, bool) {
	switch t {
	case SCCore:
		return nilOr(d.Core), true
	case SCSecurity:
		return nilOr(d.Security), true
	case SCNet:
		return nilOr(d.Network), true
	case SCMCSMsgChannel:
		return nilOr(d.MessageChannel), true
	case SCMultitransport:
		return nilOr(d.Multitransport), true
	}
	return nil, false
}

// serverCanonicalOrder is the order of a nil ServerData.Order.
func serverCanonicalOrder() []BlockType {
	return []BlockType{SCCore, SCNet, SCSecurity, SCMCSMsgChannel, SCMultitransport}
}

// blocks returns the blocks in the order they are encoded.
func (d *ServerData) blocks() ([]block, error) {
	return orderBlocks("server data", d.Order, serverCanonicalOrder(), d.field, d.Unknown)
}

// Size returns the encoded length in bytes.
func (d *ServerData) Size() int {
	bs, _ := d.blocks()
	return blocksSize(bs)
}

// AppendBinary implements [encoding.BinaryAppender].
func (d *ServerData) AppendBinary(b []byte) ([]byte, error) {
	bs, err := d.blocks()
	if err != nil {
		return b, err
	}
	return appendBlocks(b, bs)
}

// Decode reads server data blocks from r until r is empty.
func (d *ServerData) Decode(r *wire.Reader) error {
	var v ServerData
	for r.Len() > 0 {
		t, err := peekBlockType(r)
		if err != nil {
			return err
		}
		if b, known := v.field(t); known && b != nil {
			r.Fail(t.String(), ErrDuplicateBlock)
			return fmt.Errorf("gcc: server data: %w", r.Err())
		}
		switch t {
		case SCCore:
			v.Core = new(ServerCoreData)
			err = v.Core.Decode(r)
		case SCSecurity:
			v.Security = new(ServerSecurityData)
			err = v.Security.Decode(r)
		case SCNet:
			v.Network = new(ServerNetworkData)
			err = v.Network.Decode(r)
		case SCMCSMsgChannel:
			v.MessageChannel = new(ServerMessageChannelData)
			err = v.MessageChannel.Decode(r)
		case SCMultitransport:
			v.Multitransport = new(ServerMultitransportChannelData)
			err = v.Multitransport.Decode(r)
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
		return fmt.Errorf("gcc: server data: %w", err)
	}
	*d = v
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler].
func (d *ServerData) UnmarshalBinary(b []byte) error { return wire.Unmarshal(d, b) }
