package caps

import (
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// rfxClientContainer is the TS_RFX_CLNT_CAPS_CONTAINER of [MS-RDPRFX] 4.2.1.
const rfxClientContainer = `
31 00 00 00 # length: 49
01 00 00 00 # captureFlags: CARDP_CAPS_CAPTURE_NON_CAC
25 00 00 00 # capsLength: 37
c0 cb       # TS_RFX_CAPS::blockType: CBY_CAPS
08 00 00 00 # TS_RFX_CAPS::blockLen: 8
01 00       # TS_RFX_CAPS::numCapsets: 1
c1 cb       # TS_RFX_CAPSET::blockType: CBY_CAPSET
1d 00 00 00 # TS_RFX_CAPSET::blockLen: 29
01          # TS_RFX_CAPSET::codecId: 1
c0 cf       # TS_RFX_CAPSET::capsetType: CLY_CAPSET
02 00       # TS_RFX_CAPSET::numIcaps: 2
08 00       # TS_RFX_CAPSET::icapLen: 8
00 01 40 00 00 01 01 01 # TS_RFX_ICAP[0]: CLW_VERSION_1_0, 64, video mode, ICT, DWT_53_A, RLGR1
00 01 40 00 00 01 01 04 # TS_RFX_ICAP[1]: CLW_VERSION_1_0, 64, video mode, ICT, DWT_53_A, RLGR3
`

func rfxClientCapsWant() RFXClientCaps {
	return RFXClientCaps{
		CaptureFlags: CardpCapsCaptureNonCAC,
		ICaps: []RFXICap{
			{RFXVersion1, RFXTile64x64, 0, RFXColConvICT, RFXXformDWT53A, RFXEntropyRLGR1},
			{RFXVersion1, RFXTile64x64, 0, RFXColConvICT, RFXXformDWT53A, RFXEntropyRLGR3},
		},
	}
}

func TestRFXClientCaps(t *testing.T) {
	want := rfxClientCapsWant()
	rdptest.RunCases(t, []rdptest.Case[*RFXClientCaps]{{Name: "rdprfx-4.2.1", Raw: rfxClientContainer, Want: &want}},
		func() *RFXClientCaps { return new(RFXClientCaps) })
	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "length-48", Raw: "30 00 00 00 01000000 25000000 c0cb 08000000 0100 c1cb 1d000000 01 c0cf 0200 0800 0001400000010101 0001400000010104", Want: nil},
		{Name: "capsLength-36", Raw: "31 00 00 00 01000000 24000000 c0cb 08000000 0100 c1cb 1d000000 01 c0cf 0200 0800 0001400000010101 0001400000010104", Want: wire.ErrInvalid},
		{Name: "blockType", Raw: "31 00 00 00 01000000 25000000 c1cb 08000000 0100 c1cb 1d000000 01 c0cf 0200 0800 0001400000010101 0001400000010104", Want: wire.ErrInvalid},
		{Name: "numCapsets-2", Raw: "31 00 00 00 01000000 25000000 c0cb 08000000 0200 c1cb 1d000000 01 c0cf 0200 0800 0001400000010101 0001400000010104", Want: wire.ErrInvalid},
		{Name: "capset-blockLen", Raw: "31 00 00 00 01000000 25000000 c0cb 08000000 0100 c1cb 1c000000 01 c0cf 0200 0800 0001400000010101 0001400000010104", Want: wire.ErrInvalid},
		{Name: "codecId-2", Raw: "31 00 00 00 01000000 25000000 c0cb 08000000 0100 c1cb 1d000000 02 c0cf 0200 0800 0001400000010101 0001400000010104", Want: wire.ErrInvalid},
		{Name: "numIcaps-3", Raw: "31 00 00 00 01000000 25000000 c0cb 08000000 0100 c1cb 1d000000 01 c0cf 0300 0800 0001400000010101 0001400000010104", Want: wire.ErrInvalid},
		{Name: "icapLen-9", Raw: "31 00 00 00 01000000 25000000 c0cb 08000000 0100 c1cb 1d000000 01 c0cf 0200 0900 0001400000010101 0001400000010104", Want: wire.ErrInvalid},
		// A server container (all zeros, [MS-RDPRFX] 4.2.1) is not a client container.
		{Name: "server-container", Raw: "00000000 00000000 00000000 00000000", Want: wire.ErrInvalid},
	}, func() *RFXClientCaps { return new(RFXClientCaps) })
}

func TestNSCodecCaps(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*NSCodecCaps]{{
		Name: "freerdp-client",
		Raw: `
		01 # fAllowDynamicFidelity: TRUE
		01 # fAllowSubsampling: TRUE
		03 # colorLossLevel: 3`,
		Want: &NSCodecCaps{AllowDynamicFidelity: true, AllowSubsampling: true, ColorLossLevel: 3},
	}}, func() *NSCodecCaps { return new(NSCodecCaps) })
	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "colorLossLevel-0", Raw: "01 01 00", Want: wire.ErrInvalid},
		{Name: "colorLossLevel-8", Raw: "01 01 08", Want: wire.ErrInvalid},
		{Name: "freerdp-server-reserved", Raw: "00 00 00 00", Want: nil},
	}, func() *NSCodecCaps { return new(NSCodecCaps) })
	if _, err := (&NSCodecCaps{}).AppendBinary(nil); err == nil {
		t.Error("encoded colorLossLevel 0")
	}
}

// freerdpClientCodecs is the Bitmap Codecs set xfreerdp 2.11.7 writes with
// RemoteFX, NSCodec and Image-RemoteFX enabled
// (rdp_write_bitmap_codecs_capability_set, client mode), with the RemoteFX
// container of [MS-RDPRFX] 4.2.1.
const freerdpClientCodecs = `
1d 00 a3 00 # CAPSETTYPE_BITMAP_CODECS, 163
03          # bitmapCodecCount
12 2f 77 76 72 bd 63 44 af b3 b7 3c 9c 6f 78 86 # codecGUID: CODEC_GUID_REMOTEFX
03          # codecID: RDP_CODEC_ID_REMOTEFX
31 00       # codecPropertiesLength: 49
` + rfxClientContainer + `
b9 1b 8d ca 0f 00 4f 15 58 9f ae 2d 1a 87 e2 d6 # codecGUID: CODEC_GUID_NSCODEC
01          # codecID: RDP_CODEC_ID_NSCODEC
03 00       # codecPropertiesLength: 3
01 01 03    # TS_NSCODEC_CAPABILITYSET
d4 cc 44 27 8a 9d 74 4e 80 3c 0e cb ee a1 9c 54 # codecGUID: CODEC_GUID_IMAGE_REMOTEFX
04          # codecID: RDP_CODEC_ID_IMAGE_REMOTEFX
31 00       # codecPropertiesLength: 49
` + rfxClientContainer

// freerdpServerCodecs is what FreeRDP 2.11.7's server sends for RemoteFX and
// NSCodec: codecID 0 and 4 reserved bytes each.
const freerdpServerCodecs = `
1d 00 33 00 # CAPSETTYPE_BITMAP_CODECS, 51
02          # bitmapCodecCount
12 2f 77 76 72 bd 63 44 af b3 b7 3c 9c 6f 78 86 00 04 00 00 00 00 00 # REMOTEFX, id 0, TS_RFX_SRVR_CAPS_CONTAINER
b9 1b 8d ca 0f 00 4f 15 58 9f ae 2d 1a 87 e2 d6 00 04 00 00 00 00 00 # NSCODEC, id 0, reserved
`

func TestBitmapCodecs(t *testing.T) {
	rfx := mustEncode(t, new(rfxClientCapsWant()))
	client := &BitmapCodecs{Codecs: []BitmapCodec{
		{GUID: CodecRemoteFX.GUID(), ID: 3, Properties: rfx},
		{GUID: CodecNSCodec.GUID(), ID: 1, Properties: []byte{1, 1, 3}},
		{GUID: CodecImageRemoteFX.GUID(), ID: 4, Properties: rfx},
	}}
	rdptest.RunCases(t, []rdptest.Case[*BitmapCodecs]{{
		Name: "freerdp-client", Raw: freerdpClientCodecs, Want: client,
	}, {
		Name: "freerdp-server",
		Raw:  freerdpServerCodecs,
		Want: &BitmapCodecs{Codecs: []BitmapCodec{
			{GUID: CodecRemoteFX.GUID(), Properties: make([]byte, 4)},
			{GUID: CodecNSCodec.GUID(), Properties: make([]byte, 4)},
		}},
	}, {
		Name: "empty",
		Raw:  "1d 00 05 00 00",
		Want: &BitmapCodecs{},
	}}, func() *BitmapCodecs { return new(BitmapCodecs) })

	ns, err := client.Codecs[1].NSCodec()
	if err != nil || ns != (NSCodecCaps{true, true, 3}) {
		t.Errorf("NSCodec() = %+v, %v", ns, err)
	}
	if _, err := client.Codecs[0].NSCodec(); err == nil {
		t.Error("NSCodec() of a RemoteFX entry succeeded")
	}
	for _, c := range []BitmapCodec{client.Codecs[0], client.Codecs[2]} {
		x, err := c.RemoteFX()
		if err != nil || len(x.ICaps) != 2 || x.ICaps[1].EntropyBits != RFXEntropyRLGR3 {
			t.Errorf("RemoteFX() = %+v, %v", x, err)
		}
	}
	if _, err := client.Codecs[1].RemoteFX(); err == nil {
		t.Error("RemoteFX() of an NSCodec entry succeeded")
	}

	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "count-beyond-data", Raw: "1d 00 06 00 02 00", Want: wire.ErrInvalid},
		{Name: "properties-beyond-set", Raw: "1d 00 18 00 01 b9 1b 8d ca 0f 00 4f 15 58 9f ae 2d 1a 87 e2 d6 01 04 00 01 01 03", Want: wire.ErrShort},
		{Name: "trailing-byte-in-set", Raw: "1d 00 06 00 00 00", Want: wire.ErrTrailing},
	}, func() *BitmapCodecs { return new(BitmapCodecs) })
}

func TestGUID(t *testing.T) {
	for c := CodecUnknown; c <= CodecJPEG; c++ {
		if got := c.GUID().Codec(); got != c {
			t.Errorf("%v: GUID().Codec() = %v", c, got)
		}
	}
	if got := CodecNSCodec.GUID().String(); got != "CA8D1BB9-000F-154F-589F-AE2D1A87E2D6" {
		t.Errorf("GUID.String() = %s", got)
	}
	if CodecRemoteFX.String() != "CODEC_GUID_REMOTEFX" || Codec(99).String() != "CODEC_GUID_UNKNOWN" {
		t.Error("Codec.String")
	}
}

func mustEncode(t *testing.T, p wire.PDU) []byte {
	t.Helper()
	b, err := wire.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
