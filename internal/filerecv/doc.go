// Package filerecv will receive files from the expert ([MS-RA] 3.10) into
// the policy's receive directory only, after the novice accepts each file.
// (Issue 7.)
package filerecv
