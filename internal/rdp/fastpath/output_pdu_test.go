package fastpath

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newOutputPDU() *OutputPDU { return new(OutputPDU) }

func TestOutputPDU(t *testing.T) {
	sig := [8]byte{0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8}
	tests := []struct {
		name string
		raw  []byte
		want OutputPDU
		opts []rdptest.GoldenOption
	}{{
		name: "ptr-null",
		raw: rdptest.Hex(`
			00          # fpOutputHeader: action 0, flags 0
			05          # length1: 5
			05 00 00    # TS_FP_UPDATE: FASTPATH_UPDATETYPE_PTR_NULL, SINGLE, size 0
		`),
		want: OutputPDU{Data: rdptest.Hex("05 00 00")},
	}, {
		// FreeRDP 2.11's server always writes the two-byte length
		// (fastpath.c fastpath_write_update_pdu_header).
		name: "freerdp-style-long-length",
		raw: rdptest.Hex(`
			00          # fpOutputHeader
			80 06       # length: 6, two-byte form
			05 00 00    # PTR_NULL
		`),
		want: OutputPDU{Data: rdptest.Hex("05 00 00")},
		opts: []rdptest.GoldenOption{rdptest.DecodeOnly()},
	}, {
		name: "encrypted-salted",
		raw: rdptest.Hex(`
			c0                          # fpOutputHeader: ENCRYPTED|SECURE_CHECKSUM
			0d                          # length: 13
			a1 a2 a3 a4 a5 a6 a7 a8     # dataSignature
			3c 77 e1                    # fpOutputUpdates (ciphertext)
		`),
		want: OutputPDU{Flags: OutputEncrypted | OutputSecureChecksum, Signature: sig, Data: rdptest.Hex("3c 77 e1")},
	}, {
		name: "two-updates",
		raw: rdptest.Hex(`
			00                # fpOutputHeader
			0a                # length: 10
			03 00 00          # FASTPATH_UPDATETYPE_SYNCHRONIZE, size 0
			08 02 00 10 20    # FASTPATH_UPDATETYPE_PTR_POSITION, size 2 (data shortened)
		`),
		want: OutputPDU{Data: rdptest.Hex("03 00 00 08 02 00 10 20")},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, &tt.want, newOutputPDU, tt.opts...)
		})
	}
}

func TestOutputPDUErrors(t *testing.T) {
	for name, raw := range map[string]string{
		"empty":                       ``,
		"action-3":                    `03 00 00 07 02 f0 80`,
		"reserved-bits":               `04 05 05 00 00`,
		"checksum-without-encryption": `40 05 05 00 00`,
		"length-mismatch":             `00 06 05 00 00`,
		"short-updates":               `00 04 05 00`,
		"encrypted-no-updates":        `80 0a a1 a2 a3 a4 a5 a6 a7 a8`,
		"length-below-header":         `00 80 01`,
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := DecodeOutput(rdptest.Hex(raw)); err == nil {
				t.Fatal("decoded without error")
			}
		})
	}
}

func TestAppendOutputPDU(t *testing.T) {
	sig := [8]byte{1, 2, 3, 4, 5, 6, 7, 8}
	updates, err := AppendUpdate(nil, UpdateBitmap, FragmentSingle, bytes.Repeat([]byte{0xAB}, 300))
	if err != nil {
		t.Fatal(err)
	}
	frame, err := AppendOutputPDU(nil, OutputEncrypted|OutputSecureChecksum, &sig, updates)
	if err != nil {
		t.Fatal(err)
	}
	// 1 + 2 + 8 + 3 + 300 = 314 = 0x13A: two-byte length.
	if want := rdptest.Hex("c0 81 3a 01 02 03 04 05 06 07 08 01 2c 01"); !bytes.Equal(frame[:len(want)], want) {
		t.Fatalf("header %x, want %x", frame[:len(want)], want)
	}
	p, err := DecodeOutput(frame)
	if err != nil {
		t.Fatal(err)
	}
	if p.Signature != sig || !bytes.Equal(p.Data, updates) {
		t.Fatalf("round trip mismatch: %+v", p)
	}
	got, err := DecodeUpdates(p.Data)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]Update{{Code: UpdateBitmap, Data: bytes.Repeat([]byte{0xAB}, 300)}}, got); d != "" {
		t.Fatalf("updates (-want +got):\n%s", d)
	}

	for _, tt := range []struct {
		name    string
		flags   OutputHeaderFlags
		sig     *[8]byte
		updates []byte
	}{
		{"signature-without-flag", 0, &sig, updates},
		{"flag-without-signature", OutputEncrypted, nil, updates},
		{"checksum-without-encryption", OutputSecureChecksum, nil, updates},
		{"unknown-flag", 0x4, nil, updates},
		{"no-updates", 0, nil, nil},
		{"over-0x7fff", 0, nil, make([]byte, MaxPDULength-2)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := AppendOutputPDU(nil, tt.flags, tt.sig, tt.updates); err == nil {
				t.Fatal("encoded without error")
			}
		})
	}
	if _, err := AppendOutputPDU(nil, 0, nil, make([]byte, MaxPDULength-3)); err != nil {
		t.Fatalf("0x7FFF-byte PDU: %v", err)
	}
}

func TestOutputHeaderFlagsString(t *testing.T) {
	if got := (OutputEncrypted | OutputSecureChecksum).String(); got != "FASTPATH_OUTPUT_SECURE_CHECKSUM|FASTPATH_OUTPUT_ENCRYPTED" {
		t.Fatal(got)
	}
}

func FuzzOutputPDU(f *testing.F) {
	f.Add(rdptest.Hex("00 05 05 00 00"))
	f.Add(rdptest.Hex("00 80 06 05 00 00"))
	f.Add(rdptest.Hex("c0 0d a1 a2 a3 a4 a5 a6 a7 a8 3c 77 e1"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newOutputPDU)
	})
}
