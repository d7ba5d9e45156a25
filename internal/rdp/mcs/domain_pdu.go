package mcs

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// Choice is the index of a DomainMCSPDU alternative ([T125] section 7,
// part 10). In ALIGNED PER it fills the top six bits of the PDU's first
// octet; the two low bits belong to the chosen type.
type Choice uint8

// The DomainMCSPDU alternatives RDP uses.
const (
	ChoiceErectDomainRequest          Choice = 1  // erectDomainRequest
	ChoiceDisconnectProviderUltimatum Choice = 8  // disconnectProviderUltimatum
	ChoiceAttachUserRequest           Choice = 10 // attachUserRequest
	ChoiceAttachUserConfirm           Choice = 11 // attachUserConfirm
	ChoiceChannelJoinRequest          Choice = 14 // channelJoinRequest
	ChoiceChannelJoinConfirm          Choice = 15 // channelJoinConfirm
	ChoiceSendDataRequest             Choice = 25 // sendDataRequest
	ChoiceSendDataIndication          Choice = 26 // sendDataIndication
)

// String spells every DomainMCSPDU alternative as T.125 does, so that an
// unsupported one is named in errors.
func (c Choice) String() string {
	names := [...]string{
		"plumbDomainIndication", "erectDomainRequest", "mergeChannelsRequest",
		"mergeChannelsConfirm", "purgeChannelsIndication", "mergeTokensRequest",
		"mergeTokensConfirm", "purgeTokensIndication", "disconnectProviderUltimatum",
		"rejectMCSPDUUltimatum", "attachUserRequest", "attachUserConfirm",
		"detachUserRequest", "detachUserIndication", "channelJoinRequest",
		"channelJoinConfirm", "channelLeaveRequest", "channelConveneRequest",
		"channelConveneConfirm", "channelDisbandRequest", "channelDisbandIndication",
		"channelAdmitRequest", "channelAdmitIndication", "channelExpelRequest",
		"channelExpelIndication", "sendDataRequest", "sendDataIndication",
		"uniformSendDataRequest", "uniformSendDataIndication", "tokenGrabRequest",
		"tokenGrabConfirm", "tokenInhibitRequest", "tokenInhibitConfirm",
		"tokenGiveRequest", "tokenGiveIndication", "tokenGiveResponse",
		"tokenGiveConfirm", "tokenPleaseRequest", "tokenPleaseIndication",
		"tokenReleaseRequest", "tokenReleaseConfirm", "tokenTestRequest",
		"tokenTestConfirm",
	}
	if int(c) < len(names) {
		return names[c]
	}
	return fmt.Sprintf("Choice(%d)", uint8(c))
}

// DomainPDU is a DomainMCSPDU: a wire.PDU whose encoding starts with its
// CHOICE index.
type DomainPDU interface {
	wire.PDU
	// Choice returns the DomainMCSPDU alternative the type encodes.
	Choice() Choice
}

var (
	_ DomainPDU = (*ErectDomainRequest)(nil)
	_ DomainPDU = (*DisconnectProviderUltimatum)(nil)
	_ DomainPDU = (*AttachUserRequest)(nil)
	_ DomainPDU = (*AttachUserConfirm)(nil)
	_ DomainPDU = (*ChannelJoinRequest)(nil)
	_ DomainPDU = (*ChannelJoinConfirm)(nil)
	_ DomainPDU = (*SendDataRequest)(nil)
	_ DomainPDU = (*SendDataIndication)(nil)
)

// DecodeDomainPDU decodes b, the whole MCS payload of an X.224 Data TPDU,
// as the DomainMCSPDU its first octet selects. It returns one of the
// pointer types of this package; alternatives RDP does not use are an
// error. UserData of Send Data PDUs aliases b.
func DecodeDomainPDU(b []byte) (DomainPDU, error) {
	if len(b) == 0 {
		return nil, fmt.Errorf("mcs: DomainMCSPDU: %w", &wire.DecodeError{Field: "choice", Err: wire.ErrShort})
	}
	var p DomainPDU
	switch c := Choice(b[0] >> 2); c {
	case ChoiceErectDomainRequest:
		p = new(ErectDomainRequest)
	case ChoiceDisconnectProviderUltimatum:
		p = new(DisconnectProviderUltimatum)
	case ChoiceAttachUserRequest:
		p = new(AttachUserRequest)
	case ChoiceAttachUserConfirm:
		p = new(AttachUserConfirm)
	case ChoiceChannelJoinRequest:
		p = new(ChannelJoinRequest)
	case ChoiceChannelJoinConfirm:
		p = new(ChannelJoinConfirm)
	case ChoiceSendDataRequest:
		p = new(SendDataRequest)
	case ChoiceSendDataIndication:
		p = new(SendDataIndication)
	default:
		return nil, fmt.Errorf("mcs: DomainMCSPDU: %w", &wire.DecodeError{
			Field: "choice",
			Err:   fmt.Errorf("%w: unsupported alternative %d (%v)", wire.ErrInvalid, uint8(c), c),
		})
	}
	if err := p.UnmarshalBinary(b); err != nil {
		return nil, err
	}
	return p, nil
}

// readChoice reads the first octet of a DomainMCSPDU, checks that its
// CHOICE index is want, and returns its two low bits.
func readChoice(r *wire.Reader, want Choice) uint8 {
	b := r.U8()
	if r.Err() != nil {
		return 0
	}
	if got := Choice(b >> 2); got != want {
		r.Failf("choice", "%d (%v), want %d (%v)", uint8(got), got, uint8(want), want)
		return 0
	}
	return b & 0x03
}

// readChoicePadded reads the first octet of a DomainMCSPDU whose type starts
// octet-aligned, so that its two low bits are padding.
func readChoicePadded(r *wire.Reader, want Choice) {
	// X.691 10.1.3/10.7: alignment padding bits are zero; every encoder
	// seen writes them so.
	if pad := readChoice(r, want); pad != 0 {
		r.Failf("padding", "%#x, want 0", pad)
	}
}

// readResult reads a 4-bit Result whose first bit is bit 0 of the choice
// octet (first) and whose other three are the top bits of the next octet,
// followed by five padding bits. Attach User Confirm and Channel Join
// Confirm lay it out so: 6 bits choice, 1 bit optional-field bitmap, 4 bits
// result, 5 bits padding ([MS-RDPBCGR] 4.1.7, 4.1.8.1.2).
func readResult(r *wire.Reader, first uint8) Result {
	b := r.U8()
	if r.Err() != nil {
		return 0
	}
	if b&0x1F != 0 {
		r.Failf("padding", "%#02x, want 0", b&0x1F)
		return 0
	}
	return Result(first&1<<3 | b>>5)
}

// appendConfirmHeader appends the choice octet and the result octet of a
// confirm with one OPTIONAL field.
func appendConfirmHeader(b []byte, c Choice, present bool, res Result) ([]byte, error) {
	if res >= resultCount {
		return b, fmt.Errorf("result %d out of range", uint8(res))
	}
	b0 := byte(c) << 2
	if present {
		b0 |= 0x02
	}
	return append(b, b0|byte(res)>>3, byte(res&7)<<5), nil
}

// perIntegerSize is the size of per.AppendInteger(v).
func perIntegerSize(v uint32) int {
	switch {
	case v <= 0xFF:
		return 1 /* length */ + 1
	case v <= 0xFFFF:
		return 1 /* length */ + 2
	default:
		return 1 /* length */ + 4
	}
}
