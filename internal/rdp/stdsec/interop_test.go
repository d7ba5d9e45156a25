package stdsec

import (
	"errors"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/sec"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// Known-answer vectors for the whole client-to-server chain, captured from
// the Debian xfreerdp 2.11.7 client (freerdp2-x11 2.11.7+dfsg1-6~deb12u1)
// under Xvfb, talking to a throwaway capture server on 127.0.0.1 that sent a
// proprietary certificate for testKey2048, ENCRYPTION_METHOD_128BIT at level
// CLIENT_COMPATIBLE, and the server random 0xa0, 0xa1, … 0xbf. Each vector
// is the userData of the MCS Send Data Request (after 64 00 06 03 eb 70 81 xx).
//
// The [MS-RDPBCGR] 4.1 sample connection cannot serve here: it publishes
// neither its client random nor the private key of its 4.1.4 certificate
// (the 4.8 sample key is a different key), so its encrypted Client Info
// (4.1.10) cannot be decrypted from public data.

// interopServerRandom is the server random the capture server sent.
var interopServerRandom = rdptest.Hex(`
	a0 a1 a2 a3 a4 a5 a6 a7 a8 a9 aa ab ac ad ae af
	b0 b1 b2 b3 b4 b5 b6 b7 b8 b9 ba bb bc bd be bf
`)

// interopPlainSecurityExchange and interopPlainClientInfo: `xfreerdp
// /v:127.0.0.1:33891 /sec:rdp /u:expert /p:S3cret!pw /d:WORKGROUP
// /cert:ignore`.
var interopPlainSecurityExchange = rdptest.Hex(`
	01 02 00 00 08 01 00 00 41 39 a6 0c 93 ef 09 ef
	0c b2 ac d8 bc 2d e8 5b ff c8 c8 e6 ff 1f 18 9f
	7d 8d 6b bd 66 1f ee f6 5a a7 0a a6 1d 62 51 80
	16 41 66 b8 8a c9 d4 fc f2 69 52 7e e5 18 7f f5
	91 ca 8b b2 1b 9b 04 5d 3e 28 8f 03 78 3c cd 18
	02 af 58 3c cb d7 8d 1f d8 b2 89 83 64 2b 4e f0
	d8 5c 61 88 1a 68 17 88 9d ee 77 83 32 f0 e6 a1
	de 8d aa b0 41 96 78 1a be e5 89 0b 28 83 dd ec
	75 c7 7b 4d 6d 12 22 78 8c b6 73 fe c2 aa 85 bb
	2e 1f 0c 68 77 88 c2 4f 29 2c 42 3f 72 c1 37 7c
	a9 d1 03 89 bc f7 93 6d 85 a7 a3 15 a1 d3 e6 8c
	f6 dc 12 a4 6d 47 d5 d6 11 ea 41 07 35 67 2e 0d
	9d f0 cd a6 f0 76 07 95 2c 43 82 d6 c7 cf 6b 67
	4d ff df 35 fa 14 44 dc a5 43 4c 38 d2 42 e5 33
	28 e2 bb 05 a0 5e b0 2b b8 55 87 26 95 b5 ce 9f
	b7 66 78 52 c1 1f 98 0b 4b 76 88 b2 ba 4d 25 27
	00 50 43 01 f9 77 2e 6e 00 00 00 00 00 00 00 00`)

var interopPlainClientInfo = rdptest.Hex(`
	48 08 00 00 b6 9b f2 6e 32 bf 84 87 d2 01 80 95
	06 73 39 f8 ba 10 00 77 7f de d1 cf e3 23 a8 3f
	ba 2f b7 63 eb 9e ac a3 c9 db 15 a8 78 a6 69 ba
	ad 0f 58 e6 c3 d9 cc 25 33 0c c1 41 76 f3 98 de
	92 63 27 c7 8c d6 d4 0a 4e 97 58 fb 20 b0 d3 1a
	63 63 80 e9 46 d6 eb e0 34 cb 41 83 68 ea 95 ce
	cc 95 88 08 0f a6 d5 0f 0d e6 0f 39 af 38 ac e7
	c3 97 08 63 ef 1b ad 3b 6c 61 52 47 7b 23 f9 70
	00 e6 0d 0f dc e0 52 53 40 15 d8 9d 4f 26 b6 b6
	26 46 c1 44 17 37 88 bb 07 19 9f 5a 4c 32 ee 2f
	3e 7f 48 b2 df c3 52 b7 a2 ab 0c df 3a 72 04 1b
	55 78 31 2c 89 58 b7 08 e7 27 fc a0 6a 1b a9 1b
	a3 a8 45 1a 3f 26 17 6b 9b a8 15 37 67 da 75 15
	5b 3f 56 89 fb d2 82 82 20 d1 9d 9c 51 1f 31 34
	fe 73 5b a4 c9 9b 6c 61 5f 00 26 b1 73 c6 cb f8
	5f 69 3b d3 7d fe 07 32 3b 9e ba 60 1a 1f 87 00
	c4 97 7a e8 6a a8 44 79 69 53 67 b3 e0 f3 40 a2
	c9 cf 6a 8e 21 c7 d9 20 69 76 49 5f 09 5e 4c 10
	ef df 59 2e 60 fc 19 8c e9 b6 ea a2 62 cf 04 76
	e3 b8 39 50 0d 0e 36 85 0a 4a 4c ed 38 9c 15 d4
	43 18 ac 06 f5 35 76 84 16 92 ab 6c 7d e5 97 8a
	0f 33 0d db 19 24 86 f4 b0 17 13 86 ec 87 08 5e
	4f 6a 00 08 d1 30 b5 07`)

// interopRASecurityExchange and interopRAClientInfo: assistance mode,
// `xfreerdp inv2.msrcIncident /assistance:48BJQ853X3B4 /sec:rdp
// /cert:ignore`, where inv2.msrcIncident is the type-2 invitation of
// FreeRDP's TestCommonAssistance (USERNAME "awake", PassStub
// "WB^6HsrIaFmEpi") with its LHTICKET re-encrypted to list only
// 127.0.0.1:33893 (ra-protocol.md §5.3).
var interopRASecurityExchange = rdptest.Hex(`
	01 02 00 00 08 01 00 00 e8 3e 6b 54 57 1f f8 e0
	82 3d e6 58 54 5a 09 8a 75 2b 26 4b b5 27 2f 9a
	db 60 31 69 d8 e8 cc 8e 52 c9 e4 89 23 83 08 92
	01 67 23 1f d6 96 01 f0 84 95 0a 62 25 cb 46 f9
	c9 a4 5f 6a 68 33 32 0c 98 51 f1 17 b4 fc 35 e9
	93 4c 3c 2e 49 e5 88 62 da 4b 66 e6 cc 95 f1 b6
	f8 97 80 d2 49 99 d9 a7 a9 ed b5 b7 63 0d 53 9f
	cc a9 f8 d7 44 b1 4b 5f 8c b3 77 47 4d b4 c8 87
	cd 34 2f 45 ec 63 07 f3 dd b2 82 be 25 00 43 f0
	a4 5f 1a 5e ca 2f 6f 1e 50 91 1e a3 ad b5 c8 5b
	e3 95 80 7f db a0 e9 ff a5 94 4e 50 35 26 12 5f
	f6 a5 e5 49 6b 6f df 3d d2 04 1e a4 df 59 3c 37
	5c bc 3f 65 8d ab af 34 fb f7 12 60 5a 82 06 d1
	79 1a de 20 00 96 52 9f 44 52 0b 76 15 eb 31 db
	f7 a8 0b 8b e8 f3 aa 25 49 30 ab 70 e1 28 5d 7c
	83 12 c3 7b 29 33 da 3d 6b 8f b5 85 3d c3 d9 bf
	42 ce 8a 03 3b fa 51 92 00 00 00 00 00 00 00 00`)

var interopRAClientInfo = rdptest.Hex(`
	48 08 00 00 96 30 89 38 13 bf d1 75 72 16 2c cc
	e8 99 20 ff 80 2e b1 7c d1 ad 9f b7 c0 dd 85 90
	62 15 1a 39 7f ec fa 67 72 24 0b 77 d6 1e 3a 4f
	72 b0 35 7a f9 4a 84 14 64 83 75 6b 82 3b 13 db
	fe f6 95 8c 03 26 23 e0 25 48 f3 03 6f 0a f1 b3
	f8 49 2b 40 12 35 15 4a f9 d6 39 f1 5b 93 b7 cd
	d7 8a 20 3e f6 90 a1 c7 b0 a0 91 94 55 76 88 0c
	d1 21 ca 73 bb 8b 77 7b 0a 0e 58 33 27 b1 b1 2b
	a6 83 8e 1c 8e 1a 11 c4 f9 b8 1a 0b 01 9b 6c 28
	4d b9 f6 5e ba 66 ab 2c 44 19 d6 1f 9d 3e 32 34
	27 10 6c bd 3f 4e 78 ec 87 2c f6 17 77 11 68 97
	34 76 32 fa 3f ed 1e 11 6e b8 a7 08 7a 15 ae e0
	d4 19 67 00 a3 07 d4 9c 0d 3b 11 43 de 62 4b ae
	f2 69 15 0f 7c 38 2d ff 90 f2 46 ab 37 cd ca c8
	ac 6b 3a 0a 5e 22 fc 86 44 26 7e 47 ca 93 b9 e5
	67 b1 0a 25 fe 31 15 8a be cc 00 08 9b b3 85 a1
	d4 1d fd e2 43 02 fd 04 26 8f f0 2b 45 60 95 b8
	9c 8c e8 fa 33 ac 3f 60 01 97 66 ba ca de dd c5
	61 60 4c 73 61 ee 19 a9 95 94 cd a6 df 36 5c 4c
	d0 61 c5 91 5a c2 83 7e 0e b0 5d ce 2d 13 7e 8c
	99 a4 92 1e 8b 92 fd c2 65 d5 9d 55 15 43 2a 44
	3e a8 54 4f 5e e3 fd b0 b6 8c 5e b0 cf 24 29 f5
	67 db ab 6f bc 28 78 c0 cc e0 02 b7 87 64 05 82
	1a 17 9e 33 37 e9 34 29 f7 a2 b0 7b 5c 83 45 36
	78 86 68 37 9a a2 a5 a3 2b 82 28 db 83 54 1e 9d
	53 ac 8d 5f 30 8e 71 cc 8c b9 b6 95 41 f7 9d b2
	ad c0 d6 3c 31 31 61 ef 8c f6 a9 97 9f cd 3a 68
	e6 b2 03 db 15 2f f9 6b 11 81 f6 29 ae 39 c4 e2
	42 f2 26 6b bc e3`)

// interop40SecurityExchange … interop56ClientInfo: `xfreerdp
// /v:127.0.0.1:3390x /sec:rdp /encryption-methods:40,56,128 /u:expert /p:x
// /cert:ignore` against a server that selected ENCRYPTION_METHOD_40BIT and
// ENCRYPTION_METHOD_56BIT.
var interop40SecurityExchange = rdptest.Hex(`
	01 02 00 00 08 01 00 00 16 a0 59 09 d9 5b b1 62
	1e de ad 80 79 53 21 e4 3f e5 82 66 66 7b 8a be
	17 a6 f4 de 82 90 63 6b a3 47 58 2d 0c dc 21 e9
	2b 43 0f 9e 70 e0 e1 96 a5 5a 35 af 81 a8 a5 7b
	50 3b fb c6 d8 5b 7a 2c af 1e c8 0b 89 40 1b c6
	24 b6 21 d9 db f3 3b df ff 7b a4 8d e0 72 e5 e8
	38 37 43 68 d0 06 6b f8 80 04 70 57 c3 49 b3 16
	c0 2e 47 41 02 2d 96 bf a2 a7 e3 49 33 43 66 ad
	f0 bd 5c c0 fe b3 45 ac 0e a8 d7 58 a2 2e ab 2a
	1d 67 d5 d2 de e0 68 28 a8 89 d1 8b a5 98 ca 09
	a0 83 bf 6f fe 68 d4 63 c9 a0 f0 43 96 ce 9a d0
	ec a9 78 8a 32 cb 04 19 d4 9f 7c 6b 88 8d ec 38
	e8 4e 84 65 8d 45 4f 6d 85 a8 c6 b0 63 78 4f de
	c6 8f b6 e4 80 c2 30 bb e4 0f 60 2c 00 1e 0a 29
	22 b2 67 d7 f0 4f ad 37 e7 cd 92 8b 82 26 dc 5c
	69 48 6d 98 95 9d 68 73 89 50 93 c7 0e 7b 51 af
	8e d1 ba 3e 1c f1 c0 48 00 00 00 00 00 00 00 00
`)

var interop40ClientInfo = rdptest.Hex(`
	48 08 00 00 57 8b 94 a9 c8 34 3c b9 30 e0 ac 50
	35 a8 35 96 e4 e8 62 92 33 3b 08 0c 2f ea a4 9e
	c9 33 40 bf 82 51 60 e0 d3 42 68 ce 75 b2 10 6b
	8a 77 5d cf d1 66 b7 6b 8b 4e e4 84 ce 1c 26 01
	44 4f 60 6c c3 1f 30 85 9c 7e 4e bb 2b 9e 0a 7e
	4f 27 1f 08 17 f6 ad 82 63 9b 69 26 76 54 5e a1
	01 62 0b f3 cc 1b f5 bd c6 1b 09 45 3d 8a 32 39
	ba 12 c6 d6 31 37 8a 8a 51 cf 6d 4f 08 e4 c5 3e
	a4 aa c3 6c 0e 99 4c 56 cf 60 b8 fe 79 53 75 79
	48 69 45 5e 9f 03 9d df 9b 57 87 3f 45 06 d0 b4
	2a b0 c2 df af 10 f3 cb d3 13 77 fc ce 81 da ed
	a9 4a ab ab d4 bb 20 bd 8d ca e4 cf d9 34 e1 c0
	32 27 c6 fb 57 fb 79 53 8a 9a aa b9 4c 18 de 89
	75 bd cd 79 10 71 75 d6 77 cf 02 0d ce 19 4f 71
	4e 2c c5 cc fa 37 5e 91 2a 1e 1b db e9 ee 66 69
	7a 20 d3 0f 19 95 61 b5 cc 1f 2d a7 0f 34 54 57
	18 e3 5f fc f1 be fd 85 25 22 53 99 44 f8 8f 05
	0f 2c 95 19 85 08 32 b0 11 70 5c f5 77 35 7b 74
	39 d4 db ce 6f 19 4a ad 5f c8 29 22 40 03 e1 c0
	e6 81 f7 f6 94 4f 42 62 8e 10 9e 7c 17 e0 e3 b8
	a6 40 a1 b7 22 b5
`)

var interop56SecurityExchange = rdptest.Hex(`
	01 02 00 00 08 01 00 00 9a 67 a5 2c 7b fc 9e 85
	0d 61 ab f6 d8 c6 b5 68 42 1c aa 7b 55 1e d3 06
	a3 ab a5 bb 8c 61 af 64 26 5c a1 93 ba 3f d5 5d
	9e a0 a0 b9 fd e9 4b 80 ea f8 a4 51 f5 8c 90 33
	17 83 df d4 2b 1b 95 c7 c1 43 af fd bf 22 2c 20
	9c 0a d8 95 7a af d2 84 71 3c bc 6c d3 c5 86 29
	58 0b ec 6a f3 0a b4 42 ac 4c c8 46 c4 f6 6a 70
	60 3b ff 12 f4 72 90 30 c5 61 a8 ff f2 4c 76 84
	5f 3b c1 71 ac ca 41 86 56 7a 73 92 df 5a 69 49
	b9 b7 78 89 67 ca d8 42 55 36 47 f9 ee c8 40 85
	76 4c 00 33 3c c9 d4 82 2d f3 9f 16 c2 65 2b 77
	e9 ce 40 ab ba 16 bb 6a 91 d3 9f a5 72 de 38 53
	fd ea 1c ed 00 23 8a c0 9c a4 84 6c 5f 35 af 03
	91 64 d6 85 72 c6 94 4a 2a c3 f0 43 82 2a ef 1c
	10 08 31 49 6b ee 04 86 f8 7c ad 9a 2b 1d a9 88
	fc 36 f1 ed 1d bb e9 f9 d6 0d 6e b6 e7 84 87 c5
	10 d9 83 f3 aa f5 8e 84 00 00 00 00 00 00 00 00
`)

var interop56ClientInfo = rdptest.Hex(`
	48 08 00 00 d1 5b 8b 4a 20 59 ee b5 48 8e 7a f1
	95 4b 83 d8 5c 04 d4 55 0d 11 56 17 b2 fe 70 02
	09 ff a3 74 cc 33 b4 d0 71 59 7c 8c 24 04 97 17
	ab 2a 01 6f 88 6f 18 8d f0 1a 6f c4 24 a5 68 83
	dd a7 f8 e5 a4 f0 ee 2e 85 36 ba 65 8a 98 f1 e2
	70 d9 78 8c e3 4d 62 69 a2 45 53 f4 30 0e f1 b6
	a6 08 77 35 d6 fd 44 ab 0a 8d 63 75 01 ea d3 66
	81 b6 d6 56 4f ab b8 79 61 49 e4 f4 29 f9 9c ba
	cf 7f 1e aa ea 5f bb 44 2e 43 84 19 7a 85 06 22
	7d 98 d7 46 f7 bc 55 12 86 fd b7 96 b6 b1 99 71
	97 bf 26 a9 02 d0 89 2f 27 72 05 52 31 a2 0b 63
	f7 43 ef dc d5 df 63 3e c7 c2 e6 c4 ac dc bd 7f
	4d ae cc 31 b9 01 ae 60 97 85 ed f3 22 bc 43 66
	08 6b 91 54 39 b8 3f 13 f2 62 7c c7 b3 3c 6b 41
	b3 4b 84 3c 6a f0 91 3d 7f d1 34 56 68 96 ee 42
	5d b7 75 f8 66 af 18 13 c2 13 82 c6 3d a7 b4 af
	31 cf 96 da 8d 27 5e b0 90 78 cf d1 07 85 e2 d7
	07 d7 57 51 ca 98 3f d0 e7 82 27 f1 05 fe 59 04
	7a aa f9 93 95 f0 59 20 62 14 2e 4b 92 0f 9c 1f
	cc 5e b1 11 ee ae fd fc 23 d7 81 33 29 83 c7 55
	74 91 48 21 2a 8b
`)

// openClientInfo runs the server side of the chain on a captured Security
// Exchange PDU and Client Info PDU: decrypt the client random, derive the
// keys, decrypt the Client Info PDU and check its MAC, decode it.
func openClientInfo(t *testing.T, exchange, info []byte, method EncryptionMethod) (*sec.ClientInfo, sec.NonFIPSHeader) {
	t.Helper()
	r := wire.NewReader(exchange)
	var hdr sec.BasicHeader
	var ex sec.SecurityExchange
	if err := hdr.Decode(r); err != nil {
		t.Fatal(err)
	}
	if err := ex.Decode(r); err != nil || r.Finish() != nil {
		t.Fatalf("Security Exchange: %v %v", err, r.Finish())
	}
	if !hdr.Flags.Has(sec.ExchangePkt) {
		t.Fatalf("Security Exchange flags %v", hdr.Flags)
	}
	key := testKey2048()
	if err := ex.CheckModulus(key.Size()); err != nil {
		t.Fatal(err)
	}
	random, err := DecryptClientRandom(key, ex.EncryptedClientRandom)
	if err != nil {
		t.Fatal(err)
	}
	keys, err := DeriveKeys(random, interopServerRandom, method)
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewCipher(keys, ClientToServer, method)
	if err != nil {
		t.Fatal(err)
	}

	r = wire.NewReader(info)
	var h sec.NonFIPSHeader
	if err := h.Decode(r); err != nil {
		t.Fatal(err)
	}
	body := append([]byte(nil), r.Rest()...)
	if !h.Flags.Has(sec.InfoPkt | sec.Encrypt) {
		t.Fatalf("Client Info flags %v", h.Flags)
	}
	if err := c.Open(body, h.Signature, h.Flags.Has(sec.SecureChecksum)); err != nil {
		t.Fatalf("Open: %v", err)
	}
	var ci sec.ClientInfo
	if err := ci.UnmarshalBinary(body); err != nil {
		t.Fatalf("decrypted Client Info does not decode: %v\n%x", err, body)
	}
	// Byte-exact re-encoding of a real client's Info Packet.
	if enc, err := wire.Marshal(&ci); err != nil || string(enc) != string(body) {
		t.Errorf("re-encoded Info Packet differs: %v\n got %x\nwant %x", err, enc, body)
	}
	return &ci, h
}

func TestInteropFreeRDP(t *testing.T) {
	// Flags of xfreerdp 2.11.7's Info Packet: with /p it adds INFO_AUTOLOGON
	// to the assistance-mode set 0x000B47F3 (ra-protocol.md §5.3).
	const freerdpFlags = sec.InfoMouse | sec.InfoDisableCtrlAltDel | sec.InfoUnicode | sec.InfoMaximizeShell |
		sec.InfoLogonNotify | sec.InfoCompression | sec.InfoEnableWindowsKey | sec.InfoForceEncryptedCSPDU |
		sec.InfoLogonErrors | sec.InfoMouseHasWheel | sec.InfoNoAudioPlayback | sec.InfoFlags(3)<<9
	extended := func() *sec.ExtendedInfo {
		return &sec.ExtendedInfo{
			ClientAddressFamily: sec.AddressFamilyINet,
			ClientAddress:       "127.0.0.1",
			ClientDir:           `C:\Windows\System32\mstscax.dll`,
			Level:               sec.ExtendedAutoReconnect, // FreeRDP 2.11 stops after cbAutoReconnectCookie = 0
			TimeZone: sec.TimeZoneInformation{
				StandardName: "Coordinated Universal Time",
				DaylightName: "Coordinated Universal Time",
			},
			PerformanceFlags: sec.PerfEnableFontSmoothing | sec.PerfEnableDesktopComposition,
		}
	}
	tests := []struct {
		name     string
		exchange []byte
		info     []byte
		method   EncryptionMethod
		want     *sec.ClientInfo
	}{{
		name: "128-bit", exchange: interopPlainSecurityExchange, info: interopPlainClientInfo, method: Method128Bit,
		want: &sec.ClientInfo{Flags: freerdpFlags | sec.InfoAutologon, Domain: "WORKGROUP", UserName: "expert", Password: "S3cret!pw", Extended: extended()},
	}, {
		name: "40-bit", exchange: interop40SecurityExchange, info: interop40ClientInfo, method: Method40Bit,
		want: &sec.ClientInfo{Flags: freerdpFlags | sec.InfoAutologon, UserName: "expert", Password: "x", Extended: extended()},
	}, {
		name: "56-bit", exchange: interop56SecurityExchange, info: interop56ClientInfo, method: Method56Bit,
		want: &sec.ClientInfo{Flags: freerdpFlags | sec.InfoAutologon, UserName: "expert", Password: "x", Extended: extended()},
	}, {
		// Remote Assistance: Password "*", AlternateShell "*" (a PassStub
		// is used), WorkingDir = the invitation's session ID, no
		// INFO_AUTOLOGON: flags 0x000B47F3.
		name: "128-bit-assistance", exchange: interopRASecurityExchange, info: interopRAClientInfo, method: Method128Bit,
		want: &sec.ClientInfo{
			Flags: freerdpFlags, UserName: "awake", Password: "*", AlternateShell: "*",
			WorkingDir: "+ULZ6ifjoCa6cGPMLQiGHRPwkg6VyJqGwxMnO6GcelwUh9a6/FBq3It5ADSndmLL",
			Extended:   extended(),
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, hdr := openClientInfo(t, tt.exchange, tt.info, tt.method)
			// FreeRDP salts the MAC from its first encrypted PDU (rdp-server.md §0.2 case D: flags 0x0848).
			if hdr.Flags != sec.InfoPkt|sec.Encrypt|sec.SecureChecksum {
				t.Errorf("header flags %v", hdr.Flags)
			}
			if got.Password != tt.want.Password || got.AlternateShell != tt.want.AlternateShell {
				t.Error("Password or AlternateShell differ") // never print them
			}
			rdptest.Golden(t, mustMarshal(t, got), tt.want, func() *sec.ClientInfo { return new(sec.ClientInfo) }, rdptest.PrefixesFrom(18))
		})
	}
	if got := uint32(freerdpFlags); got != 0x000B47F3 {
		t.Errorf("assistance-mode flags %#x, want 0x000B47F3", got)
	}
}

// TestInteropMACFailure checks that a corrupted packet or the wrong MAC
// variant fails with ErrBadMAC.
func TestInteropMACFailure(t *testing.T) {
	key := testKey2048()
	var ex sec.SecurityExchange
	if err := ex.UnmarshalBinary(interopPlainSecurityExchange[4:]); err != nil {
		t.Fatal(err)
	}
	random, err := DecryptClientRandom(key, ex.EncryptedClientRandom)
	if err != nil {
		t.Fatal(err)
	}
	keys, _ := DeriveKeys(random, interopServerRandom, Method128Bit)
	var h sec.NonFIPSHeader
	if err := h.UnmarshalBinary(interopPlainClientInfo[:12]); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name   string
		flip   int
		salted bool
	}{
		{"unsalted MAC", -1, false},
		{"first byte flipped", 0, true},
		{"last byte flipped", len(interopPlainClientInfo) - 13, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := NewCipher(keys, ClientToServer, Method128Bit)
			body := append([]byte(nil), interopPlainClientInfo[12:]...)
			if tt.flip >= 0 {
				body[tt.flip] ^= 0x01
			}
			if err := c.Open(body, h.Signature, tt.salted); !errors.Is(err, ErrBadMAC) {
				t.Errorf("Open = %v, want ErrBadMAC", err)
			}
			if c.Packets() != 1 {
				t.Errorf("Packets() = %d after a failed Open, want 1", c.Packets())
			}
		})
	}
	// The server-to-client key is not the client-to-server key.
	c, _ := NewCipher(keys, ServerToClient, Method128Bit)
	if err := c.Open(append([]byte(nil), interopPlainClientInfo[12:]...), h.Signature, true); !errors.Is(err, ErrBadMAC) {
		t.Errorf("Open with the server-to-client key = %v", err)
	}
}

func mustMarshal(t *testing.T, p wire.PDU) []byte {
	t.Helper()
	b, err := wire.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
