#!/usr/bin/env python3
"""Reference plans for VadStitcher parity with libri-light's data_preparation/cut_by_vad.py.

This is our own re-implementation of that script's cut_sequence() grouping rule (written from its
documented behaviour, not copied): each voice_activity segment [start, end] (seconds) becomes the slice
data[int(start * sr):int(end * sr)] (int() truncates toward zero, Python slice rules: negative indices
count from the end, bounds are clamped, hi < lo is empty); silences between segments are dropped; a
piece is closed before a segment when the accumulated *nominal* length (sum of end - start, in float
seconds) plus this segment's end - start exceeds target_len_sec and the piece is not empty (so a segment
longer than the target stands alone); the last piece is written if any segment was added; pieces are
numbered from 0 (file name suffix _NNNN).

It writes random cases (seeded) with the expected pieces as [lo, hi) sample runs of the source, and
checks each plan against the actual numpy slicing + hstack of an index array. The JSON is committed as
aubert-data/src/test/resources/vad/stitch_parity.json; VadStitcherParityTest compares Java to it.

usage: cut_by_vad_parity.py OUT.json [--cases 300] [--seed 1234]
"""
import argparse
import json
import random

import numpy as np


def reference_pieces(vad, n_samples, samplerate, target_len_sec):
    """Pieces as lists of (lo, hi) runs, with the same grouping as cut_by_vad.cut_sequence."""
    data = np.arange(n_samples, dtype=np.int64)
    pieces, to_stitch, runs, acc = [], [], [], 0.0
    for start, end in vad:
        start_index = int(start * samplerate)
        end_index = int(end * samplerate)
        piece_slice = data[start_index:end_index]
        r = range(n_samples)[start_index:end_index]
        if acc + (end - start) > target_len_sec and acc > 0:
            pieces.append((to_stitch, runs))
            to_stitch, runs, acc = [], [], 0
        to_stitch.append(piece_slice)
        runs.append([r.start, max(r.start, r.stop)])
        acc += end - start
    if to_stitch:
        pieces.append((to_stitch, runs))
    out = []
    for seq, runs in pieces:
        stitched = np.hstack(seq)
        expect = np.concatenate([np.arange(lo, hi, dtype=np.int64) for lo, hi in runs]) if runs else stitched
        assert np.array_equal(stitched, expect), (runs, stitched[:10])
        out.append(runs)
    return out


def random_vad(rng, duration):
    kind = rng.random()
    segs, t = [], rng.uniform(0, 2)
    while t < duration:
        if kind < 0.1:   # odd inputs the script still accepts: negative, reversed, past the end, empty
            a = rng.choice([rng.uniform(-3, duration + 3), t])
            b = rng.choice([a, a + rng.uniform(-2, 40), rng.uniform(-3, duration + 3)])
        else:            # realistic: ordered speech runs with pauses, some longer than the target
            a = t
            b = a + (rng.uniform(20, 80) if rng.random() < 0.05 else rng.uniform(0.05, 12))
        segs.append([round(a, rng.choice([2, 3, 6, 9])), round(b, rng.choice([2, 3, 6, 9]))])
        t = b + rng.uniform(0.0, 2.5)
    return segs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--cases", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1234)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    cases = []
    for _ in range(a.cases):
        sr = rng.choice([16000, 16000, 16000, 8000, 22050])
        duration = rng.uniform(0.5, 240)
        n = int(duration * sr) + rng.randint(-sr, sr)
        n = max(n, 1)
        target = rng.choice([30, 30, 60, 10, 5, 0.5, 17.3])
        vad = random_vad(rng, duration)
        cases.append({"sample_rate": sr, "samples": n, "target_len_sec": target, "voice_activity": vad,
                      "pieces": reference_pieces(vad, n, sr, target)})
    with open(a.out, "w") as f:
        json.dump({"generator": "tools/vad/cut_by_vad_parity.py", "seed": a.seed, "cases": cases}, f)
    print(f"{len(cases)} cases, {sum(len(c['pieces']) for c in cases)} pieces -> {a.out}")


if __name__ == "__main__":
    main()
