package gcc

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// ClientNetworkData is the Client Network Data block (TS_UD_CS_NET),
// [MS-RDPBCGR] 2.2.1.3.4: the static virtual channels the client requests.
// The server answers with one MCS channel ID per entry, in the same order,
// in ServerNetworkData.
type ClientNetworkData struct {
	Channels []ChannelDef // channelDefArray (channelCount entries, at most MaxChannels)
}

var _ wire.PDU = (*ClientNetworkData)(nil)

// MaxChannels is CHANNEL_MAX_COUNT: 2.2.1.3.4, channelCount is "the number
// of requested static virtual channels (the maximum allowed is 31)".
const MaxChannels = 31

// ChannelDef is a Channel Definition Structure (CHANNEL_DEF), [MS-RDPBCGR]
// 2.2.1.3.4.1.
type ChannelDef struct {
	// Name is name: "An 8-byte array containing a null-terminated collection
	// of seven ANSI characters", so at most 7 bytes.
	Name    string
	Options ChannelOptions // options
}

const (
	channelNameSize = 8
	channelDefSize  = channelNameSize + 4 /* options */
)

// Size returns the encoded length in bytes.
func (c *ClientNetworkData) Size() int {
	return headerSize + 4 /* channelCount */ + len(c.Channels)*channelDefSize
}

// AppendBinary implements [encoding.BinaryAppender].
func (c *ClientNetworkData) AppendBinary(b []byte) ([]byte, error) {
	if len(c.Channels) > MaxChannels {
		return b, fmt.Errorf("gcc: TS_UD_CS_NET: %d channels, at most %d", len(c.Channels), MaxChannels)
	}
	b, err := appendHeader(b, CSNet, c.Size())
	if err != nil {
		return b, err
	}
	b = wire.AppendU32LE(b, uint32(len(c.Channels)))
	for _, ch := range c.Channels {
		if b, err = appendFixedANSI(b, "CHANNEL_DEF name", ch.Name, channelNameSize); err != nil {
			return b, err
		}
		b = wire.AppendU32LE(b, uint32(ch.Options))
	}
	return b, nil
}

// Decode reads one TS_UD_CS_NET block, header included, from r.
func (c *ClientNetworkData) Decode(r *wire.Reader) error {
	body, err := readBlock(r, CSNet)
	if err != nil {
		return fmt.Errorf("gcc: TS_UD_CS_NET: %w", err)
	}
	count := body.U32LE()
	if err := body.Err(); err != nil {
		return fmt.Errorf("gcc: TS_UD_CS_NET: %w", err)
	}
	if count > MaxChannels {
		body.Failf("channelCount", "%d, the maximum allowed is %d", count, MaxChannels)
		return fmt.Errorf("gcc: TS_UD_CS_NET: %w", body.Err())
	}
	if need := int(count) * channelDefSize; body.Len() != need {
		body.Failf("channelDefArray", "%d bytes for %d channels, want %d", body.Len(), count, need)
		return fmt.Errorf("gcc: TS_UD_CS_NET: %w", body.Err())
	}
	var channels []ChannelDef
	if count > 0 {
		channels = make([]ChannelDef, count)
	}
	for i := range channels {
		channels[i].Name = readFixedANSI(body, "CHANNEL_DEF name", channelNameSize)
		channels[i].Options = ChannelOptions(body.U32LE())
	}
	if err := body.Finish(); err != nil {
		return fmt.Errorf("gcc: TS_UD_CS_NET: %w", err)
	}
	*c = ClientNetworkData{Channels: channels}
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]. Trailing bytes
// are an error.
func (c *ClientNetworkData) UnmarshalBinary(b []byte) error { return wire.Unmarshal(c, b) }

// ChannelOptions are the options of a CHANNEL_DEF, [MS-RDPBCGR] 2.2.1.3.4.1.
type ChannelOptions uint32

// Channel options, [MS-RDPBCGR] 2.2.1.3.4.1.
const (
	ChannelOptionInitialized             ChannelOptions = 0x80000000 // CHANNEL_OPTION_INITIALIZED
	ChannelOptionEncryptRDP              ChannelOptions = 0x40000000 // CHANNEL_OPTION_ENCRYPT_RDP
	ChannelOptionEncryptSC               ChannelOptions = 0x20000000 // CHANNEL_OPTION_ENCRYPT_SC
	ChannelOptionEncryptCS               ChannelOptions = 0x10000000 // CHANNEL_OPTION_ENCRYPT_CS
	ChannelOptionPriHigh                 ChannelOptions = 0x08000000 // CHANNEL_OPTION_PRI_HIGH
	ChannelOptionPriMed                  ChannelOptions = 0x04000000 // CHANNEL_OPTION_PRI_MED
	ChannelOptionPriLow                  ChannelOptions = 0x02000000 // CHANNEL_OPTION_PRI_LOW
	ChannelOptionCompressRDP             ChannelOptions = 0x00800000 // CHANNEL_OPTION_COMPRESS_RDP
	ChannelOptionCompress                ChannelOptions = 0x00400000 // CHANNEL_OPTION_COMPRESS
	ChannelOptionShowProtocol            ChannelOptions = 0x00200000 // CHANNEL_OPTION_SHOW_PROTOCOL
	ChannelOptionRemoteControlPersistent ChannelOptions = 0x00100000 // REMOTE_CONTROL_PERSISTENT
)

// Has reports whether every option in o2 is set in o.
func (o ChannelOptions) Has(o2 ChannelOptions) bool { return o&o2 == o2 }

func (o ChannelOptions) String() string {
	return wire.FormatFlags(uint64(o), []wire.Flag{
		{Bits: uint64(ChannelOptionInitialized), Name: "INITIALIZED"},
		{Bits: uint64(ChannelOptionEncryptRDP), Name: "ENCRYPT_RDP"},
		{Bits: uint64(ChannelOptionEncryptSC), Name: "ENCRYPT_SC"},
		{Bits: uint64(ChannelOptionEncryptCS), Name: "ENCRYPT_CS"},
		{Bits: uint64(ChannelOptionPriHigh), Name: "PRI_HIGH"},
		{Bits: uint64(ChannelOptionPriMed), Name: "PRI_MED"},
		{Bits: uint64(ChannelOptionPriLow), Name: "PRI_LOW"},
		{Bits: uint64(ChannelOptionCompressRDP), Name: "COMPRESS_RDP"},
		{Bits: uint64(ChannelOptionCompress), Name: "COMPRESS"},
		{Bits: uint64(ChannelOptionShowProtocol), Name: "SHOW_PROTOCOL"},
		{Bits: uint64(ChannelOptionRemoteControlPersistent), Name: "REMOTE_CONTROL_PERSISTENT"},
	})
}
