package encomsp

import (
	"fmt"
	"strings"
)

// OrderType is the Type field of ORDER_HDR, [MS-RDPEMC] 2.2.1: which
// order follows.
type OrderType uint16

// The order types of [MS-RDPEMC] 2.2.1. The spec spells two of them two
// ways; the comments give both.
const (
	TypeFilterStateUpdated OrderType = 0x0001 // ODTYPE_FILTER_STATE_UPDATED: FilterUpdated, sharer to participant
	TypeAppRemoved         OrderType = 0x0002 // ODTYPE_APP_REMOVED: ApplicationRemoved, sharer to participant
	TypeAppCreated         OrderType = 0x0003 // ODTYPE_APP_CREATED: ApplicationCreated, sharer to participant
	TypeWndRemoved         OrderType = 0x0004 // ODTYPE_WND_REMOVED: WindowRemoved, sharer to participant
	TypeWndCreated         OrderType = 0x0005 // ODTYPE_WND_CREATED: WindowCreated, sharer to participant
	TypeWndShow            OrderType = 0x0006 // ODTYPE_WND_SHOW: ShowWindow, participant to sharer
	TypeParticipantRemoved OrderType = 0x0007 // ODTYPE_PARTICIPANT_REMOVED: ParticipantRemoved, sharer to participant
	TypeParticipantCreated OrderType = 0x0008 // ODTYPE_PARTICIPANT_CREATED: ParticipantCreated, sharer to participant
	// TypeParticipantCtrlChange is ODTYPE_PARTICIPANT_CTRL_CHANGED (2.2.1)
	// or ODTYPE_PARTICIPANT_CTRL_CHANGE (2.2.4.3, 3.1.5.1):
	// ChangeParticipantControlLevel, participant to sharer.
	TypeParticipantCtrlChange OrderType = 0x0009
	TypeGraphicsStreamPaused  OrderType = 0x000A // ODTYPE_GRAPHICS_STREAM_PAUSED: GraphicsStreamPaused, sharer to participant
	TypeGraphicsStreamResumed OrderType = 0x000B // ODTYPE_GRAPHICS_STREAM_RESUMED: GraphicsStreamResumed, sharer to participant
	// TypeWndRegionUpdate is ODTYPE_WND_RGN_UPDATE (2.2.1) or
	// ODTYPE_WND_REGION_UPDATE (2.2.3.7, 3.1.5.1): WindowRegionUpdate,
	// sharer to participant.
	TypeWndRegionUpdate OrderType = 0x000C
	// TypeParticipantCtrlChangeResponse is
	// ODTYPE_PARTICIPANT_CTRL_CHANGE_RESPONSE:
	// ChangeParticipantControlLevelResponse, sharer to participant.
	TypeParticipantCtrlChangeResponse OrderType = 0x000D
)

var orderTypeNames = [...]string{
	TypeFilterStateUpdated:            "ODTYPE_FILTER_STATE_UPDATED",
	TypeAppRemoved:                    "ODTYPE_APP_REMOVED",
	TypeAppCreated:                    "ODTYPE_APP_CREATED",
	TypeWndRemoved:                    "ODTYPE_WND_REMOVED",
	TypeWndCreated:                    "ODTYPE_WND_CREATED",
	TypeWndShow:                       "ODTYPE_WND_SHOW",
	TypeParticipantRemoved:            "ODTYPE_PARTICIPANT_REMOVED",
	TypeParticipantCreated:            "ODTYPE_PARTICIPANT_CREATED",
	TypeParticipantCtrlChange:         "ODTYPE_PARTICIPANT_CTRL_CHANGE",
	TypeGraphicsStreamPaused:          "ODTYPE_GRAPHICS_STREAM_PAUSED",
	TypeGraphicsStreamResumed:         "ODTYPE_GRAPHICS_STREAM_RESUMED",
	TypeWndRegionUpdate:               "ODTYPE_WND_REGION_UPDATE",
	TypeParticipantCtrlChangeResponse: "ODTYPE_PARTICIPANT_CTRL_CHANGE_RESPONSE",
}

// String returns the spec name, or OrderType(0x…) for an unknown type.
func (t OrderType) String() string {
	if uint64(t) < uint64(len(orderTypeNames)) && orderTypeNames[t] != "" {
		return orderTypeNames[t]
	}
	return fmt.Sprintf("OrderType(%#04x)", uint16(t))
}

// pduName returns the name of the order's structure, OD_…, for errors.
func (t OrderType) pduName() string {
	if t.Known() {
		return "OD_" + strings.TrimPrefix(t.String(), "ODTYPE_")
	}
	return t.String()
}

// Known reports whether t is one of the thirteen types of 2.2.1.
func (t OrderType) Known() bool {
	return t >= TypeFilterStateUpdated && t <= TypeParticipantCtrlChangeResponse
}

// FromParticipant reports whether t is an order a participant sends to the
// sharer: Show Window (2.2.3.6) and Change Participant Control Level
// (2.2.4.3). The other known types are the sharer's; Windows sharers do
// not interpret them when a participant sends them (<28>, <29>).
func (t OrderType) FromParticipant() bool {
	return t == TypeWndShow || t == TypeParticipantCtrlChange
}

// SafeForFreeRDP reports whether a FreeRDP 2.11 (or 3.x) participant
// handles an order of type t without ending the session or answering it:
// 0x0001–0x0008, 0x000A and 0x000B.
//
// FreeRDP's encomsp client fails the channel, and so the session, on any
// type outside 0x0001–0x000B (channels/encomsp/client/encomsp_main.c, the
// default case of encomsp_process_receive), which rules out 0x000C and
// 0x000D. It passes a received 0x0009 to its ChangeParticipantControlLevel
// callback, which is encomsp_send_change_participant_control_level_pdu:
// the order is sent straight back, and would reach the sharer as the
// participant's own request.
func (t OrderType) SafeForFreeRDP() bool {
	return t.Known() && t <= TypeGraphicsStreamResumed && t != TypeParticipantCtrlChange
}
