package pdu

import (
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// bcgr4117PersistentKeyList is the TS_BITMAPCACHE_PERSISTENT_LIST_PDU body
// of [MS-RDPBCGR] 4.1.17.
const bcgr4117PersistentKeyList = `
00 00 00 00 19 00 00 00 00 00 # numEntriesCache0…4: 0, 0, 25, 0, 0
00 00 00 00 19 00 00 00 00 00 # totalEntriesCache0…4: 0, 0, 25, 0, 0
03    # bBitMask: PERSIST_FIRST_PDU|PERSIST_LAST_PDU
00    # Pad2
00 00 # Pad3
a3 1e 51 16 48 29 22 78 # cache 2 key 0 (Key1, Key2)
61 f7 89 9c cd a9 66 a8
44 4e b7 bd b4 6d 9e f6
39 91 64 af bc c3 70 02
9f aa fa fd 6e ba 58 dc
7b af de 06 56 3a c2 ce
68 ba 54 b6 bf 9e bc d6
d1 22 c0 98 63 e9 41 fe
38 6c 50 35 0e db b3 f5
45 cc 18 2d 30 44 fc 88
e5 c3 5d 23 63 f6 cf 53
0a a8 01 b6 10 51 a5 28
70 81 6c 59 19 29 00 c9
e2 b5 e7 a7 46 04 4e 1b
72 8d 4a dd 81 bb 14 16
53 6a 4e 3c 48 72 66 c9
6c 77 4b 4a 32 48 2c c6
02 54 56 f2 81 c9 85 56
2c 0a 3d 54 86 9d 2b 97
63 0f 0a 36 f8 63 79 3e
c9 70 41 4b ec a8 7c 7b
79 28 b6 b4 a6 43 24 de
cb 9c ff a2 29 3c 02 56
64 df 80 b0 0d 6e e7 1a
83 c7 54 31 aa 8a 90 b3 # cache 2 key 24
`

func bcgr4117Keys() *PersistentKeyList {
	return &PersistentKeyList{
		Keys: [5][]uint64{2: {
			0x7822294816511ea3, 0xa866a9cd9c89f761, 0xf69e6db4bdb74e44,
			0x0270c3bcaf649139, 0xdc58ba6efdfaaa9f, 0xcec23a5606deaf7b,
			0xd6bc9ebfb654ba68, 0xfe41e96398c022d1, 0xf5b3db0e35506c38,
			0x88fc44302d18cc45, 0x53cff663235dc3e5, 0x28a55110b601a80a,
			0xc9002919596c8170, 0x1b4e0446a7e7b5e2, 0x1614bb81dd4a8d72,
			0xc96672483c4e6a53, 0xc62c48324a4b776c, 0x5685c981f2565402,
			0x972b9d86543d0a2c, 0x3e7963f8360a0f63, 0x7b7ca8ec4b4170c9,
			0xde2443a6b4b62879, 0x56023c29a2ff9ccb, 0x1ae76e0db080df64,
			0xb3908aaa3154c783,
		}},
		TotalEntries: [5]uint16{2: 25},
		Flags:        PersistFirstPDU | PersistLastPDU,
	}
}

func TestPersistentKeyList(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*PersistentKeyList]{{
		Name: "bcgr-4.1.17", Raw: bcgr4117PersistentKeyList, Want: bcgr4117Keys(),
	}, {
		// xfreerdp 2.11.7 rdp_write_client_persistent_key_list_pdu: no keys.
		Name: "freerdp-empty",
		Raw:  "0000 0000 0000 0000 0000  0000 0000 0000 0000 0000  03 00 0000",
		Want: &PersistentKeyList{Flags: PersistFirstPDU | PersistLastPDU},
	}}, func() *PersistentKeyList { return new(PersistentKeyList) })
	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "more-keys-than-data", Raw: "0000 0000 0100 0000 0000  0000 0000 0100 0000 0000  03 00 0000", Want: wire.ErrShort},
		{Name: "huge-count", Raw: "ffff ffff ffff ffff ffff  0000 0000 0000 0000 0000  03 00 0000", Want: wire.ErrShort},
		{Name: "total-over-262144", Raw: "0000 0000 0000 0000 0000  ffff ffff ffff ffff ffff  03 00 0000", Want: wire.ErrInvalid},
	}, func() *PersistentKeyList { return new(PersistentKeyList) })
	if _, err := (&PersistentKeyList{TotalEntries: [5]uint16{0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF}}).AppendBinary(nil); err == nil {
		t.Error("encoded totals over 262144")
	}
}
