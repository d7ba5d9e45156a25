package mcs

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newConnectResponse() *ConnectResponse { return new(ConnectResponse) }

// gccCCrspBCGR414 is the userData of [MS-RDPBCGR] 4.1.4: the GCC Conference
// Create Response, 287 bytes, opaque to this package.
const gccCCrspBCGR414 = `
	00 05 00 14 7c 00 01 2a 14 76 0a 01 01 00
	01 c0 00 4d 63 44 6e 81 08 01 0c 0c 00 04 00 08
	00 00 00 00 00 03 0c 10 00 eb 03 03 00 ec 03 ed
	03 ee 03 00 00 02 0c ec 00 02 00 00 00 02 00 00
	00 20 00 00 00 b8 00 00 00 10 11 77 20 30 61 0a
	12 e4 34 a1 1e f2 c3 9f 31 7d a4 5f 01 89 34 96
	e0 ff 11 08 69 7f 1a c3 d2 01 00 00 00 01 00 00
	00 01 00 00 00 06 00 5c 00 52 53 41 31 48 00 00
	00 00 02 00 00 3f 00 00 00 01 00 01 00 cb 81 fe
	ba 6d 61 c3 55 05 d5 5f 2e 87 f8 71 94 d6 f1 a5
	cb f1 5f 0c 3d f8 70 02 96 c4 fb 9b c8 3c 2d 55
	ae e8 ff 32 75 ea 68 79 e5 a2 01 fd 31 a0 b1 1f
	55 a6 1f c1 f6 d1 83 88 63 26 56 12 bc 00 00 00
	00 00 00 00 00 08 00 48 00 e9 e1 d6 28 46 8b 4e
	f5 0a df fd ee 21 99 ac b4 e1 8f 5f 81 57 82 ef
	9d 96 52 63 27 18 29 db b3 4a fd 9a da 42 ad b5
	69 21 89 0e 1d c0 4c 1a a8 aa 71 3e 0f 54 b9 9a
	e4 99 68 3f 6c d6 76 84 61 00 00 00 00 00 00 00
	00`

// crspBCGR414 is the Server MCS Connect Response PDU of [MS-RDPBCGR] 4.1.4.
const crspBCGR414 = `
	03 00 01 51    # TPKT: length 337
	02 f0 80       # X.224 Data
	7f 66 82 01 45 # Connect-Response: [APPLICATION 102], length 325
	0a 01 00       # result: rt-successful
	02 01 00       # calledConnectId: 0
	30 1a          # domainParameters
	   02 01 22    # maxChannelIds: 34
	   02 01 03    # maxUserIds: 3
	   02 01 00    # maxTokenIds: 0
	   02 01 01    # numPriorities: 1
	   02 01 00    # minThroughput: 0
	   02 01 01    # maxHeight: 1
	   02 03 00 ff f8 # maxMCSPDUsize: 65528
	   02 01 02    # protocolVersion: 2
	04 82 01 1f    # userData: 287 bytes` + gccCCrspBCGR414

func TestConnectResponse(t *testing.T) {
	want := ConnectResponse{
		Result:           ResultSuccessful,
		DomainParameters: DomainParameters{34, 3, 0, 1, 0, 1, 65528, 2},
		UserData:         rdptest.Hex(gccCCrspBCGR414),
	}
	if len(want.UserData) != 287 {
		t.Fatalf("transcription: userData is %d bytes", len(want.UserData))
	}
	t.Run("bcgr-4.1.4", func(t *testing.T) {
		rdptest.Golden(t, mcsPayload(t, crspBCGR414), &want, newConnectResponse)
	})
	t.Run("failure-with-empty-user-data", func(t *testing.T) {
		raw := rdptest.Hex(`
			7f 66 24
			0a 01 0e # result: rt-unspecified-failure
			02 01 05 # calledConnectId: 5
			30 1a 02 01 22 02 01 03 02 01 00 02 01 01 02 01 00 02 01 01 02 03 00 ff f8 02 01 02
			04 00`)
		want := ConnectResponse{Result: ResultUnspecifiedFailure, CalledConnectID: 5, DomainParameters: DomainParameters{34, 3, 0, 1, 0, 1, 65528, 2}}
		rdptest.Golden(t, raw, &want, newConnectResponse)
	})
}

func TestConnectResponseRejects(t *testing.T) {
	for _, tt := range []struct {
		name string
		raw  []byte
	}{
		{"result-16", rdptest.Hex("7f 66 0a 0a 01 10 02 01 00 30 00 04 00")},
		{"result-integer-tag", rdptest.Hex("7f 66 0a 02 01 00 02 01 00 30 00 04 00")},
		{"connect-initial-tag", rdptest.Hex("7f 65 0a 0a 01 00 02 01 00 30 00 04 00")},
		// [MS-RDPBCGR] 3.3.5.3.3.1 allows a Connect-Response "containing
		// only a result field"; T.125 does not, and this package neither
		// writes nor reads one.
		{"result-only", rdptest.Hex("7f 66 03 0a 01 0e")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if err := newConnectResponse().UnmarshalBinary(tt.raw); err == nil {
				t.Errorf("decoded %x", tt.raw)
			}
		})
	}
	if _, err := (&ConnectResponse{Result: 16}).AppendBinary(nil); err == nil {
		t.Error("encoded result 16")
	}
}

func FuzzConnectResponse(f *testing.F) {
	f.Add(mcsPayload(f, crspBCGR414))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newConnectResponse)
	})
}
