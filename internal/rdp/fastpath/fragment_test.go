package fastpath

import (
	"bytes"
	"testing"
)

func pattern(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i * 7)
	}
	return b
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name  string
		size  int
		max   int
		frags []Fragmentation
	}{
		{"empty", 0, 100, []Fragmentation{FragmentSingle}},
		{"one-byte", 1, 100, []Fragmentation{FragmentSingle}},
		{"exactly-max", 100, 100, []Fragmentation{FragmentSingle}},
		{"max-plus-one", 101, 100, []Fragmentation{FragmentFirst, FragmentLast}},
		{"three-pieces", 300, 100, []Fragmentation{FragmentFirst, FragmentNext, FragmentLast}},
		{"four-pieces", 301, 100, []Fragmentation{FragmentFirst, FragmentNext, FragmentNext, FragmentLast}},
		{"default-max", MaxFragmentSize + 1, 0, []Fragmentation{FragmentFirst, FragmentLast}},
		{"max-clamped", MaxFragmentSize + 1, 1 << 20, []Fragmentation{FragmentFirst, FragmentLast}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := pattern(tt.size)
			got := Split(UpdateBitmap, data, tt.max)
			if len(got) != len(tt.frags) {
				t.Fatalf("%d pieces, want %d", len(got), len(tt.frags))
			}
			var joined []byte
			for i, u := range got {
				if u.Code != UpdateBitmap || u.Fragmentation != tt.frags[i] {
					t.Errorf("piece %d: %v %v, want %v", i, u.Code, u.Fragmentation, tt.frags[i])
				}
				limit := tt.max
				if limit <= 0 || limit > MaxFragmentSize {
					limit = MaxFragmentSize
				}
				if len(u.Data) > limit {
					t.Errorf("piece %d: %d bytes over %d", i, len(u.Data), limit)
				}
				joined = append(joined, u.Data...)
			}
			if !bytes.Equal(joined, data) {
				t.Fatal("pieces do not join to the data")
			}
		})
	}
}

// A full-size fragment in an encrypted PDU stays within MaxPDUSize, and the
// client side reassembles what Split produced.
func TestSplitPDUsAndReassemble(t *testing.T) {
	sig := [8]byte{9, 9, 9, 9, 9, 9, 9, 9}
	data := pattern(3*MaxFragmentSize + 17)
	r := NewReassembler(len(data))
	var whole Update
	for i, u := range Split(UpdateSurfCmds, data, MaxFragmentSize) {
		upd, err := u.AppendBinary(nil)
		if err != nil {
			t.Fatal(err)
		}
		frame, err := AppendOutputPDU(nil, OutputEncrypted|OutputSecureChecksum, &sig, upd)
		if err != nil {
			t.Fatal(err)
		}
		if len(frame) > MaxPDUSize {
			t.Fatalf("PDU %d: %d bytes over MaxPDUSize", i, len(frame))
		}
		p, err := DecodeOutput(frame)
		if err != nil {
			t.Fatal(err)
		}
		ups, err := DecodeUpdates(p.Data)
		if err != nil || len(ups) != 1 {
			t.Fatalf("PDU %d: %d updates, %v", i, len(ups), err)
		}
		w, done, err := r.Add(ups[0])
		if err != nil {
			t.Fatalf("PDU %d: %v", i, err)
		}
		if done {
			whole = w
		}
	}
	if whole.Code != UpdateSurfCmds || whole.Fragmentation != FragmentSingle || !bytes.Equal(whole.Data, data) {
		t.Fatalf("reassembled %v %v %d bytes", whole.Code, whole.Fragmentation, len(whole.Data))
	}
	if r.Pending() {
		t.Fatal("still pending")
	}
}

func TestMultifragmentLimit(t *testing.T) {
	tests := []struct {
		name       string
		max        uint32
		advertised bool
		want       int
	}{
		{"absent", 0, false, SafeUpdateSize},
		{"below-one-pdu", 0x1000, true, SafeUpdateSize},
		{"one-pdu", MaxPDUSize, true, MaxPDUSize},
		{"freerdp-2.11-client-default", 0xFFFF, true, 0xFFFF}, // settings.c
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MultifragmentLimit(tt.max, tt.advertised); got != tt.want {
				t.Fatalf("got %#x, want %#x", got, tt.want)
			}
		})
	}
	if !FitsMultifragment(SafeUpdateSize, SafeUpdateSize) || FitsMultifragment(SafeUpdateSize+1, SafeUpdateSize) || FitsMultifragment(-1, 10) {
		t.Fatal("FitsMultifragment")
	}
}

func TestReassembler(t *testing.T) {
	u := func(code UpdateCode, f Fragmentation, n int) Update {
		return Update{Code: code, Fragmentation: f, Data: pattern(n)}
	}
	type step struct {
		in   Update
		done bool
		err  bool
		size int // of the whole update when done
	}
	tests := []struct {
		name  string
		steps []step
	}{
		{"idle -SINGLE-> done", []step{{in: u(UpdateBitmap, FragmentSingle, 5), done: true, size: 5}}},
		{"idle -FIRST-> open -LAST-> done", []step{
			{in: u(UpdateBitmap, FragmentFirst, 10)},
			{in: u(UpdateBitmap, FragmentLast, 6), done: true, size: 16},
		}},
		{"open -NEXT-> open -LAST-> done", []step{
			{in: u(UpdateBitmap, FragmentFirst, 10)},
			{in: u(UpdateBitmap, FragmentNext, 10)},
			{in: u(UpdateBitmap, FragmentLast, 12), done: true, size: 32},
			{in: u(UpdatePtrNull, FragmentSingle, 0), done: true, size: 0},
		}},
		{"total exactly max", []step{
			{in: u(UpdateBitmap, FragmentFirst, 32)},
			{in: u(UpdateBitmap, FragmentLast, 0), done: true, size: 32},
		}},
		{"idle -NEXT-> error", []step{{in: u(UpdateBitmap, FragmentNext, 1), err: true}}},
		{"idle -LAST-> error", []step{{in: u(UpdateBitmap, FragmentLast, 1), err: true}}},
		{"open -SINGLE-> error", []step{
			{in: u(UpdateBitmap, FragmentFirst, 1)},
			{in: u(UpdatePtrNull, FragmentSingle, 0), err: true},
			{in: u(UpdateBitmap, FragmentLast, 1), err: true}, // the partial update was dropped
		}},
		{"open -FIRST-> error", []step{
			{in: u(UpdateBitmap, FragmentFirst, 1)},
			{in: u(UpdateBitmap, FragmentFirst, 1), err: true},
		}},
		{"open -LAST(other code)-> error", []step{
			{in: u(UpdateBitmap, FragmentFirst, 1)},
			{in: u(UpdateSurfCmds, FragmentLast, 1), err: true},
		}},
		{"open -NEXT(oversize)-> error", []step{
			{in: u(UpdateBitmap, FragmentFirst, 30)},
			{in: u(UpdateBitmap, FragmentNext, 3), err: true},
		}},
		{"idle -FIRST(oversize)-> error", []step{{in: u(UpdateBitmap, FragmentFirst, 33), err: true}}},
		{"compressed -> error", []step{{in: Update{Code: UpdateBitmap, Compression: CompressionUsed}, err: true}}},
		{"error recovers to idle", []step{
			{in: u(UpdateBitmap, FragmentLast, 1), err: true},
			{in: u(UpdateBitmap, FragmentFirst, 1)},
			{in: u(UpdateBitmap, FragmentLast, 1), done: true, size: 2},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReassembler(32)
			for i, s := range tt.steps {
				whole, done, err := r.Add(s.in)
				if (err != nil) != s.err || done != s.done {
					t.Fatalf("step %d: done %v err %v; want done %v err %v", i, done, err, s.done, s.err)
				}
				if done && (len(whole.Data) != s.size || whole.Fragmentation != FragmentSingle || whole.Code != s.in.Code) {
					t.Fatalf("step %d: whole %v %v %d bytes, want %d", i, whole.Code, whole.Fragmentation, len(whole.Data), s.size)
				}
			}
		})
	}
}
