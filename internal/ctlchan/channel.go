package ctlchan

import "fmt"

// Sub-channel names of the remdesk header, [MS-RA] 2.2.1.2.
const (
	// ChannelRCCtl is "the session initialization dynamic virtual
	// channel", the name every session-initialization message carries.
	ChannelRCCtl = "RC_CTL"
	// ChannelRemdesk is "the session initialization static virtual
	// channel if not using the dynamic channel RC_CTL": accepted as a
	// sub-channel name like RC_CTL, never sent.
	ChannelRemdesk = "remdesk"
	// ChannelChat is "the virtual channel used to exchange chat messages".
	ChannelChat = "70"
	// ChannelShareControl is "the virtual channel used for share control
	// and for the initialization of file transfer and VoIP control"
	// (RCCOMMAND, 2.2.2).
	ChannelShareControl = "71"
	// ChannelFileTransfer is the file-transfer channel of versions 2 and 3.
	ChannelFileTransfer = "RA_FX"
)

// ChannelKind says which feature a sub-channel belongs to.
type ChannelKind uint8

const (
	// KindControl: session initialization, "RC_CTL" or "remdesk".
	KindControl ChannelKind = iota + 1
	// KindChat: "70".
	KindChat
	// KindShareControl: "71".
	KindShareControl
	// KindFileTransfer: "RA_FX" (versions 2 and 3) and the version 1 names
	// [MS-RA] 2.2.1.2 and 2.2.2 CHANNELID describe: the novice's IP address,
	// ".", and the seconds since 1970 ("172.31.251.165.612009461") when
	// the novice sends, "1000." and the seconds when the expert sends; and
	// the bare "." and "1000." FreeRDP recognises.
	KindFileTransfer
	// KindUnknown: any other name. FreeRDP ignores such frames.
	KindUnknown
)

var channelKindNames = [...]string{
	KindControl:      "control",
	KindChat:         "chat",
	KindShareControl: "share-control",
	KindFileTransfer: "file-transfer",
	KindUnknown:      "unknown",
}

func (k ChannelKind) String() string {
	if int(k) < len(channelKindNames) && channelKindNames[k] != "" {
		return channelKindNames[k]
	}
	return fmt.Sprintf("ChannelKind(%d)", uint8(k))
}

// ClassifyChannel returns the kind of the sub-channel name.
func ClassifyChannel(name string) ChannelKind {
	switch name {
	case ChannelRCCtl, ChannelRemdesk:
		return KindControl
	case ChannelChat:
		return KindChat
	case ChannelShareControl:
		return KindShareControl
	case ChannelFileTransfer, ".", "1000.":
		return KindFileTransfer
	}
	if isVersion1FileChannel(name) {
		return KindFileTransfer
	}
	return KindUnknown
}

// isVersion1FileChannel reports whether name is digits and dots with at
// least one dot and no empty part but possibly the last: "a.b.c.d.secs"
// (an IPv4 address, "The IPAddress is of type IPV4") or "1000.secs".
func isVersion1FileChannel(name string) bool {
	dots, run := 0, 0
	for i := 0; i < len(name); i++ {
		switch c := name[i]; {
		case c == '.':
			if run == 0 {
				return false
			}
			dots, run = dots+1, 0
		case '0' <= c && c <= '9':
			run++
		default:
			return false
		}
	}
	return dots > 0 && run > 0
}
