package bulk

import "errors"

// refMPPC is a second, deliberately plain RDP 5.0 decoder, written bit by
// bit from the tables of [MS-RDPBCGR] 3.1.8.4.2 and the rules of 3.1.8.3,
// for differential tests of MPPCDecoder. It shares no code with it.
type refMPPC struct {
	hist   [65536]byte
	off    int
	broken bool
}

var errRef = errors.New("ref: bad data")

func (d *refMPPC) decompress(src []byte, flags Flags) ([]byte, error) {
	if d.broken {
		return nil, errRef
	}
	out, err := d.run(src, flags)
	if err != nil {
		d.broken = true
	}
	return out, err
}

func (d *refMPPC) run(src []byte, flags Flags) ([]byte, error) {
	if flags&0xE0 == 0 {
		return append([]byte{}, src...), nil
	}
	if flags&0x10 != 0 || flags&0x0F != 1 || flags&0x60 == 0x40 {
		return nil, errRef
	}
	if flags&0x80 != 0 {
		d.hist = [65536]byte{}
		d.off = 0
	}
	if flags&0x20 == 0 {
		return append([]byte{}, src...), nil
	}
	if flags&0x40 != 0 {
		d.off = 0
	}
	total := len(src) * 8
	pos := 0
	bit := func() (int, bool) {
		if pos >= total {
			return 0, false
		}
		b := int(src[pos/8]>>(7-pos%8)) & 1
		pos++
		return b, true
	}
	read := func(n int) (int, bool) {
		v := 0
		for range n {
			b, ok := bit()
			if !ok {
				return 0, false
			}
			v = v<<1 | b
		}
		return v, true
	}
	ones := func(max int) (int, bool) { // count 1 bits up to a 0 (consumed)
		n := 0
		for {
			b, ok := bit()
			if !ok {
				return 0, false
			}
			if b == 0 {
				return n, true
			}
			n++
			if n > max {
				return n, true
			}
		}
	}
	start := d.off
	for total-pos >= 8 {
		k, ok := ones(4) // literal: 0 / 10; copy-offset: 110 / 1110 / 11110 / 11111
		if !ok {
			return nil, errRef
		}
		var lit, co int
		switch k {
		case 0:
			lit, ok = read(7)
		case 1:
			lit, ok = read(7)
			lit |= 0x80
		case 2:
			co, ok = read(16)
			co += 2368
		case 3:
			co, ok = read(11)
			co += 320
		case 4:
			co, ok = read(8)
			co += 64
		default: // five ones: the fifth is part of the code, not a zero
			co, ok = read(6)
		}
		if !ok {
			return nil, errRef
		}
		if k <= 1 {
			if d.off >= 65536 {
				return nil, errRef
			}
			d.hist[d.off] = byte(lit)
			d.off++
			continue
		}
		j, ok := ones(14)
		if !ok || j > 14 {
			return nil, errRef
		}
		length := 3
		if j > 0 {
			v, ok := read(j + 1)
			if !ok {
				return nil, errRef
			}
			length = 1<<(j+1) + v
		}
		if co == 0 || co > 65535 || d.off+length > 65536 {
			return nil, errRef
		}
		from := d.off - co
		if from < 0 {
			from += 65536
		}
		if from+length > 65536 {
			return nil, errRef
		}
		for i := range length {
			d.hist[d.off+i] = d.hist[from+i]
		}
		d.off += length
	}
	for pos < total {
		if b, _ := bit(); b != 0 {
			return nil, errRef
		}
	}
	return append([]byte{}, d.hist[start:d.off]...), nil
}
