package acceptor

import (
	"github.com/ranoviced/ranoviced/internal/rdp/caps"
	"github.com/ranoviced/ranoviced/internal/rdp/order"
)

// CapsConfig are the inputs to the server's capability sets.
type CapsConfig struct {
	Width, Height        uint16
	BitsPerPixel         uint16
	StandardRDPSecurity  bool   // advertise salted MACs
	MaxRequestSize       uint32 // the largest fast-path update we reassemble (we never receive one)
	VirtualChannelChunks uint32 // the largest chunk the client may send
}

// MultifragmentSize is the Multifragment Update MaxRequestSize the server
// announces for a desktop: room for a full screen of 64×64 tiles, as
// FreeRDP's server computes it (rdp-server.md §3.1).
func MultifragmentSize(w, h uint16) uint32 {
	tiles := (uint32(w) + 63) / 64 * ((uint32(h) + 63) / 64)
	return tiles*16384 + 16384
}

// ServerCapabilities returns the capability sets of the server's Demand
// Active ([MS-RDPBCGR] 2.2.1.13.1.1.1): the nine sets verified with
// xfreerdp 2.11.7 plus Color Cache, which Windows servers also send.
func ServerCapabilities(c CapsConfig) []caps.Set {
	extra := caps.FastPathOutputSupported | caps.LongCredentialsSupported | caps.NoBitmapCompressionHdr
	if c.StandardRDPSecurity {
		extra |= caps.EncSaltedChecksum
	}
	chunk := c.VirtualChannelChunks
	fontFlags := caps.FontSupportFontList
	return []caps.Set{
		&caps.General{
			OSMajorType: caps.OSMajorUnix,
			OSMinorType: caps.OSMinorNativeXServer,
			ExtraFlags:  extra,
			// 2.2.7.1.1: the client sends Refresh Rect and Suppress Output
			// only to a server that says it takes them.
			RefreshRectSupport:    true,
			SuppressOutputSupport: true,
		},
		&caps.Bitmap{
			PreferredBitsPerPixel: c.BitsPerPixel,
			DesktopWidth:          c.Width,
			DesktopHeight:         c.Height,
			// With desktopResizeFlag the client adopts the server's size
			// (and can follow a later resize by reactivation).
			DesktopResize: true,
			// Our Planar streams carry no alpha plane ([MS-RDPEGDI]
			// 3.1.9.1.2); Windows clients decode them only when the server
			// says so.
			DrawingFlags: caps.DrawAllowSkipAlpha,
		},
		&caps.Order{
			OrderFlags:      caps.NegotiateOrderSupport | caps.ZeroBoundsDeltasSupport | caps.ColorIndexSupport,
			DesktopSaveSize: 230400,
			// ScrBlt, the one order the server sends (scrolls). FreeRDP
			// 2.11.7's client clears every order the server's set leaves
			// out of its own orderSupport (capabilities.c
			// rdp_read_order_capability_set), so this must be here.
			OrderSupport: [32]uint8{order.NegScrBlt: 1},
		},
		&caps.Pointer{ColorPointerCacheSize: 25, PointerCacheSize: ptr(uint16(25))},
		&caps.Input{
			InputFlags: caps.InputFlagScancodes | caps.InputFlagMouseX | caps.InputFlagFastPathInput |
				caps.InputFlagUnicode | caps.InputFlagFastPathInput2 | caps.InputFlagMouseHWheel,
		},
		&caps.VirtualChannel{Flags: caps.VCCapsNoCompr, VCChunkSize: &chunk},
		&caps.Share{NodeID: ServerChannelID},
		&caps.Font{FontSupportFlags: &fontFlags},
		&caps.MultifragmentUpdate{MaxRequestSize: c.MaxRequestSize},
		&caps.ColorCache{},
	}
}

func ptr[T any](v T) *T { return &v }

// ResizedCapabilities returns a copy of the server's capability sets for a
// new desktop size: the Bitmap set's desktopWidth/desktopHeight and the
// Multifragment Update size that fits the new desktop. The session sends
// it in the Demand Active of a Deactivation-Reactivation Sequence
// ([MS-RDPBCGR] 1.3.1.3). The sets passed in are not modified.
func ResizedCapabilities(sets []caps.Set, width, height uint16) []caps.Set {
	out := make([]caps.Set, len(sets))
	for i, s := range sets {
		switch v := s.(type) {
		case *caps.Bitmap:
			b := *v
			b.DesktopWidth, b.DesktopHeight = width, height
			out[i] = &b
		case *caps.MultifragmentUpdate:
			out[i] = &caps.MultifragmentUpdate{MaxRequestSize: MultifragmentSize(width, height)}
		default:
			out[i] = s
		}
	}
	return out
}
