#!/usr/bin/env bash
# Matching and refinement throughput: the Java stages vs the original Python algorithms, on the same Master Key book and
# transcripts, in one run. CPU time per utterance on both sides (the machine may be shared).
# Usage: bench/match/run.sh [python-utterances (default 20)] [java-repeats (default 5)]
# Needs: a Python with python-Levenshtein (and tokenizers, optional), e.g. PYTHON=/tmp/venv-match/bin/python.
set -euo pipefail
cd "$(dirname "$0")/../.."
K=${1:-20}
REPS=${2:-5}
PY=${PYTHON:-/tmp/venv-match/bin/python}
R=aubert-data/src/test/resources/match
D=testdata/master_key
./mvnw -B -o -q -pl aubert-data -am compile >/dev/null
SLF4J=$(ls ~/.m2/repository/org/slf4j/slf4j-api/2.0.16/slf4j-api-2.0.16.jar)
JAVA_JSON=$(java -cp aubert-data/target/classes:$SLF4J bench/match/MatchBench.java \
  $D/master_key_librivox_64kb_mp3_text.txt $D/master_key.transcriptions.tsv $R/aligned_spans.tsv "$REPS" 2>/dev/null | tail -1)
PY_JSON=$("$PY" bench/match/original_baseline.py $D/master_key_librivox_64kb_mp3_text.txt $D/master_key.transcriptions.tsv \
  $R/matched_spans.tsv $R/aligned_spans.tsv "$K")
echo "java:   $JAVA_JSON"
echo "python: $PY_JSON"
python3 - "$JAVA_JSON" "$PY_JSON" <<'PYEOF'
import json, sys
j, p = json.loads(sys.argv[1]), json.loads(sys.argv[2])
java_match = j["match_ms_per_utt"] / 1000 + j["index_ms"] / 1000 / j["utterances"]  # book index amortised over its utterances
print(f"matching:   Java {java_match*1000:.2f} ms/utt (incl. index {j['index_ms']:.0f} ms / {j['utterances']} utts) vs original "
      f"{p['match_s_per_utt']*1000:.0f} ms/utt (first {p['match_utterances']} utts, {p['match_equal_to_original_output']} equal to "
      f"the original's output): {p['match_s_per_utt']/java_match:.0f}x; vs the 0.94 s/utt the original took: {0.94/java_match:.0f}x")
print(f"refinement: Java {j['refine_ms_per_utt']:.3f} ms/utt vs python-Levenshtein {p['refine_s_per_utt']*1000:.2f} ms/utt "
      f"({p['refine_spans']} spans): {p['refine_s_per_utt']*1000/j['refine_ms_per_utt']:.1f}x")
PYEOF
