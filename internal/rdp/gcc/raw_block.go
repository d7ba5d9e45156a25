package gcc

import (
	"bytes"
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// RawBlock is a settings data block this package does not model (CS_UNUSED1,
// [MS-RDPBCGR] 2.2.1.3.9, or a type a newer client sends): its TS_UD_HEADER
// type and the bytes after the header, kept so the block re-encodes as
// received.
type RawBlock struct {
	Type BlockType // TS_UD_HEADER type
	Data []byte    // the block after its header (a copy, not aliasing the input)
}

var _ wire.PDU = (*RawBlock)(nil)

// Size returns the encoded length in bytes.
func (b *RawBlock) Size() int { return headerSize + len(b.Data) }

// AppendBinary implements [encoding.BinaryAppender].
func (b *RawBlock) AppendBinary(dst []byte) ([]byte, error) {
	dst, err := appendHeader(dst, b.Type, b.Size())
	if err != nil {
		return dst, err
	}
	return append(dst, b.Data...), nil
}

// Decode reads one block of any type, header included, from r.
func (b *RawBlock) Decode(r *wire.Reader) error {
	t, err := peekBlockType(r)
	if err != nil {
		return err
	}
	body, err := readBlock(r, t)
	if err != nil {
		return fmt.Errorf("gcc: %v block: %w", t, err)
	}
	*b = RawBlock{Type: t, Data: bytes.Clone(body.Rest())}
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]. Trailing bytes
// are an error.
func (b *RawBlock) UnmarshalBinary(data []byte) error { return wire.Unmarshal(b, data) }
