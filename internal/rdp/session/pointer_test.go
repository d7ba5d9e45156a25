package session

import (
	"bytes"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/acceptor"
	"github.com/ranoviced/ranoviced/internal/rdp/caps"
	"github.com/ranoviced/ranoviced/internal/rdp/fastpath"
	"github.com/ranoviced/ranoviced/internal/rdp/gcc"
	"github.com/ranoviced/ranoviced/internal/rdp/link"
	"github.com/ranoviced/ranoviced/internal/rdp/mcs"
	"github.com/ranoviced/ranoviced/internal/rdp/pdu"
	"github.com/ranoviced/ranoviced/internal/rdp/pointer"
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/sec"
	"github.com/ranoviced/ranoviced/internal/rdp/stdsec"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
	"github.com/ranoviced/ranoviced/internal/rdp/x224"
)

// activeSession returns a session past finalization for a client with the
// given capability sets.
func activeSession(t testing.TB, sets ...caps.Set) *Session {
	t.Helper()
	return activeSessionWith(t, nil, Config{}, sets...)
}

// activeSessionWith is activeSession for a client that sent info (nil: no
// Client Info PDU recorded) and a session configured with cfg.
func activeSessionWith(t testing.TB, info *sec.ClientInfo, cfg Config, sets ...caps.Set) *Session {
	t.Helper()
	res := &acceptor.Result{
		UserChannel: user,
		ClientData:  gcc.ClientData{Core: &gcc.ClientCoreData{}},
		ClientCaps:  caps.Negotiate(sets),
		ClientInfo:  info,
		Link:        link.New(user),
	}
	s := New(res, cfg)
	if _, _, err := s.Handle(clientData(t, pdu.PDUType2FontList, &pdu.FontList{ListFlags: 3, EntrySize: 50}), nil); err != nil || !s.Ready() {
		t.Fatalf("finalization: %v", err)
	}
	return s
}

var (
	fastPathClient = []caps.Set{&caps.General{ExtraFlags: caps.FastPathOutputSupported}, &caps.MultifragmentUpdate{MaxRequestSize: 1 << 20}}
	slowPathClient = []caps.Set{&caps.General{}}
)

// encryptFrom switches the session's link to Standard RDP Security
// (128-bit, unsalted) and returns the client's opening cipher.
func encryptFrom(t *testing.T, s *Session) *stdsec.Cipher {
	t.Helper()
	keys, err := stdsec.DeriveKeys(bytes.Repeat([]byte{1}, 32), bytes.Repeat([]byte{2}, 32), stdsec.Method128Bit)
	if err != nil {
		t.Fatal(err)
	}
	seal, _ := stdsec.NewCipher(keys, stdsec.ServerToClient, stdsec.Method128Bit)
	open, _ := stdsec.NewCipher(keys, stdsec.ClientToServer, stdsec.Method128Bit)
	s.link.Encrypt(seal, open)
	clientOpen, _ := stdsec.NewCipher(keys, stdsec.ServerToClient, stdsec.Method128Bit)
	return clientOpen
}

// fastPathUpdates splits out into fast-path PDUs and returns their
// (decrypted) updates.
func fastPathUpdates(t *testing.T, out []byte, open *stdsec.Cipher) []fastpath.Update {
	t.Helper()
	var ups []fastpath.Update
	for len(out) > 0 {
		n := int(out[1])
		if n&0x80 != 0 {
			n = (n&0x7F)<<8 | int(out[2])
		}
		p, err := fastpath.DecodeOutput(out[:n])
		if err != nil {
			t.Fatal(err)
		}
		out = out[n:]
		if open != nil {
			if !p.Flags.Has(fastpath.OutputEncrypted) {
				t.Fatal("fast-path output not encrypted")
			}
			if err := open.Open(p.Data, p.Signature, p.Flags.Has(fastpath.OutputSecureChecksum)); err != nil {
				t.Fatal(err)
			}
		}
		u, err := fastpath.DecodeUpdates(p.Data)
		if err != nil {
			t.Fatal(err)
		}
		ups = append(ups, u...)
	}
	return ups
}

// slowPathPointer decodes one slow-path Pointer Update PDU frame.
func slowPathPointer(t *testing.T, out []byte, open *stdsec.Cipher) pdu.PointerAttribute {
	t.Helper()
	payload, err := x224.ParseData(out)
	if err != nil {
		t.Fatal(err)
	}
	p, err := mcs.DecodeDomainPDU(payload)
	if err != nil {
		t.Fatal(err)
	}
	data := p.(*mcs.SendDataIndication).UserData
	if open != nil {
		var h sec.NonFIPSHeader
		r := wire.NewReader(data)
		if err := h.Decode(r); err != nil || !h.Flags.Has(sec.Encrypt) {
			t.Fatalf("security header %+v: %v", h, err)
		}
		data = r.Rest()
		if err := open.Open(data, h.Signature, h.Flags.Has(sec.SecureChecksum)); err != nil {
			t.Fatal(err)
		}
	}
	_, body, err := pdu.DecodeShareControl(data)
	if err != nil {
		t.Fatal(err)
	}
	dh, payload, err := pdu.DecodeShareData(body)
	if err != nil || dh.Type2 != pdu.PDUType2Pointer {
		t.Fatalf("%v: %v", dh.Type2, err)
	}
	var pu pdu.PointerUpdate
	if err := pu.UnmarshalBinary(payload); err != nil {
		t.Fatal(err)
	}
	return pu.Attribute
}

func bigShape(w, h int) pointer.Shape {
	s := pointer.Shape{Width: w, Height: h, HotX: 1, HotY: 2, Pix: make([]byte, w*h*4)}
	for i := range s.Pix {
		s.Pix[i] = byte(i * 7)
	}
	return s
}

// TestPointerGolden pins whole fast-path and slow-path frames (built by
// hand from [MS-RDPBCGR] 2.2.9.1.2, 2.2.9.1.2.1.5/6/4/9 and 2.2.9.1.1.4).
func TestPointerGolden(t *testing.T) {
	fp := activeSession(t, fastPathClient...)
	for _, c := range []struct {
		attr pdu.PointerAttribute
		want string
	}{
		{&pdu.SystemPointer{Type: pdu.SystemPointerNull}, "00 05  05 00 00"},    // fpOutputHeader, length 5, PTR_NULL size 0
		{&pdu.SystemPointer{Type: pdu.SystemPointerDefault}, "00 05  06 00 00"}, // PTR_DEFAULT
		{&pdu.PointerPosition{X: 10, Y: 20}, "00 09  08 04 00  0a 00 14 00"},    // PTR_POSITION
		{&pdu.CachedPointer{CacheIndex: 7}, "00 07  0a 02 00  07 00"},           // CACHED
	} {
		out, err := fp.AppendPointerUpdate(nil, c.attr)
		if err != nil {
			t.Fatal(err)
		}
		if want := rdptest.Hex(c.want); !bytes.Equal(out, want) {
			t.Errorf("%T: %x, want %x", c.attr, out, want)
		}
	}

	sp := activeSession(t, slowPathClient...)
	out, err := sp.AppendPointerUpdate(nil, &pdu.CachedPointer{CacheIndex: 3})
	if err != nil {
		t.Fatal(err)
	}
	want := rdptest.Hex(`
		03 00 00 26        # TPKT, 38 bytes
		02 f0 80           # X.224 Data
		68 00 01 03 eb 70 18  # MCS Send Data Indication: initiator 1002, channel 1003, high, begin|end, 24 bytes
		18 00 17 00 ea 03  # share control: totalLength 24, PDUTYPE_DATAPDU, pduSource 1002
		ea 03 01 00 00 01 18 00 1b 00 00 00  # share data: shareId, STREAM_LOW, PDUTYPE2_POINTER
		07 00 00 00 03 00  # TS_PTRMSGTYPE_CACHED, pad2Octets, cacheIndex 3`)
	if !bytes.Equal(out, want) {
		t.Errorf("slow path:\n got %x\nwant %x", out, want)
	}
}

// TestPointerUpdate sends every kind of pointer update fast- and
// slow-path, in the clear and under Standard RDP Security, and decodes it
// back as a client would.
func TestPointerUpdate(t *testing.T) {
	newAttr, err := pointer.Encode(bigShape(96, 96), 4, false) // 38,032 bytes: three fragments
	if err != nil {
		t.Fatal(err)
	}
	smallAttr, _ := pointer.Encode(bigShape(20, 10), 1, false)
	largeAttr, _ := pointer.Encode(bigShape(128, 100), 2, true)
	colorAttr, _ := pointer.Format{Depth: 24, CacheSize: 5, MaxSize: 32}.Encode(bigShape(30, 30), 3)
	all := []pdu.PointerAttribute{
		&pdu.SystemPointer{Type: pdu.SystemPointerNull},
		&pdu.SystemPointer{Type: pdu.SystemPointerDefault},
		&pdu.PointerPosition{X: 100, Y: 200},
		&pdu.CachedPointer{CacheIndex: 4},
		smallAttr, colorAttr, newAttr, largeAttr,
	}
	for _, encrypted := range []bool{false, true} {
		name := map[bool]string{false: "clear", true: "rdp-128"}[encrypted]
		t.Run("fast-path-"+name, func(t *testing.T) {
			s := activeSession(t, fastPathClient...)
			var open *stdsec.Cipher
			if encrypted {
				open = encryptFrom(t, s)
			}
			for _, attr := range all {
				out, err := s.AppendPointerUpdate(nil, attr)
				if err != nil {
					t.Fatal(err)
				}
				ups := fastPathUpdates(t, out, open)
				want, _ := wire.Marshal(attr)
				if wantN := (len(want) + fastpath.MaxFragmentSize - 1) / fastpath.MaxFragmentSize; len(ups) != max(wantN, 1) {
					t.Errorf("%T: %d updates, want %d", attr, len(ups), wantN)
				}
				r := fastpath.NewReassembler(1 << 20)
				for _, u := range ups {
					whole, done, err := r.Add(u)
					if err != nil {
						t.Fatal(err)
					}
					if !done {
						continue
					}
					got, err := pointer.DecodeFastPath(whole.Code, whole.Data)
					if err != nil {
						t.Fatal(err)
					}
					if g, _ := wire.Marshal(got); !bytes.Equal(g, want) && !isSystem(attr) {
						t.Errorf("%T: decoded %T differs", attr, got)
					}
					if got.PointerMessageType() != attr.PointerMessageType() {
						t.Errorf("%T came back as %T", attr, got)
					}
				}
			}
		})
		t.Run("slow-path-"+name, func(t *testing.T) {
			s := activeSession(t, slowPathClient...)
			var open *stdsec.Cipher
			if encrypted {
				open = encryptFrom(t, s)
			}
			for _, attr := range all {
				out, err := s.AppendPointerUpdate(nil, attr)
				if attr == newAttr || attr == largeAttr {
					// 38 KB and 52 KB do not fit one slow-path PDU.
					if err == nil {
						t.Errorf("%T of %d bytes sent slow-path", attr, attr.Size())
					}
					continue
				}
				if err != nil {
					t.Fatal(err)
				}
				got := slowPathPointer(t, out, open)
				g, _ := wire.Marshal(got)
				w, _ := wire.Marshal(attr)
				if !bytes.Equal(g, w) {
					t.Errorf("%T: decoded %T differs", attr, got)
				}
			}
		})
	}
}

func isSystem(a pdu.PointerAttribute) bool { _, ok := a.(*pdu.SystemPointer); return ok }

func TestPointerUpdateLimits(t *testing.T) {
	attr, _ := pointer.Encode(bigShape(96, 96), 0, false)
	// No Multifragment Update set: 0x3F80 bytes at most, never fragmented.
	s := activeSession(t, &caps.General{ExtraFlags: caps.FastPathOutputSupported})
	if _, err := s.AppendPointerUpdate(nil, attr); err == nil {
		t.Error("38 KB pointer sent to a client without fragmentation")
	}
	// PointerFormat fits shapes to that limit.
	f := s.PointerFormat()
	if f.MaxBytes != caps.FastPathFragmentSafeSize-4 {
		t.Errorf("PointerFormat %+v", f)
	}
	if _, err := newSession(t).AppendPointerUpdate(nil, &pdu.CachedPointer{}); err == nil {
		t.Error("pointer update before finalization")
	}
	if _, err := s.AppendPointerUpdate(nil, nil); err == nil {
		t.Error("nil update")
	}
	if _, err := s.AppendPointerUpdate(nil, &pdu.SystemPointer{Type: 3}); err == nil {
		t.Error("undefined system pointer")
	}
	// The slow path's Format fits one PDU.
	sp := activeSession(t, append(slowPathClient, &caps.Pointer{ColorPointerCacheSize: 20, PointerCacheSize: new(uint16(20))},
		&caps.LargePointer{LargePointerSupportFlags: caps.LargePointerFlag96x96})...)
	sf := sp.PointerFormat()
	a, err := sf.Encode(bigShape(96, 96), 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sp.AppendPointerUpdate(nil, a); err != nil {
		t.Errorf("fitted %v: %v", a, err)
	}
}
