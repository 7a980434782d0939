#!/usr/bin/env bash
# Forced-alignment speed given emissions: banded (default) vs exact Viterbi, 10/30/120/600 s of audio, one thread.
# Usage: bench/align/run.sh [seconds ...]   (builds aubert-data's classes if needed; no Maven install)
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -d aubert-data/target/classes/org/aubert/data/align ]; then
  ./mvnw -B -o -q -pl aubert-data -am compile
fi
exec java ${JAVA_OPTS:-} -Xmx3g -XX:ActiveProcessorCount=1 -cp aubert-data/target/classes bench/align/AlignBench.java "$@"
