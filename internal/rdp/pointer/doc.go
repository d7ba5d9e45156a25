// Package pointer turns cursor images into the pointer updates of
// [MS-RDPBCGR] 2.2.9.1.1.4 and back. It is pure and does no I/O:
//
//   - Shape is a cursor image: straight (not premultiplied) B,G,R,A
//     pixels, rows top-down, with its hot spot. FromARGB32 builds one from
//     the premultiplied ARGB words X11's XFixesGetCursorImage returns.
//   - Format says how one client takes shapes, from its capability sets
//     (ForClient); Format.Encode builds the Color (24 bpp), New (32 bpp)
//     or Large (32 bpp, up to 384x384) Pointer Update for a shape, fitting
//     it to the client's limits.
//   - Cache mirrors the client's pointer cache: a shape's first showing
//     is sent whole into a slot, later ones as a Cached Pointer Update
//     (Format.Update does both).
//   - FastPath and DecodeFastPath map pointer updates to and from their
//     fast-path update codes (2.2.9.1.2.1.4–2.2.9.1.2.1.11); the slow path
//     carries the same bodies in a pdu.PointerUpdate.
//   - Decode turns a received shape update back into a Shape, as FreeRDP
//     2.11.7 renders it, for the test client.
//
// Encoding decisions (Derived; rdp-server.md §6.5):
//
//   - 32 bpp keeps the alpha channel in the XOR mask (B,G,R,A, straight
//     alpha, bottom-up) and sets the AND bit exactly where alpha is 0,
//     with the XOR pixel zeroed there. FreeRDP 2.11.7 applies the AND bit
//     only to opaque black and white XOR pixels (codec/color.c
//     freerdp_image_copy_from_pointer_data), so these pixels stay
//     transparent, and Windows clients treat AND=1 with a zero XOR pixel as
//     transparent too.
//   - 24 bpp (clients whose Pointer Capability Set has no
//     pointerCacheSize, which rules out the New Pointer Update) has no
//     alpha: a pixel with alpha >= 128 becomes opaque, any other
//     transparent (AND 1, XOR black). FreeRDP's shadow server cuts at 64
//     instead (shadow_subsystem.c), which thickens soft shadows.
//   - A shape too big for the client (32x32 without
//     LARGE_POINTER_FLAG_96x96, 96x96 with it, 384x384 with
//     LARGE_POINTER_FLAG_384x384 as a Large Pointer Update, and in every
//     case the bytes one update may carry) first loses its fully
//     transparent margins (lossless; the hot spot stays inside), then is
//     scaled down, keeping its aspect ratio, by averaging the source pixels
//     each target pixel covers (in premultiplied space). Scaling keeps the
//     whole cursor recognisable where cropping would cut off its tip or
//     tail; the hot spot is scaled with it.
//   - The hot spot is clamped into the shape: FreeRDP resets an outside
//     hot spot to 0, which would move the click point.
package pointer
