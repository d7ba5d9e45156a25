package dvc

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// MaxNameLength bounds a DVC name, without its terminator. The spec gives
// no limit; this is ranoviced's, far above any name in use (the longest
// seen are like "Microsoft::Windows::RDS::Geometry::v08.01").
const MaxNameLength = 255

// CreateRequest is the DVC Create Request PDU (DYNVC_CREATE_REQ),
// [MS-RDPEDYC] 2.2.2.1, sent by the server to open a channel.
type CreateRequest struct {
	ChannelID uint32 // ChannelId
	// Priority is the Pri field, the channel's priority class 0–3 on
	// version 2 and later; version 1 clients ignore it.
	Priority uint8
	// Name is ChannelName without its terminator: "a null-terminated ANSI
	// character string". It is non-empty, has no NUL, and is at most
	// MaxNameLength bytes.
	Name string
}

var _ PDU = (*CreateRequest)(nil)

// Cmd returns CmdCreate.
func (*CreateRequest) Cmd() Cmd { return CmdCreate }

// Size returns the encoded length in bytes.
func (p *CreateRequest) Size() int {
	return 1 /* cbId, Pri, Cmd */ + widthSize(widthCode(p.ChannelID)) /* ChannelId */ + len(p.Name) + 1 /* ChannelName, NUL */
}

// AppendBinary appends the PDU with the smallest ChannelId width.
func (p *CreateRequest) AppendBinary(b []byte) ([]byte, error) {
	if err := checkName(p.Name); err != nil {
		return b, fmt.Errorf("dvc: DYNVC_CREATE_REQ: %w", err)
	}
	if p.Priority > spMask {
		return b, fmt.Errorf("dvc: DYNVC_CREATE_REQ: %w: priority %d, want 0–3", wire.ErrInvalid, p.Priority)
	}
	cb := widthCode(p.ChannelID)
	b = append(b, header(CmdCreate, p.Priority, cb))
	b = appendVar(b, cb, p.ChannelID)
	b = append(b, p.Name...)
	return append(b, 0), nil
}

// checkName validates a channel name for encoding.
func checkName(name string) error {
	switch {
	case name == "":
		return fmt.Errorf("%w: empty channel name", wire.ErrInvalid)
	case len(name) > MaxNameLength:
		return fmt.Errorf("%w: channel name of %d bytes, at most %d", wire.ErrInvalid, len(name), MaxNameLength)
	case strings.IndexByte(name, 0) >= 0:
		return fmt.Errorf("%w: channel name contains NUL", wire.ErrInvalid)
	}
	return nil
}

// Decode reads one DYNVC_CREATE_REQ from r: ChannelName ends at its NUL,
// which must be the last byte of r.
func (p *CreateRequest) Decode(r *wire.Reader) error {
	pri, cb, err := readHeader(r, CmdCreate)
	if err != nil {
		return fmt.Errorf("dvc: DYNVC_CREATE_REQ: %w", err)
	}
	*p = CreateRequest{Priority: pri, ChannelID: readVar(r, cb, "cbId")}
	name := r.Rest()
	if err := r.Err(); err != nil {
		return fmt.Errorf("dvc: DYNVC_CREATE_REQ: %w", err)
	}
	// 2.2.2.1: ChannelName is "a null-terminated ANSI character string".
	i := bytes.IndexByte(name, 0)
	switch {
	case i < 0:
		return fmt.Errorf("dvc: DYNVC_CREATE_REQ: %w", r.Failf("ChannelName", "no NUL terminator"))
	case i != len(name)-1:
		return fmt.Errorf("dvc: DYNVC_CREATE_REQ: %w", r.Fail("ChannelName", fmt.Errorf("%w: %d bytes after the terminator", wire.ErrTrailing, len(name)-1-i)))
	case i == 0:
		return fmt.Errorf("dvc: DYNVC_CREATE_REQ: %w", r.Failf("ChannelName", "empty"))
	case i > MaxNameLength:
		return fmt.Errorf("dvc: DYNVC_CREATE_REQ: %w", r.Failf("ChannelName", "%d bytes, at most %d", i, MaxNameLength))
	}
	p.Name = string(name[:i])
	return nil
}

// UnmarshalBinary decodes b whole.
func (p *CreateRequest) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
