package fastpath

import (
	"fmt"
	"math"
)

// Update fragmentation ([MS-RDPBCGR] 2.2.9.1.2.1, fragmentation field):
// an update too big for one PDU is sent as FIRST, NEXT…, LAST pieces with
// the same updateCode, each in its own TS_FP_UPDATE_PDU and with nothing
// else interleaved, and its whole size must not exceed the client's
// Multifragment Update MaxRequestSize (2.2.7.2.6). FreeRDP 2.11 drops the
// connection otherwise (fastpath.c fastpath_recv_update_data;
// rdp-server.md §5.1).

// Split cuts the data of one update into the updates to send, each to go
// in its own output PDU: a single FragmentSingle update when data fits in
// maxFragment bytes, else FragmentFirst, FragmentNext…, FragmentLast
// pieces of at most maxFragment bytes. Empty data gives one empty
// FragmentSingle update. maxFragment outside 1..MaxFragmentSize means
// MaxFragmentSize. The pieces alias data.
//
// Split does not check the client's limit: check the total first with
// FitsMultifragment.
func Split(code UpdateCode, data []byte, maxFragment int) []Update {
	if maxFragment <= 0 || maxFragment > MaxFragmentSize {
		maxFragment = MaxFragmentSize
	}
	if len(data) <= maxFragment {
		return []Update{{Code: code, Fragmentation: FragmentSingle, Data: data}}
	}
	n := (len(data) + maxFragment - 1) / maxFragment
	out := make([]Update, 0, n)
	for off := 0; off < len(data); off += maxFragment {
		end := min(off+maxFragment, len(data))
		frag := FragmentNext
		switch {
		case off == 0:
			frag = FragmentFirst
		case end == len(data):
			frag = FragmentLast
		}
		out = append(out, Update{Code: code, Fragmentation: frag, Data: data[off:end:end]})
	}
	return out
}

// MultifragmentLimit returns the largest update (total updateData bytes)
// the server may send to a client, following FreeRDP 2.11's server
// (capabilities.c): the client's MaxRequestSize from its Multifragment
// Update capability set (TS_MULTIFRAGMENTUPDATE_CAPABILITYSET,
// [MS-RDPBCGR] 2.2.7.2.6) when it sent one, but SafeUpdateSize when it sent
// none or a MaxRequestSize below MaxPDUSize ("observed with some windows ce
// rdp clients"), so that such clients never see a fragmented update.
func MultifragmentLimit(maxRequestSize uint32, advertised bool) int {
	if !advertised || maxRequestSize < MaxPDUSize {
		return SafeUpdateSize
	}
	return int(min(maxRequestSize, math.MaxInt32))
}

// FitsMultifragment reports whether an update of total bytes may be sent
// to a client whose limit (see MultifragmentLimit) is limit. An update
// that does not fit must be split differently (fewer rectangles per
// bitmap update) or sent another way.
func FitsMultifragment(total, limit int) bool { return total >= 0 && total <= limit }

// Reassembler joins fragmented updates back into whole ones, for the Go
// test client. It enforces the rules FreeRDP 2.11's client enforces
// (fastpath.c fastpath_recv_update_data), and one more: a NEXT or LAST
// without a FIRST, a FIRST or SINGLE while a FIRST is open, and a total
// over the maximum are errors, and so is a piece whose updateCode differs
// from the FIRST's (FreeRDP does not check that, but the spec sends all
// pieces of one update). After an error the partial update is dropped.
//
// The zero Reassembler is not usable; call NewReassembler.
type Reassembler struct {
	max  int
	open bool
	code UpdateCode
	buf  []byte
}

// NewReassembler returns a Reassembler for fragmented updates of at most
// max bytes in total: the client's MaxRequestSize.
func NewReassembler(max int) *Reassembler { return &Reassembler{max: max} }

// Pending reports whether a fragmented update is open.
func (r *Reassembler) Pending() bool { return r.open }

// Add takes the next decoded update. It returns done with the whole update
// (Fragmentation FragmentSingle) when u is a single update or completes a
// fragmented one. A single update is returned as is (its data aliases the
// input); a reassembled one owns its data.
func (r *Reassembler) Add(u Update) (whole Update, done bool, err error) {
	if u.Compression != 0 {
		r.reset()
		return Update{}, false, fmt.Errorf("fastpath: %v: compressed update (decompress each piece before reassembly)", u.Code)
	}
	switch u.Fragmentation {
	case FragmentSingle:
		if r.open {
			code := r.code
			r.reset()
			return Update{}, false, fmt.Errorf("fastpath: %v FASTPATH_FRAGMENT_SINGLE while a fragmented %v is open", u.Code, code)
		}
		return u, true, nil
	case FragmentFirst:
		if r.open {
			code := r.code
			r.reset()
			return Update{}, false, fmt.Errorf("fastpath: %v FASTPATH_FRAGMENT_FIRST while a fragmented %v is open", u.Code, code)
		}
		if len(u.Data) > r.max {
			return Update{}, false, fmt.Errorf("fastpath: fragmented %v: %d bytes exceed the maximum %d", u.Code, len(u.Data), r.max)
		}
		r.open, r.code = true, u.Code
		r.buf = append([]byte(nil), u.Data...)
		return Update{}, false, nil
	case FragmentNext, FragmentLast:
		if !r.open {
			return Update{}, false, fmt.Errorf("fastpath: %v %v without FASTPATH_FRAGMENT_FIRST", u.Code, u.Fragmentation)
		}
		if u.Code != r.code {
			code := r.code
			r.reset()
			return Update{}, false, fmt.Errorf("fastpath: %v %v inside a fragmented %v", u.Code, u.Fragmentation, code)
		}
		if len(u.Data) > r.max-len(r.buf) {
			total := len(r.buf) + len(u.Data)
			r.reset()
			return Update{}, false, fmt.Errorf("fastpath: fragmented %v: %d bytes exceed the maximum %d", u.Code, total, r.max)
		}
		r.buf = append(r.buf, u.Data...)
		if u.Fragmentation == FragmentNext {
			return Update{}, false, nil
		}
		whole = Update{Code: r.code, Fragmentation: FragmentSingle, Data: r.buf}
		r.buf = nil
		r.reset()
		return whole, true, nil
	}
	r.reset()
	return Update{}, false, fmt.Errorf("fastpath: %v: undefined fragmentation %d", u.Code, uint8(u.Fragmentation))
}

func (r *Reassembler) reset() { r.open, r.code, r.buf = false, 0, nil }
