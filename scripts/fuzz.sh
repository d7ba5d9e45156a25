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
    for attempt in 1 2; do
      if out=$(go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" "./$dir" 2>&1); then
        break
      fi
      # Go's fuzzer can end a time-bounded run with "context deadline
      # exceeded" and no failing input (a shutdown race, not a finding);
      # run such a target once more. A real finding names its input.
      if [ "$attempt" -eq 1 ] && grep -q "context deadline exceeded" <<<"$out" && ! grep -q "Failing input\|testdata/fuzz" <<<"$out"; then
        echo "retry fuzz $dir $target (fuzzer shutdown race)"
        continue
      fi
      echo "FAIL fuzz $dir $target"
      echo "$out" | tail -30
      failed=$((failed + 1))
      break
    done
  done
done
echo "fuzz: $count targets, $failed failed, $fuzztime each"
[ "$failed" -eq 0 ]
