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
	"strings"
	"time"

	"go.uber.org/zap"
)

// maxRequestBody bounds a request: invitations need a few hundred bytes.
const maxRequestBody = 64 << 10

// Server serves the control API.
type Server struct {
	Backend Backend
	Log     *zap.Logger
	// Allowed decides which peer uids may use the API (on Linux); nil means
	// the daemon's own uid and root. On Windows the pipe's ACL decides.
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
	mux.HandleFunc("GET /v1/pending", func(w http.ResponseWriter, r *http.Request) {
		resp, err := s.Backend.Pending(r.Context())
		reply(w, log, resp, err)
	})
	mux.HandleFunc("POST /v1/answer", func(w http.ResponseWriter, r *http.Request) {
		var req AnswerRequest
		if err := json.NewDecoder(io.LimitReader(r.Body, maxRequestBody)).Decode(&req); err != nil {
			reply(w, log, nil, &UserError{Msg: "malformed request: " + err.Error()})
			return
		}
		resp, err := s.Backend.Answer(r.Context(), req)
		reply(w, log, resp, err)
	})
	mux.HandleFunc("POST /v1/takeback", func(w http.ResponseWriter, r *http.Request) {
		resp, err := s.Backend.TakeBack(r.Context())
		reply(w, log, resp, err)
	})
	mux.HandleFunc("POST /v1/pause", func(w http.ResponseWriter, r *http.Request) {
		var req PauseRequest
		if err := json.NewDecoder(io.LimitReader(r.Body, maxRequestBody)).Decode(&req); err != nil {
			reply(w, log, nil, &UserError{Msg: "malformed request: " + err.Error()})
			return
		}
		resp, err := s.Backend.Pause(r.Context(), req)
		reply(w, log, resp, err)
	})
	hs := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			p, ok := r.Context().Value(peerKey{}).(peer)
			if !ok || p.err != nil {
				log.Warn("control request refused", zap.Int("uid", p.uid), zap.NamedError("peer_error", p.err))
				writeJSON(w, http.StatusForbidden, errorBody{Error: "refused: the ranoviced control socket belongs to another user"})
				return
			}
			r.Body = http.MaxBytesReader(w, r.Body, maxRequestBody)
			mux.ServeHTTP(w, r)
		}),
		ConnContext: func(ctx context.Context, c net.Conn) context.Context {
			uid, err := peerUID(c)
			if err == nil && !allowed(uid) {
				err = fmt.Errorf("localapi: uid %d is not allowed", uid)
			}
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
