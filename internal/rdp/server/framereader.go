package server

import (
	"fmt"
	"io"

	"github.com/ranoviced/ranoviced/internal/rdp/frame"
)

// frameReader reads whole PDUs from a stream. It asks the underlying reader
// for exactly the bytes of one PDU, so when that reader is the raw socket
// nothing is read past the PDU: the X.224 Connection Request must not eat
// the first bytes of a TLS ClientHello (rdp-server.md §1.0).
type frameReader struct {
	r   io.Reader
	buf []byte // reused; a returned frame is valid until the next read
}

func newFrameReader(r io.Reader) *frameReader {
	return &frameReader{r: r, buf: make([]byte, 0, 1<<16)}
}

// read returns the next PDU. The slice is valid until the next call.
func (fr *frameReader) read() ([]byte, error) {
	b := fr.buf[:2]
	if _, err := io.ReadFull(fr.r, b); err != nil {
		return nil, err
	}
	for {
		n, err := frame.Len(b)
		if err != nil {
			return nil, err
		}
		if n > 0 {
			if n < len(b) {
				return nil, fmt.Errorf("server: PDU length %d shorter than its header", n)
			}
			if n > cap(fr.buf) {
				fr.buf = make([]byte, 0, n)
				fr.buf = append(fr.buf, b...)
			}
			full := fr.buf[:n]
			if _, err := io.ReadFull(fr.r, full[len(b):]); err != nil {
				return nil, noEOF(err)
			}
			return full, nil
		}
		// The header is not complete yet: a TPKT needs 4 bytes, a long
		// fast-path length 3.
		more := 4 - len(b)
		if b[0] != 0x03 {
			more = 3 - len(b)
		}
		if more <= 0 {
			return nil, fmt.Errorf("server: cannot frame PDU starting %x", b)
		}
		b = fr.buf[:len(b)+more]
		if _, err := io.ReadFull(fr.r, b[len(b)-more:]); err != nil {
			return nil, noEOF(err)
		}
	}
}

// noEOF turns an EOF in the middle of a PDU into ErrUnexpectedEOF.
func noEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}
