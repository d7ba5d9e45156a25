// Package wire holds the bounds-checked reader and the small append helpers
// every RDP PDU package decodes and encodes with, and the PDU contract they
// implement.
//
// The Reader keeps the first error it meets (a short read, a failed check)
// and returns zero values afterwards, so a decoder reads its fields in spec
// order and checks Err once. It never panics on any input.
package wire
