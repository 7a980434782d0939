#!/usr/bin/env bash
# Trains demo/models/ctc-tiny exactly as committed: a 2-layer HuBERT-style CTC model (ctc-tiny-config.json) trained from
# scratch by `aubert train-ctc` on the demo corpus's training split (split.json "train"), then copies the final
# checkpoint (last/) into place. Training items are random spans of 3-12 words redrawn every epoch from the true word
# timings, at a random speed of 0.85-1.15 and with white noise on half of them (--segments SPANS). Fixed chunks cut once
# were memorised: an earlier model reached a training loss of 0.07 per character on its 285 chunks yet decoded whole
# training recordings as badly as held-out ones (CER 0.68). Not best/: best/ is the lowest held-out CTC loss, while
# held-out CER can keep falling as the loss grows from over-confidence. About 2 s per step on 2 cores, 9-13 GB peak RSS;
# deterministic on CPU (seed 0).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
run="${1:-/tmp/ctc-tiny-run}"
# ND4J frees native buffers only at GC: a 3 GB heap, a 9 GB cap on native memory (javacpp collects garbage when it is
# reached), two malloc arenas and a 256 MB trim threshold keep the run under about 13 GB resident (the launcher's
# defaults for long BERT runs let this one grow past 24 GB).
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-268435456}"
# One OpenMP thread: ND4J's default (one per core) spends more time synchronising than computing on a model this
# small, and two such processes side by side slow each other several-fold.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
opts="${AUBERT_JAVA_OPTS:--Xmx3g -Dorg.bytedeco.javacpp.maxphysicalbytes=9g}"
# Two legs, as the committed model was made: 1800 steps (cosine decay to 0 at 1800), then resumed with the schedule
# stretched to 2700 steps (the trainer keeps the peak rate and warm-up and recomputes the cosine, so the rate steps
# back up to 2.7e-4 at step 1800 and decays to 0 at 2700). An existing run folder skips the first leg
# and resumes the second where it stopped.
# The committed model's first leg ran with ND4J's default threads (2), its second with one: a rerun may differ in
# the last digits, since thread count changes the order of floating-point sums.
train() {
  AUBERT_JAVA_OPTS="$opts" "$root/aubert" train-ctc --corpus "$root/demo/corpus" --segments SPANS --span-words 3:12 \
    --config "$root/tools/demo-models/ctc-tiny-config.json" --lr 1e-3 --warmup-steps 100 --batch-size 8 \
    --eval-every 300 --seed 0 --output "$run" "$@"
}
[ -d "$run/last" ] || train --max-steps 1800
train --max-steps 2700 --resume
rm -rf "$root/demo/models/ctc-tiny.tmp"
mkdir "$root/demo/models/ctc-tiny.tmp"
# the model and its tokenizer / feature-extractor files; not the optimizer state (resume from the run folder instead)
cp "$run"/last/{config.json,model.safetensors,preprocessor_config.json,special_tokens_map.json,tokenizer_config.json,vocab.json} \
  "$root/demo/models/ctc-tiny.tmp/"
rm -rf "$root/demo/models/ctc-tiny"
mv "$root/demo/models/ctc-tiny.tmp" "$root/demo/models/ctc-tiny"
echo "demo/models/ctc-tiny <- $run/last (model card: demo/models/ctc-tiny/README.md; figures from $run/metrics.jsonl)"
