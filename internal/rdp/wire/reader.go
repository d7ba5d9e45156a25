package wire

import (
	"encoding/binary"
	"errors"
	"fmt"
	"unicode/utf16"
)

// Sentinel errors that decoders wrap.
var (
	// ErrShort means the input ended before the field did.
	ErrShort = errors.New("wire: short buffer")
	// ErrTrailing means bytes remained after a complete structure.
	ErrTrailing = errors.New("wire: trailing bytes")
	// ErrInvalid means a field holds a value the spec does not allow.
	ErrInvalid = errors.New("wire: invalid value")
)

// DecodeError locates a decoding failure.
type DecodeError struct {
	Offset int    // byte offset in the Reader's input where the failure was found
	Field  string // field or structure name, as the spec spells it, if known
	Err    error
}

func (e *DecodeError) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s at offset %d: %v", e.Field, e.Offset, e.Err)
	}
	return fmt.Sprintf("offset %d: %v", e.Offset, e.Err)
}

func (e *DecodeError) Unwrap() error { return e.Err }

// Reader reads little- and big-endian fields from a byte slice with bounds
// checks. The zero Reader is empty.
//
// Slices returned by Bytes, Rest and Sub alias the input: they are valid as
// long as the input is, and callers copy what must outlive it.
type Reader struct {
	b   []byte
	off int
	err error
}

// NewReader returns a Reader over b.
func NewReader(b []byte) *Reader { return &Reader{b: b} }

// Err returns the first error met, or nil.
func (r *Reader) Err() error { return r.err }

// Len returns the number of unread bytes (0 after an error).
func (r *Reader) Len() int {
	if r.err != nil {
		return 0
	}
	return len(r.b) - r.off
}

// Offset returns the number of bytes consumed so far.
func (r *Reader) Offset() int { return r.off }

// Finish returns the sticky error, or ErrTrailing if unread bytes remain.
func (r *Reader) Finish() error {
	if r.err != nil {
		return r.err
	}
	if r.off != len(r.b) {
		return &DecodeError{Offset: r.off, Err: fmt.Errorf("%w: %d unread", ErrTrailing, len(r.b)-r.off)}
	}
	return nil
}

// Fail records err (wrapped in a DecodeError naming field at the current
// offset) unless an earlier error is already recorded. It returns the
// Reader's error.
func (r *Reader) Fail(field string, err error) error {
	if r.err == nil {
		r.err = &DecodeError{Offset: r.off, Field: field, Err: err}
	}
	return r.err
}

// Failf is Fail with an ErrInvalid-wrapping formatted reason.
func (r *Reader) Failf(field, format string, args ...any) error {
	return r.Fail(field, fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...)))
}

// take returns the next n bytes, or nil after recording ErrShort.
func (r *Reader) take(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > len(r.b)-r.off {
		r.err = &DecodeError{Offset: r.off, Err: fmt.Errorf("%w: need %d, have %d", ErrShort, n, len(r.b)-r.off)}
		return nil
	}
	s := r.b[r.off : r.off+n : r.off+n]
	r.off += n
	return s
}

// U8 reads one byte.
func (r *Reader) U8() uint8 {
	if s := r.take(1); s != nil {
		return s[0]
	}
	return 0
}

// U16LE reads a little-endian uint16.
func (r *Reader) U16LE() uint16 {
	if s := r.take(2); s != nil {
		return binary.LittleEndian.Uint16(s)
	}
	return 0
}

// U16BE reads a big-endian uint16.
func (r *Reader) U16BE() uint16 {
	if s := r.take(2); s != nil {
		return binary.BigEndian.Uint16(s)
	}
	return 0
}

// U32LE reads a little-endian uint32.
func (r *Reader) U32LE() uint32 {
	if s := r.take(4); s != nil {
		return binary.LittleEndian.Uint32(s)
	}
	return 0
}

// U32BE reads a big-endian uint32.
func (r *Reader) U32BE() uint32 {
	if s := r.take(4); s != nil {
		return binary.BigEndian.Uint32(s)
	}
	return 0
}

// U64LE reads a little-endian uint64.
func (r *Reader) U64LE() uint64 {
	if s := r.take(8); s != nil {
		return binary.LittleEndian.Uint64(s)
	}
	return 0
}

// Bytes returns the next n bytes (aliasing the input), or nil on error.
func (r *Reader) Bytes(n int) []byte { return r.take(n) }

// Skip discards n bytes.
func (r *Reader) Skip(n int) { r.take(n) }

// Rest returns every unread byte (aliasing the input) and consumes them.
func (r *Reader) Rest() []byte {
	if r.err != nil {
		return nil
	}
	return r.take(len(r.b) - r.off)
}

// Peek returns the next n bytes without consuming them, or nil if fewer remain.
// It never records an error.
func (r *Reader) Peek(n int) []byte {
	if r.err != nil || n < 0 || n > len(r.b)-r.off {
		return nil
	}
	return r.b[r.off : r.off+n : r.off+n]
}

// Sub consumes the next n bytes and returns a Reader over exactly them.
// On error the returned Reader is already failed with the same error.
func (r *Reader) Sub(n int) *Reader {
	s := r.take(n)
	if r.err != nil {
		return &Reader{err: r.err}
	}
	return &Reader{b: s}
}

// UTF16LE reads nBytes bytes of UTF-16LE text. nBytes must be even. Unpaired
// surrogates decode to U+FFFD; the result is the text exactly as sent,
// including any NUL characters.
func (r *Reader) UTF16LE(nBytes int) string {
	if nBytes%2 != 0 {
		r.Failf("", "odd UTF-16 byte count %d", nBytes)
		return ""
	}
	s := r.take(nBytes)
	if s == nil {
		return ""
	}
	return DecodeUTF16LE(s)
}

// DecodeUTF16LE converts UTF-16LE bytes to a string. A final odd byte is
// ignored; callers that care check the length first.
func DecodeUTF16LE(b []byte) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	return string(utf16.Decode(u))
}
