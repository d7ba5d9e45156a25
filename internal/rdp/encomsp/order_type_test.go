package encomsp

import "testing"

func TestOrderType(t *testing.T) {
	tests := []struct {
		t                            OrderType
		name                         string
		known, fromParticipant, safe bool
	}{
		{0x0000, "OrderType(0x0000)", false, false, false},
		{TypeFilterStateUpdated, "ODTYPE_FILTER_STATE_UPDATED", true, false, true},
		{TypeAppRemoved, "ODTYPE_APP_REMOVED", true, false, true},
		{TypeAppCreated, "ODTYPE_APP_CREATED", true, false, true},
		{TypeWndRemoved, "ODTYPE_WND_REMOVED", true, false, true},
		{TypeWndCreated, "ODTYPE_WND_CREATED", true, false, true},
		{TypeWndShow, "ODTYPE_WND_SHOW", true, true, true},
		{TypeParticipantRemoved, "ODTYPE_PARTICIPANT_REMOVED", true, false, true},
		{TypeParticipantCreated, "ODTYPE_PARTICIPANT_CREATED", true, false, true},
		// FreeRDP sends a received 0x0009 straight back.
		{TypeParticipantCtrlChange, "ODTYPE_PARTICIPANT_CTRL_CHANGE", true, true, false},
		{TypeGraphicsStreamPaused, "ODTYPE_GRAPHICS_STREAM_PAUSED", true, false, true},
		{TypeGraphicsStreamResumed, "ODTYPE_GRAPHICS_STREAM_RESUMED", true, false, true},
		// FreeRDP ends the session on these.
		{TypeWndRegionUpdate, "ODTYPE_WND_REGION_UPDATE", true, false, false},
		{TypeParticipantCtrlChangeResponse, "ODTYPE_PARTICIPANT_CTRL_CHANGE_RESPONSE", true, false, false},
		{0x000E, "OrderType(0x000e)", false, false, false},
		{0xFFFF, "OrderType(0xffff)", false, false, false},
	}
	for _, tt := range tests {
		if got := tt.t.String(); got != tt.name {
			t.Errorf("%#x: String %q, want %q", uint16(tt.t), got, tt.name)
		}
		if tt.t.Known() != tt.known || tt.t.FromParticipant() != tt.fromParticipant || tt.t.SafeForFreeRDP() != tt.safe {
			t.Errorf("%v: Known %v FromParticipant %v SafeForFreeRDP %v, want %v %v %v", tt.t,
				tt.t.Known(), tt.t.FromParticipant(), tt.t.SafeForFreeRDP(), tt.known, tt.fromParticipant, tt.safe)
		}
		if m := newMessage(tt.t); (m != nil) != tt.known || (m != nil && m.OrderType() != tt.t) {
			t.Errorf("%v: newMessage gives %T", tt.t, m)
		}
	}
}
