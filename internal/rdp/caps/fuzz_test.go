package caps

import (
	"encoding/binary"
	"fmt"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// setList is a test-only PDU: a u16 count followed by that many sets, so
// FuzzSets drives DecodeSets and every set decoder through FuzzRoundTrip.
type setList struct{ Sets []Set }

func (l *setList) Size() int { return 2 + SetsSize(l.Sets) }

func (l *setList) AppendBinary(b []byte) ([]byte, error) {
	b = wire.AppendU16LE(b, uint16(len(l.Sets)))
	return AppendSets(b, l.Sets)
}

func (l *setList) Decode(r *wire.Reader) error {
	n := r.U16LE()
	if r.Err() != nil {
		return r.Err()
	}
	s, err := DecodeSets(r, int(n))
	l.Sets = s
	return err
}

func (l *setList) UnmarshalBinary(b []byte) error { return wire.Unmarshal(l, b) }

func withCount(n int, hex string) []byte {
	return append(binary.LittleEndian.AppendUint16(nil, uint16(n)), rdptest.Hex(hex)...)
}

func FuzzSets(f *testing.F) {
	f.Add(withCount(13, bcgr4112Sets))
	f.Add(withCount(18, bcgr4113Sets))
	f.Add(withCount(1, freerdpClientCodecs))
	f.Add(withCount(1, freerdpServerCodecs))
	for _, s := range []string{
		"1a 00 08 00 ff ff 00 00", "1b 00 06 00 03 00", "1c 00 0c 00 52 00 00 00 00 00 00 00",
		"1e 00 08 00 02 00 00 00", "06 00 05 00 01", "19 00 06 00 01 00", "42 00 07 00 01 02 03",
		"04 00 28 00 000000000000000000000000000000000000000000000000 c8000004 58020010 e8030040",
		"14 00 0c 00 00 00 00 00 40 06 00 00", "08 00 08 00 01 00 14 00",
	} {
		f.Add(withCount(1, s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, func() *setList { return new(setList) })
	})
}

func FuzzRFXClientCaps(f *testing.F) {
	f.Add(rdptest.Hex(rfxClientContainer))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, func() *RFXClientCaps { return new(RFXClientCaps) })
	})
}

func FuzzNSCodecCaps(f *testing.F) {
	f.Add([]byte{1, 1, 3})
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, func() *NSCodecCaps { return new(NSCodecCaps) })
	})
}

// Example of the sets a server sends in its Demand Active (rdp-server.md
// §3.1); the acceptor chooses the values.
func ExampleAppendSets() {
	sets := []Set{
		&General{OSMajorType: OSMajorUnix, ExtraFlags: FastPathOutputSupported | LongCredentialsSupported | NoBitmapCompressionHdr,
			RefreshRectSupport: true, SuppressOutputSupport: true},
		&Bitmap{PreferredBitsPerPixel: 32, DesktopWidth: 1920, DesktopHeight: 1080, DesktopResize: true},
		&Order{OrderFlags: NegotiateOrderSupport | ZeroBoundsDeltasSupport | ColorIndexSupport, DesktopSaveSize: 230400},
		&Pointer{ColorPointerCacheSize: 25, PointerCacheSize: new(uint16(25))},
		&Input{InputFlags: InputFlagScancodes | InputFlagMouseX | InputFlagFastPathInput | InputFlagUnicode | InputFlagFastPathInput2 | InputFlagMouseHWheel},
		&VirtualChannel{VCChunkSize: new(uint32(ChannelChunkLength))},
		&Share{NodeID: 0x03EA},
		&Font{FontSupportFlags: new(FontSupportFontList)},
		&MultifragmentUpdate{MaxRequestSize: 0x200000},
	}
	b, err := AppendSets(nil, sets)
	fmt.Println(len(b), SetsSize(sets), err)
	// Output: 274 274 <nil>
}
