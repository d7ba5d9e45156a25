package x224

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// DataHeaderSize is the size of the header of every slow-path PDU after the
// connection request: the TPKT header and the X.224 class 0 Data TPDU
// header 02 F0 80 ([X224] 13.7).
const DataHeaderSize = tpktHeaderSize + 1 /* LI */ + 1 /* DT */ + 1 /* TPDU-NR and EOT */

// MaxDataPayload is the largest payload one Data TPDU can carry.
const MaxDataPayload = MaxTPKTLength - DataHeaderSize

const (
	dtLI   = 0x02 // LI of a class 0 DT TPDU: the two octets that follow it
	tpduDT = 0xF0 // DT TPDU code 1111 0000
	dtEOT  = 0x80 // EOT set, TPDU-NR 0: the TSDU ends here
)

// AppendDataHeader appends the TPKT and Data TPDU header for a payload of
// payloadLen bytes, which the caller appends next.
func AppendDataHeader(b []byte, payloadLen int) ([]byte, error) {
	if payloadLen < 0 || payloadLen > MaxDataPayload {
		return b, fmt.Errorf("x224: data TPDU payload of %d bytes exceeds %d", payloadLen, MaxDataPayload)
	}
	b = wire.AppendU16BE(append(b, tpktVersion, 0), uint16(DataHeaderSize+payloadLen))
	return append(b, dtLI, tpduDT, dtEOT), nil
}

// AppendData appends payload wrapped in a TPKT and a Data TPDU header.
func AppendData(b, payload []byte) ([]byte, error) {
	b, err := AppendDataHeader(b, len(payload))
	if err != nil {
		return b, err
	}
	return append(b, payload...), nil
}

// ParseData checks that frame is exactly one TPKT holding one X.224 Data
// TPDU and returns its payload, which aliases frame.
func ParseData(frame []byte) ([]byte, error) {
	r := wire.NewReader(frame)
	t := readTPKT(r)
	li, code, eot := t.U8(), t.U8(), t.U8()
	switch {
	case t.Err() != nil:
	// X.224 13.7: a class 0 DT has LI 2, code 1111 0000, and RDP never
	// segments a TSDU, so EOT is always set and TPDU-NR is 0.
	case li != dtLI:
		t.Failf("LI", "%d, want 2", li)
	case code != tpduDT:
		t.Failf("DT", "%#02x, want 0xF0", code)
	case eot != dtEOT:
		t.Failf("EOT", "%#02x, want 0x80", eot)
	}
	payload := t.Rest()
	if err := t.Err(); err != nil {
		return nil, fmt.Errorf("x224: data TPDU: %w", err)
	}
	// The TPKT length must cover exactly the frame.
	if err := r.Finish(); err != nil {
		return nil, fmt.Errorf("x224: data TPDU: %w", err)
	}
	return payload, nil
}
