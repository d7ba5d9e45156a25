#!/usr/bin/env bash
# Runs every Go fuzz target for FUZZTIME each (default 30s; CI uses less).
# go test -fuzz takes one target per run, so this loops over them.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime="${FUZZTIME:-30s}"
failed=0
count=0
for dir in $(grep -rl --include='*_test.go' '^func Fuzz' internal | xargs -n1 dirname | sort -u); do
  for target in $(grep -h '^func Fuzz' "$dir"/*_test.go | sed -E 's/^func (Fuzz[A-Za-z0-9_]*).*/\1/'); do
    count=$((count + 1))
    if ! out=$(go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" "./$dir" 2>&1); then
      echo "FAIL fuzz $dir $target"
      echo "$out" | tail -30
      failed=$((failed + 1))
    fi
  done
done
echo "fuzz: $count targets, $failed failed, $fuzztime each"
[ "$failed" -eq 0 ]
