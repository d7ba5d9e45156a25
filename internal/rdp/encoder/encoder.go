// Package encoder turns rectangles of a captured frame into the bitmap
// data of RDP bitmap updates ([MS-RDPBCGR] 2.2.9.1.1.3.1.2.2), choosing the
// codec by the session's colour depth: Planar at 32 bpp, Interleaved RLE at
// 24, 16 and 15 bpp, or uncompressed bitmaps when compression is off.
package encoder

import (
	"errors"
	"fmt"
	"image"

	"github.com/ranoviced/ranoviced/internal/rdp/codec"
	"github.com/ranoviced/ranoviced/internal/rdp/codec/interleaved"
	"github.com/ranoviced/ranoviced/internal/rdp/codec/planar"
	"github.com/ranoviced/ranoviced/internal/rdp/pdu"
	"github.com/ranoviced/ranoviced/internal/shadow"
)

// TileSize is the edge of the squares frames are cut into, as Windows,
// FreeRDP's shadow server and xrdp do.
const TileSize = 64

// Config fixes what an Encoder produces for one session.
type Config struct {
	// BitsPerPixel is the session colour depth: 32, 24, 16 or 15.
	BitsPerPixel int
	// Compress selects Planar/Interleaved; false sends raw bitmaps.
	Compress bool
	// CompressionHeader adds the TS_CD_HEADER to compressed bitmaps, for a
	// client without NO_BITMAP_COMPRESSION_HDR in its General set.
	CompressionHeader bool
	// MaxRectBytes bounds one rectangle's encoded size (the client's update
	// limit less headers); raw bitmaps are split to fit it.
	MaxRectBytes int
}

// Encoder encodes rectangles for one session. It is not safe for
// concurrent use. The Data of the BitmapData it returns lives in an arena
// that the next Reset reuses.
type Encoder struct {
	cfg    Config
	planar planar.Encoder
	il     interleaved.Encoder
	arena  []byte
}

// New returns an Encoder for cfg.
func New(cfg Config) (*Encoder, error) {
	switch cfg.BitsPerPixel {
	case 32, 24, 16, 15:
	default:
		return nil, fmt.Errorf("encoder: unsupported colour depth %d", cfg.BitsPerPixel)
	}
	if cfg.MaxRectBytes < 1024 {
		return nil, fmt.Errorf("encoder: MaxRectBytes %d is too small for any tile", cfg.MaxRectBytes)
	}
	return &Encoder{cfg: cfg, planar: planar.Encoder{AlignWidth: true}}, nil
}

// Reset starts a new batch: Data slices from earlier calls become invalid.
func (e *Encoder) Reset() { e.arena = e.arena[:0] }

// Append encodes rectangle r of f (clipped to the frame) and appends the
// bitmap data to dst: one entry, or several when a raw bitmap must be
// split to fit MaxRectBytes.
func (e *Encoder) Append(dst []pdu.BitmapData, f *shadow.Frame, r image.Rectangle) ([]pdu.BitmapData, error) {
	r = r.Intersect(f.Rect())
	if r.Empty() {
		return dst, nil
	}
	if !e.cfg.Compress {
		return e.appendRaw(dst, f, r)
	}
	pix := f.SubPix(r)
	w, h := r.Dx(), r.Dy()
	start := len(e.arena)
	var (
		err   error
		width int
	)
	if e.cfg.BitsPerPixel == 32 {
		e.arena, err = e.planar.Encode(e.arena, pix, f.Stride, w, h)
		width = e.planar.Width(w)
	} else {
		e.arena, err = e.il.Encode(e.arena, pix, f.Stride, w, h, e.cfg.BitsPerPixel)
		width = interleaved.Width(w)
	}
	if err != nil {
		return dst, fmt.Errorf("encoder: %w", err)
	}
	data := e.arena[start:len(e.arena):len(e.arena)]
	if len(data) > e.cfg.MaxRectBytes || len(data) > 0xFFFF {
		// Only a pathological tile gets here; halve it and try again.
		e.arena = e.arena[:start]
		if h == 1 && w == 1 {
			return dst, errors.New("encoder: one pixel does not fit MaxRectBytes")
		}
		return e.appendHalves(dst, f, r)
	}
	bd := pdu.BitmapData{
		DestLeft: uint16(r.Min.X), DestTop: uint16(r.Min.Y),
		DestRight: uint16(r.Max.X - 1), DestBottom: uint16(r.Max.Y - 1),
		Width: uint16(width), Height: uint16(h),
		BitsPerPixel: uint16(e.cfg.BitsPerPixel),
		Flags:        pdu.BitmapCompression,
		Data:         data,
	}
	if e.cfg.CompressionHeader {
		rowLen, _ := codec.UncompressedRowLen(width, e.cfg.BitsPerPixel)
		bd.CompressedHeader = &pdu.CompressedDataHeader{ScanWidth: uint16(width), UncompressedSize: uint16(min(rowLen*h, 0xFFFF))}
	} else {
		bd.Flags |= pdu.NoBitmapCompressionHdr
	}
	return append(dst, bd), nil
}

func (e *Encoder) appendHalves(dst []pdu.BitmapData, f *shadow.Frame, r image.Rectangle) ([]pdu.BitmapData, error) {
	a, b := r, r
	if r.Dy() >= r.Dx() {
		mid := r.Min.Y + r.Dy()/2
		a.Max.Y, b.Min.Y = mid, mid
	} else {
		mid := r.Min.X + r.Dx()/2
		a.Max.X, b.Min.X = mid, mid
	}
	dst, err := e.Append(dst, f, a)
	if err != nil {
		return dst, err
	}
	return e.Append(dst, f, b)
}

// appendRaw sends r uncompressed, in horizontal bands that fit.
func (e *Encoder) appendRaw(dst []pdu.BitmapData, f *shadow.Frame, r image.Rectangle) ([]pdu.BitmapData, error) {
	rowLen, err := codec.UncompressedRowLen(r.Dx(), e.cfg.BitsPerPixel)
	if err != nil {
		return dst, fmt.Errorf("encoder: %w", err)
	}
	rows := min(e.cfg.MaxRectBytes, 0xFFFF) / rowLen
	if rows == 0 {
		return e.appendHalves(dst, f, r) // a very wide rectangle: split it
	}
	for y := r.Min.Y; y < r.Max.Y; y += rows {
		band := image.Rect(r.Min.X, y, r.Max.X, min(y+rows, r.Max.Y))
		start := len(e.arena)
		e.arena, err = codec.AppendUncompressed(e.arena, f.SubPix(band), f.Stride, band.Dx(), band.Dy(), e.cfg.BitsPerPixel)
		if err != nil {
			return dst, fmt.Errorf("encoder: %w", err)
		}
		dst = append(dst, pdu.BitmapData{
			DestLeft: uint16(band.Min.X), DestTop: uint16(band.Min.Y),
			DestRight: uint16(band.Max.X - 1), DestBottom: uint16(band.Max.Y - 1),
			Width: uint16(band.Dx()), Height: uint16(band.Dy()),
			BitsPerPixel: uint16(e.cfg.BitsPerPixel),
			Data:         e.arena[start:len(e.arena):len(e.arena)],
		})
	}
	return dst, nil
}

// Config returns what the Encoder was made with: encoders with equal
// Configs produce the same bytes for the same pixels.
func (e *Encoder) Config() Config { return e.cfg }
