package server

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

// oneByteReader hands out one byte per Read, like a slow network.
type oneByteReader struct{ r io.Reader }

func (o oneByteReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	return o.r.Read(p[:1])
}

func TestFrameReaderReadsExactly(t *testing.T) {
	cr := []byte{0x03, 0x00, 0x00, 0x0B, 0x06, 0xE0, 0, 0, 0, 0, 0}
	fpShort := []byte{0x04, 0x05, 0x01, 0x02, 0x03}
	fpLong := append([]byte{0x04, 0x80, 0x84}, make([]byte, 0x84-3)...)
	tlsHello := []byte{0x16, 0x03, 0x01} // must stay unread after the CR
	stream := bytes.NewReader(bytes.Join([][]byte{cr, fpShort, fpLong, tlsHello}, nil))
	fr := newFrameReader(oneByteReader{stream})
	for _, want := range [][]byte{cr, fpShort, fpLong} {
		got, err := fr.read()
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("read = %x, %v; want %x", got, err, want)
		}
	}
	if stream.Len() != len(tlsHello) {
		t.Fatalf("%d bytes left, want the %d TLS bytes untouched", stream.Len(), len(tlsHello))
	}
}

func TestFrameReaderErrors(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want error
	}{
		{"empty", nil, io.EOF},
		{"truncated", []byte{0x03, 0x00, 0x00, 0x10, 0x02}, io.ErrUnexpectedEOF},
		{"bad first byte", []byte{0x01, 0x02}, nil},
		{"short tpkt length", []byte{0x03, 0x00, 0x00, 0x02}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := newFrameReader(bytes.NewReader(tt.in)).read()
			if err == nil || (tt.want != nil && !errors.Is(err, tt.want)) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
}
