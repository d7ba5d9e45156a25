package ctlchan

import (
	"fmt"
	"strings"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// MaxChannelNameBytes bounds ChannelNameLen, the UTF-16LE sub-channel name
// with its terminating NUL: [MS-RA] 2.2.1.2, "The virtual channel name can
// vary, with the maximum length being 64 bytes." (FreeRDP rejects longer
// names too.) A name therefore has at most 31 UTF-16 code units.
const MaxChannelNameBytes = 64

// Frame is one whole remdesk PDU: the channel buffer header
// (REMOTEDESKTOP_CHANNELBUFHEADER, [MS-RA] 2.2.1.1) and the sub-channel
// name that follows it — together the REMOTEDESKTOP_CTL_PACKETHEADER of
// 2.2.1.2 — then DataLen bytes of data:
//
//	u32 ChannelNameLen | u32 DataLen | ChannelName (UTF-16LE, NUL-terminated) | Data
//
// On the session-initialization sub-channel ("RC_CTL") Data is the
// REMOTEDESKTOP_CTL_BUFHEADER msgType and the message (see Message); on
// "70", "71" and the file-transfer channels it is the sub-channel's own
// data, which this package hands on unchanged.
//
// One Frame is one static-channel message of "remdesk" or one message of
// the dynamic channel "RC_CTL": FreeRDP 2.11 parses exactly one remdesk
// PDU per channel message, so nothing here concatenates two.
//
// # How strictly DataLen is checked
//
// DataLen must equal the number of bytes after the name exactly:
// UnmarshalBinary fails with wire.ErrShort if fewer are present and with
// wire.ErrTrailing if more are. Every known writer sends exactly that —
// FreeRDP 2.11 and 3.x clients (DataLen = 4 + payload on RC_CTL, e.g.
// 0x24 for EXPERT_ON_VISTA, 0xb0 for 2.11's VERIFY_PASSWORD; confirmed
// against xfreerdp 2.11.7), and FreeRDP's own server reads a PDU as
// exactly ChannelNameLen + DataLen + 8 bytes. Since a frame always fills
// its channel message, a mismatch can only be a broken or hostile peer; a
// Windows expert that pads would show up in a capture and get a named
// leniency here.
type Frame struct {
	// Channel is the sub-channel name without its terminating NUL:
	// "RC_CTL", "70", "71", "RA_FX", …; at most 31 UTF-16 code units,
	// never empty, no NUL.
	Channel string
	// Data is everything after the name (DataLen bytes). After Decode it
	// aliases the input.
	Data []byte
}

var _ wire.PDU = (*Frame)(nil)

// IsRCControl reports whether f is on the session-initialization
// sub-channel. [MS-RA] 2.2.1.2 lists "RC_CTL" and, "if not using the
// dynamic channel RC_CTL", "remdesk"; every message section says the name
// "MUST be set to "RC_CTL"", which is what FreeRDP sends on both
// transports. Both names are accepted; only "RC_CTL" is ever sent (FreeRDP
// ignores frames named anything else).
func (f *Frame) IsRCControl() bool {
	return f.Channel == ChannelRCCtl || f.Channel == ChannelRemdesk
}

// RCControl decodes f.Data as a session-initialization message. It fails
// with ErrNotRCControl if f is on another sub-channel, and with an error
// wrapping ErrUnknownMsgType for a msgType outside 1..12.
func (f *Frame) RCControl() (Message, error) {
	if !f.IsRCControl() {
		return nil, fmt.Errorf("%w: channel %q", ErrNotRCControl, f.Channel)
	}
	return decodeControl(f.Data)
}

// Size returns the encoded length in bytes.
func (f *Frame) Size() int {
	return 4 /* ChannelNameLen */ + 4 /* DataLen */ + wire.UTF16Len(f.Channel) + 2 /* ChannelName and its NUL */ + len(f.Data)
}

// AppendBinary appends the PDU. It fails for a name that is empty, holds
// a NUL or is longer than 31 UTF-16 code units.
func (f *Frame) AppendBinary(b []byte) ([]byte, error) {
	if err := checkChannelName(f.Channel); err != nil {
		return b, err
	}
	if uint64(len(f.Data)) > 1<<32-1 {
		return b, fmt.Errorf("ctlchan: frame: %d bytes of data do not fit DataLen", len(f.Data))
	}
	b = wire.AppendU32LE(b, uint32(wire.UTF16Len(f.Channel)+2)) // ChannelNameLen
	b = wire.AppendU32LE(b, uint32(len(f.Data)))                // DataLen
	b = wire.AppendUTF16LE(b, f.Channel)                        // ChannelName
	b = append(b, 0, 0)                                         // its NUL
	return append(b, f.Data...), nil                            // data
}

func checkChannelName(name string) error {
	n := wire.UTF16Len(name) + 2
	switch {
	case name == "":
		return fmt.Errorf("ctlchan: frame: empty channel name")
	case strings.ContainsRune(name, 0):
		return fmt.Errorf("ctlchan: frame: channel name contains NUL")
	case n > MaxChannelNameBytes:
		return fmt.Errorf("ctlchan: frame: channel name of %d bytes with its NUL (at most %d)", n, MaxChannelNameBytes)
	}
	return nil
}

// Decode reads one frame from r: the header, the name and DataLen bytes.
func (f *Frame) Decode(r *wire.Reader) error {
	nameLen := r.U32LE() // ChannelNameLen
	dataLen := r.U32LE() // DataLen
	if err := r.Err(); err != nil {
		return fmt.Errorf("ctlchan: REMOTEDESKTOP_CHANNELBUFHEADER: %w", err)
	}
	// [MS-RA] 2.2.1.2: "Null-terminated variable-length Unicode name …
	// with the maximum length being 64 bytes." The length counts the NUL
	// (FreeRDP: (strlen+1)*2, 14 for "RC_CTL"), so it is even and at
	// least 4: one character and the NUL. FreeRDP 2.11 treats an empty
	// name as fatal.
	if nameLen > MaxChannelNameBytes || nameLen%2 != 0 || nameLen < 4 {
		return fmt.Errorf("ctlchan: REMOTEDESKTOP_CTL_PACKETHEADER: %w",
			r.Failf("ChannelNameLen", "%d (want an even 4..%d)", nameLen, MaxChannelNameBytes))
	}
	raw := r.Bytes(int(nameLen))
	if raw != nil && (raw[len(raw)-2] != 0 || raw[len(raw)-1] != 0) {
		r.Failf("ChannelName", "not NUL-terminated")
	}
	if err := r.Err(); err != nil {
		return fmt.Errorf("ctlchan: REMOTEDESKTOP_CTL_PACKETHEADER: %w", err)
	}
	name := wire.DecodeUTF16LE(raw[:len(raw)-2])
	if strings.ContainsRune(name, 0) {
		return fmt.Errorf("ctlchan: REMOTEDESKTOP_CTL_PACKETHEADER: %w", r.Failf("ChannelName", "NUL inside the name"))
	}
	if uint64(dataLen) > uint64(r.Len()) {
		return fmt.Errorf("ctlchan: REMOTEDESKTOP_CHANNELBUFHEADER: %w",
			r.Fail("DataLen", fmt.Errorf("%w: DataLen %d, %d bytes follow the name", wire.ErrShort, dataLen, r.Len())))
	}
	f.Channel = name
	f.Data = r.Bytes(int(dataLen))
	return nil
}

// UnmarshalBinary decodes b whole: DataLen must account for every byte
// after the name.
func (f *Frame) UnmarshalBinary(b []byte) error { return wire.Unmarshal(f, b) }

// String describes the frame without its data, which may carry secrets.
func (f Frame) String() string {
	return fmt.Sprintf("Frame{Channel: %q, %d bytes}", f.Channel, len(f.Data))
}
