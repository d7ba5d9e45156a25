#!/usr/bin/env bash
# Runs the daemon in the foreground. Without a DISPLAY it starts a virtual
# X display (Xvfb) for it to share, and stops it on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=bin/ranoviced
[ -x "$bin" ] || go build -o "$bin" ./cmd/ranoviced

xvfb_pid=""
cleanup() { [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true; }
trap cleanup EXIT

if [ -z "${DISPLAY:-}" ] || [ -n "${RANOVICED_DEMO:-}" ]; then
  # Let Xvfb pick a free display and write its number (-displayfd).
  numfile=$(mktemp)
  Xvfb -displayfd 3 -screen 0 1280x800x24 -noreset -nolisten tcp 3>"$numfile" >/dev/null 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 100); do [ -s "$numfile" ] && break; sleep 0.1; done
  num=$(head -n1 "$numfile"); rm -f "$numfile"
  [ -n "$num" ] || { echo "run: Xvfb did not start" >&2; exit 1; }
  export DISPLAY=":$num"
  echo "run: started a virtual X display $DISPLAY (1280x800)"
  if [ -n "${RANOVICED_DEMO:-}" ]; then
    go run ./scripts/paintpattern "$DISPLAY"
  fi
fi

if [ -n "${RANOVICED_DEMO:-}" ]; then
  echo "run: demo mode: connect any RDP client to the address logged as \"listening\" (xfreerdp /v:127.0.0.1:3389 /cert:ignore)"
else
  echo "run: to ask for help, run in another terminal:  $bin invite"
  echo "run: then give the helper Invitation.msrcIncident and, separately, the password it shows"
fi
"$bin" run "$@"
