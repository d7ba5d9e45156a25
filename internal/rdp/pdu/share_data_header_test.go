package pdu

import (
	"errors"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func TestShareDataHeader(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*ShareDataHeader]{{
		Name: "bcgr-4.1.14-client-synchronize",
		Raw: `ea 03 01 00 # shareID: 0x000103ea
		      00          # pad1
		      01          # streamID: STREAM_LOW
		      08 00       # uncompressedLength: 8 (mstsc: body length + 4)
		      1f          # pduType2: PDUTYPE2_SYNCHRONIZE
		      00          # compressedType
		      00 00       # compressedLength`,
		Want: &ShareDataHeader{ShareID: 0x000103EA, StreamID: StreamLow, UncompressedLength: 8, Type2: PDUType2Synchronize},
	}, {
		Name: "bcgr-4.1.20-server-cooperate", // pad1 uninitialised
		Raw:  "ea 03 01 00 b5 02 1a 00 14 00 00 00",
		Want: &ShareDataHeader{ShareID: 0x000103EA, StreamID: StreamMed, UncompressedLength: 26, Type2: PDUType2Control}, DecodeOnly: true,
	}}, func() *ShareDataHeader { return new(ShareDataHeader) })
}

func TestDecodeShareData(t *testing.T) {
	if _, _, err := DecodeShareData(rdptest.Hex("ea 03 01 00 00 01 0c 00 14 21 08 00 01 02 03 04 05 06 07 08")); !errors.Is(err, ErrCompressed) {
		t.Errorf("PACKET_COMPRESSED: %v", err)
	}
	// PACKET_FLUSHED alone (no compressed payload) is accepted.
	h, body, err := DecodeShareData(rdptest.Hex("ea 03 01 00 00 01 0c 00 14 80 00 00 04 00 00 00 00 00 00 00"))
	if err != nil || h.CompressedType != PacketFlushed || len(body) != 8 {
		t.Errorf("PACKET_FLUSHED: %+v, %d, %v", h, len(body), err)
	}
	if _, _, err := DecodeShareData(rdptest.Hex("ea 03 01 00 00 01 0c 00 14 00 00")); err == nil {
		t.Error("short header decoded")
	}
	if PDUType2FrameAcknowledge.String() != "PDUTYPE2_FRAME_ACKNOWLEDGE" || PDUType2(0x99).String() != "PDUTYPE2(0x99)" {
		t.Error("PDUType2.String")
	}
}
