//go:build linux

package x11

import (
	"bytes"
	"errors"
	"testing"

	"github.com/jezek/xgb/xproto"
)

func TestPixelFormat(t *testing.T) {
	const (
		lsb = xproto.ImageOrderLSBFirst
		msb = xproto.ImageOrderMSBFirst
		tc  = xproto.VisualClassTrueColor
	)
	tests := []struct {
		name             string
		depth            byte
		bpp              int
		class            byte
		r, g, b          uint32
		order            byte
		wantB, wantG, wR int
		native           bool
		wantErr          bool
	}{
		{name: "depth 24 little-endian xRGB (Xvfb, Xorg)", depth: 24, bpp: 32, class: tc, r: 0xff0000, g: 0xff00, b: 0xff, order: lsb, wantB: 0, wantG: 1, wR: 2, native: true},
		{name: "depth 32 ARGB", depth: 32, bpp: 32, class: tc, r: 0xff0000, g: 0xff00, b: 0xff, order: lsb, wantB: 0, wantG: 1, wR: 2, native: true},
		{name: "big-endian server xRGB", depth: 24, bpp: 32, class: tc, r: 0xff0000, g: 0xff00, b: 0xff, order: msb, wantB: 3, wantG: 2, wR: 1},
		{name: "xBGR visual", depth: 24, bpp: 32, class: tc, r: 0xff, g: 0xff00, b: 0xff0000, order: lsb, wantB: 2, wantG: 1, wR: 0},
		{name: "RGBx visual", depth: 24, bpp: 32, class: tc, r: 0xff000000, g: 0xff0000, b: 0xff00, order: lsb, wantB: 1, wantG: 2, wR: 3},
		{name: "depth 16", depth: 16, bpp: 16, class: tc, r: 0xf800, g: 0x7e0, b: 0x1f, order: lsb, wantErr: true},
		{name: "depth 24 packed 24 bpp", depth: 24, bpp: 24, class: tc, r: 0xff0000, g: 0xff00, b: 0xff, order: lsb, wantErr: true},
		{name: "depth 30", depth: 30, bpp: 32, class: tc, r: 0x3ff00000, g: 0xffc00, b: 0x3ff, order: lsb, wantErr: true},
		{name: "DirectColor", depth: 24, bpp: 32, class: xproto.VisualClassDirectColor, r: 0xff0000, g: 0xff00, b: 0xff, order: lsb, wantErr: true},
		{name: "two channels in one byte", depth: 24, bpp: 32, class: tc, r: 0xff0000, g: 0xff0000, b: 0xff, order: lsb, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := pixelFormat{depth: tt.depth, bpp: tt.bpp, scanPad: 32}.withMasks(tt.class, tt.r, tt.g, tt.b, tt.order)
			if tt.wantErr {
				if !errors.Is(err, ErrUnsupportedDepth) {
					t.Fatalf("err = %v, want ErrUnsupportedDepth", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.bi != tt.wantB || p.gi != tt.wantG || p.ri != tt.wR || p.native != tt.native {
				t.Errorf("got b=%d g=%d r=%d native=%v", p.bi, p.gi, p.ri, p.native)
			}
		})
	}
}

func TestToFrame(t *testing.T) {
	// Two rows of two pixels from a big-endian xRGB server, rows padded to
	// 12 bytes: X,R,G,B per pixel.
	src := []byte{
		0, 0x11, 0x12, 0x13, 0, 0x21, 0x22, 0x23, 0xee, 0xee, 0xee, 0xee,
		0, 0x31, 0x32, 0x33, 0, 0x41, 0x42, 0x43,
	}
	p, err := pixelFormat{depth: 24, bpp: 32, scanPad: 32}.withMasks(xproto.VisualClassTrueColor, 0xff0000, 0xff00, 0xff, xproto.ImageOrderMSBFirst)
	if err != nil {
		t.Fatal(err)
	}
	dst := make([]byte, 16)
	p.toFrame(dst, 8, src, 12, 2, 2)
	want := []byte{
		0x13, 0x12, 0x11, 0, 0x23, 0x22, 0x21, 0,
		0x33, 0x32, 0x31, 0, 0x43, 0x42, 0x41, 0,
	}
	if !bytes.Equal(dst, want) {
		t.Errorf("toFrame = % x\nwant      % x", dst, want)
	}

	native := pixelFormat{native: true}
	clear(dst)
	native.toFrame(dst, 8, src, 12, 2, 2)
	if want := append(append([]byte{}, src[:8]...), src[12:20]...); !bytes.Equal(dst, want) {
		t.Errorf("native toFrame = % x, want % x", dst, want)
	}
}

func TestStride(t *testing.T) {
	p := pixelFormat{bpp: 32, scanPad: 32}
	if got := p.stride(1280); got != 5120 {
		t.Errorf("stride(1280) = %d", got)
	}
	p = pixelFormat{bpp: 24, scanPad: 32}
	if got := p.stride(3); got != 12 {
		t.Errorf("24 bpp stride(3) = %d, want 12", got)
	}
}

func TestIsLocal(t *testing.T) {
	tests := []struct {
		display string
		want    bool
	}{
		{":0", true},
		{":91.0", true},
		{"unix:0", true},
		{"unix/:0", true},
		{"/tmp/launch-abc/org.xquartz:0", true},
		{"localhost:10.0", false}, // ssh X11 forwarding: the server is elsewhere
		{"tcp/localhost:0", false},
		{"example.org:0", false},
		{"[::1]:0", false},
		{"garbage", false},
	}
	for _, tt := range tests {
		if got := isLocal(tt.display); got != tt.want {
			t.Errorf("isLocal(%q) = %v, want %v", tt.display, got, tt.want)
		}
	}
}
