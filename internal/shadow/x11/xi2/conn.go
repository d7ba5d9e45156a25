package xi2

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
)

// conn is a minimal X11 client connection: it sends requests and reads
// whole server messages. It is used from one goroutine at a time.
type conn struct {
	nc  net.Conn
	r   *bufio.Reader
	seq uint16 // sequence number of the last request sent
}

// dial connects to the X server of display d, trying its endpoints in
// order.
func dial(ctx context.Context, d display) (*conn, error) {
	var errs []error
	for _, ep := range d.endpoints {
		nc, err := (&net.Dialer{}).DialContext(ctx, ep.network, ep.address)
		if err == nil {
			return &conn{nc: nc, r: bufio.NewReader(nc)}, nil
		}
		errs = append(errs, err)
	}
	return nil, fmt.Errorf("xi2: connect to the X server: %w", errors.Join(errs...))
}

// setup performs the connection setup, with the MIT-MAGIC-COOKIE-1 from
// the Xauthority file if it has one for display number.
func (c *conn) setup(number int) (setupInfo, error) {
	cookie := cookieFor(c.nc.RemoteAddr(), number)
	name := ""
	if cookie != nil {
		name = cookieName
	}
	if _, err := c.nc.Write(encodeSetupRequest(name, cookie)); err != nil {
		return setupInfo{}, fmt.Errorf("xi2: send setup: %w", err)
	}
	head := make([]byte, setupHeaderLen)
	if _, err := io.ReadFull(c.r, head); err != nil {
		return setupInfo{}, fmt.Errorf("xi2: read setup reply: %w", err)
	}
	n, err := setupReplyLen(head)
	if err != nil {
		return setupInfo{}, err
	}
	b := make([]byte, n)
	copy(b, head)
	if _, err := io.ReadFull(c.r, b[setupHeaderLen:]); err != nil {
		return setupInfo{}, fmt.Errorf("xi2: read setup reply: %w", err)
	}
	return parseSetupReply(b)
}

// cookieFor returns the MIT-MAGIC-COOKIE-1 for a connection to display
// number on the server at remote, or nil to connect without one. As libxcb
// does, local and loopback connections are looked up as FamilyLocal with
// this machine's host name, others by their IP address. A missing or
// unreadable file means no cookie; the server says if it wanted one.
func cookieFor(remote net.Addr, number int) []byte {
	file := os.Getenv("XAUTHORITY")
	if file == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return nil
		}
		file = filepath.Join(home, ".Xauthority")
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	// A damaged tail does not spoil the entries before it (libXau reads
	// up to the first bad record too).
	entries, _ := parseXauthority(b)

	family, address := uint16(familyLocal), []byte(nil)
	if tcp, ok := remote.(*net.TCPAddr); ok && !tcp.IP.IsLoopback() {
		if ip4 := tcp.IP.To4(); ip4 != nil {
			family, address = familyInternet, ip4
		} else {
			family, address = familyInternet6, tcp.IP.To16()
		}
	}
	if family == familyLocal {
		host, err := os.Hostname()
		if err != nil {
			return nil
		}
		address = []byte(host)
	}
	cookie, _ := findCookie(entries, family, address, strconv.Itoa(number))
	return cookie
}

// send writes one request and returns its sequence number.
func (c *conn) send(req []byte) (uint16, error) {
	if _, err := c.nc.Write(req); err != nil {
		return 0, fmt.Errorf("xi2: send request: %w", err)
	}
	c.seq++
	return c.seq, nil
}

// read returns the next whole server message in a new slice.
func (c *conn) read() ([]byte, error) {
	head := make([]byte, msgHeaderLen)
	if _, err := io.ReadFull(c.r, head); err != nil {
		return nil, err
	}
	n, err := messageLen(head)
	if err != nil {
		return nil, err
	}
	if n == msgHeaderLen {
		return head, nil
	}
	msg := make([]byte, n)
	copy(msg, head)
	if _, err := io.ReadFull(c.r, msg[msgHeaderLen:]); err != nil {
		return nil, err
	}
	return msg, nil
}

// roundTrip sends a request that has a reply and returns the reply.
// GenericEvents that arrive first are appended to *events for the caller
// to handle later; other events are dropped. Any X error fails it: during
// the handshake every request must succeed, including earlier ones that
// have no reply of their own.
func (c *conn) roundTrip(req []byte, events *[][]byte) ([]byte, error) {
	seq, err := c.send(req)
	if err != nil {
		return nil, err
	}
	for {
		msg, err := c.read()
		if err != nil {
			return nil, err
		}
		switch msg[0] &^ sendEventBit {
		case msgError:
			xerr, err := parseError(msg)
			if err != nil {
				return nil, err
			}
			return nil, xerr
		case msgReply:
			if s := sequence(msg); s != seq {
				return nil, malformed("reply for sequence %d while waiting for %d", s, seq)
			}
			return msg, nil
		case msgGenericEvent:
			if events != nil {
				*events = append(*events, msg)
			}
		}
	}
}

func (c *conn) close() error { return c.nc.Close() }
