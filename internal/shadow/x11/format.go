//go:build linux

package x11

import (
	"errors"
	"fmt"

	"github.com/jezek/xgb/xproto"
)

// ErrUnsupportedDepth is returned (wrapped, with the details) by Open when
// the root window's depth or visual cannot be converted to shadow's
// B,G,R,X pixels: only 32 bits per pixel TrueColor visuals with 8-bit
// channels (depth 24 or 32) are supported.
var ErrUnsupportedDepth = errors.New("x11: unsupported depth or visual")

// pixelFormat describes the server's ZPixmap images of the root window.
type pixelFormat struct {
	depth      byte
	bpp        int  // bits per pixel (always 32 for a supported format)
	scanPad    int  // scanline pad in bits
	bi, gi, ri int  // byte index of blue, green and red within a pixel
	native     bool // bi, gi, ri == 0, 1, 2: rows can be copied as they are
}

// stride returns the length in bytes of one ZPixmap scanline width pixels
// wide.
func (p pixelFormat) stride(width int) int {
	bits := width * p.bpp
	return (bits + p.scanPad - 1) / p.scanPad * p.scanPad / 8
}

// formatOf works out the pixel layout of scr's root window from the
// connection setup: the ZPixmap format for the root depth, the root
// visual's channel masks and the server's image byte order.
func formatOf(setup *xproto.SetupInfo, scr *xproto.ScreenInfo) (pixelFormat, error) {
	p := pixelFormat{depth: scr.RootDepth}
	for _, f := range setup.PixmapFormats {
		if f.Depth == scr.RootDepth {
			p.bpp, p.scanPad = int(f.BitsPerPixel), int(f.ScanlinePad)
		}
	}
	var vis *xproto.VisualInfo
	for i := range scr.AllowedDepths {
		d := &scr.AllowedDepths[i]
		for j := range d.Visuals {
			if d.Visuals[j].VisualId == scr.RootVisual {
				vis = &d.Visuals[j]
			}
		}
	}
	if vis == nil {
		return p, fmt.Errorf("%w: root visual 0x%x not in the setup", ErrUnsupportedDepth, scr.RootVisual)
	}
	return p.withMasks(vis.Class, vis.RedMask, vis.GreenMask, vis.BlueMask, setup.ImageByteOrder)
}

// withMasks completes p from the visual class, channel masks and image
// byte order, or says why they are not supported.
func (p pixelFormat) withMasks(class byte, red, green, blue uint32, byteOrder byte) (pixelFormat, error) {
	bad := func(why string) (pixelFormat, error) {
		return p, fmt.Errorf("%w: depth %d, %d bits per pixel, visual class %d, masks r=%#x g=%#x b=%#x: %s",
			ErrUnsupportedDepth, p.depth, p.bpp, class, red, green, blue, why)
	}
	if p.bpp != 32 || (p.depth != 24 && p.depth != 32) {
		return bad("need depth 24 or 32 at 32 bits per pixel")
	}
	if p.scanPad%8 != 0 || p.scanPad == 0 {
		return bad(fmt.Sprintf("scanline pad %d", p.scanPad))
	}
	if class != xproto.VisualClassTrueColor {
		return bad("need a TrueColor visual")
	}
	index := func(mask uint32) int {
		for k := range 4 {
			if mask == 0xff<<(8*k) {
				if byteOrder == xproto.ImageOrderMSBFirst {
					return 3 - k
				}
				return k
			}
		}
		return -1
	}
	p.bi, p.gi, p.ri = index(blue), index(green), index(red)
	if p.bi < 0 || p.gi < 0 || p.ri < 0 || p.bi == p.gi || p.gi == p.ri || p.bi == p.ri {
		return bad("need 8-bit channels on byte boundaries")
	}
	p.native = p.bi == 0 && p.gi == 1 && p.ri == 2
	return p, nil
}

// toFrame copies height rows of width server pixels from src (rows
// srcStride bytes apart) into dst (rows dstStride apart), converting to
// B,G,R,X.
func (p pixelFormat) toFrame(dst []byte, dstStride int, src []byte, srcStride, width, height int) {
	n := width * 4
	if p.native {
		if dstStride == srcStride && dstStride == n {
			copy(dst[:height*n], src[:height*n])
			return
		}
		for y := range height {
			copy(dst[y*dstStride:y*dstStride+n], src[y*srcStride:y*srcStride+n])
		}
		return
	}
	for y := range height {
		s := src[y*srcStride:][:n]
		d := dst[y*dstStride:][:n]
		for i := 0; i < n; i += 4 {
			d[i+0], d[i+1], d[i+2], d[i+3] = s[i+p.bi], s[i+p.gi], s[i+p.ri], 0
		}
	}
}
