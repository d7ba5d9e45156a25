package wire

// PDU is the contract every RDP structure type implements on its pointer.
//
// Encoding never fails for a value that decoding produced; it fails only for
// values no valid PDU can hold (a string too long for its length field, say).
type PDU interface {
	// Size returns the encoded length in bytes.
	Size() int
	// AppendBinary appends the encoding to b (encoding.BinaryAppender).
	AppendBinary(b []byte) ([]byte, error)
	// Decode reads exactly one value from r; it is what enclosing PDUs call.
	Decode(r *Reader) error
	// UnmarshalBinary decodes b whole: Decode, then Reader.Finish.
	UnmarshalBinary(b []byte) error
}

// Unmarshal decodes b into p and requires every byte to be consumed. PDU
// types implement UnmarshalBinary by calling it.
func Unmarshal(p interface{ Decode(*Reader) error }, b []byte) error {
	r := NewReader(b)
	if err := p.Decode(r); err != nil {
		return err
	}
	return r.Finish()
}

// Marshal returns the encoding of p in a new slice of exactly p.Size() capacity.
func Marshal(p interface {
	Size() int
	AppendBinary([]byte) ([]byte, error)
}) ([]byte, error) {
	return p.AppendBinary(make([]byte, 0, p.Size()))
}
