package caps

import (
	"bytes"
	"slices"
)

// FastPathFragmentSafeSize is the largest fast-path update a server sends to
// a client that cannot reassemble fragments (FreeRDP 2.11.7
// FASTPATH_FRAGMENT_SAFE_SIZE, libfreerdp/core/fastpath.h).
const FastPathFragmentSafeSize = 0x3F80

// fastPathMaxPacketSize is FASTPATH_MAX_PACKET_SIZE: one fast-path PDU.
const fastPathMaxPacketSize = 0x3FFF

// Negotiated is what a server keeps from the client's Confirm Active
// capability sets ([MS-RDPBCGR] 3.3.5.3.13.2: "MUST be used to determine
// what subset of RDP to send to the client"). Fields of a set the client did
// not send hold the conservative default noted at each; Received tells which
// sets arrived.
type Negotiated struct {
	// Received lists the capabilitySetType of every set, in order, with
	// duplicates.
	Received []SetType

	// General (absent: no fast-path output, no salted MAC, compression
	// header required).
	OSMajorType               OSMajorType
	OSMinorType               OSMinorType
	ExtraFlags                ExtraFlags
	FastPathOutput            bool // FASTPATH_OUTPUT_SUPPORTED: else send slow-path updates only
	SaltedChecksum            bool // ENC_SALTED_CHECKSUM
	NoBitmapCompressionHeader bool // NO_BITMAP_COMPRESSION_HDR: TS_CD_HEADER may be omitted
	LongCredentials           bool // LONG_CREDENTIALS_SUPPORTED

	// Bitmap (absent: zero).
	PreferredBitsPerPixel uint16
	DesktopWidth          uint16
	DesktopHeight         uint16
	// DesktopResize is desktopResizeFlag: without it the client cannot
	// follow a Deactivation-Reactivation resize.
	DesktopResize bool
	DrawingFlags  DrawingFlags

	// Pointer (absent: zero). Cache indexes must stay below these sizes.
	ColorPointerCacheSize uint16
	// PointerCacheSize is 0 when the field was absent; then, or when it is
	// 0, the server must not send New Pointer Updates (2.2.7.1.5).
	PointerCacheSize    uint16
	HasPointerCacheSize bool // pointerCacheSize was present

	// Input (absent: zero). The keyboard fields repeat Client Core Data.
	InputFlags          InputFlags
	KeyboardLayout      uint32
	KeyboardType        uint32
	KeyboardSubType     uint32
	KeyboardFunctionKey uint32

	// OrderSupport is the Order set's orderSupport, indexed by the
	// TS_NEG_*_INDEX numbers, when its orderFlags has
	// NEGOTIATEORDERSUPPORT (absent, or without the flag: all zero, no
	// drawing orders).
	OrderSupport [32]uint8

	// VCFlags is the Virtual Channel set's flags (absent: VCCAPS_NO_COMPR).
	// The client's VCChunkSize is ignored by the server (2.2.7.1.10).
	VCFlags VCFlags

	// MaxRequestSize caps every (reassembled) fast-path update. As FreeRDP
	// 2.11.7's server does (rdp_recv_confirm_active,
	// rdp_read_multifragment_update_capability_set), a missing
	// Multifragment Update set, or a MaxRequestSize smaller than one
	// fast-path PDU (0x3FFF; "observed with some windows ce rdp clients"),
	// becomes FastPathFragmentSafeSize: send updates that need no
	// fragmentation.
	MaxRequestSize uint32
	// ClientMaxRequestSize is the value the client sent, 0 if absent.
	ClientMaxRequestSize uint32

	// LargePointerFlags is the Large Pointer set's flags (absent: 0).
	LargePointerFlags LargePointerFlags

	// SurfaceCommands is the Surface Commands set's cmdFlags (absent: 0).
	SurfaceCommands SurfaceCmdFlags

	// Codecs are the client's bitmap codecs with the IDs it assigned
	// (absent: none). Properties are copies.
	Codecs []BitmapCodec

	// FrameAcknowledge reports the Frame Acknowledge set: the client will
	// acknowledge frame markers. MaxUnacknowledgedFrameCount is its hint
	// (0 when absent or when the client sent 0).
	FrameAcknowledge            bool
	MaxUnacknowledgedFrameCount uint32
}

// Negotiate extracts what the server keeps from the client's capability
// sets. Where a type appears more than once the last set wins, as in FreeRDP
// 2.11's rdp_read_capability_sets. It never fails: checking that mandatory
// sets are present is the caller's decision (see Has).
func Negotiate(client []Set) Negotiated {
	n := Negotiated{MaxRequestSize: FastPathFragmentSafeSize}
	for _, s := range client {
		if s == nil {
			continue
		}
		n.Received = append(n.Received, s.Type())
		switch s := s.(type) {
		case *General:
			n.OSMajorType, n.OSMinorType, n.ExtraFlags = s.OSMajorType, s.OSMinorType, s.ExtraFlags
			n.FastPathOutput = s.ExtraFlags.Has(FastPathOutputSupported)
			n.SaltedChecksum = s.ExtraFlags.Has(EncSaltedChecksum)
			n.NoBitmapCompressionHeader = s.ExtraFlags.Has(NoBitmapCompressionHdr)
			n.LongCredentials = s.ExtraFlags.Has(LongCredentialsSupported)
		case *Bitmap:
			n.PreferredBitsPerPixel = s.PreferredBitsPerPixel
			n.DesktopWidth, n.DesktopHeight = s.DesktopWidth, s.DesktopHeight
			n.DesktopResize = s.DesktopResize
			n.DrawingFlags = s.DrawingFlags
		case *Order:
			n.OrderSupport = [32]uint8{}
			if s.OrderFlags.Has(NegotiateOrderSupport) {
				n.OrderSupport = s.OrderSupport
			}
		case *Pointer:
			n.ColorPointerCacheSize = s.ColorPointerCacheSize
			n.PointerCacheSize, n.HasPointerCacheSize = 0, s.PointerCacheSize != nil
			if s.PointerCacheSize != nil {
				n.PointerCacheSize = *s.PointerCacheSize
			}
		case *Input:
			n.InputFlags = s.InputFlags
			n.KeyboardLayout, n.KeyboardType = s.KeyboardLayout, s.KeyboardType
			n.KeyboardSubType, n.KeyboardFunctionKey = s.KeyboardSubType, s.KeyboardFunctionKey
		case *VirtualChannel:
			n.VCFlags = s.Flags
		case *MultifragmentUpdate:
			n.ClientMaxRequestSize = s.MaxRequestSize
			n.MaxRequestSize = s.MaxRequestSize
			if s.MaxRequestSize < fastPathMaxPacketSize {
				n.MaxRequestSize = FastPathFragmentSafeSize
			}
		case *LargePointer:
			n.LargePointerFlags = s.LargePointerSupportFlags
		case *SurfaceCommands:
			n.SurfaceCommands = s.CmdFlags
		case *BitmapCodecs:
			n.Codecs = make([]BitmapCodec, len(s.Codecs))
			for i, c := range s.Codecs {
				c.Properties = bytes.Clone(c.Properties)
				n.Codecs[i] = c
			}
		case *FrameAcknowledge:
			n.FrameAcknowledge = true
			n.MaxUnacknowledgedFrameCount = s.MaxUnacknowledgedFrameCount
		}
	}
	return n
}

// Has reports whether the client sent a set of type t.
func (n *Negotiated) Has(t SetType) bool { return slices.Contains(n.Received, t) }

// Codec returns the client's entry for codec c (the last one, if repeated).
func (n *Negotiated) Codec(c Codec) (BitmapCodec, bool) {
	for i := len(n.Codecs) - 1; i >= 0; i-- {
		if n.Codecs[i].GUID.Codec() == c {
			return n.Codecs[i], true
		}
	}
	return BitmapCodec{}, false
}
