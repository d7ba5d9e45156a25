package session

import (
	"errors"
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/fastpath"
	"github.com/ranoviced/ranoviced/internal/rdp/order"
)

// CanScrBlt reports whether the client takes ScrBlt orders: it has
// fast-path output (orders go only in fast-path Orders updates here) and
// its Order Capability Set supports TS_NEG_SCRBLT_INDEX ([MS-RDPBCGR]
// 2.2.7.1.3). xfreerdp 2.11.7 and mstsc do.
func (s *Session) CanScrBlt() bool {
	return s.FastPathOutput() && s.res.ClientCaps.OrderSupport[order.NegScrBlt] != 0
}

// AppendScrBlt appends a fast-path Orders update ([MS-RDPEGDI] 2.2.2.2)
// with moves: each copies a rectangle of the client's screen. The client
// applies updates in order, so bitmaps appended after it draw over the
// moved pixels.
func (s *Session) AppendScrBlt(out []byte, moves []order.ScrBlt) ([]byte, error) {
	if s.phase != phaseActive {
		return out, errors.New("session: orders before finalization")
	}
	if !s.CanScrBlt() {
		return out, errors.New("session: the client takes no ScrBlt orders")
	}
	data, err := order.AppendUpdate(nil, moves)
	if err != nil {
		return out, fmt.Errorf("session: %w", err)
	}
	if len(data) > s.updateLimit {
		return out, fmt.Errorf("session: orders update of %d bytes exceeds the client's limit of %d", len(data), s.updateLimit)
	}
	if out, err = s.appendFastPathUpdate(out, fastpath.UpdateOrders, data); err != nil {
		return out, fmt.Errorf("session: %w", err)
	}
	return out, nil
}
