package mcs

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newSendDataIndication() *SendDataIndication { return new(SendDataIndication) }

// licenseWindows is a Server License Error PDU (valid client) as a Windows
// server sends it: initiator 1002, one-octet userData length. Windows
// leaves garbage in the ignored flagsHi (F1 BC).
const licenseWindows = `
	03 00 00 22 # TPKT: length 34
	02 f0 80    # X.224 Data
	68          # CHOICE sendDataIndication (26), 2 bits padding
	00 01       # initiator: 1001 + 1 = 1002
	03 eb       # channelId: 1003
	70          # dataPriority high, segmentation begin|end
	14          # userData length: 20
	80 00 f1 bc # security header: SEC_LICENSE_PKT
	ff 03 10 00 07 00 00 00 02 00 00 00 04 00 00 00 # ERROR_ALERT: STATUS_VALID_CLIENT`

func TestSendDataIndication(t *testing.T) {
	lic := mcsPayload(t, licenseWindows)
	tests := []struct {
		name string
		raw  []byte
		want SendDataIndication
	}{{
		name: "windows-license-valid-client",
		raw:  lic,
		want: SendDataIndication{Initiator: ServerChannel, ChannelID: IOChannel, Priority: PriorityHigh, Segmentation: SegmentationBeginEnd, UserData: lic[7:]},
	}, {
		name: "long-length",
		raw:  append(rdptest.Hex("68 00 06 03 ed 70 81 00"), make([]byte, 0x100)...),
		want: SendDataIndication{Initiator: 1007, ChannelID: 1005, Priority: PriorityHigh, Segmentation: SegmentationBeginEnd, UserData: make([]byte, 0x100)},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, &tt.want, newSendDataIndication)
		})
	}
}

func TestSendDataIndicationLongForm(t *testing.T) {
	// rdp-server.md Appendix A writes the License "valid client" with the
	// two-octet length 80 14, as FreeRDP does. It decodes; this package
	// re-encodes it with the shortest form (70 14), as Windows does.
	raw := mcsPayload(t, `
		03 00 00 23 02 f0 80
		68 00 06 03 eb 70
		80 14 # userData length: 20, two-octet form
		80 00 00 00 ff 03 10 00 07 00 00 00 02 00 00 00 04 00 00 00`)
	want := SendDataIndication{Initiator: 1007, ChannelID: IOChannel, Priority: PriorityHigh, Segmentation: SegmentationBeginEnd, UserData: raw[8:]}
	rdptest.Golden(t, raw, &want, newSendDataIndication, rdptest.DecodeOnly())
	enc, err := want.AppendBinary(nil)
	if err != nil || string(enc[:7]) != string(rdptest.Hex("68 00 06 03 eb 70 14")) || string(enc[7:]) != string(raw[8:]) {
		t.Errorf("re-encoded %x, %v", enc, err)
	}
}

func FuzzSendDataIndication(f *testing.F) {
	f.Add(mcsPayload(f, licenseWindows))
	f.Add(rdptest.Hex("68 00 06 03 eb 70 80 01 aa"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newSendDataIndication)
	})
}
