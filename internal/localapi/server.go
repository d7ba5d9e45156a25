package localapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"go.uber.org/zap"
)

// maxRequestBody bounds a request: invitations need a few hundred bytes.
const maxRequestBody = 64 << 10

// ListenOptions tunes Listen; the zero value is right for the daemon.
type ListenOptions struct {
	// Mode is the socket file's permission (default 0600) and DirMode the
	// directory's when Listen creates it (default 0700). Tests widen them
	// to reach the peer-credential check from another user.
	Mode, DirMode os.FileMode
}

// Listen creates the control socket at path. A stale socket left by a
// crashed daemon is replaced; a live one means another daemon runs, which
// is an error.
func Listen(path string, opt ListenOptions) (net.Listener, error) {
	if opt.Mode == 0 {
		opt.Mode = 0o600
	}
	if opt.DirMode == 0 {
		opt.DirMode = 0o700
	}
	if err := os.MkdirAll(filepath.Dir(path), opt.DirMode); err != nil {
		return nil, fmt.Errorf("localapi: create %s: %w", filepath.Dir(path), err)
	}
	if c, err := net.DialTimeout("unix", path, time.Second); err == nil {
		c.Close()
		return nil, fmt.Errorf("localapi: another ranoviced is already running (its control socket is %s)", path)
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("localapi: remove stale socket: %w", err)
	}
	ln, err := net.Listen("unix", path)
	if err != nil {
		return nil, fmt.Errorf("localapi: %w", err)
	}
	if err := os.Chmod(path, opt.Mode); err != nil {
		ln.Close()
		return nil, fmt.Errorf("localapi: %w", err)
	}
	return ln, nil
}

// Server serves the control API.
type Server struct {
	Backend Backend
	Log     *zap.Logger
	// Allowed decides which peer uids may use the API; nil means the
	// daemon's own uid and root.
	Allowed func(uid int) bool
}

type peerKey struct{}

type peer struct {
	uid int
	err error
}

// Serve answers requests on ln until ctx is cancelled.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	log := s.Log
	if log == nil {
		log = zap.NewNop()
	}
	allowed := s.Allowed
	if allowed == nil {
		me := os.Getuid()
		allowed = func(uid int) bool { return uid == me || uid == 0 }
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/invitations", func(w http.ResponseWriter, r *http.Request) {
		var req InviteRequest
		if err := json.NewDecoder(io.LimitReader(r.Body, maxRequestBody)).Decode(&req); err != nil {
			reply(w, log, nil, &UserError{Msg: "malformed request: " + err.Error()})
			return
		}
		resp, err := s.Backend.Invite(r.Context(), req)
		reply(w, log, resp, err)
	})
	mux.HandleFunc("DELETE /v1/invitations", func(w http.ResponseWriter, r *http.Request) {
		resp, err := s.Backend.Revoke(r.Context(), "")
		reply(w, log, resp, err)
	})
	mux.HandleFunc("DELETE /v1/invitations/{id}", func(w http.ResponseWriter, r *http.Request) {
		resp, err := s.Backend.Revoke(r.Context(), r.PathValue("id"))
		reply(w, log, resp, err)
	})
	mux.HandleFunc("GET /v1/status", func(w http.ResponseWriter, r *http.Request) {
		resp, err := s.Backend.Status(r.Context())
		reply(w, log, resp, err)
	})
	hs := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			p, _ := r.Context().Value(peerKey{}).(peer)
			if p.err != nil || !allowed(p.uid) {
				log.Warn("control request refused", zap.Int("uid", p.uid), zap.NamedError("peer_error", p.err))
				writeJSON(w, http.StatusForbidden, errorBody{Error: "refused: the ranoviced control socket belongs to another user"})
				return
			}
			r.Body = http.MaxBytesReader(w, r.Body, maxRequestBody)
			mux.ServeHTTP(w, r)
		}),
		ConnContext: func(ctx context.Context, c net.Conn) context.Context {
			uid, err := peerUID(c)
			return context.WithValue(ctx, peerKey{}, peer{uid: uid, err: err})
		},
		ReadHeaderTimeout: 5 * time.Second,
		ErrorLog:          zap.NewStdLog(log),
	}
	stop := context.AfterFunc(ctx, func() {
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		hs.Shutdown(sctx)
	})
	defer stop()
	if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func reply(w http.ResponseWriter, log *zap.Logger, resp any, err error) {
	var ue *UserError
	switch {
	case errors.As(err, &ue):
		writeJSON(w, http.StatusBadRequest, errorBody{Error: oneLine(ue.Msg)})
	case err != nil:
		log.Error("control request failed", zap.Error(err))
		writeJSON(w, http.StatusInternalServerError, errorBody{Error: "internal error; see the daemon's log"})
	default:
		writeJSON(w, http.StatusOK, resp)
	}
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
