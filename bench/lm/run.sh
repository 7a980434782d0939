#!/usr/bin/env bash
# build-lm speed: demo book 3-gram (cold and warm JVM) and a 50 MB synthetic text, vs 1-gram counting as baseline.
# Usage: bench/lm/run.sh [MB]   (builds aubert-data's classes if needed; no Maven install)
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -d aubert-data/target/classes/org/aubert/data/lm ] || [ ! -d aubert-core/target/classes/org/aubert/core/io ]; then
  ./mvnw -B -o -q -pl aubert-data -am compile
fi
cp="aubert-data/target/classes:aubert-core/target/classes:$(find ~/.m2/repository/org/slf4j/slf4j-api -name 'slf4j-api-2*.jar' | head -1)"
exec java ${JAVA_OPTS:-} -Xmx6g -cp "$cp" bench/lm/LmBench.java "$@"
