package mcs

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newConnectInitial() *ConnectInitial { return new(ConnectInitial) }

// gccCCrqBCGR413 is the userData of [MS-RDPBCGR] 4.1.3: the GCC Conference
// Create Request, 307 bytes, opaque to this package.
const gccCCrqBCGR413 = `
	00 05 00 14 7c 00 01 81 2a 00 08 00 10 00 01 c0 00 44 75
	63 61 81 1c 01 c0 d8 00 04 00 08 00 00 05 00 04
	01 ca 03 aa 09 04 00 00 ce 0e 00 00 45 00 4c 00
	54 00 4f 00 4e 00 53 00 2d 00 44 00 45 00 56 00
	32 00 00 00 00 00 00 00 00 00 00 00 04 00 00 00
	00 00 00 00 0c 00 00 00 00 00 00 00 00 00 00 00
	00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
	00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
	00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
	00 00 00 00 00 00 00 00 01 ca 01 00 00 00 00 00
	18 00 07 00 01 00 36 00 39 00 37 00 31 00 32 00
	2d 00 37 00 38 00 33 00 2d 00 30 00 33 00 35 00
	37 00 39 00 37 00 34 00 2d 00 34 00 32 00 37 00
	31 00 34 00 00 00 00 00 00 00 00 00 00 00 00 00
	00 00 00 00 00 00 00 00 00 00 00 00 04 c0 0c 00
	0d 00 00 00 00 00 00 00 02 c0 0c 00 1b 00 00 00
	00 00 00 00 03 c0 2c 00 03 00 00 00 72 64 70 64
	72 00 00 00 00 00 80 80 63 6c 69 70 72 64 72 00
	00 00 a0 c0 72 64 70 73 6e 64 00 00 00 00 00 c0`

// ciBCGR413 is the Client MCS Connect Initial PDU of [MS-RDPBCGR] 4.1.3.
const ciBCGR413 = `
	03 00 01 a0 # TPKT: length 416
	02 f0 80    # X.224 Data
	7f 65 82 01 94 # Connect-Initial: [APPLICATION 101], length 404
	04 01 01       # callingDomainSelector: 01
	04 01 01       # calledDomainSelector: 01
	01 01 ff       # upwardFlag: TRUE
	30 19          # targetParameters
	   02 01 22    # maxChannelIds: 34
	   02 01 02    # maxUserIds: 2
	   02 01 00    # maxTokenIds: 0
	   02 01 01    # numPriorities: 1
	   02 01 00    # minThroughput: 0
	   02 01 01    # maxHeight: 1
	   02 02 ff ff # maxMCSPDUsize: 65535 (not minimal: see package ber)
	   02 01 02    # protocolVersion: 2
	30 19          # minimumParameters
	   02 01 01 02 01 01 02 01 01 02 01 01 02 01 00 02 01 01
	   02 02 04 20 # maxMCSPDUsize: 1056
	   02 01 02
	30 1c          # maximumParameters
	   02 02 ff ff # maxChannelIds: 65535
	   02 02 fc 17 # maxUserIds: 64535
	   02 02 ff ff # maxTokenIds: 65535
	   02 01 01 02 01 00 02 01 01
	   02 02 ff ff # maxMCSPDUsize: 65535
	   02 01 02
	04 82 01 33    # userData: 307 bytes` + gccCCrqBCGR413

// ciCanonical is ciBCGR413's MCS part as this package writes it: the five
// integers of 65535 and 64535 take their minimal 3-octet form, so the
// targetParameters grow by one byte, the maximumParameters by four and the
// whole by five.
const ciCanonical = `
	7f 65 82 01 99
	04 01 01 04 01 01 01 01 ff
	30 1a 02 01 22 02 01 02 02 01 00 02 01 01 02 01 00 02 01 01 02 03 00 ff ff 02 01 02
	30 19 02 01 01 02 01 01 02 01 01 02 01 01 02 01 00 02 01 01 02 02 04 20 02 01 02
	30 20 02 03 00 ff ff 02 03 00 fc 17 02 03 00 ff ff 02 01 01 02 01 00 02 01 01 02 03 00 ff ff 02 01 02
	04 82 01 33` + gccCCrqBCGR413

func connectInitialBCGR413() ConnectInitial {
	return ConnectInitial{
		CallingDomainSelector: []byte{0x01},
		CalledDomainSelector:  []byte{0x01},
		UpwardFlag:            true,
		Target:                DomainParameters{34, 2, 0, 1, 0, 1, 65535, 2},
		Minimum:               DomainParameters{1, 1, 1, 1, 0, 1, 1056, 2},
		Maximum:               DomainParameters{65535, 64535, 65535, 1, 0, 1, 65535, 2},
		UserData:              rdptest.Hex(gccCCrqBCGR413),
	}
}

func TestConnectInitial(t *testing.T) {
	want := connectInitialBCGR413()
	if len(want.UserData) != 307 {
		t.Fatalf("transcription: userData is %d bytes", len(want.UserData))
	}
	t.Run("bcgr-4.1.3", func(t *testing.T) {
		// Windows' non-minimal integers do not re-encode byte for byte.
		rdptest.Golden(t, mcsPayload(t, ciBCGR413), &want, newConnectInitial, rdptest.DecodeOnly())
	})
	t.Run("bcgr-4.1.3-canonical", func(t *testing.T) {
		rdptest.Golden(t, rdptest.Hex(ciCanonical), &want, newConnectInitial)
	})
	t.Run("xfreerdp-shaped", func(t *testing.T) {
		// Upward FALSE, empty selectors and userData: the edges of each field.
		raw := rdptest.Hex(`
			7f 65 5f
			04 00 04 00 01 01 00
			30 1a 02 01 22 02 01 02 02 01 00 02 01 01 02 01 00 02 01 01 02 03 00 ff ff 02 01 02
			30 19 02 01 01 02 01 01 02 01 01 02 01 01 02 01 00 02 01 01 02 02 04 20 02 01 02
			30 1d 02 03 00 ff ff 02 02 7f ff 02 01 00 02 01 01 02 01 00 02 01 01 02 03 00 ff ff 02 01 02
			04 00`)
		want := ConnectInitial{
			Target:  DomainParameters{34, 2, 0, 1, 0, 1, 65535, 2},
			Minimum: DomainParameters{1, 1, 1, 1, 0, 1, 1056, 2},
			Maximum: DomainParameters{65535, 0x7FFF, 0, 1, 0, 1, 65535, 2},
		}
		rdptest.Golden(t, raw, &want, newConnectInitial)
	})
}

func TestConnectInitialRejects(t *testing.T) {
	good := rdptest.Hex(ciCanonical)
	mod := func(at int, v byte) []byte {
		b := append([]byte(nil), good...)
		b[at] = v
		return b
	}
	for _, tt := range []struct {
		name string
		raw  []byte
	}{
		{"connect-response-tag", mod(1, 0x66)},
		{"app-length-short", mod(4, 0x98)},
		{"app-length-long", mod(4, 0x9a)},
		{"indefinite-length", rdptest.Hex("7f 65 80 04 01 01 00 00")},
		{"selector-integer-tag", mod(5, 0x02)},
		{"boolean-length-2", mod(12, 0x02)},
		{"target-sequence-short", mod(15, 0x19)},
		{"target-integer-tag", mod(16, 0x0a)},
		{"userData-length", mod(len(good)-307-1, 0x34)},
		{"seven-domain-parameters", rdptest.Hex(`
			7f 65 54 04 00 04 00 01 01 00
			30 15 02 01 00 02 01 00 02 01 00 02 01 00 02 01 00 02 01 00 02 01 00
			30 18 02 01 00 02 01 00 02 01 00 02 01 00 02 01 00 02 01 00 02 01 00 02 01 00
			30 18 02 01 00 02 01 00 02 01 00 02 01 00 02 01 00 02 01 00 02 01 00 02 01 00
			04 00`)},
		{"trailing-inside-sequence", rdptest.Hex(`
			7f 65 58 04 00 04 00 01 01 00
			30 19 02 01 00 02 01 00 02 01 00 02 01 00 02 01 00 02 01 00 02 01 00 02 01 00 00
			30 18 02 01 00 02 01 00 02 01 00 02 01 00 02 01 00 02 01 00 02 01 00 02 01 00
			30 18 02 01 00 02 01 00 02 01 00 02 01 00 02 01 00 02 01 00 02 01 00 02 01 00
			04 00`)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if err := newConnectInitial().UnmarshalBinary(tt.raw); err == nil {
				t.Errorf("decoded %x", tt.raw)
			}
		})
	}
	big := ConnectInitial{UserData: make([]byte, 0xFFFF)}
	if _, err := big.AppendBinary(nil); err == nil {
		t.Error("encoded a Connect-Initial over 64 KiB")
	}
}

func FuzzConnectInitial(f *testing.F) {
	f.Add(mcsPayload(f, ciBCGR413))
	f.Add(rdptest.Hex(ciCanonical))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newConnectInitial)
	})
}
