package sec

import (
	"errors"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// validClientBytes is the decrypted licensing packet of [MS-RDPBCGR] 4.1.11,
// the same 16 bytes as in rdp-server.md Appendix A.
var validClientBytes = rdptest.Hex(`
	ff          # bMsgType = ERROR_ALERT
	03          # flags = PREAMBLE_VERSION_3_0
	10 00       # wMsgSize = 16
	07 00 00 00 # dwErrorCode = STATUS_VALID_CLIENT
	02 00 00 00 # dwStateTransition = ST_NO_TRANSITION
	04 00       # bbErrorInfo.wBlobType = BB_ERROR_BLOB
	00 00       # bbErrorInfo.wBlobLen = 0
`)

// eleNewLicenseRequest is the Client New License Request of [MS-RDPELE] 4.2
// (341 bytes): a client licensing message this server only recognises.
var eleNewLicenseRequest = rdptest.Hex(`
	13          # bMsgType = NEW_LICENSE_REQUEST
	83          # bVersion = EXTENDED_ERROR_MSG_SUPPORTED|PREAMBLE_VERSION_3_0
	55 01       # wMsgSize = 341
	01 00 00 00 00 00 01 04 dc 73 a0 c8 # PreferredKeyExchangeAlg, PlatformId, ClientRandom…
	69 25 6b 18 af 0b 94 7a a9 a5 20 af 8b bc 0d cc
	a3 95 b7 b9 eb 81 5d be 0a 10 9c d8 02 00 08 01
	da 9c 5d a6 68 9d a3 90 67 24 f3 3a ea a1 e2 68
	ad 12 f5 f6 0b 7a ac 92 b1 69 6f 42 55 8a a0 e2
	9b 2c d0 c7 ee 33 6c 47 79 c3 1e bf 03 8b 95 70
	07 a2 be ee 54 02 68 f8 90 d7 fe 2c 08 e1 6b 2d
	ff 94 76 72 5f 7a 76 75 32 55 cc 58 61 63 a5 64
	f1 6e c3 07 81 82 6f 88 73 62 fc 28 65 91 c2 c8
	9f 05 b0 d3 93 12 bf 6a 50 18 99 2d 4d c4 7f 74
	d3 30 9f 16 78 a5 df aa 83 65 4f 77 30 42 e0 d7
	69 c8 4d a5 73 11 59 35 b9 a7 e2 b0 f6 e3 b9 39
	c3 d4 e4 6b ca 40 9a ac 66 e6 1a a4 1b 39 7e 09
	e3 72 99 dd 90 62 55 97 a9 04 c7 51 aa a2 01 cb
	5a 63 4d 1a e5 99 c3 b1 2a 73 e8 9a 00 46 92 59
	39 a3 80 a1 ac 90 52 ea 63 81 49 7d f3 2d 5c c3
	19 9f ed fe 81 1d 8c 04 1c d9 23 d2 6d 80 84 f3
	00 f2 b1 69 2f cd b3 9f 69 ee 60 3e 4b b5 be 5a
	09 83 0b bc 3d 3e 05 47 65 96 31 8c 6b c5 e6 a0
	00 00 00 00 00 00 00 00 0f 00 0e 00 41 64 6d 69 # … ClientUserName = "Administrator"
	6e 69 73 74 72 61 74 6f 72 00 10 00 07 00 52 4f # ClientMachineName = "RODENT"
	44 45 4e 54 00
`)

func newLicensingPDU() *LicensingPDU { return new(LicensingPDU) }

func TestValidClientLicense(t *testing.T) {
	want := ValidClientLicense()
	rdptest.Golden(t, validClientBytes, want, newLicensingPDU)
	if !want.IsValidClient() {
		t.Error("IsValidClient() = false")
	}
	if want.Preamble.Flags&ExtendedErrorMsgSupported != 0 {
		t.Error("a server must not set EXTENDED_ERROR_MSG_SUPPORTED")
	}
	// Fresh values: changing one result does not change the next.
	want.ErrorMessage.ErrorCode = ErrInvalidClient
	if !ValidClientLicense().IsValidClient() {
		t.Error("ValidClientLicense shares state between calls")
	}

	// rdp-server.md Appendix A: the PDU's user data, after the MCS header.
	appendixA := rdptest.Hex("80 00 00 00 ff 03 10 00 07 00 00 00 02 00 00 00 04 00 00 00")
	b, _ := (&BasicHeader{Flags: LicensePkt}).AppendBinary(nil)
	b, err := ValidClientLicense().AppendBinary(b)
	if err != nil || string(b) != string(appendixA) {
		t.Errorf("header + valid client = %x, %v; want %x", b, err, appendixA)
	}
}

func TestLicensingPDUClientMessage(t *testing.T) {
	want := &LicensingPDU{
		Preamble: LicensePreamble{MsgType: NewLicenseRequest, Flags: ExtendedErrorMsgSupported | PreambleVersion30, MsgSize: 341},
		Body:     eleNewLicenseRequest[4:],
	}
	// Any prefix of 4 bytes or more is a complete preamble with a shorter
	// body, which the wMsgSize check rejects.
	rdptest.Golden(t, eleNewLicenseRequest, want, newLicensingPDU)
	if want.IsValidClient() {
		t.Error("IsValidClient() = true for a client message")
	}

	// The tolerant path reads the preamble whatever follows it.
	for _, b := range [][]byte{eleNewLicenseRequest, eleNewLicenseRequest[:4], eleNewLicenseRequest[:40]} {
		pre, err := ParseLicensePreamble(b)
		if err != nil || pre != want.Preamble {
			t.Errorf("ParseLicensePreamble(%d bytes) = %+v, %v", len(b), pre, err)
		}
	}
	if _, err := ParseLicensePreamble(eleNewLicenseRequest[:3]); !errors.Is(err, wire.ErrShort) {
		t.Errorf("ParseLicensePreamble(3 bytes) = %v, want ErrShort", err)
	}
}

func TestLicensingPDURejects(t *testing.T) {
	for _, tt := range []struct {
		name string
		raw  []byte
	}{
		{"wMsgSize too small", rdptest.Hex("ff 03 0f 00 07 00 00 00 02 00 00 00 04 00 00 00")},
		{"wMsgSize too large", rdptest.Hex("ff 03 11 00 07 00 00 00 02 00 00 00 04 00 00 00")},
		{"error blob type with data", rdptest.Hex("ff 03 11 00 07 00 00 00 02 00 00 00 01 00 01 00 aa")},
		{"error blob length beyond data", rdptest.Hex("ff 03 10 00 07 00 00 00 02 00 00 00 04 00 01 00")},
		{"bytes after the error message", rdptest.Hex("ff 03 11 00 07 00 00 00 02 00 00 00 04 00 00 00 aa")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if err := new(LicensingPDU).UnmarshalBinary(tt.raw); err == nil {
				t.Error("decoded")
			}
		})
	}
	// An empty blob's type "SHOULD be ignored".
	if err := new(LicensingPDU).UnmarshalBinary(rdptest.Hex("ff 03 10 00 07 00 00 00 02 00 00 00 00 00 00 00")); err != nil {
		t.Errorf("empty blob of type 0: %v", err)
	}
}

func TestLicensingPDUEncodeErrors(t *testing.T) {
	for _, p := range []*LicensingPDU{
		{Preamble: LicensePreamble{MsgType: ErrorAlert}},
		{Preamble: LicensePreamble{MsgType: LicenseRequest}, ErrorMessage: &LicenseErrorMessage{}},
		{Preamble: LicensePreamble{MsgType: ErrorAlert}, ErrorMessage: &LicenseErrorMessage{}, Body: []byte{1}},
		{Preamble: LicensePreamble{MsgType: LicenseRequest}, Body: make([]byte, 1<<16)},
		{Preamble: LicensePreamble{MsgType: ErrorAlert}, ErrorMessage: &LicenseErrorMessage{ErrorInfo: LicenseBinaryBlob{Data: make([]byte, 1<<16)}}},
	} {
		if _, err := p.AppendBinary(nil); err == nil {
			t.Errorf("%+v encoded", p)
		}
	}
}

func TestLicenseParts(t *testing.T) {
	rdptest.Golden(t, validClientBytes[:4], &LicensePreamble{MsgType: ErrorAlert, Flags: PreambleVersion30, MsgSize: 16},
		func() *LicensePreamble { return new(LicensePreamble) })
	rdptest.Golden(t, validClientBytes[4:], ValidClientLicense().ErrorMessage,
		func() *LicenseErrorMessage { return new(LicenseErrorMessage) })
	rdptest.Golden(t, rdptest.Hex("04 00 02 00 ab cd"), &LicenseBinaryBlob{BlobType: BBErrorBlob, Data: []byte{0xab, 0xcd}},
		func() *LicenseBinaryBlob { return new(LicenseBinaryBlob) })
}

func TestLicenseStrings(t *testing.T) {
	for _, tt := range []struct{ got, want string }{
		{ErrorAlert.String(), "ERROR_ALERT"},
		{LicenseMsgType(0x42).String(), "LicenseMsgType(0x42)"},
		{(ExtendedErrorMsgSupported | PreambleVersion30).String(), "PREAMBLE_VERSION_3_0|EXTENDED_ERROR_MSG_SUPPORTED"},
		{StatusValidClient.String(), "STATUS_VALID_CLIENT"},
		{STNoTransition.String(), "ST_NO_TRANSITION"},
		{BBErrorBlob.String(), "BB_ERROR_BLOB"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func FuzzLicensingPDU(f *testing.F) {
	f.Add(validClientBytes)
	f.Add(eleNewLicenseRequest)
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newLicensingPDU)
		_, _ = ParseLicensePreamble(b)
	})
}

func FuzzLicensePreamble(f *testing.F) {
	f.Add(validClientBytes[:4])
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, func() *LicensePreamble { return new(LicensePreamble) })
	})
}

func FuzzLicenseErrorMessage(f *testing.F) {
	f.Add(validClientBytes[4:])
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, func() *LicenseErrorMessage { return new(LicenseErrorMessage) })
	})
}

func FuzzLicenseBinaryBlob(f *testing.F) {
	f.Add(rdptest.Hex("04 00 02 00 ab cd"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, func() *LicenseBinaryBlob { return new(LicenseBinaryBlob) })
	})
}
