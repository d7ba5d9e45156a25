package svc

import (
	"errors"
	"testing"
)

func TestChannelError(t *testing.T) {
	inner := errors.New("bad")
	err := error(&ChannelError{Channel: "remdesk", Err: inner})
	var ce *ChannelError
	if !errors.Is(err, inner) || !errors.As(err, &ce) || err.Error() != `svc: channel "remdesk": bad` {
		t.Fatal(err)
	}
}
