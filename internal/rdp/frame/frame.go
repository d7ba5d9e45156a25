// Package frame splits an RDP byte stream into PDUs without doing any I/O:
// given the bytes buffered so far, it says how long the PDU that starts
// them is. The server's reader and the Go test client reading server output
// both use it.
//
// The first byte of every PDU selects its framing ([MS-RDPBCGR] 2.2.8.1.2,
// 2.2.9.1.2; [T123] section 8):
//
//	b[0] -+- == 0x03 ------------------------> TPKT (slow path)
//	      |                                    b[1]   reserved, must be 0
//	      |                                    b[2:4] big-endian length,
//	      |                                           header included, >= 7
//	      |
//	      +- b[0]&0x03 == 0 (FASTPATH_ACTION_FASTPATH)
//	      |     |
//	      |     +- b[1]&0x80 == 0 -----------> fast-path, length = b[1]
//	      |     |                              (2-byte header)
//	      |     +- b[1]&0x80 != 0 -----------> fast-path, length =
//	      |                                    (b[1]&0x7F)<<8 | b[2]
//	      |                                    (3-byte header)
//	      |
//	      +- anything else ------------------> error (ErrMalformed)
//
// In both fast-path forms the length includes the header and must be at
// least the header's size. FreeRDP always sends the 3-byte form, even for
// short PDUs; both are accepted.
//
// Len only reads headers: checking that a TPKT's contents are an X.224
// Data TPDU, or that a fast-path PDU's flags make sense, is the job of the
// packages that decode them (x224.ParseData, fastpath).
//
// [MS-RDPBCGR]: https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdpbcgr/
// [T123]: https://www.itu.int/rec/T-REC-T.123
package frame

import (
	"errors"
	"fmt"
)

// Kind is the framing of a PDU.
type Kind uint8

const (
	// KindTPKT is a slow-path PDU: a TPKT header (version 3) and an X.224
	// TPDU.
	KindTPKT Kind = iota + 1
	// KindFastPath is a fast-path PDU (TS_FP_INPUT_PDU from a client,
	// TS_FP_UPDATE_PDU from a server).
	KindFastPath
)

func (k Kind) String() string {
	switch k {
	case KindTPKT:
		return "TPKT"
	case KindFastPath:
		return "fast-path"
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

const (
	tpktVersion = 0x03 // TPKT version 3 (T.123 section 8); also FASTPATH_*_ACTION_X224
	// MinTPKTLength is the smallest TPKT accepted: the 4-byte header and
	// the 3-byte X.224 Data TPDU header, the shortest TPDU RDP sends.
	MinTPKTLength = 4 /* TPKT header */ + 3 /* X.224 DT header */
	// MaxTPKTLength is the largest length a TPKT header can carry.
	MaxTPKTLength = 0xFFFF
	// MaxFastPathLength is the largest length the 15-bit fast-path length
	// field can carry.
	MaxFastPathLength = 0x7FFF

	actionMask     = 0x03 // fpInputHeader/fpOutputHeader action bits
	actionFastPath = 0x00 // FASTPATH_INPUT_ACTION_FASTPATH, FASTPATH_OUTPUT_ACTION_FASTPATH
	longLengthFlag = 0x80 // length1: the length continues in length2
)

// ErrMalformed is wrapped by every error Len and KindOf return.
var ErrMalformed = errors.New("frame: malformed header")

// KindOf reports the framing selected by the first byte of a PDU.
func KindOf(b0 byte) (Kind, error) {
	switch {
	case b0 == tpktVersion:
		return KindTPKT, nil
	case b0&actionMask == actionFastPath:
		return KindFastPath, nil
	}
	return 0, fmt.Errorf("%w: first byte %#02x is neither TPKT version 3 nor a fast-path header", ErrMalformed, b0)
}

// Len returns the total length of the PDU that b starts with, 0 if more
// bytes are needed to know it, or an error if the header is malformed. b
// holds the bytes buffered so far; it may be shorter or longer than the
// PDU.
func Len(b []byte) (n int, err error) {
	if len(b) == 0 {
		return 0, nil
	}
	kind, err := KindOf(b[0])
	if err != nil {
		return 0, err
	}
	if kind == KindTPKT {
		return tpktLen(b)
	}
	return fastPathLen(b)
}

func tpktLen(b []byte) (int, error) {
	if len(b) >= 2 && b[1] != 0 {
		return 0, fmt.Errorf("%w: TPKT reserved byte %#02x, want 0", ErrMalformed, b[1])
	}
	if len(b) < 4 {
		return 0, nil
	}
	n := int(b[2])<<8 | int(b[3])
	if n < MinTPKTLength {
		return 0, fmt.Errorf("%w: TPKT length %d below %d", ErrMalformed, n, MinTPKTLength)
	}
	return n, nil
}

func fastPathLen(b []byte) (int, error) {
	if len(b) < 2 {
		return 0, nil
	}
	n, header := int(b[1]), 2
	if b[1]&longLengthFlag != 0 {
		if len(b) < 3 {
			return 0, nil
		}
		n, header = int(b[1]&^longLengthFlag)<<8|int(b[2]), 3
	}
	if n < header {
		return 0, fmt.Errorf("%w: fast-path length %d below its %d-byte header", ErrMalformed, n, header)
	}
	return n, nil
}
