package pdu

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// The finalization and disconnection PDUs of [MS-RDPBCGR] 4.1.14–4.1.22 and
// 4.2.1–4.2.2 (decrypted: share control header onwards), run whole through
// DecodeShareControl, DecodeShareData and DecodeShareDataBody.
func TestSpecDataPDUs(t *testing.T) {
	for _, tc := range []struct {
		name string
		raw  string
		ch   ShareControlHeader
		dh   ShareDataHeader
		want wire.PDU
	}{{
		name: "bcgr-4.1.14-client-synchronize",
		raw: `16 00 17 00 ef 03 # totalLength 22, PDUTYPE_DATAPDU, pduSource 1007
		      ea 03 01 00 00 01 08 00 1f 00 00 00 # shareID, pad1, STREAM_LOW, uncompressedLength 8, PDUTYPE2_SYNCHRONIZE
		      01 00 # messageType: SYNCMSGTYPE_SYNC
		      ea 03 # targetUser: 0x03ea`,
		ch:   ShareControlHeader{22, PDUTypeData, 1007},
		dh:   ShareDataHeader{ShareID: 0x000103EA, StreamID: StreamLow, UncompressedLength: 8, Type2: PDUType2Synchronize},
		want: &Synchronize{TargetUser: 0x03EA},
	}, {
		name: "bcgr-4.1.15-client-cooperate",
		raw: `1a 00 17 00 ef 03 ea 03 01 00 00 01 0c 00 14 00 00 00
		      04 00 # action: CTRLACTION_COOPERATE
		      00 00 # grantId
		      00 00 00 00 # controlId`,
		ch:   ShareControlHeader{26, PDUTypeData, 1007},
		dh:   ShareDataHeader{ShareID: 0x000103EA, StreamID: StreamLow, UncompressedLength: 12, Type2: PDUType2Control},
		want: &Control{Action: ControlActionCooperate},
	}, {
		name: "bcgr-4.1.16-client-request-control",
		raw:  "1a 00 17 00 ef 03 ea 03 01 00 00 01 0c 00 14 00 00 00 01 00 00 00 00 00 00 00",
		ch:   ShareControlHeader{26, PDUTypeData, 1007},
		dh:   ShareDataHeader{ShareID: 0x000103EA, StreamID: StreamLow, UncompressedLength: 12, Type2: PDUType2Control},
		want: &Control{Action: ControlActionRequestControl},
	}, {
		name: "bcgr-4.1.17-client-persistent-key-list",
		raw:  "f2 00 17 00 ef 03 ea 03 01 00 00 01 00 00 2b 00 00 00" + bcgr4117PersistentKeyList,
		ch:   ShareControlHeader{242, PDUTypeData, 1007},
		dh:   ShareDataHeader{ShareID: 0x000103EA, StreamID: StreamLow, Type2: PDUType2BitmapCachePersistentList},
		want: bcgr4117Keys(),
	}, {
		name: "bcgr-4.1.18-client-font-list",
		raw: `1a 00 17 00 ef 03 ea 03 01 00 00 01
		      3b da # uncompressedLength: "uninitialized due to bug"
		      27 00 00 00 # PDUTYPE2_FONTLIST
		      00 00 00 00 # numberFonts, totalNumFonts
		      03 00       # listFlags: FONTLIST_LAST|FONTLIST_FIRST
		      32 00       # entrySize: 50`,
		ch:   ShareControlHeader{26, PDUTypeData, 1007},
		dh:   ShareDataHeader{ShareID: 0x000103EA, StreamID: StreamLow, UncompressedLength: 0xda3b, Type2: PDUType2FontList},
		want: &FontList{ListFlags: FontListFirst | FontListLast, EntrySize: 50},
	}, {
		name: "bcgr-4.1.19-server-synchronize",
		raw: `16 00 17 00 ea 03 ea 03 01 00
		      14 00       # pad1 (garbage), streamID STREAM_UNDEFINED ("due to a server-side RDP bug")
		      16 00 1f 00 00 00 # uncompressedLength 22 = totalLength
		      01 00 63 44 # SYNCMSGTYPE_SYNC, targetUser "uninitialized due to bug"`,
		ch:   ShareControlHeader{22, PDUTypeData, 0x03EA},
		dh:   ShareDataHeader{ShareID: 0x000103EA, StreamID: StreamUndefined, UncompressedLength: 22, Type2: PDUType2Synchronize},
		want: &Synchronize{TargetUser: 0x4463},
	}, {
		name: "bcgr-4.1.20-server-cooperate",
		raw:  "1a 00 17 00 ea 03 ea 03 01 00 b5 02 1a 00 14 00 00 00 04 00 00 00 00 00 00 00",
		ch:   ShareControlHeader{26, PDUTypeData, 0x03EA},
		dh:   ShareDataHeader{ShareID: 0x000103EA, StreamID: StreamMed, UncompressedLength: 26, Type2: PDUType2Control},
		want: &Control{Action: ControlActionCooperate},
	}, {
		name: "bcgr-4.1.21-server-granted-control",
		raw: `1a 00 17 00 ea 03 ea 03 01 00 12 02 1a 00 14 00 00 00
		      02 00       # action: CTRLACTION_GRANTED_CONTROL
		      ef 03       # grantId: 1007
		      ea 03 00 00 # controlId: 1002`,
		ch:   ShareControlHeader{26, PDUTypeData, 0x03EA},
		dh:   ShareDataHeader{ShareID: 0x000103EA, StreamID: StreamMed, UncompressedLength: 26, Type2: PDUType2Control},
		want: &Control{Action: ControlActionGrantedControl, GrantID: 1007, ControlID: 0x03EA},
	}, {
		name: "bcgr-4.1.22-server-font-map",
		raw: `1a 00 17 00 ea 03 ea 03 01 00 45 02 1a 00 28 00 00 00
		      00 00 00 00 # numberEntries, totalNumEntries
		      03 00       # mapFlags: FONTMAP_LAST|FONTMAP_FIRST
		      04 00       # entrySize: 4`,
		ch:   ShareControlHeader{26, PDUTypeData, 0x03EA},
		dh:   ShareDataHeader{ShareID: 0x000103EA, StreamID: StreamMed, UncompressedLength: 26, Type2: PDUType2FontMap},
		want: ServerFontMap(),
	}, {
		name: "bcgr-4.2.1-client-shutdown-request",
		raw:  "12 00 17 00 ef 03 ea 03 02 00 00 01 04 00 24 00 00 00",
		ch:   ShareControlHeader{18, PDUTypeData, 1007},
		dh:   ShareDataHeader{ShareID: 0x000203EA, StreamID: StreamLow, UncompressedLength: 4, Type2: PDUType2ShutdownRequest},
		want: &ShutdownRequest{},
	}, {
		name: "bcgr-4.2.2-server-shutdown-denied",
		raw:  "12 00 17 00 ea 03 ea 03 02 00 a6 02 12 00 25 00 00 00",
		ch:   ShareControlHeader{18, PDUTypeData, 0x03EA},
		dh:   ShareDataHeader{ShareID: 0x000203EA, StreamID: StreamMed, UncompressedLength: 18, Type2: PDUType2ShutdownDenied},
		want: &ShutdownDenied{},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			raw := rdptest.Hex(tc.raw)
			ch, dh, got := decodeData(t, raw)
			if ch != tc.ch {
				t.Errorf("share control header %+v, want %+v", ch, tc.ch)
			}
			if dh != tc.dh {
				t.Errorf("share data header %+v, want %+v", dh, tc.dh)
			}
			if d := cmp.Diff(tc.want, got, cmpopts.EquateEmpty()); d != "" {
				t.Errorf("body (-want +got):\n%s", d)
			}
			// Server PDUs (pduSource 0x03EA): our encoding differs only in
			// pad1 and streamID, because uncompressedLength follows the
			// Windows server (the whole PDU length).
			if ch.Source != 0x03EA {
				return
			}
			enc, err := AppendShareData(nil, ch.Source, dh.ShareID, dh.Type2, tc.want)
			if err != nil {
				t.Fatal(err)
			}
			exp := append([]byte(nil), raw...)
			exp[10], exp[11] = 0, byte(StreamLow) // pad1, streamID
			if tc.name == "bcgr-4.1.19-server-synchronize" {
				exp[20], exp[21] = 0x63, 0x44 // targetUser as decoded
			}
			if string(enc) != string(exp) {
				t.Errorf("AppendShareData:\n got %x\nwant %x", enc, exp)
			}
		})
	}
}

// TestAppendixA checks the share-layer part of rdp-server.md Appendix A
// (after TPKT, X.224, MCS SDin): what the server sends, byte for byte.
func TestAppendixA(t *testing.T) {
	const shareID, src = 0x000103EA, 0x03EA
	for _, tc := range []struct {
		name string
		enc  func() ([]byte, error)
		want string
	}{{
		"server-synchronize",
		func() ([]byte, error) {
			return AppendShareData(nil, src, shareID, PDUType2Synchronize, &Synchronize{TargetUser: 0x03EA})
		},
		`16 00 17 00 EA 03 # totalLength 22, PDUTYPE_DATAPDU, pduSource 1002
		 EA 03 01 00 00 01 16 00 1F 00 00 00 # shareID, pad1, STREAM_LOW, uncompressedLength 22, PDUTYPE2_SYNCHRONIZE
		 01 00 EA 03 # SYNCMSGTYPE_SYNC, targetUser 1002`,
	}, {
		"control-cooperate",
		func() ([]byte, error) {
			return AppendShareData(nil, src, shareID, PDUType2Control, &Control{Action: ControlActionCooperate})
		},
		"1A 00 17 00 EA 03  EA 03 01 00 00 01 1A 00 14 00 00 00  04 00 00 00 00 00 00 00",
	}, {
		"control-granted",
		func() ([]byte, error) {
			return AppendShareData(nil, src, shareID, PDUType2Control, &Control{Action: ControlActionGrantedControl, GrantID: 1007, ControlID: 0x03EA})
		},
		"1A 00 17 00 EA 03  EA 03 01 00 00 01 1A 00 14 00 00 00  02 00 EF 03 EA 03 00 00",
	}, {
		"font-map",
		func() ([]byte, error) { return AppendShareData(nil, src, shareID, PDUType2FontMap, ServerFontMap()) },
		"1A 00 17 00 EA 03  EA 03 01 00 00 01 1A 00 28 00 00 00  00 00 00 00 03 00 04 00",
	}, {
		"deactivate-all",
		func() ([]byte, error) {
			return AppendShareControl(nil, PDUTypeDeactivateAll, src, &DeactivateAll{ShareID: shareID, SourceDescriptor: []byte{0}})
		},
		`0D 00 16 00 EA 03 # totalLength 13, PDUTYPE_DEACTIVATEALLPDU, pduSource 1002
		 EA 03 01 00       # shareID
		 01 00 00          # lengthSourceDescriptor 1, sourceDescriptor 0x00`,
	}} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.enc()
			if err != nil {
				t.Fatal(err)
			}
			if want := rdptest.Hex(tc.want); string(got) != string(want) {
				t.Errorf("got  %x\nwant %x", got, want)
			}
		})
	}
}

func TestAppendShareControlErrors(t *testing.T) {
	big := &DeactivateAll{SourceDescriptor: make([]byte, 0x8000-6-6)}
	if _, err := AppendShareControl(nil, PDUTypeDeactivateAll, 0x03EA, big); err == nil {
		t.Error("encoded totalLength 0x8000 (the flow marker)")
	}
	big.SourceDescriptor = make([]byte, 0x10000-6-6)
	if _, err := AppendShareControl(nil, PDUTypeDeactivateAll, 0x03EA, big); err == nil {
		t.Error("encoded totalLength 65536")
	}
	if _, err := AppendShareControl(nil, PDUTypeDeactivateAll, 0x03EA, nil); err == nil {
		t.Error("encoded nil body")
	}
	if _, err := AppendShareData(nil, 0x03EA, 1, PDUType2Update, nil); err == nil {
		t.Error("encoded nil data body")
	}
	if _, err := AppendShareData(nil, 0x03EA, 1, PDUType2Update, &BitmapUpdate{Rectangles: []BitmapData{{Width: 1, Height: 1, Data: make([]byte, 0xFFF0)}}}); err == nil {
		t.Error("encoded a 65536+ byte Data PDU")
	}
}

func TestDecodeBodies(t *testing.T) {
	if _, err := DecodeShareControlBody(PDUTypeData, nil); !errors.Is(err, ErrUnknownType) {
		t.Errorf("PDUTYPE_DATAPDU body: %v", err)
	}
	if _, err := DecodeShareControlBody(PDUTypeServerRedir, nil); !errors.Is(err, ErrUnknownType) {
		t.Errorf("PDUTYPE_SERVER_REDIR_PKT: %v", err)
	}
	if _, err := DecodeShareDataBody(PDUType2PlaySound, nil); !errors.Is(err, ErrUnknownType) {
		t.Errorf("PDUTYPE2_PLAY_SOUND: %v", err)
	}
	if _, err := DecodeShareDataBody(PDUType2Control, rdptest.Hex("04 00")); err == nil {
		t.Error("short Control decoded")
	}
	// Every Data PDU type the package models decodes through the table to
	// its own Go type.
	for t2, body := range map[PDUType2]wire.PDU{
		PDUType2Update:                    &BitmapUpdate{},
		PDUType2Control:                   &Control{Action: ControlActionDetach},
		PDUType2Input:                     &InputEvents{},
		PDUType2Synchronize:               &Synchronize{},
		PDUType2RefreshRect:               &RefreshRect{},
		PDUType2SuppressOutput:            &SuppressOutput{},
		PDUType2ShutdownRequest:           &ShutdownRequest{},
		PDUType2ShutdownDenied:            &ShutdownDenied{},
		PDUType2FontList:                  &FontList{},
		PDUType2FontMap:                   &FontMap{},
		PDUType2BitmapCachePersistentList: &PersistentKeyList{},
		PDUType2SetErrorInfo:              &SetErrorInfo{ErrorInfo: ErrInfoLogoffByUser},
		PDUType2FrameAcknowledge:          &FrameAcknowledge{FrameID: 9},
	} {
		enc, err := AppendShareData(nil, 0, 7, t2, body)
		if err != nil {
			t.Fatalf("%v: %v", t2, err)
		}
		_, _, got := decodeData(t, enc)
		if d := cmp.Diff(body, got, cmpopts.EquateEmpty()); d != "" {
			t.Errorf("%v (-want +got):\n%s", t2, d)
		}
	}
}
