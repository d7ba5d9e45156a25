package xi2

import (
	"fmt"
	"math/bits"
	"strings"
)

// Server message framing (X11 protocol, "Events", "Errors", and the
// Generic Event Extension): every message starts with a 32-byte block
// whose first byte says what it is. Replies and GenericEvents give the
// number of 4-byte units that follow the block at offset 4.
const (
	msgHeaderLen    = 32
	msgError        = 0
	msgReply        = 1
	msgGenericEvent = 35
	sendEventBit    = 0x80 // set in the type of events sent with SendEvent

	// maxMessageLen bounds a reply or GenericEvent. The largest this
	// client asks for is an XIQueryDevice reply, a few hundred bytes per
	// input device; a length beyond this means a broken stream, not a
	// big machine.
	maxMessageLen = 1 << 20
)

// messageLen returns the total length of the server message whose first
// 32 bytes are head.
func messageLen(head []byte) (int, error) {
	if len(head) < msgHeaderLen {
		return 0, malformed("message header of %d bytes", len(head))
	}
	switch head[0] &^ sendEventBit {
	case msgReply, msgGenericEvent:
		if head[0] == msgReply|sendEventBit {
			return 0, malformed("reply with the SendEvent bit set")
		}
		extra := uint64(get32(head[4:])) * 4
		if extra > maxMessageLen-msgHeaderLen {
			return 0, malformed("message of %d bytes", extra+msgHeaderLen)
		}
		return msgHeaderLen + int(extra), nil
	default:
		// Errors and core or extension events are always 32 bytes.
		return msgHeaderLen, nil
	}
}

// sequence returns the sequence number of a reply, error or event (not
// KeymapNotify, which has none; the caller never asks for it).
func sequence(msg []byte) uint16 { return get16(msg[2:]) }

// xError is an X protocol error (X11 protocol, "Errors").
type xError struct {
	code     uint8
	sequence uint16
	value    uint32 // bad resource id or value, if the code has one
	major    uint8  // major opcode of the failed request
	minor    uint16 // minor opcode of the failed request
}

func (e xError) Error() string {
	return fmt.Sprintf("xi2: X error %d for request %d.%d (sequence %d, value %#x)", e.code, e.major, e.minor, e.sequence, e.value)
}

// parseError decodes a 32-byte error message.
func parseError(msg []byte) (xError, error) {
	if len(msg) != msgHeaderLen || msg[0] != msgError {
		return xError{}, malformed("error message of %d bytes, type %d", len(msg), firstByte(msg))
	}
	return xError{
		code:     msg[1],
		sequence: get16(msg[2:]),
		value:    get32(msg[4:]),
		minor:    get16(msg[8:]),
		major:    msg[10],
	}, nil
}

func firstByte(b []byte) int {
	if len(b) == 0 {
		return -1
	}
	return int(b[0])
}

// checkReply verifies that msg is a whole reply: type 1, at least 32
// bytes, and exactly as long as its length field says. what names the
// request in errors.
func checkReply(msg []byte, what string) error {
	if len(msg) < msgHeaderLen || msg[0] != msgReply {
		return malformed("%s reply of %d bytes, type %d", what, len(msg), firstByte(msg))
	}
	if n := msgHeaderLen + 4*int(get32(msg[4:])); n != len(msg) {
		return malformed("%s reply of %d bytes, length field says %d", what, len(msg), n)
	}
	return nil
}

// Core requests used (X11 protocol, "Requests").
const opQueryExtension = 98

// encodeQueryExtension builds QueryExtension:
//
//	CARD8 opcode 98, unused, CARD16 request length 2+(n+p)/4,
//	CARD16 n (name length), 2 unused, STRING8 name, pad
func encodeQueryExtension(name string) []byte {
	b := make([]byte, 8+pad4(len(name)))
	b[0] = opQueryExtension
	put16(b[2:], uint16(len(b)/4))
	put16(b[4:], uint16(len(name)))
	copy(b[8:], name)
	return b
}

// extension is a QueryExtension reply.
type extension struct {
	present    bool
	major      uint8 // major opcode of the extension's requests
	firstEvent uint8
	firstError uint8
}

// parseQueryExtensionReply decodes the reply: BOOL present at offset 8,
// then CARD8 major-opcode, first-event, first-error.
func parseQueryExtensionReply(msg []byte) (extension, error) {
	if err := checkReply(msg, "QueryExtension"); err != nil {
		return extension{}, err
	}
	return extension{present: msg[8] != 0, major: msg[9], firstEvent: msg[10], firstError: msg[11]}, nil
}

// XInput2 request minor opcodes, device ids, event types and flags
// (XI2proto.txt, XI2.h).
const (
	xiSelectEvents = 46
	xiQueryVersion = 47
	xiQueryDevice  = 48

	xiAllDevices       = 0
	xiAllMasterDevices = 1

	xiHierarchyChanged = 11
	xiRawKeyPress      = 13
	xiRawMotion        = 17 // the last raw event type of XI 2.0

	xiKeyRepeat = 1 << 16 // DEVICEEVENTFLAGS KeyRepeat

	// Device use (DEVICEUSE).
	xiMasterPointer  = 1
	xiMasterKeyboard = 2
	xiSlavePointer   = 3
	xiSlaveKeyboard  = 4
	xiFloatingSlave  = 5
)

// encodeXIQueryVersion builds XIQueryVersion:
//
//	CARD8 major opcode, CARD8 47, CARD16 length 2,
//	CARD16 major_version, CARD16 minor_version
func encodeXIQueryVersion(opcode uint8, major, minor uint16) []byte {
	b := make([]byte, 8)
	b[0], b[1] = opcode, xiQueryVersion
	put16(b[2:], 2)
	put16(b[4:], major)
	put16(b[6:], minor)
	return b
}

// parseXIQueryVersionReply returns the version the server will speak:
// CARD16 major_version and minor_version at offset 8.
func parseXIQueryVersionReply(msg []byte) (major, minor uint16, err error) {
	if err := checkReply(msg, "XIQueryVersion"); err != nil {
		return 0, 0, err
	}
	return get16(msg[8:]), get16(msg[10:]), nil
}

// encodeXIQueryDevice builds XIQueryDevice:
//
//	CARD8 major opcode, CARD8 48, CARD16 length 2, CARD16 deviceid, 2 pad
func encodeXIQueryDevice(opcode uint8, deviceid uint16) []byte {
	b := make([]byte, 8)
	b[0], b[1] = opcode, xiQueryDevice
	put16(b[2:], 2)
	put16(b[4:], deviceid)
	return b
}

// device is one DEVICEINFO of an XIQueryDevice reply.
type device struct {
	id         uint16
	use        uint16 // xiMasterPointer ... xiFloatingSlave
	attachment uint16 // paired master (masters) or master (attached slaves)
	enabled    bool
	name       string
}

// isXTest reports whether d is one of the devices the X server creates to
// send XTest clients' input: Xorg names them "<master> XTEST keyboard" and
// "<master> XTEST pointer" (Xext/xtest.c).
func (d device) isXTest() bool {
	return strings.HasSuffix(d.name, "XTEST keyboard") || strings.HasSuffix(d.name, "XTEST pointer")
}

// deviceInfoLen is the fixed part of DEVICEINFO: CARD16 deviceid, use,
// attachment, num_classes, name_len, BOOL enabled, 1 pad.
const deviceInfoLen = 12

// parseXIQueryDeviceReply decodes an XIQueryDevice reply: CARD16
// num_devices at offset 8, then from offset 32 that many DEVICEINFOs, each
// followed by its name (padded to 4) and num_classes classes. Every class
// starts with CARD16 type and CARD16 length in 4-byte units (including
// that header); the classes themselves are skipped. The devices must fill
// the reply exactly.
func parseXIQueryDeviceReply(msg []byte) ([]device, error) {
	if err := checkReply(msg, "XIQueryDevice"); err != nil {
		return nil, err
	}
	n := int(get16(msg[8:]))
	// Each device takes at least deviceInfoLen bytes; do not let the
	// count alone size an allocation.
	if n > (len(msg)-msgHeaderLen)/deviceInfoLen {
		return nil, malformed("XIQueryDevice reply of %d bytes claims %d devices", len(msg), n)
	}
	devs := make([]device, 0, n)
	off := msgHeaderLen
	for i := 0; i < n; i++ {
		if off+deviceInfoLen > len(msg) {
			return nil, malformed("device %d overruns the XIQueryDevice reply", i)
		}
		d := device{
			id:         get16(msg[off:]),
			use:        get16(msg[off+2:]),
			attachment: get16(msg[off+4:]),
			enabled:    msg[off+10] != 0,
		}
		numClasses := int(get16(msg[off+6:]))
		nameLen := int(get16(msg[off+8:]))
		off += deviceInfoLen
		if off+pad4(nameLen) > len(msg) {
			return nil, malformed("name of device %d overruns the XIQueryDevice reply", d.id)
		}
		d.name = string(msg[off : off+nameLen])
		off += pad4(nameLen)
		for j := 0; j < numClasses; j++ {
			if off+4 > len(msg) {
				return nil, malformed("class %d of device %d overruns the XIQueryDevice reply", j, d.id)
			}
			clen := 4 * int(get16(msg[off+2:]))
			if clen < 4 || off+clen > len(msg) {
				return nil, malformed("class %d of device %d has length %d", j, d.id, clen)
			}
			off += clen
		}
		devs = append(devs, d)
	}
	if off != len(msg) {
		return nil, malformed("XIQueryDevice reply has %d bytes after its devices", len(msg)-off)
	}
	return devs, nil
}

// eventMask is one EVENTMASK of XISelectEvents.
type eventMask struct {
	deviceid uint16
	mask     uint32 // bit T selects XI event type T; types 0-31 suffice here
}

// encodeXISelectEvents builds XISelectEvents:
//
//	CARD8 major opcode, CARD8 46, CARD16 length, WINDOW window,
//	CARD16 num_masks, 2 pad,
//	per mask: CARD16 deviceid, CARD16 mask_len (1 here), CARD32 mask
func encodeXISelectEvents(opcode uint8, window uint32, masks []eventMask) []byte {
	b := make([]byte, 12+8*len(masks))
	b[0], b[1] = opcode, xiSelectEvents
	put16(b[2:], uint16(len(b)/4))
	put32(b[4:], window)
	put16(b[8:], uint16(len(masks)))
	for i, m := range masks {
		o := 12 + 8*i
		put16(b[o:], m.deviceid)
		put16(b[o+2:], 1)
		put32(b[o+4:], m.mask)
	}
	return b
}

// xiEvent is the EVENTHEADER of an XI2 GenericEvent and, for raw events,
// the fields after it (xXIRawEvent).
type xiEvent struct {
	extension uint8 // major opcode of the extension that sent it
	evtype    uint16
	deviceid  uint16
	time      uint32 // server time in milliseconds

	// Raw events only.
	detail   uint32 // keycode, for RawKeyPress
	sourceid uint16 // the slave device that generated the event
	flags    uint32
}

// Offsets in a GenericEvent (Generic Event Extension; XI2 EVENTHEADER;
// xXIRawEvent).
const (
	geExtensionOff  = 1
	geEvtypeOff     = 8
	geDeviceOff     = 10
	geTimeOff       = 12
	rawDetailOff    = 16
	rawSourceOff    = 20
	rawValuatorsOff = 22 // CARD16 valuators_len, mask length in 4-byte units
	rawFlagsOff     = 24
	rawFixedLen     = 32
)

// parseGenericEvent decodes a whole GenericEvent (messageLen bytes). For
// XI raw events from the extension with major opcode xiOpcode it also
// decodes the raw fields and checks that the valuator mask and the two
// value lists it announces (8 bytes per set bit each) fit the event.
func parseGenericEvent(msg []byte, xiOpcode uint8) (xiEvent, error) {
	var ev xiEvent
	if len(msg) < msgHeaderLen || msg[0]&^sendEventBit != msgGenericEvent {
		return ev, malformed("GenericEvent of %d bytes, type %d", len(msg), firstByte(msg))
	}
	if n := msgHeaderLen + 4*int(get32(msg[4:])); n != len(msg) {
		return ev, malformed("GenericEvent of %d bytes, length field says %d", len(msg), n)
	}
	ev.extension = msg[geExtensionOff]
	ev.evtype = get16(msg[geEvtypeOff:])
	ev.deviceid = get16(msg[geDeviceOff:])
	ev.time = get32(msg[geTimeOff:])
	if ev.extension != xiOpcode || ev.evtype < xiRawKeyPress || ev.evtype > xiRawMotion {
		// Not a raw event (RawKeyPress ... RawMotion): only the header
		// is needed.
		return ev, nil
	}
	ev.detail = get32(msg[rawDetailOff:])
	ev.sourceid = get16(msg[rawSourceOff:])
	ev.flags = get32(msg[rawFlagsOff:])
	maskLen := 4 * int(get16(msg[rawValuatorsOff:]))
	if rawFixedLen+maskLen > len(msg) {
		return ev, malformed("raw event valuator mask overruns the event")
	}
	nbits := 0
	for _, c := range msg[rawFixedLen : rawFixedLen+maskLen] {
		nbits += bits.OnesCount8(c)
	}
	// axisvalues and axisvalues_raw, one FP3232 (8 bytes) each per bit.
	if rawFixedLen+maskLen+16*nbits > len(msg) {
		return ev, malformed("raw event values overrun the event")
	}
	return ev, nil
}

// Little-endian field access; every caller has checked the length.
func get16(b []byte) uint16 { return uint16(b[0]) | uint16(b[1])<<8 }
func get32(b []byte) uint32 {
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}
func put16(b []byte, v uint16) { b[0], b[1] = byte(v), byte(v>>8) }
func put32(b []byte, v uint32) {
	b[0], b[1], b[2], b[3] = byte(v), byte(v>>8), byte(v>>16), byte(v>>24)
}
