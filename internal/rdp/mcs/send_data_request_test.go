package mcs

import (
	"bytes"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newSendDataRequest() *SendDataRequest { return new(SendDataRequest) }

// sdrqBCGR419 is the Client Security Exchange PDU of [MS-RDPBCGR] 4.1.9: a
// Send Data Request with the one-octet userData length.
const sdrqBCGR419 = `
	03 00 00 5e # TPKT: length 94
	02 f0 80    # X.224 Data
	64          # CHOICE sendDataRequest (25), 2 bits padding
	00 06       # initiator: 1001 + 6 = 1007
	03 eb       # channelId: 1003
	70          # dataPriority high (01), segmentation begin|end (11), padding
	50          # userData length: 80
	01 02 00 00 48 00 00 00 91 ac 0c 8f 64 8c 39 f4 e7 ff
	0a 3b 79 11 5c 13 51 2a cb 72 8f 9d b7 42 2e f7
	08 4c 8e ae 55 99 62 d2 81 81 e4 66 c8 05 ea d4
	73 06 3f c8 5f af 2a fd fc f1 64 b3 3f 0a 15 1d
	db 2c 10 9d 30 11 00 00 00 00 00 00 00 00`

// sdrqBCGR4110 is the (encrypted) Client Info PDU of [MS-RDPBCGR] 4.1.10: a
// Send Data Request with the two-octet userData length 0x19c.
const sdrqBCGR4110 = `
	03 00 01 ab # TPKT: length 427
	02 f0 80    # X.224 Data
	64 00 06 03 eb 70
	81 9c       # userData length: 412
	48 00 00 00 45 ca 46 fa 5e a7 be bc 74 21 d3 65 e9
	ba 76 12 7c 55 4b 9d 84 3b 3e 07 29 20 73 25 7b
	e6 9a bb e8 41 8a a0 69 3f 26 9a cd bc a6 03 27
	f5 ce bb a8 c2 ff 0f 38 a3 bf 74 81 ac cb c9 08
	49 0a 43 cf 91 31 36 cd ba 3d 16 4f 11 d7 69 12
	c8 e9 57 c0 b8 0f c4 72 66 79 bd 86 ba 30 60 76
	b4 cd 52 5e 79 8e 88 95 f0 9a 43 20 d9 96 74 1d
	5c 8a 9a e3 8a 5d d2 55 17 8c f2 66 6b 3f 3d 3a
	e3 2a d4 ff d5 11 30 30 e2 ff e2 e4 11 0c 7f 6a
	1e a3 f4 2f dd 4f 89 8c c0 ca d3 8a 49 d7 00 d9
	09 40 ab 79 1a 72 f9 89 42 af 20 aa 50 c7 cd d0
	b8 1e ab d3 eb 10 01 82 68 9f f5 c9 05 fe 20 bb
	7c 68 b4 72 cd 37 53 df 43 0a 6d de cb be 5f 80
	05 1e b8 f3 5d 04 0c c6 66 3b 39 5f 5d a2 da b9
	ea c9 da ba 7c 9d 4e 4a 4f 4a 16 04 ea 4e 23 d3
	6d 2c 2b 42 58 19 69 10 23 d4 e1 af 46 34 fc 23
	81 59 54 65 5f 6c 67 57 14 62 57 94 f1 81 86 00
	fe 1c 27 f6 76 e2 00 ea c5 f7 b5 e9 b2 ad ef 7f
	87 8b 8a b0 d3 1e 43 54 4b ab f6 ba 7f 5a b9 e5
	2d 5f 81 ab 2a 15 c4 97 bc d3 92 9a da be 8a b0
	fb a4 1a a0 96 26 86 23 10 1b 21 0a 91 05 22 4d
	6c 4d 01 4c 84 f3 50 56 4f 3a e4 c0 24 bf 35 f6
	f5 8b 3f 20 55 98 91 05 4d ee 46 95 44 6d 06 33
	42 1f 9f 84 91 e7 c5 9f 04 11 de cf a5 07 5f 27
	dd c0 ac b1 a7 98 9d 6d 79 00 70 33 bf 4e 16 23
	57 f5 c7 88 82 d1 c6 a3 b4 0b 29`

func TestSendDataRequest(t *testing.T) {
	p419 := mcsPayload(t, sdrqBCGR419)
	p4110 := mcsPayload(t, sdrqBCGR4110)
	tests := []struct {
		name string
		raw  []byte
		want SendDataRequest
	}{{
		name: "bcgr-4.1.9-short-length",
		raw:  p419,
		want: SendDataRequest{Initiator: 1007, ChannelID: IOChannel, Priority: PriorityHigh, Segmentation: SegmentationBeginEnd, UserData: p419[7:]},
	}, {
		name: "bcgr-4.1.10-long-length",
		raw:  p4110,
		want: SendDataRequest{Initiator: 1007, ChannelID: IOChannel, Priority: PriorityHigh, Segmentation: SegmentationBeginEnd, UserData: p4110[8:]},
	}, {
		name: "empty-user-data",
		raw:  rdptest.Hex("64 00 06 03 ec 70 00"),
		want: SendDataRequest{Initiator: 1007, ChannelID: 1004, Priority: PriorityHigh, Segmentation: SegmentationBeginEnd},
	}, {
		name: "low-priority-begin-only",
		raw:  rdptest.Hex("64 00 00 03 eb e0 01 aa"),
		want: SendDataRequest{Initiator: BaseChannel, ChannelID: IOChannel, Priority: PriorityLow, Segmentation: SegmentationBegin, UserData: []byte{0xaa}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, &tt.want, newSendDataRequest)
		})
	}
	if len(p419[7:]) != 80 || len(p4110[8:]) != 412 {
		t.Fatal("transcription: userData lengths")
	}
}

func TestSendDataRequestLongFormAccepted(t *testing.T) {
	// FreeRDP writes the two-octet length even below 0x80; read it, and
	// write it back in the short form.
	raw := rdptest.Hex("64 00 06 03 eb 70 80 02 aa bb")
	var p SendDataRequest
	if err := p.UnmarshalBinary(raw); err != nil || !bytes.Equal(p.UserData, []byte{0xaa, 0xbb}) {
		t.Fatalf("decode: %+v, %v", p, err)
	}
	if b, err := p.AppendBinary(nil); err != nil || !bytes.Equal(b, rdptest.Hex("64 00 06 03 eb 70 02 aa bb")) {
		t.Errorf("encode: %x, %v", b, err)
	}
}

func TestSendDataRequestRejects(t *testing.T) {
	for _, tt := range []struct {
		name string
		raw  []byte
	}{
		{"padding-after-choice", rdptest.Hex("65 00 06 03 eb 70 00")},
		{"padding-after-segmentation", rdptest.Hex("64 00 06 03 eb 71 00")},
		{"initiator-overflow", rdptest.Hex("64 fc 17 03 eb 70 00")},
		{"fragmented-length", rdptest.Hex("64 00 06 03 eb 70 c0 01 aa")},
		{"length-beyond-data", rdptest.Hex("64 00 06 03 eb 70 03 aa bb")},
		{"indication-choice", rdptest.Hex("68 00 06 03 eb 70 00")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if err := newSendDataRequest().UnmarshalBinary(tt.raw); err == nil {
				t.Errorf("decoded %x", tt.raw)
			}
		})
	}
	for _, p := range []SendDataRequest{
		{Initiator: 1000, ChannelID: 1003},
		{Initiator: 1007, ChannelID: 1003, Priority: 4},
		{Initiator: 1007, ChannelID: 1003, Segmentation: 4},
		{Initiator: 1007, ChannelID: 1003, UserData: make([]byte, MaxUserData+1)},
	} {
		if _, err := p.AppendBinary(nil); err == nil {
			t.Errorf("encoded %+v", p)
		}
	}
	max := SendDataRequest{Initiator: 1007, ChannelID: 1003, UserData: make([]byte, MaxUserData)}
	if b, err := max.AppendBinary(nil); err != nil || len(b) != max.Size() {
		t.Errorf("MaxUserData: %v", err)
	}
}

func FuzzSendDataRequest(f *testing.F) {
	f.Add(rdptest.Hex("64 00 06 03 eb 70 00"))
	f.Add(rdptest.Hex("64 00 06 03 eb 70 80 02 aa bb"))
	f.Add(mcsPayload(f, sdrqBCGR419))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newSendDataRequest)
	})
}
