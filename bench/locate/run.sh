#!/usr/bin/env bash
# Times `aubert locate` on the matched files of a demo run (run `./aubert demo` first), one configuration after the
# other, and prints each one's wall time as a ratio to the exact whole-book search measured in the same run, with the
# summary line (placements) of each. Usage: bench/locate/run.sh [demo-output-dir]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
demo="$(cd "${1:-$root/demo-output}" && pwd)"
[ -d "$demo/matched" ] && [ -d "$demo/cut" ] || { echo "no matched/ and cut/ under $demo: run ./aubert demo first" >&2; exit 1; }
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
base=""
printf '%-28s %8s %8s  %s\n' configuration seconds ratio summary
for cfg in "whole-book exact|--whole-book --beam 0" "whole-book beam 100|--whole-book --beam 100" \
           "whole-book beam 30|--whole-book --beam 30" "8 candidates|--candidates 8"; do
  name="${cfg%%|*}"
  args="${cfg#*|}"
  start=$(date +%s.%N)
  # shellcheck disable=SC2086
  line=$("$root/aubert" locate --input-dir "$demo/matched" --audio-root "$demo/cut" --model "$root/demo/models/ctc-tiny" \
      --output-dir "$tmp/$RANDOM" $args 2>/dev/null | tail -1)
  secs=$(echo "$(date +%s.%N) - $start" | bc)
  [ -z "$base" ] && base=$secs
  printf '%-28s %8.1f %7.2fx  %s\n' "$name" "$secs" "$(echo "$secs / $base" | bc -l)" "${line#locate: }"
done
