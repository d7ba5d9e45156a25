package x224

import (
	"bytes"
	"errors"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func TestData(t *testing.T) {
	for _, tt := range []struct {
		name    string
		frame   []byte
		payload []byte
	}{
		// [MS-RDPBCGR] 4.1.6: Client MCS Attach User Request.
		{"bcgr-4.1.6", rdptest.Hex("03 00 00 08 02 f0 80 28"), rdptest.Hex("28")},
		// [MS-RDPBCGR] 4.2.3: Disconnect Provider Ultimatum.
		{"bcgr-4.2.3", rdptest.Hex("03 00 00 09 02 f0 80 21 80"), rdptest.Hex("21 80")},
		{"empty-payload", rdptest.Hex("03 00 00 07 02 f0 80"), []byte{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseData(tt.frame)
			if err != nil || !bytes.Equal(got, tt.payload) {
				t.Fatalf("ParseData = %x, %v; want %x", got, err, tt.payload)
			}
			enc, err := AppendData(nil, tt.payload)
			if err != nil || !bytes.Equal(enc, tt.frame) {
				t.Fatalf("AppendData = %x, %v; want %x", enc, err, tt.frame)
			}
			hdr, err := AppendDataHeader(nil, len(tt.payload))
			if err != nil || !bytes.Equal(hdr, tt.frame[:DataHeaderSize]) {
				t.Fatalf("AppendDataHeader = %x, %v", hdr, err)
			}
			for n := range len(tt.frame) {
				if _, err := ParseData(tt.frame[:n]); err == nil {
					t.Errorf("prefix of %d bytes parsed", n)
				}
			}
			if _, err := ParseData(append(append([]byte(nil), tt.frame...), 0)); err == nil {
				t.Error("frame plus one byte parsed")
			}
		})
	}
}

func TestParseDataAliases(t *testing.T) {
	frame := rdptest.Hex("03 00 00 09 02 f0 80 21 80")
	got, _ := ParseData(frame)
	frame[7] = 0x55
	if got[0] != 0x55 {
		t.Error("ParseData copied the payload")
	}
}

func TestParseDataRejects(t *testing.T) {
	for _, tt := range []struct {
		name  string
		frame []byte
	}{
		{"tpkt-version", rdptest.Hex("02 00 00 08 02 f0 80 28")},
		{"tpkt-reserved", rdptest.Hex("03 01 00 08 02 f0 80 28")},
		{"tpkt-length-below-7", rdptest.Hex("03 00 00 06 02 f0")},
		{"li-3", rdptest.Hex("03 00 00 08 03 f0 80 28")},
		{"code-cr", rdptest.Hex("03 00 00 08 02 e0 80 28")},
		{"no-eot", rdptest.Hex("03 00 00 08 02 f0 00 28")},
		{"tpdu-nr", rdptest.Hex("03 00 00 08 02 f0 81 28")},
		{"connection-request", crBCGR411},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseData(tt.frame)
			var de *wire.DecodeError
			if err == nil || !errors.As(err, &de) {
				t.Errorf("ParseData(%x) = %v", tt.frame, err)
			}
		})
	}
}

func TestAppendDataLimits(t *testing.T) {
	if b, err := AppendData(nil, make([]byte, MaxDataPayload)); err != nil || len(b) != MaxTPKTLength || !bytes.Equal(b[:4], []byte{3, 0, 0xff, 0xff}) {
		t.Errorf("largest payload: %v", err)
	}
	if _, err := AppendData(nil, make([]byte, MaxDataPayload+1)); err == nil {
		t.Error("AppendData accepted 65529 bytes")
	}
	if _, err := AppendDataHeader(nil, -1); err == nil {
		t.Error("AppendDataHeader accepted -1")
	}
}

func FuzzParseData(f *testing.F) {
	f.Add(rdptest.Hex("03 00 00 08 02 f0 80 28"))
	f.Add(rdptest.Hex("03 00 00 07 02 f0 80"))
	f.Fuzz(func(t *testing.T, frame []byte) {
		payload, err := ParseData(frame)
		if err != nil {
			return
		}
		enc, err := AppendData(nil, payload)
		if err != nil || !bytes.Equal(enc, frame) {
			t.Fatalf("AppendData(ParseData(%x)) = %x, %v", frame, enc, err)
		}
	})
}
