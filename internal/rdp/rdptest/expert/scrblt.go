package expert

import (
	"image"

	"github.com/ranoviced/ranoviced/internal/rdp/order"
	"github.com/ranoviced/ranoviced/internal/shadow"
)

// scrBlt applies ScrBlt orders ([MS-RDPEGDI] 2.2.2.2.1.1.2.7) to the
// framebuffer. It is stricter than FreeRDP 2.11.7, which clips: a
// rectangle outside the desktop, or a raster operation other than
// SRCCOPY (the only one a screen-sharing server has a use for), is a
// protocol error.
func (c *Client) scrBlt(orders []order.ScrBlt) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.active {
		return protocolErr("ScrBlt before the session is active (finalization incomplete or deactivated)")
	}
	desk := c.fb.Rect()
	for i, o := range orders {
		dst := image.Rect(int(o.Left), int(o.Top), int(o.Left)+int(o.Width), int(o.Top)+int(o.Height))
		src := dst.Add(image.Pt(int(o.SrcX)-dst.Min.X, int(o.SrcY)-dst.Min.Y))
		if o.Rop != order.RopSrcCopy {
			return protocolErr("ScrBlt %d of %d: raster operation %#02x, want SRCCOPY", i, len(orders), o.Rop)
		}
		if !dst.In(desk) || !src.In(desk) {
			return protocolErr("ScrBlt %d of %d: %v from %v is outside the %v desktop", i, len(orders), dst, src.Min, desk)
		}
		c.fb.Apply(shadow.Move{Dst: dst, Src: src.Min})
	}
	c.stats.ScrBlts += len(orders)
	c.notifyFrame()
	return nil
}
