package acceptor

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/gcc"
)

// TestBitsPerPixel: the session depth as FreeRDP's server picks it, then
// lowered to the cap (Remote Assistance's full bandwidth optimization
// caps it at 16).
func TestBitsPerPixel(t *testing.T) {
	all := gcc.Support24BPP | gcc.Support16BPP | gcc.Support15BPP | gcc.Support32BPP
	xfreerdp := &gcc.ClientCoreData{
		HighColorDepth: gcc.HighColor24BPP, SupportedColorDepths: all,
		EarlyCapabilityFlags: gcc.Want32BPPSession, LastField: gcc.CoreEarlyCapabilityFlags,
	}
	only15 := &gcc.ClientCoreData{HighColorDepth: gcc.HighColor15BPP, SupportedColorDepths: gcc.Support15BPP, LastField: gcc.CoreSupportedColorDepths}
	old := &gcc.ClientCoreData{} // RDP 4/5: neither field
	// An old client that names only highColorDepth: the cap applies to it too.
	oldHigh := &gcc.ClientCoreData{HighColorDepth: gcc.HighColor24BPP, LastField: gcc.CoreHighColorDepth}
	high16 := &gcc.ClientCoreData{HighColorDepth: gcc.HighColor16BPP, SupportedColorDepths: all, LastField: gcc.CoreSupportedColorDepths}

	for _, tc := range []struct {
		name  string
		core  *gcc.ClientCoreData
		limit uint16
		want  uint16
	}{
		{"xfreerdp, no cap", xfreerdp, 0, 32},
		{"xfreerdp, cap 32", xfreerdp, 32, 32},
		{"xfreerdp, cap 24", xfreerdp, 24, 24},
		{"xfreerdp, cap 16", xfreerdp, 16, 16},
		{"xfreerdp, cap 15", xfreerdp, 15, 15},
		{"15 only, cap 16", only15, 16, 15},
		{"old client, cap 16", old, 16, 16},
		{"old client, cap 15", old, 15, 15},
		{"old client with highColorDepth 24, no cap", oldHigh, 0, 24},
		{"old client with highColorDepth 24, cap 16", oldHigh, 16, 16},
		{"asks for 16 though it takes 24, no cap", high16, 0, 16},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := chooseBitsPerPixel(tc.core, tc.limit); got != tc.want {
				t.Errorf("got %d bpp, want %d", got, tc.want)
			}
		})
	}
}

func TestBitsPerPixelCapInvalid(t *testing.T) {
	_, err := New(Config{Security: SecurityTLS, DesktopWidth: 640, DesktopHeight: 480, MaxBitsPerPixel: 8})
	if err == nil {
		t.Fatal("a cap of 8 bpp was accepted")
	}
}
