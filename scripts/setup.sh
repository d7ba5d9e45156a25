#!/usr/bin/env bash
# Installs what building, running and testing ranoviced needs on a fresh
# Debian 12 machine, then downloads the pinned Go modules. Safe to re-run.
set -euo pipefail

packages=(
  xvfb               # virtual X displays: the novice desktop and the expert's screen in tests
  freerdp2-x11       # xfreerdp 2.11.7, the real expert client for interop tests
  freerdp2-shadow-x11 # freerdp-shadow-cli, the reference server for benchmarks
  x11-apps           # ico, the animation of the benchmark's first scenario
  xdotool            # drives the expert client's window in interop tests
  x11-xserver-utils  # xrandr, xsetroot
  x11-utils          # xdpyinfo, xwininfo
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v go >/dev/null 2>&1; then
  export PATH="$PATH:/usr/local/go/bin"
fi
go version
go mod download
