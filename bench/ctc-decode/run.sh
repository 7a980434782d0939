#!/usr/bin/env bash
# CTC decoding benchmark: ARPA load time / heap / query speed of ArpaModel vs BerkeleyLM 1.1.2 on the same
# generated ~1.5 M n-gram file, and beam-20 decoding real-time factor per core with a >= 100k n-gram LM.
# Usage: bench/ctc-decode/run.sh [work dir]   (env MVN_ARGS, e.g. -Dmaven.repo.local=/tmp/m2, is passed to the Maven call that fetches BerkeleyLM)
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK=${1:-/tmp/ctc-decode-bench}
mkdir -p "$WORK/classes" "$WORK/lib"
export OPENBLAS_CORETYPE=Haswell
./mvnw -B -q -o -pl aubert-data -am compile
[ -f "$WORK/lib/berkeleylm-1.1.2.jar" ] || ./mvnw -B -q ${MVN_ARGS:-} dependency:copy \
    -Dartifact=edu.berkeley.nlp:berkeleylm:1.1.2 -DoutputDirectory="$WORK/lib"
SLF4J=$(find ~/.m2/repository/org/slf4j/slf4j-api -name 'slf4j-api-*.jar' | sort | tail -1)
CP="aubert-core/target/classes:aubert-data/target/classes:$SLF4J:$WORK/lib/berkeleylm-1.1.2.jar"
javac -q -d "$WORK/classes" -cp "$CP" bench/ctc-decode/CtcDecodeBench.java 2>/dev/null || javac -d "$WORK/classes" -cp "$CP" bench/ctc-decode/CtcDecodeBench.java
RUN="java -Xmx4g -XX:+UseParallelGC -cp $WORK/classes:$CP CtcDecodeBench"
BIG="$WORK/lm-1.5M.arpa"; SMALL="$WORK/lm-150k.arpa"
[ -f "$BIG" ] || $RUN gen "$BIG" 200000 900000 400000 1
[ -f "$SMALL" ] || $RUN gen "$SMALL" 20000 90000 40000 2
OUT="$WORK/results.txt"; : > "$OUT"
$RUN load ours "$BIG" | tee -a "$OUT"
$RUN load berkeley "$BIG" 2>/dev/null | tee -a "$OUT"
taskset -c 0 $RUN decode "$SMALL" 1200 3 | tee -a "$OUT" || $RUN decode "$SMALL" 1200 3 | tee -a "$OUT"
awk '{v[$1]=$2} END {
  printf "ratio load time berkeley/ours %.2f (wall), %.2f (loading thread CPU)\n", v["berkeley_load_s"]/v["ours_load_s"], v["berkeley_load_cpu_s"]/v["ours_load_cpu_s"];
  printf "ratio heap berkeley/ours %.2f\n", v["berkeley_heap_mb"]/v["ours_heap_mb"];
  printf "ratio query CPU time berkeley/ours %.2f\n", v["berkeley_query_ns"]/v["ours_query_ns"];
  printf "beam-20 RTF per core (thread CPU time) %s (target >= 500; wall-clock %s), greedy %s\n", v["beam_rtf"], v["beam_rtf_wall"], v["greedy_rtf"] }' "$OUT"
uptime
