//go:build linux

package main

import (
	"encoding/binary"
	"fmt"
	"time"
)

// Fast-path update codes ([MS-RDPBCGR] 2.2.9.1.2.1) the counter sorts by.
const (
	fpOrders   = 0x0
	fpBitmap   = 0x1
	fpSurfCmds = 0x4
)

// streamStats are counters over the server→client RDP stream of one or
// more connections. The relay reads them before and after a measuring
// window and reports the difference.
type streamStats struct {
	FastPath int // fast-path output PDUs
	SlowPath int // TPKT PDUs (slow path)
	// Updates counts complete graphics updates: fast-path orders, bitmap
	// and surface-command updates (whole, or the last fragment of a
	// fragmented one) and slow-path Update PDUs. A server may split one
	// screen frame into many of them (ranoviced keeps each under 16 KB,
	// FreeRDP under the client's Multifragment size), so they are not
	// frames.
	Updates int
	// Frames counts bursts of graphics updates: an update that arrives
	// more than the stream's gap after the previous one starts a new
	// frame. Neither server marks frame boundaries on the bitmap path, but
	// both write a frame's updates back to back and pace frames tens of
	// milliseconds apart, so the bursts are the frames the client got.
	Frames     int
	Pointer    int // pointer updates (shape, position, hidden)
	Compressed int // fast-path updates with bulk compression
	Encrypted  int // fast-path PDUs whose updates are encrypted, so uncounted
	// ByCode counts complete fast-path updates by updateCode.
	ByCode [16]int
}

// sub returns s - o, field by field.
func (s streamStats) sub(o streamStats) streamStats {
	d := streamStats{
		FastPath: s.FastPath - o.FastPath, SlowPath: s.SlowPath - o.SlowPath,
		Updates: s.Updates - o.Updates, Frames: s.Frames - o.Frames,
		Pointer: s.Pointer - o.Pointer, Compressed: s.Compressed - o.Compressed,
		Encrypted: s.Encrypted - o.Encrypted,
	}
	for i := range d.ByCode {
		d.ByCode[i] = s.ByCode[i] - o.ByCode[i]
	}
	return d
}

// rdpStream splits one connection's decrypted server→client bytes into
// TPKT and fast-path PDUs ([MS-RDPBCGR] 2.2.9.1.2: a first byte of 0x03 is
// a TPKT with a 16-bit big-endian length, anything else with the two low
// bits clear a fast-path PDU with a one- or two-byte length) and counts
// them into stats. It only reads headers, so it works on bulk-compressed
// updates too, and it never holds more than one incomplete PDU.
type rdpStream struct {
	stats *streamStats
	gap   time.Duration // see streamStats.Frames
	buf   []byte
	last  time.Time // when the latest graphics update arrived
	err   error     // the stream stopped looking like RDP; counting stopped
}

func newRDPStream(stats *streamStats, gap time.Duration) *rdpStream {
	return &rdpStream{stats: stats, gap: gap}
}

// feed consumes the next bytes of the stream, read at now.
func (s *rdpStream) feed(b []byte, now time.Time) {
	if s.err != nil {
		return
	}
	s.buf = append(s.buf, b...)
	off := 0
	for {
		n, err := pduLen(s.buf[off:])
		if err != nil {
			s.err = err
			s.buf = nil
			return
		}
		if n == 0 || len(s.buf)-off < n {
			break
		}
		s.pdu(s.buf[off:off+n], now)
		off += n
	}
	// What is left is less than one PDU: move it to the front.
	s.buf = append(s.buf[:0], s.buf[off:]...)
}

// pduLen returns the length of the PDU starting b, 0 if b is too short to
// tell, or an error if b does not start a TPKT or fast-path PDU.
func pduLen(b []byte) (int, error) {
	if len(b) < 2 {
		return 0, nil
	}
	if b[0] == 0x03 { // TPKT version 3
		if len(b) < 4 {
			return 0, nil
		}
		n := int(b[2])<<8 | int(b[3])
		if n < 7 {
			return 0, fmt.Errorf("TPKT length %d", n)
		}
		return n, nil
	}
	if b[0]&0x3 != 0 { // action must be FASTPATH_OUTPUT_ACTION_FASTPATH
		return 0, fmt.Errorf("first byte %#02x is neither TPKT nor fast-path", b[0])
	}
	n, hdr := int(b[1]), 2
	if n&0x80 != 0 {
		if len(b) < 3 {
			return 0, nil
		}
		n, hdr = (n&0x7f)<<8|int(b[2]), 3
	}
	if n < hdr {
		return 0, fmt.Errorf("fast-path length %d", n)
	}
	return n, nil
}

func (s *rdpStream) pdu(p []byte, now time.Time) {
	if p[0] == 0x03 {
		s.stats.SlowPath++
		s.slowPath(p, now)
		return
	}
	s.stats.FastPath++
	hdr := 2
	if p[1]&0x80 != 0 {
		hdr = 3
	}
	if p[0]>>6&0x2 != 0 { // FASTPATH_OUTPUT_ENCRYPTED: Standard RDP Security
		s.stats.Encrypted++
		return
	}
	u := p[hdr:]
	for len(u) >= 3 {
		h := u[0]
		code, frag, comp := h&0x0f, h>>4&0x3, h>>6
		u = u[1:]
		if comp == 0x2 { // FASTPATH_OUTPUT_COMPRESSION_USED: compressionFlags follows
			s.stats.Compressed++
			u = u[1:]
		}
		if len(u) < 2 {
			return
		}
		size := int(binary.LittleEndian.Uint16(u))
		u = u[2:]
		if size > len(u) {
			return
		}
		u = u[size:]
		if frag != 0x0 && frag != 0x1 { // first or next fragment: not complete yet
			continue
		}
		s.stats.ByCode[code]++
		switch code {
		case fpOrders, fpBitmap, fpSurfCmds:
			s.graphics(now)
		case 0x5, 0x6, 0x8, 0x9, 0xa, 0xb, 0xc: // null, default, position, color, cached, new, large pointer
			s.stats.Pointer++
		}
	}
}

// slowPath counts an Update or Pointer Data PDU sent on the slow path:
// TPKT, X.224 Data, MCS Send Data Indication, then (no security header
// under TLS) a Share Control Header of type PDUTYPE_DATAPDU and a Share
// Data Header. Other TPKTs (connection sequence, virtual channels) are
// only counted as PDUs.
func (s *rdpStream) slowPath(p []byte, now time.Time) {
	// TPKT (4), X.224 Data (02 F0 80), MCS type.
	if len(p) < 8 || p[4] != 0x02 || p[5] != 0xf0 || p[7]>>2 != 26 { // 26: SendDataIndication
		return
	}
	i := 8 + 2 + 2 + 1 // initiator, channelId, dataPriority and segmentation
	if len(p) < i+1 {
		return
	}
	if p[i]&0x80 != 0 { // PER length, one or two bytes
		i += 2
	} else {
		i++
	}
	d := p[min(i, len(p)):]
	// Share Control Header (6) + Share Data Header (12).
	if len(d) < 18 || binary.LittleEndian.Uint16(d[2:]) != 0x0017 { // PDUTYPE_DATAPDU | TS_PROTOCOL_VERSION
		return
	}
	if int(binary.LittleEndian.Uint16(d)) > len(d) {
		return
	}
	switch pduType2 := d[14]; pduType2 {
	case 0x02: // PDUTYPE2_UPDATE
		compressed := d[15]&0x20 != 0 // PACKET_COMPRESSED
		if !compressed && len(d) >= 20 {
			if t := binary.LittleEndian.Uint16(d[18:]); t != 0x0000 && t != 0x0001 {
				return // palette or synchronize, not graphics
			}
		}
		s.graphics(now)
	case 0x1b: // PDUTYPE2_POINTER
		s.stats.Pointer++
	}
}

func (s *rdpStream) graphics(now time.Time) {
	s.stats.Updates++
	if s.last.IsZero() || now.Sub(s.last) > s.gap {
		s.stats.Frames++
	}
	s.last = now
}
