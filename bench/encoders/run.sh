#!/usr/bin/env bash
# Encoders: SameDiff (fp32) vs PyTorch CPU, same shapes, same thread count, back to back. Not a test.
#
#   bench/encoders/run.sh [CASE ...]        CASE: bert-fwd bert-fwdbwd hubert-fwd (default: all three)
#
# Environment:
#   THREADS=2          threads for both sides (torch.set_num_threads, libnd4j max threads, OMP/OpenBLAS)
#   WARMUP=1 ITERS=3   warm-up and timed iterations per case (median reported)
#   VARIANTS="tuned"   SameDiff variants to run, any of:
#                        plain  no tuning at all
#                        tuned  glibc malloc kept from returning/re-faulting memory (the ./aubert launcher's
#                               MALLOC_* settings) + System.gc() after every iteration
#                        gc     System.gc() after every iteration only
#                        malloc the MALLOC_* settings only
#   TORCH=0            skip the PyTorch runs (when re-measuring SameDiff variants only)
#   BENCH_JAVA_OPTS    JVM options of the SameDiff processes (default -Xmx4g)
#   PROFILE=1          adds per-op-type wall time to the SameDiff JSON (tuned variant)
#   PYTHON=/tmp/venv-bench/bin/python   a Python with torch + transformers
#                        (python3.11 -m venv /tmp/venv-bench && /tmp/venv-bench/bin/pip install torch transformers numpy)
#
# Prints every process's RESULT line, then a table: median wall ms per iteration, median process CPU ms per
# iteration (all threads; less sensitive than wall time to other processes on a shared machine), peak RSS
# (VmHWM) in MB, torch_ms / samediff_ms (>= 1 means SameDiff is as fast) and samediff_rss / torch_rss.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

THREADS="${THREADS:-2}"
WARMUP="${WARMUP:-1}"
ITERS="${ITERS:-3}"
VARIANTS="${VARIANTS:-tuned}"
PYTHON="${PYTHON:-/tmp/venv-bench/bin/python}"
JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx4g}"
cases=("$@")
[ ${#cases[@]} -eq 0 ] && cases=(bert-fwd bert-fwdbwd hubert-fwd)

export OPENBLAS_CORETYPE="${OPENBLAS_CORETYPE:-Haswell}"
export OMP_NUM_THREADS="$THREADS" OPENBLAS_NUM_THREADS="$THREADS" MKL_NUM_THREADS="$THREADS"

out="$here/target"
mkdir -p "$out/classes"
results="$out/results-$(date -u +%Y%m%dT%H%M%SZ).jsonl"

# Build aubert-core and aubert-nn (compile only), then the bench main against their classes and dependency jars.
./mvnw -B -o -q -pl aubert-nn -am compile
cp_file="$out/classpath.txt"
if [ ! -s "$cp_file" ] || [ pom.xml -nt "$cp_file" ] || [ aubert-nn/pom.xml -nt "$cp_file" ]; then
  # The compiler plugin's debug output lists the resolved classpath (the dependency plugin is not available offline).
  ./mvnw -B -o -X -pl aubert-nn -am compiler:compile 2>&1 \
    | awk '/\[DEBUG\] Classpath:/{f=1;next} f&&/\[DEBUG\]  /{print $2;next} f{f=0}' \
    | grep '\.jar$' | grep -v '/org/aubert/' | sort -u | paste -sd: > "$cp_file"
fi
cp="$root/aubert-core/target/classes:$root/aubert-nn/target/classes:$(cat "$cp_file")"
javac -nowarn -d "$out/classes" -cp "$cp" "$here"/src/org/aubert/bench/*.java
cp="$out/classes:$cp"

run_samediff() {  # case variant
  local kase="$1" variant="$2" flags=() envs=()
  case "$variant" in
    plain) ;;
    gc) flags+=(--gc) ;;
    malloc) envs+=(MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=8589934592 MALLOC_TOP_PAD_=268435456) ;;
    tuned) flags+=(--gc); envs+=(MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=8589934592 MALLOC_TOP_PAD_=268435456) ;;
    *) echo "unknown variant $variant" >&2; exit 2 ;;
  esac
  [ "${PROFILE:-0}" = 1 ] && [ "$variant" = tuned ] && flags+=(--profile)
  env ${envs[@]+"${envs[@]}"} java $JAVA_OPTS -Dbench.dir="$here" -cp "$cp" org.aubert.bench.EncoderBench \
    "$kase" "$WARMUP" "$ITERS" "$THREADS" ${flags[@]+"${flags[@]}"} 2> >(sed "s/^/  [samediff $variant] /" >&2) \
    | grep '^RESULT ' | sed "s/^RESULT {/{\"variant\": \"$variant\", /" | tee -a "$results"
}

run_torch() {  # case
  "$PYTHON" "$here/torch_bench.py" "$1" "$WARMUP" "$ITERS" "$THREADS" 2> >(sed 's/^/  [torch] /' >&2) \
    | grep '^RESULT ' | sed 's/^RESULT {/{"variant": "torch", /' | tee -a "$results"
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); threads $THREADS, warm-up $WARMUP, timed $ITERS" >&2
for kase in "${cases[@]}"; do
  [ "${TORCH:-1}" = 1 ] && run_torch "$kase"
  for v in $VARIANTS; do run_samediff "$kase" "$v"; done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

"$PYTHON" - "$results" <<'EOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
torch = {r["case"]: r for r in rows if r["impl"] == "torch"}
print(f"\n{'case':<12} {'variant':<8} {'torch ms':>9} {'SD ms':>9} {'torch/SD':>9} {'torch cpu':>10} {'SD cpu':>9} {'cpu ratio':>9} {'torch MB':>9} {'SD MB':>7} {'SD/torch RSS':>13}")
for r in rows:
    if r["impl"] != "samediff":
        continue
    t = torch.get(r["case"])
    if t is None:
        continue
    tc, sc = t.get("median_cpu_ms"), r.get("median_cpu_ms")
    cpu = f"{tc:>10.0f} {sc:>9.0f} {tc / sc:>9.2f}" if tc and sc else f"{'-':>10} {'-':>9} {'-':>9}"
    print(f"{r['case']:<12} {r['variant']:<8} {t['median_ms']:>9.0f} {r['median_ms']:>9.0f} "
          f"{t['median_ms'] / r['median_ms']:>9.2f} {cpu} {t['vmhwm_mb']:>9} {r['vmhwm_mb']:>7} {r['vmhwm_mb'] / t['vmhwm_mb']:>13.2f}")
    if "op_ms_per_iter" in r:
        ops = r["op_ms_per_iter"]
        total = sum(v[0] for v in ops.values())
        top = sorted(ops.items(), key=lambda kv: -kv[1][0])[:12]
        print(f"    per-op wall time per iteration (sum {total:.0f} ms of {r['median_ms']:.0f}): "
              + ", ".join(f"{k} {v[0]:.0f} ({v[1]}x)" for k, v in top))
print(f"\nresults: {sys.argv[1]}")
EOF
