package sharectl

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// RCCommandChannel is the remdesk sub-channel of Session Control messages
// ([MS-RA] 2.2.2: "They MUST be sent and received over virtual channel 71").
const RCCommandChannel = "71"

// MaxRCCommandBytes bounds an RCCOMMAND on the wire (UTF-16LE). The
// longest legitimate one, a FILEXFER with a 260-character path, is far
// below; anything larger is refused before it is parsed.
const MaxRCCommandBytes = 8 << 10

// maxAttrRunes bounds one attribute value.
const maxAttrRunes = 1024

// CommandName is the NAME attribute of an RCCOMMAND ([MS-RA] 2.2.2).
type CommandName string

// The NAME values of [MS-RA] 2.2.2.
const (
	// File transfer.
	FileXfer CommandName = "FILEXFER"
	// Share control.
	AbortRC         CommandName = "ABORTRC"
	AcceptRC        CommandName = "ACCEPTRC"
	DeniedRC        CommandName = "DENIEDRC"
	EscRC           CommandName = "ESCRC"
	RejectRC        CommandName = "REJECTRC"
	RemoteCtrlStart CommandName = "REMOTECTRLSTART"
	RemoteCtrlEnd   CommandName = "REMOTECTRLEND"
	TakeControl     CommandName = "TAKECONTROL"
	// Synchronization.
	TypingStart     CommandName = "TYPINGSTART"
	ExpertIP        CommandName = "EXPERTIP"
	SettingAnnounce CommandName = "SETTINGANNOUNCE"
	// Voice.
	BandwidthToLow  CommandName = "BANDWTOLOW"
	BandwidthToHigh CommandName = "BANDWTOHIGH"
	DisableVoice    CommandName = "DISABLEVOICE"
	PreStart        CommandName = "PRESTART"
	PreStartNo      CommandName = "PRESTARTNO"
	PreStartYes     CommandName = "PRESTARTYES"
	VoIPGo          CommandName = "VOIPGO"
	VoIPGoNo        CommandName = "VOIPGONO"
	VoIPPreGo       CommandName = "VOIPPREGO"
	VoIPPreGo2      CommandName = "VOIPPREGO2"
	VoIPQNo         CommandName = "VOIPQNO"
	WizardBad       CommandName = "WIZARDBAD"
	WizardGood      CommandName = "WIZARDGOOD"
)

var knownNames = map[CommandName]bool{
	FileXfer: true, AbortRC: true, AcceptRC: true, DeniedRC: true, EscRC: true, RejectRC: true,
	RemoteCtrlStart: true, RemoteCtrlEnd: true, TakeControl: true, TypingStart: true, ExpertIP: true,
	SettingAnnounce: true, BandwidthToLow: true, BandwidthToHigh: true, DisableVoice: true, PreStart: true,
	PreStartNo: true, PreStartYes: true, VoIPGo: true, VoIPGoNo: true, VoIPPreGo: true, VoIPPreGo2: true,
	VoIPQNo: true, WizardBad: true, WizardGood: true,
}

// Known reports whether n is a NAME of [MS-RA] 2.2.2.
func (n CommandName) Known() bool { return knownNames[n] }

// attrOrder is the attribute set of [MS-RA] 2.2.2 in the spec's order, the
// order Marshal writes. The Usage block spells the voice address list
// VOIPILIST and the attribute table VOIPIPLIST; both are read, the table's
// spelling is written.
var attrOrder = []string{"NAME", "FILENAME", "FILESIZE", "CHANNELID", "INTERNALDATA", "VOIPVER", "VOIPGOKEY", "VOIPIPLIST", "EXPERTIPDATA", "PROPERTY", "VALUE"}

// RCCommand is one Session Control message, <RCCOMMAND …/> ([MS-RA]
// 2.2.2), carried on sub-channel "71" as a NUL-terminated UTF-16LE string.
// Attributes other than NAME are kept verbatim in Attrs, by their spec
// name; an empty value and an absent attribute are the same.
type RCCommand struct {
	Name  CommandName
	Attrs map[string]string
}

// Attr returns the attribute key, "" when absent.
func (c *RCCommand) Attr(key string) string { return c.Attrs[key] }

// Errors of ParseRCCommand. ErrUnknownName is separate so that a receiver
// can ignore a command it does not know (a newer expert) while treating
// broken XML as a protocol error.
var (
	ErrRCCommand   = errors.New("sharectl: malformed RCCOMMAND")
	ErrUnknownName = errors.New("sharectl: unknown RCCOMMAND NAME")
)

// ParseRCCommand decodes the data of a "71" frame. It is strict: UTF-16LE
// of even length within MaxRCCommandBytes, at most one terminating NUL,
// exactly one empty RCCOMMAND element and nothing else but white space (no
// DOCTYPE, so no entity can be defined, let alone expanded; no comments or
// processing instructions), only the attributes of the spec, each once,
// NAME present and known.
func ParseRCCommand(data []byte) (*RCCommand, error) {
	if len(data) > MaxRCCommandBytes {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrRCCommand, len(data), MaxRCCommandBytes)
	}
	if len(data)%2 != 0 {
		return nil, fmt.Errorf("%w: odd length %d for UTF-16", ErrRCCommand, len(data))
	}
	s := wire.DecodeUTF16LE(data)
	s = strings.TrimSuffix(s, "\x00")
	if strings.ContainsRune(s, 0) {
		return nil, fmt.Errorf("%w: NUL inside the text", ErrRCCommand)
	}
	if !utf8.ValidString(s) || strings.ContainsRune(s, utf8.RuneError) {
		return nil, fmt.Errorf("%w: invalid UTF-16", ErrRCCommand)
	}
	d := xml.NewDecoder(strings.NewReader(s))
	d.Strict = true
	var cmd *RCCommand
	closed := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrRCCommand, err)
		}
		switch t := tok.(type) {
		case xml.CharData:
			if strings.TrimSpace(string(t)) != "" {
				return nil, fmt.Errorf("%w: text outside or inside the element", ErrRCCommand)
			}
		case xml.StartElement:
			if cmd != nil {
				return nil, fmt.Errorf("%w: more than one element", ErrRCCommand)
			}
			if t.Name.Space != "" || t.Name.Local != "RCCOMMAND" {
				return nil, fmt.Errorf("%w: element <%s>, want <RCCOMMAND>", ErrRCCommand, t.Name.Local)
			}
			if cmd, err = commandFromAttrs(t.Attr); err != nil {
				return nil, err
			}
		case xml.EndElement:
			closed = true
		default: // xml.Directive, xml.Comment, xml.ProcInst
			return nil, fmt.Errorf("%w: only one <RCCOMMAND/> element is allowed, found %T", ErrRCCommand, tok)
		}
	}
	if cmd == nil || !closed {
		return nil, fmt.Errorf("%w: no complete RCCOMMAND element", ErrRCCommand)
	}
	if !cmd.Name.Known() {
		return cmd, fmt.Errorf("%w: %q", ErrUnknownName, shorten(string(cmd.Name)))
	}
	return cmd, nil
}

func commandFromAttrs(attrs []xml.Attr) (*RCCommand, error) {
	cmd := &RCCommand{Attrs: map[string]string{}}
	seen := map[string]bool{}
	for _, a := range attrs {
		key := a.Name.Local
		if a.Name.Space != "" {
			return nil, fmt.Errorf("%w: attribute %s:%s", ErrRCCommand, a.Name.Space, key)
		}
		if key == "VOIPILIST" {
			key = "VOIPIPLIST"
		}
		if !isSpecAttr(key) {
			return nil, fmt.Errorf("%w: attribute %q is not one of [MS-RA] 2.2.2", ErrRCCommand, shorten(key))
		}
		if seen[key] {
			return nil, fmt.Errorf("%w: attribute %s twice", ErrRCCommand, key)
		}
		seen[key] = true
		if utf8.RuneCountInString(a.Value) > maxAttrRunes {
			return nil, fmt.Errorf("%w: attribute %s longer than %d characters", ErrRCCommand, key, maxAttrRunes)
		}
		if key == "NAME" {
			cmd.Name = CommandName(a.Value)
			continue
		}
		cmd.Attrs[key] = a.Value
	}
	if !seen["NAME"] {
		return nil, fmt.Errorf("%w: no NAME attribute", ErrRCCommand)
	}
	return cmd, nil
}

func isSpecAttr(key string) bool {
	for _, k := range attrOrder {
		if k == key {
			return true
		}
	}
	return false
}

// shorten bounds a peer-chosen string quoted in an error.
func shorten(s string) string {
	const max = 40
	if len(s) <= max {
		return s
	}
	return s[:max] + "…"
}

// Marshal encodes c as the data of a "71" frame: the element with NAME
// first and the other attributes in the spec's order, values escaped,
// UTF-16LE with a terminating NUL (the 2.x encoding FreeRDP and Windows
// read; ra-protocol.md §6.4 has the byte-exact ACCEPTRC).
func (c *RCCommand) Marshal() ([]byte, error) {
	if !c.Name.Known() {
		return nil, fmt.Errorf("%w: %q", ErrUnknownName, c.Name)
	}
	var b strings.Builder
	b.WriteString(`<RCCOMMAND NAME="`)
	b.WriteString(string(c.Name))
	b.WriteByte('"')
	for _, k := range attrOrder[1:] {
		v, ok := c.Attrs[k]
		if !ok || v == "" {
			continue
		}
		b.WriteByte(' ')
		b.WriteString(k)
		b.WriteString(`="`)
		if err := xml.EscapeText(&b, []byte(v)); err != nil {
			return nil, err
		}
		b.WriteByte('"')
	}
	for k := range c.Attrs {
		if !isSpecAttr(k) || k == "NAME" {
			return nil, fmt.Errorf("%w: attribute %q is not one of [MS-RA] 2.2.2", ErrRCCommand, k)
		}
	}
	b.WriteString("/>\x00")
	out := wire.AppendUTF16LE(nil, b.String())
	if len(out) > MaxRCCommandBytes {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrRCCommand, len(out), MaxRCCommandBytes)
	}
	return out, nil
}

// Command returns the encoded RCCOMMAND with NAME n and no other
// attribute, for the share-control replies. n must be one of the
// constants above (they need no escaping).
func Command(n CommandName) []byte {
	return wire.AppendUTF16LE(nil, `<RCCOMMAND NAME="`+string(n)+`"/>`+"\x00")
}
