#!/usr/bin/env bash
# VAD cutting benchmark: builds the CLI jar if needed (via ./aubert), makes a held-out synthetic fixture when the
# tools are there (espeak-ng, festival, sox, flac, python3 + numpy), then runs CutBench on one thread.
# usage: [PYTHON=python-with-numpy] bench/cut/run.sh [FILES MINUTES]     (default 6 files x 5 minutes)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
"$root/aubert" --version >/dev/null
jar="$root/aubert-examples/target/aubert-examples-0.1.0-SNAPSHOT-all.jar"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
heldout=()
py="${PYTHON:-python3}"
if "$py" -c "import numpy" 2>/dev/null && command -v espeak-ng >/dev/null && command -v text2wave >/dev/null; then
  "$py" "$root/tools/vad/make_vad_fixture.py" "$work/heldout" --seed 11 --sentences-per-file 4 >/dev/null 2>&1 && heldout=("$work/heldout")
fi
java -Xmx4g -cp "$jar" "$root/bench/cut/CutBench.java" "$root/aubert-data/src/test/resources/vad/synthetic" "$work/tree" \
  "${1:-6}" "${2:-5}" "${heldout[@]}"
