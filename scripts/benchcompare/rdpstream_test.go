//go:build linux

package main

import (
	"bytes"
	"encoding/binary"
	"strings"
	"testing"
	"time"

	"github.com/ranoviced/ranoviced/internal/rdp/fastpath"
)

// fastPathPDU builds a fast-path output PDU around updates with the repo's
// own encoder (the same bytes ranoviced sends).
func fastPathPDU(t *testing.T, updates ...fastpath.Update) []byte {
	t.Helper()
	var body []byte
	for _, u := range updates {
		var err error
		if body, err = u.AppendBinary(body); err != nil {
			t.Fatal(err)
		}
	}
	b, err := fastpath.AppendOutputPDU(nil, 0, nil, body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// compressedUpdate is a TS_FP_UPDATE with FASTPATH_OUTPUT_COMPRESSION_USED
// and a compressionFlags byte, as both servers send with bulk compression,
// written by hand so that the counter is checked against the wire layout
// rather than against the repo's own encoder.
func compressedUpdate(code, frag byte, data []byte) []byte {
	b := []byte{code | frag<<4 | 0x2<<6, 0x61 /* compressionFlags */}
	b = binary.LittleEndian.AppendUint16(b, uint16(len(data)))
	return append(b, data...)
}

// rawFastPath wraps updates in a fast-path header with a two-byte length.
func rawFastPath(updates ...[]byte) []byte {
	body := bytes.Join(updates, nil)
	n := 3 + len(body)
	return append([]byte{0x00, 0x80 | byte(n>>8), byte(n)}, body...)
}

// slowPathUpdate builds TPKT / X.224 Data / MCS Send Data Indication /
// Share Control / Share Data headers around a Data PDU of pduType2 whose
// body starts with updateType.
func slowPathUpdate(pduType2 byte, updateType uint16) []byte {
	data := make([]byte, 0, 32)
	data = binary.LittleEndian.AppendUint16(data, 0)      // totalLength, set below
	data = binary.LittleEndian.AppendUint16(data, 0x0017) // PDUTYPE_DATAPDU | version
	data = binary.LittleEndian.AppendUint16(data, 1002)   // pduSource
	data = binary.LittleEndian.AppendUint32(data, 0x103ea)
	data = append(data, 0, 1)                        // pad1, streamId
	data = binary.LittleEndian.AppendUint16(data, 0) // uncompressedLength
	data = append(data, pduType2, 0)                 // pduType2, compressedType
	data = binary.LittleEndian.AppendUint16(data, 0) // compressedLength
	data = binary.LittleEndian.AppendUint16(data, updateType)
	data = append(data, 0, 0, 0, 0)
	binary.LittleEndian.PutUint16(data, uint16(len(data)))
	mcs := []byte{26 << 2, 0x03, 0xe9, 0x03, 0xeb, 0x70, byte(len(data))}
	b := []byte{0x03, 0x00, 0, 0, 0x02, 0xf0, 0x80}
	b = append(b, mcs...)
	b = append(b, data...)
	binary.BigEndian.PutUint16(b[2:], uint16(len(b)))
	return b
}

func TestRDPStreamCounts(t *testing.T) {
	bitmap := fastpath.Update{Code: fastpath.UpdateBitmap, Data: make([]byte, 300)}
	pointer := fastpath.Update{Code: fastpath.UpdatePtrPosition, Data: []byte{1, 0, 2, 0}}
	big := fastpath.Update{Code: fastpath.UpdateBitmap, Data: make([]byte, 20000)} // a two-byte length

	var stream []byte
	stream = append(stream, slowPathUpdate(0x02, 0x0001)...)    // slow-path bitmap: graphics
	stream = append(stream, slowPathUpdate(0x02, 0x0003)...)    // slow-path synchronize: not graphics
	stream = append(stream, slowPathUpdate(0x1b, 0)...)         // slow-path pointer
	stream = append(stream, fastPathPDU(t, bitmap, pointer)...) // one PDU, two updates
	stream = append(stream, fastPathPDU(t, big)...)
	// A fragmented, bulk-compressed update counts once, at its last piece.
	stream = append(stream, rawFastPath(compressedUpdate(0x1, 0x2, make([]byte, 100)))...)
	stream = append(stream, rawFastPath(compressedUpdate(0x1, 0x3, make([]byte, 100)))...)
	stream = append(stream, rawFastPath(compressedUpdate(0x1, 0x1, make([]byte, 100)))...)
	stream = append(stream, rawFastPath(compressedUpdate(0x4, 0x0, make([]byte, 10)))...) // surface commands

	// Fed in awkward pieces: the PDUs must be found across any split.
	var st streamStats
	s := newRDPStream(&st, 5*time.Millisecond)
	now := time.Unix(1000, 0)
	for i := 0; i < len(stream); i += 7 {
		s.feed(stream[i:min(i+7, len(stream))], now)
	}
	if s.err != nil {
		t.Fatal(s.err)
	}
	want := streamStats{FastPath: 6, SlowPath: 3, Updates: 5, Frames: 1, Pointer: 2, Compressed: 4}
	want.ByCode[fpBitmap] = 3
	want.ByCode[fpSurfCmds] = 1
	want.ByCode[0x8] = 1
	if st != want {
		t.Errorf("got  %+v\nwant %+v", st, want)
	}
	if len(s.buf) != 0 {
		t.Errorf("%d bytes left over", len(s.buf))
	}
}

func TestRDPStreamFrames(t *testing.T) {
	bitmap := fastpath.Update{Code: fastpath.UpdateBitmap, Data: make([]byte, 64)}
	one := fastPathPDU(t, bitmap)
	var st streamStats
	s := newRDPStream(&st, 5*time.Millisecond)
	t0 := time.Unix(1000, 0)
	// Frame 1: three updates within a millisecond; frame 2 starts 40 ms
	// later; an update 5 ms after the previous one (not more than the
	// gap) still belongs to frame 2; frame 3 after 6 ms.
	for _, at := range []time.Duration{0, 300 * time.Microsecond, time.Millisecond, 41 * time.Millisecond, 46 * time.Millisecond, 52 * time.Millisecond} {
		s.feed(one, t0.Add(at))
	}
	if st.Updates != 6 || st.Frames != 3 {
		t.Errorf("updates %d, frames %d; want 6 and 3", st.Updates, st.Frames)
	}
	before := st
	s.feed(one, t0.Add(time.Second))
	if d := st.sub(before); d.Updates != 1 || d.Frames != 1 || d.FastPath != 1 {
		t.Errorf("difference %+v", d)
	}
}

func TestRDPStreamStopsOnGarbage(t *testing.T) {
	var st streamStats
	s := newRDPStream(&st, time.Millisecond)
	s.feed([]byte{0x16, 0x03, 0x03, 0x00, 0x10}, time.Now()) // a TLS record: the relay would be reading ciphertext
	if s.err == nil || !strings.Contains(s.err.Error(), "neither TPKT nor fast-path") {
		t.Fatalf("err = %v", s.err)
	}
	s.feed(fastPathPDU(t, fastpath.Update{Code: fastpath.UpdateBitmap, Data: []byte{1}}), time.Now())
	if st != (streamStats{}) {
		t.Errorf("counted after an error: %+v", st)
	}
}

func TestParseStatCPU(t *testing.T) {
	// A command name with spaces and parentheses; utime 250, stime 50.
	stat := []byte("4242 (tricky (name) x) S 1 4242 4242 0 -1 4194304 100 0 0 0 250 50 0 0 20 0 3 0 1000 0 0")
	d, err := parseStatCPU(stat, 100)
	if err != nil || d != 3*time.Second {
		t.Fatalf("got %v, %v; want 3s", d, err)
	}
	if _, err := parseStatCPU([]byte("garbage"), 100); err == nil {
		t.Error("no error for garbage")
	}
}

func TestPercentile(t *testing.T) {
	ms := func(v ...int) []time.Duration {
		var d []time.Duration
		for _, x := range v {
			d = append(d, time.Duration(x)*time.Millisecond)
		}
		return d
	}
	for _, c := range []struct {
		in   []time.Duration
		p    float64
		want time.Duration
	}{
		{ms(30, 10, 20), 0.5, 20 * time.Millisecond},
		{ms(40, 10, 30, 20), 0.5, 20 * time.Millisecond},
		{ms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 0.9, 9 * time.Millisecond},
		{ms(7), 0.9, 7 * time.Millisecond},
		{nil, 0.5, 0},
	} {
		if got := percentile(c.in, c.p); got != c.want {
			t.Errorf("percentile(%v, %v) = %v, want %v", c.in, c.p, got, c.want)
		}
	}
}

func TestWriteTable(t *testing.T) {
	var b strings.Builder
	writeTable(&b, [][]string{{"scenario", "metric", "a", "b"}, {"ico", "cpu", "0.5", "12.25"}, nil, {"", "bytes", "1000", "2"}})
	want := "scenario  metric     a      b\n" +
		"ico       cpu      0.5  12.25\n" +
		"\n" +
		"          bytes   1000      2\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}
