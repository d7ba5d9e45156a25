package expert

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/codec"
	"github.com/ranoviced/ranoviced/internal/rdp/codec/interleaved"
	"github.com/ranoviced/ranoviced/internal/rdp/codec/planar"
	"github.com/ranoviced/ranoviced/internal/rdp/pdu"
	"github.com/ranoviced/ranoviced/internal/shadow"
)

// bitmapUpdate decodes every rectangle of a bitmap update (2.2.9.1.1.3.1.2)
// and draws it into the framebuffer. The update is applied whole or not at
// all: a rectangle that fails to decode is a protocol error that ends the
// reader, and nothing of the update is drawn.
func (c *Client) bitmapUpdate(bu *pdu.BitmapUpdate, path string) error {
	c.mu.Lock()
	active, w, h := c.active, c.res.DesktopWidth, c.res.DesktopHeight
	c.mu.Unlock()
	// [MS-RDPBCGR] 1.3.1.1: graphics follow the connection finalization;
	// rdp-server.md §1.8: "Send graphics only after Font Map".
	if !active {
		return protocolErr("%s bitmap update before the session is active (finalization incomplete or deactivated)", path)
	}
	type decoded struct {
		rect pdu.BitmapData
		pix  []byte
	}
	out := make([]decoded, 0, len(bu.Rectangles))
	for i := range bu.Rectangles {
		r := &bu.Rectangles[i]
		pix, err := c.decodeRect(r, w, h)
		if err != nil {
			return fmt.Errorf("%w: %s bitmap update, rectangle %d of %d: %w", ErrProtocol, path, i, len(bu.Rectangles), err)
		}
		out = append(out, decoded{rect: *r, pix: pix})
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, d := range out {
		blit(c.fb, d.rect, d.pix)
	}
	c.stats.BitmapUpdates++
	c.stats.BitmapRects += len(out)
	c.notifyFrame()
	return nil
}

// decodeRect checks a rectangle's geometry against the desktop and decodes
// its bitmap into a new top-down width×height image.
func (c *Client) decodeRect(r *pdu.BitmapData, deskW, deskH int) ([]byte, error) {
	w, h := int(r.Width), int(r.Height)
	// destRight and destBottom are inclusive. The destination must lie in
	// the desktop and inside the bitmap: the bitmap may be wider (padding
	// to a multiple of 4 clipped by destRight) but never narrower.
	if r.DestRight < r.DestLeft || r.DestBottom < r.DestTop {
		return nil, fmt.Errorf("destination (%d,%d)-(%d,%d) is inverted", r.DestLeft, r.DestTop, r.DestRight, r.DestBottom)
	}
	if int(r.DestRight) >= deskW || int(r.DestBottom) >= deskH {
		return nil, fmt.Errorf("destination (%d,%d)-(%d,%d) leaves the %dx%d desktop", r.DestLeft, r.DestTop, r.DestRight, r.DestBottom, deskW, deskH)
	}
	if dw, dh := int(r.DestRight-r.DestLeft)+1, int(r.DestBottom-r.DestTop)+1; dw > w || dh > h {
		return nil, fmt.Errorf("destination %dx%d is larger than the %dx%d bitmap", dw, dh, w, h)
	}
	bpp := int(r.BitsPerPixel)
	pix := make([]byte, w*h*codec.BytesPerPixel)
	stride := w * codec.BytesPerPixel
	var err error
	switch {
	case r.Flags&pdu.BitmapCompression == 0:
		err = codec.DecodeUncompressed(r.Data, w, h, bpp, pix, stride)
	case bpp == 32:
		// 32 bpp compressed is RDP 6.0 Planar, below it Interleaved RLE
		// (FreeRDP gdi/graphics.c gdi_Bitmap_Decompress).
		err = planar.Decode(r.Data, w, h, pix, stride)
	default:
		if r.CompressedHeader != nil {
			// 2.2.9.1.1.3.1.2.3: cbScanWidth is the bitmap width and
			// cbUncompressedSize its decompressed size.
			bytesPP, e := codec.WireBytesPerPixel(bpp)
			if e != nil {
				return nil, e
			}
			if int(r.CompressedHeader.ScanWidth) != w || int(r.CompressedHeader.UncompressedSize) != w*h*bytesPP {
				return nil, fmt.Errorf("TS_CD_HEADER cbScanWidth %d cbUncompressedSize %d for a %dx%d bitmap at %d bpp",
					r.CompressedHeader.ScanWidth, r.CompressedHeader.UncompressedSize, w, h, bpp)
			}
		}
		err = interleaved.Decode(r.Data, w, h, bpp, pix, stride)
	}
	if err != nil {
		return nil, fmt.Errorf("%dx%d at %d bpp (flags %v): %w", w, h, bpp, r.Flags, err)
	}
	return pix, nil
}

// blit copies the destination part of a decoded bitmap (its top-left
// corner) into fb at (destLeft, destTop).
func blit(fb *shadow.Frame, r pdu.BitmapData, pix []byte) {
	w := int(r.Width)
	dw, dh := int(r.DestRight-r.DestLeft)+1, int(r.DestBottom-r.DestTop)+1
	for y := range dh {
		src := pix[y*w*codec.BytesPerPixel : (y*w+dw)*codec.BytesPerPixel]
		off := fb.PixOffset(int(r.DestLeft), int(r.DestTop)+y)
		copy(fb.Pix[off:off+len(src)], src)
	}
}
