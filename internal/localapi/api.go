// Package localapi is the daemon's local control endpoint: HTTP with JSON
// bodies over a Unix socket that only the daemon's own user (and root) may
// use, checked twice: by the socket's file permissions and by the
// kernel-reported peer credentials of every connection. ranoviced invite,
// revoke and status are its clients.
package localapi

import (
	"context"
	"time"
)

// InviteRequest asks for a new invitation.
type InviteRequest struct {
	// Expires is the lifetime ("90m", "6h"); empty means the policy default.
	Expires string `json:"expires,omitempty"`
	// Password is the novice's own password; empty means a generated one.
	Password string `json:"password,omitempty"`
	// Version3 makes helpers prove the password with the token exchange
	// of [MS-RA] version 3 instead of the PassStub proof.
	Version3 bool `json:"version3,omitempty"`
}

// InviteResponse describes a new invitation. Password is present only when
// the daemon generated it: this is the one time it is shown.
type InviteResponse struct {
	ID               string    `json:"id"` // short form, for revoke
	Password         string    `json:"password,omitempty"`
	Expires          time.Time `json:"expires"`
	ConnectionString string    `json:"connection_string"`
	File             []byte    `json:"file"` // the .msrcIncident contents
	Addresses        []string  `json:"addresses"`
}

// RevokeResponse lists what was revoked (short IDs).
type RevokeResponse struct {
	Revoked []string `json:"revoked"`
}

// InvitationStatus is one invitation in a status report.
type InvitationStatus struct {
	ID       string    `json:"id"`
	State    string    `json:"state"`
	Created  time.Time `json:"created"`
	Expires  time.Time `json:"expires"`
	Ended    time.Time `json:"ended,omitzero"`
	Failures int       `json:"failed_passwords"`
}

// ConnectionStatus is one connected helper in a status report.
type ConnectionStatus struct {
	ID         uint64    `json:"id"`
	Remote     string    `json:"remote"`
	User       string    `json:"user"`
	Invitation string    `json:"invitation,omitempty"`
	Since      time.Time `json:"since"`
}

// StatusResponse is the daemon's state.
type StatusResponse struct {
	Version     string             `json:"version"`
	Listening   []string           `json:"listening"`
	Invitations []InvitationStatus `json:"invitations"`
	Connections []ConnectionStatus `json:"connections"`
	Paused      bool               `json:"paused,omitempty"`
}

// Kinds of questions.
const (
	PromptView    = "view"    // may the helper see the screen?
	PromptControl = "control" // may the helper control the keyboard and mouse?
)

// PromptStatus is a question waiting for the novice.
type PromptStatus struct {
	ID         string    `json:"id"`
	Kind       string    `json:"kind"` // PromptView or PromptControl
	Expert     string    `json:"expert"`
	From       string    `json:"from"`
	Invitation string    `json:"invitation"`
	Asked      time.Time `json:"asked"`
	Deadline   time.Time `json:"deadline"`
	Text       string    `json:"text"`
}

// PendingResponse lists the questions waiting for the novice.
type PendingResponse struct {
	Prompts []PromptStatus `json:"prompts"`
}

// AnswerRequest answers one question.
type AnswerRequest struct {
	ID  string `json:"id"`
	Yes bool   `json:"yes"`
}

// AnswerResponse confirms an answer to a question of Kind.
type AnswerResponse struct {
	Kind string `json:"kind"`
	// PanicKey names the key that takes control back, for a control
	// question.
	PanicKey string `json:"panic_key,omitempty"`
}

// TakeBackResponse says how many helpers lost control (0 or 1).
type TakeBackResponse struct {
	Helpers int `json:"helpers"`
}

// PauseRequest pauses (true) or resumes (false) sharing the screen.
type PauseRequest struct {
	Paused bool `json:"paused"`
}

// PauseResponse says the state after a PauseRequest, whether it changed
// and how many helpers are connected.
type PauseResponse struct {
	Paused  bool `json:"paused"`
	Changed bool `json:"changed"`
	Helpers int  `json:"helpers"`
}

// Backend is what the daemon offers the control API. Errors wrapping a
// *UserError are shown to the caller as they are; others are reported as
// an internal error.
type Backend interface {
	Invite(ctx context.Context, req InviteRequest) (*InviteResponse, error)
	Revoke(ctx context.Context, idPrefix string) (*RevokeResponse, error)
	Status(ctx context.Context) (*StatusResponse, error)
	Pending(ctx context.Context) (*PendingResponse, error)
	Answer(ctx context.Context, req AnswerRequest) (*AnswerResponse, error)
	// TakeBack ends a helper's control of the keyboard and mouse
	// (TAKECONTROL).
	TakeBack(ctx context.Context) (*TakeBackResponse, error)
	// Pause pauses or resumes sharing: while paused helpers see a neutral
	// picture and nobody controls the desktop.
	Pause(ctx context.Context, req PauseRequest) (*PauseResponse, error)
}

// UserError is a refusal the user can act on: a one-line message naming
// what to change.
type UserError struct{ Msg string }

func (e *UserError) Error() string { return e.Msg }

// errorBody is the JSON body of every error response.
type errorBody struct {
	Error string `json:"error"`
}
