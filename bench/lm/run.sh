#!/usr/bin/env bash
# build-lm speed: demo book 3-gram (cold and warm JVM) and a 50 MB synthetic text, vs 1-gram counting as baseline.
# Usage: bench/lm/run.sh [MB]   (builds aubert-data's classes if needed; no Maven install)
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -d aubert-data/target/classes/org/aubert/data/lm ] || [ ! -d aubert-core/target/classes/org/aubert/core/io ]; then
  ./mvnw -B -o -q -pl aubert-data -am compile
fi
m2=~/.m2/repository/org/slf4j
cp="aubert-data/target/classes:aubert-core/target/classes:$(find $m2/slf4j-api -name 'slf4j-api-2*.jar' | head -1):$(find $m2/slf4j-simple -name 'slf4j-simple-2*.jar' | head -1)"
# Phase times (read / estimate / write) come from LmBuilder's debug log.
exec java ${JAVA_OPTS:-} -Xmx6g -Dorg.slf4j.simpleLogger.log.org.aubert.data.lm=debug -cp "$cp" bench/lm/LmBench.java "$@"
