package localapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"syscall"
	"time"
)

// Client talks to a running daemon.
type Client struct {
	path string
	hc   *http.Client
}

// NewClient returns a client for the control socket at path.
func NewClient(path string) *Client {
	return &Client{path: path, hc: &http.Client{
		Timeout: 30 * time.Second,
		Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			return dial(ctx, path)
		}},
	}}
}

// Invite asks for a new invitation.
func (c *Client) Invite(ctx context.Context, req InviteRequest) (*InviteResponse, error) {
	var resp InviteResponse
	return &resp, c.do(ctx, http.MethodPost, "/v1/invitations", req, &resp)
}

// Revoke revokes the invitation whose ID starts with prefix, or every
// waiting one for an empty prefix.
func (c *Client) Revoke(ctx context.Context, prefix string) (*RevokeResponse, error) {
	path := "/v1/invitations"
	if prefix != "" {
		path += "/" + url.PathEscape(prefix)
	}
	var resp RevokeResponse
	return &resp, c.do(ctx, http.MethodDelete, path, nil, &resp)
}

// Status reports the daemon's state.
func (c *Client) Status(ctx context.Context) (*StatusResponse, error) {
	var resp StatusResponse
	return &resp, c.do(ctx, http.MethodGet, "/v1/status", nil, &resp)
}

// Pending lists the questions waiting for the novice.
func (c *Client) Pending(ctx context.Context) (*PendingResponse, error) {
	var resp PendingResponse
	return &resp, c.do(ctx, http.MethodGet, "/v1/pending", nil, &resp)
}

// Answer answers a question and returns its kind.
func (c *Client) Answer(ctx context.Context, id string, yes bool) (*AnswerResponse, error) {
	var resp AnswerResponse
	return &resp, c.do(ctx, http.MethodPost, "/v1/answer", AnswerRequest{ID: id, Yes: yes}, &resp)
}

// TakeBack ends a helper's control of the keyboard and mouse.
func (c *Client) TakeBack(ctx context.Context) (*TakeBackResponse, error) {
	var resp TakeBackResponse
	return &resp, c.do(ctx, http.MethodPost, "/v1/takeback", nil, &resp)
}

// Pause pauses (true) or resumes (false) sharing the screen.
func (c *Client) Pause(ctx context.Context, paused bool) (*PauseResponse, error) {
	var resp PauseResponse
	return &resp, c.do(ctx, http.MethodPost, "/v1/pause", PauseRequest{Paused: paused}, &resp)
}

func (c *Client) do(ctx context.Context, method, path string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, "http://ranoviced"+path, rd)
	if err != nil {
		return err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		switch {
		case errors.Is(err, syscall.ENOENT), errors.Is(err, syscall.ECONNREFUSED):
			return fmt.Errorf("ranoviced is not running (no control socket at %s); start it with: ranoviced run", c.path)
		case errors.Is(err, syscall.EACCES):
			return fmt.Errorf("refused: the control socket %s belongs to another user", c.path)
		}
		return fmt.Errorf("cannot reach the daemon at %s: %w", c.path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		var e errorBody
		if json.Unmarshal(data, &e) == nil && e.Error != "" {
			return errors.New(e.Error)
		}
		return fmt.Errorf("the daemon answered %s", resp.Status)
	}
	return json.Unmarshal(data, out)
}
