package bulk

// RDP 5.0 bulk compression ("MPPC-64K"), [MS-RDPBCGR] 3.1.8.
//
// Sender and receiver each keep a 64 KB history buffer and a HistoryOffset
// into it (3.1.8.1). Every compressed PDU's data is appended to the history
// at HistoryOffset and coded, most significant bit first, as a sequence of
// literals and copy-tuples <copy-offset, length-of-match> (3.1.8.2), where
// copy-offset counts back from the byte being coded. The codes are those of
// 3.1.8.4.2.1 (literals), 3.1.8.4.2.2.1 (copy-offsets) and 3.1.8.4.2.2.2
// (lengths of match):
//
//	literal 0x00..0x7F      0 + 7 lower bits                 8 bits
//	literal 0x80..0xFF      10 + 7 lower bits                9 bits
//	copy-offset 0..63       11111 + 6 lower bits            11 bits
//	copy-offset 64..319     11110 + 8 bits of (offset-64)   13 bits
//	copy-offset 320..2367   1110 + 11 bits of (offset-320)  15 bits
//	copy-offset 2368+       110 + 16 bits of (offset-2368)  19 bits
//	length 3                0                                1 bit
//	length 2^k..2^(k+1)-1   (k-1) ones, 0, k lower bits     2k bits, k = 2..15
//
// A decoder stops when fewer than eight bits are left, since no code is
// shorter than eight bits. Those padding bits are zero: the spec does not
// say what they hold, but FreeRDP's encoder and this package's write
// zeros, and this package's decoder requires them.

const (
	// historySize is the RDP 5.0 history buffer size: "RDP 5.0 has a
	// history buffer size of 64 kilobytes" (3.1.8.4.2).
	historySize = 65536

	// MaxMPPCLen is the longest input the MPPC encoder compresses. "Any
	// data that is being compressed MUST be smaller in size than the
	// history buffer" (3.1.8.1). Longer input is sent uncompressed.
	MaxMPPCLen = historySize - 1

	// MinMPPCLen is the shortest input the MPPC encoder compresses; shorter
	// input is sent uncompressed, with no flags, leaving the history alone.
	// Short PDUs (pointer moves, synchronize) gain a few bytes at most, and
	// one that expanded would cost a flush of the whole history
	// (3.1.8.2). FreeRDP's bulk_compress skips up to 50 bytes the same way.
	MinMPPCLen = 51

	posMask = historySize - 1 // history positions are below historySize

	minMatch = 3     // "length-of-match ... MUST be larger than 2" (3.1.8.2)
	maxMatch = 65535 // the longest length 3.1.8.4.2.2.2 can code

	// Copy-offset ranges of 3.1.8.4.2.2.1.
	offset1 = 64
	offset2 = 320
	offset3 = 2368
)
