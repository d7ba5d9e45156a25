package stdsec

import "math/big"

// RSA in RDP reads and writes integers little-endian; math/big is
// big-endian.

// leInt returns the unsigned little-endian integer b.
func leInt(b []byte) *big.Int {
	be := make([]byte, len(b))
	for i, c := range b {
		be[len(b)-1-i] = c
	}
	return new(big.Int).SetBytes(be)
}

// leBytes returns x as n little-endian bytes. x must fit.
func leBytes(x *big.Int, n int) []byte {
	b := x.FillBytes(make([]byte, n))
	for i, j := 0, n-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return b
}
