package svc

import (
	"bytes"
	"encoding/binary"
	"testing"
)

func header(b []byte) ChannelPDUHeader {
	return ChannelPDUHeader{Length: binary.LittleEndian.Uint32(b), Flags: ChannelFlags(binary.LittleEndian.Uint32(b[4:]))}
}

func TestAppendChunks(t *testing.T) {
	tests := []struct {
		name      string
		size      int
		chunkSize int
		extra     ChannelFlags
		want      []ChannelFlags
		sizes     []int
	}{
		{"empty", 0, 0, 0, []ChannelFlags{FlagFirst | FlagLast}, []int{0}},
		{"one-byte", 1, 0, 0, []ChannelFlags{FlagFirst | FlagLast}, []int{1}},
		{"exactly-1600", 1600, 0, 0, []ChannelFlags{FlagFirst | FlagLast}, []int{1600}},
		{"1601", 1601, 0, 0, []ChannelFlags{FlagFirst, FlagLast}, []int{1600, 1}},
		// [MS-RDPBCGR] 3.1.5.2.2.1's example.
		{"bcgr-3.1.5.2.2.1", 2062, 1000, 0, []ChannelFlags{FlagFirst, 0, FlagLast}, []int{1000, 1000, 62}},
		{"show-protocol", 3200, 0, FlagShowProtocol | FlagFirst | FlagLast | FlagPacketCompressed | FlagPacketFlushed | 0x00010000,
			[]ChannelFlags{FlagFirst | FlagShowProtocol, FlagLast | FlagShowProtocol}, []int{1600, 1600}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg := make([]byte, tt.size)
			for i := range msg {
				msg[i] = byte(i)
			}
			prev := [][]byte{[]byte("keep")}
			got := AppendChunks(prev, msg, tt.chunkSize, tt.extra)
			if len(got) != 1+len(tt.want) || string(got[0]) != "keep" {
				t.Fatalf("%d chunks appended, want %d", len(got)-1, len(tt.want))
			}
			var joined []byte
			for i, c := range got[1:] {
				h := header(c)
				if h.Length != uint32(tt.size) || h.Flags != tt.want[i] || len(c)-HeaderSize != tt.sizes[i] {
					t.Errorf("chunk %d: length %d flags %v data %d; want %d %v %d", i, h.Length, h.Flags, len(c)-HeaderSize, tt.size, tt.want[i], tt.sizes[i])
				}
				joined = append(joined, c[HeaderSize:]...)
			}
			if !bytes.Equal(joined, msg) {
				t.Fatal("chunks do not join to the message")
			}
			// Appending to one chunk must not clobber the next.
			if len(got) > 2 {
				_ = append(got[1], 0xFF)
				if !bytes.Equal(got[2][:HeaderSize], AppendChunks(nil, msg, tt.chunkSize, tt.extra)[1][:HeaderSize]) {
					t.Fatal("chunks share capacity")
				}
			}
		})
	}
}

func chunk(length uint32, flags ChannelFlags, data string) []byte {
	b := binary.LittleEndian.AppendUint32(nil, length)
	b = binary.LittleEndian.AppendUint32(b, uint32(flags))
	return append(b, data...)
}

func TestDechunker(t *testing.T) {
	type step struct {
		chunk []byte
		msg   string
		done  bool
		err   bool
	}
	tests := []struct {
		name  string
		steps []step
	}{
		{"idle -FIRST|LAST-> done", []step{{chunk: chunk(3, FlagFirst|FlagLast, "abc"), msg: "abc", done: true}}},
		{"idle -FIRST|LAST(empty)-> done", []step{{chunk: chunk(0, FlagFirst|FlagLast, ""), msg: "", done: true}}},
		{"idle -FIRST-> open -LAST-> done", []step{
			{chunk: chunk(5, FlagFirst, "ab")},
			{chunk: chunk(5, FlagLast, "cde"), msg: "abcde", done: true},
		}},
		{"open -middle-> open", []step{
			{chunk: chunk(6, FlagFirst|FlagShowProtocol, "ab")},
			{chunk: chunk(6, FlagShowProtocol, "cd")},
			{chunk: chunk(6, FlagLast|FlagShowProtocol, "ef"), msg: "abcdef", done: true},
			{chunk: chunk(1, FlagFirst|FlagLast, "g"), msg: "g", done: true},
		}},
		{"ignored flags", []step{
			{chunk: chunk(2, FlagFirst|FlagLast|FlagSuspend|FlagResume|FlagShadowPersistent|FlagPacketFlushed|FlagPacketAtFront|0x00010000, "hi"), msg: "hi", done: true},
		}},
		{"exactly max", []step{
			{chunk: chunk(8, FlagFirst, "abcd")},
			{chunk: chunk(8, FlagLast, "efgh"), msg: "abcdefgh", done: true},
		}},
		{"idle -middle-> error", []step{{chunk: chunk(4, 0, "ab"), err: true}}},
		{"idle -LAST-> error", []step{{chunk: chunk(2, FlagLast, "ab"), err: true}}},
		{"open -FIRST-> error", []step{
			{chunk: chunk(4, FlagFirst, "ab")},
			{chunk: chunk(4, FlagFirst, "ab"), err: true},
			{chunk: chunk(4, FlagLast, "cd"), err: true}, // the open message was dropped
		}},
		{"open -other length-> error", []step{
			{chunk: chunk(4, FlagFirst, "ab")},
			{chunk: chunk(5, FlagLast, "cd"), err: true},
		}},
		{"open -overflow-> error", []step{
			{chunk: chunk(4, FlagFirst, "ab")},
			{chunk: chunk(4, 0, "cde"), err: true},
		}},
		{"open -short LAST-> error", []step{
			{chunk: chunk(5, FlagFirst, "ab")},
			{chunk: chunk(5, FlagLast, "cd"), err: true},
		}},
		{"open -complete without LAST-> error", []step{
			{chunk: chunk(4, FlagFirst, "ab")},
			{chunk: chunk(4, 0, "cd"), err: true},
		}},
		{"idle -FIRST(all data, no LAST)-> error", []step{{chunk: chunk(2, FlagFirst, "ab"), err: true}}},
		{"idle -FIRST|LAST(short)-> error", []step{{chunk: chunk(3, FlagFirst|FlagLast, "ab"), err: true}}},
		{"idle -FIRST|LAST(long)-> error", []step{{chunk: chunk(1, FlagFirst|FlagLast, "ab"), err: true}}},
		{"idle -FIRST(over max)-> error", []step{{chunk: chunk(9, FlagFirst, "ab"), err: true}}},
		{"idle -FIRST(4 GiB)-> error", []step{{chunk: chunk(0xFFFFFFFF, FlagFirst, "ab"), err: true}}},
		{"compressed -> error", []step{{chunk: chunk(2, FlagFirst|FlagLast|FlagPacketCompressed, "ab"), err: true}}},
		{"short header -> error", []step{{chunk: []byte{2, 0, 0, 0, 3, 0, 0}, err: true}}},
		{"error recovers to idle", []step{
			{chunk: chunk(2, FlagLast, "ab"), err: true},
			{chunk: chunk(2, FlagFirst|FlagLast, "ab"), msg: "ab", done: true},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := NewDechunker(8)
			for i, s := range tt.steps {
				msg, done, err := d.Add(s.chunk)
				if (err != nil) != s.err || done != s.done || string(msg) != s.msg {
					t.Fatalf("step %d: %q, %v, %v; want %q, %v, err %v", i, msg, done, err, s.msg, s.done, s.err)
				}
				if !done && !s.err && !d.Pending() {
					t.Fatalf("step %d: not pending", i)
				}
			}
		})
	}
}

func TestChunkRoundTrip(t *testing.T) {
	for _, size := range []int{0, 1, 1599, 1600, 1601, 3200, 100 << 10} {
		msg := make([]byte, size)
		for i := range msg {
			msg[i] = byte(i * 31)
		}
		d := NewDechunker(0)
		chunks := AppendChunks(nil, msg, ChunkSize, FlagShowProtocol)
		for i, c := range chunks {
			got, done, err := d.Add(c)
			if err != nil {
				t.Fatalf("%d bytes, chunk %d: %v", size, i, err)
			}
			if done != (i == len(chunks)-1) {
				t.Fatalf("%d bytes, chunk %d: done %v", size, i, done)
			}
			if done && !bytes.Equal(got, msg) {
				t.Fatalf("%d bytes: message differs", size)
			}
		}
	}
}

// FuzzDechunker feeds a sequence of chunks, each prefixed by a one-byte
// length, to a Dechunker: nothing panics and no message exceeds the limit.
func FuzzDechunker(f *testing.F) {
	var seed []byte
	for _, c := range AppendChunks(nil, []byte("hello, channel"), 5, 0) {
		seed = append(append(seed, byte(len(c))), c...)
	}
	f.Add(seed)
	f.Add(append([]byte{10}, chunk(2, FlagFirst|FlagLast, "ab")...))
	f.Fuzz(func(t *testing.T, b []byte) {
		d := NewDechunker(64)
		for len(b) > 0 {
			n := min(int(b[0]), len(b)-1)
			msg, done, err := d.Add(b[1 : 1+n])
			if err == nil && done && len(msg) > 64 {
				t.Fatalf("%d-byte message over the limit", len(msg))
			}
			if err != nil && (done || msg != nil) {
				t.Fatal("error with a message")
			}
			b = b[1+n:]
		}
	})
}
