#!/usr/bin/env bash
# Trains demo/models/ctc-tiny exactly as committed: a 1-layer HuBERT-style CTC model (ctc-tiny-config.json) trained from
# scratch by `aubert train-ctc` on the demo corpus's training split (split.json "train") cut into 8-word chunks at the
# true word timings, in the stages it was run in (each stage resumes the last and sets a new cosine schedule, so the
# stages matter; evaluation frequency does not), then copies the final checkpoint (last/) into place. Not best/:
# best/ is the lowest held-out CTC loss, reached early, while held-out CER keeps falling as the loss grows from
# over-confidence. Shorter chunks train faster but do not carry over to long audio: with 3-word (about 1 s) chunks
# every frame is within the 1.3 s positional convolution's reach of an edge, and the model fails on 6-30 s pieces.
# About 1 s per step on 2 cores; deterministic on CPU (seed 0).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
run="${1:-/tmp/ctc-tiny-run}"
stages="${CTC_TINY_STAGES:-1200:300 2200:500}"
resume=""
for stage in $stages; do
  AUBERT_JAVA_OPTS="${AUBERT_JAVA_OPTS:--Xmx6g}" "$root/aubert" train-ctc --corpus "$root/demo/corpus" --segments CHUNKS --chunk-words 8 \
    --config "$root/tools/demo-models/ctc-tiny-config.json" --lr 1e-3 --warmup-steps 100 --batch-size 8 \
    --max-steps "${stage%%:*}" --eval-every "${stage##*:}" --seed 0 --output "$run" $resume
  resume="--resume"
done
rm -rf "$root/demo/models/ctc-tiny.tmp"
mkdir "$root/demo/models/ctc-tiny.tmp"
# the model and its tokenizer / feature-extractor files; not the optimizer state (resume from the run folder instead)
cp "$run"/last/{config.json,model.safetensors,preprocessor_config.json,special_tokens_map.json,tokenizer_config.json,vocab.json} \
  "$root/demo/models/ctc-tiny.tmp/"
rm -rf "$root/demo/models/ctc-tiny"
mv "$root/demo/models/ctc-tiny.tmp" "$root/demo/models/ctc-tiny"
echo "demo/models/ctc-tiny <- $run/last (model card: demo/models/ctc-tiny/README.md; figures from $run/metrics.jsonl)"
