package expert

import (
	"github.com/ranoviced/ranoviced/internal/rdp/caps"
	"github.com/ranoviced/ranoviced/internal/rdp/order"
)

// clientCapsConfig are the inputs to the Confirm Active capability sets.
type clientCapsConfig struct {
	fastPathOutput  bool
	compressionHdr  bool // require TS_CD_HEADER: no NO_BITMAP_COMPRESSION_HDR
	fastPathInput   bool
	saltedMAC       bool
	width, height   uint16
	bitsPerPixel    uint16
	server          caps.Negotiated // what the server's Demand Active said
	maxRequestSize  uint32          // 0: no Multifragment Update set
	colorPointers   bool            // no pointerCacheSize: Color Pointer Updates only
	noDesktopResize bool            // no desktopResizeFlag
	noScrBlt        bool            // orderSupport all zero
}

// clientCapabilities returns the sets of the client's Confirm Active, in
// the order xfreerdp 2.11.7 writes them (capabilities.c
// rdp_write_confirm_active): the fifteen it always sends, then the optional
// ones it sends in answer to the server's. Everything this client cannot
// decode stays unadvertised: of the drawing orders only ScrBlt (which
// xfreerdp advertises too), no surface commands, no bitmap codecs, no
// virtual channel compression; so a server that sends them anyway is
// caught.
func clientCapabilities(c clientCapsConfig) []caps.Set {
	// As xfreerdp 2.11.7: its orders, less those the server's Order set
	// leaves out (capabilities.c rdp_read_order_capability_set).
	var orderSupport [32]uint8
	if !c.noScrBlt && c.server.OrderSupport[order.NegScrBlt] != 0 {
		orderSupport[order.NegScrBlt] = 1
	}
	extra := caps.LongCredentialsSupported
	if !c.compressionHdr {
		extra |= caps.NoBitmapCompressionHdr
	}
	if c.fastPathOutput {
		extra |= caps.FastPathOutputSupported
	}
	if c.saltedMAC {
		extra |= caps.EncSaltedChecksum
	}
	inputFlags := caps.InputFlagScancodes | caps.InputFlagMouseX | caps.InputFlagUnicode | caps.InputFlagMouseHWheel
	if c.fastPathInput {
		inputFlags |= caps.InputFlagFastPathInput | caps.InputFlagFastPathInput2
	}
	chunk := uint32(caps.ChannelChunkLength)
	fontFlags := caps.FontSupportFontList
	pointerCache := uint16(20)
	// xfreerdp 2.11.7 sends pointerCacheSize only with its LargePointerFlag
	// setting (rdp_write_pointer_capability_set).
	pointerSet := &caps.Pointer{ColorPointerCacheSize: 20, PointerCacheSize: &pointerCache}
	if c.colorPointers {
		pointerSet.PointerCacheSize = nil
	}
	sets := []caps.Set{
		&caps.General{
			OSMajorType: caps.OSMajorUnix,
			OSMinorType: caps.OSMinorNativeXServer,
			ExtraFlags:  extra,
		},
		&caps.Bitmap{
			PreferredBitsPerPixel: c.bitsPerPixel,
			DesktopWidth:          c.width,
			DesktopHeight:         c.height,
			DesktopResize:         !c.noDesktopResize,
			DrawingFlags:          caps.DrawAllowSkipAlpha | caps.DrawAllowDynamicColorFidelity,
		},
		&caps.Order{
			OrderFlags:      caps.NegotiateOrderSupport | caps.ZeroBoundsDeltasSupport | caps.ColorIndexSupport,
			OrderSupport:    orderSupport,
			DesktopSaveSize: 230400,
		},
		// xfreerdp 2.11.7's revision 1 values for a 32 bpp session.
		&caps.BitmapCache{
			Cache0Entries: 200, Cache0MaximumCellSize: 1024,
			Cache1Entries: 600, Cache1MaximumCellSize: 4096,
			Cache2Entries: 1000, Cache2MaximumCellSize: 16384,
		},
		pointerSet,
		&caps.Input{
			InputFlags:          inputFlags,
			KeyboardLayout:      0x409,
			KeyboardType:        4,
			KeyboardFunctionKey: 12,
		},
		&caps.Brush{BrushSupportLevel: caps.BrushDefault},
		&caps.GlyphCache{GlyphSupportLevel: caps.GlyphSupportNone},
		&caps.VirtualChannel{Flags: caps.VCCapsNoCompr, VCChunkSize: &chunk},
		&caps.Sound{SoundFlags: caps.SoundFlagBeeps},
		&caps.Share{},
		&caps.Font{FontSupportFlags: &fontFlags},
		&caps.Control{},
		&caps.ColorCache{},
		&caps.Activation{},
		&caps.OffscreenBitmapCache{},
	}
	if c.server.Has(caps.TypeLargePointer) && !c.colorPointers {
		sets = append(sets, &caps.LargePointer{LargePointerSupportFlags: caps.LargePointerFlag96x96 | caps.LargePointerFlag384x384})
	}
	if c.maxRequestSize != 0 {
		sets = append(sets, &caps.MultifragmentUpdate{MaxRequestSize: c.maxRequestSize})
	}
	return sets
}
