#!/usr/bin/env python3
"""Makes the EnergyVad fixture: short synthetic-speech FLAC files with pink noise and their true speech spans.

Each file: a few sentences from one voice (espeak-ng or festival), 0.3-1.5 s silences between sentences and
0.3-1.0 s at each end, 16 kHz mono 16-bit; speech scaled to -20 dBFS RMS (over the speech spans), plus pink
noise (1/f power, seeded) at -45 dBFS RMS over the whole file.

True spans: each sentence is synthesized on its own and converted to 16 kHz; its span is from the first to
the last 10 ms frame of the *clean, scaled* sentence whose RMS is above -50 dBFS (5 dB under the noise RMS;
weaker tails are buried in the noise and no detector can see them). Spans are in seconds, [start, end).

Needs: espeak-ng, festival (+ festvox-kallpc16k, festvox-us-slt-hts), sox, flac, numpy.
usage: make_vad_fixture.py OUT_DIR [--seed 7]   (writes OUT_DIR/<id>.flac and OUT_DIR/spans.json)
"""
import argparse
import json
import os
import random
import subprocess
import tempfile
import wave

import numpy as np

SR = 16000
SPEECH_DBFS = -20.0
NOISE_DBFS = -45.0
TRUTH_DBFS = -50.0

SENTENCES = [
    "The old lighthouse keeper climbed the stairs every evening before the sun went down.",
    "Nobody in the village remembered who had planted the crooked pear tree by the well.",
    "She folded the letter twice and hid it beneath a loose board in the kitchen floor.",
    "A cold wind came off the marsh and rattled the shutters until morning.",
    "The children counted the boats in the harbour and argued about the largest one.",
    "He had walked nine miles through the rain to deliver a single word.",
    "Most of the books on the upper shelf were written in a language nobody could read.",
    "When the bell finally rang, the whole market fell silent for a moment.",
    "The baker's daughter knew every road between the river and the hills.",
    "They waited at the station long after the last train had gone.",
    "Every winter the pond froze solid and the whole town came out to skate.",
    "The doctor listened carefully and then wrote something small in his notebook.",
]

VOICES = [
    ("espeak_us", ["espeak-ng", "-v", "en-us", "-s", "165", "-p", "45"]),
    ("espeak_rp_f1", ["espeak-ng", "-v", "en-gb-x-rp+f1", "-s", "150", "-p", "70"]),
    ("festival_kal", ["festival", "voice_kal_diphone"]),
    ("festival_slt", ["festival", "voice_cmu_us_slt_arctic_hts"]),
]


def synth(cmd, text, tmp):
    raw = os.path.join(tmp, "raw.wav")
    out = os.path.join(tmp, "s16k.f32")
    if cmd[0] == "espeak-ng":
        subprocess.run(cmd + ["-w", raw, text], check=True)
    else:
        txt = os.path.join(tmp, "t.txt")
        with open(txt, "w") as f:
            f.write(text + "\n")
        subprocess.run(["text2wave", "-eval", f"({cmd[1]})", txt, "-o", raw], check=True, capture_output=True)
    # raw float32 output: no dither, so the result is deterministic
    subprocess.run(["sox", "-D", "-v", "0.5", raw, "-r", str(SR), "-c", "1", "-t", "f32", out], check=True)
    return np.fromfile(out, dtype=np.float32).astype(np.float64)


def frame_rms_db(x, hop=160):
    n = len(x) // hop
    f = x[: n * hop].reshape(n, hop)
    return 10 * np.log10(np.mean(f * f, axis=1) + 1e-20)


def pink_noise(n, rng):
    white = rng.standard_normal(n)
    spec = np.fft.rfft(white)
    f = np.arange(len(spec), dtype=np.float64)
    f[0] = 1.0
    spec /= np.sqrt(f)
    spec[0] = 0.0
    p = np.fft.irfft(spec, n)
    return p / np.sqrt(np.mean(p * p)) * 10 ** (NOISE_DBFS / 20)


def make_file(name, cmd, sentences, rng, nprng, out_dir, tmp):
    clips = []
    for s in sentences:
        x = synth(cmd, s, tmp)
        nz = np.nonzero(np.abs(x) > 1e-4 * np.max(np.abs(x)))[0]
        clips.append(x[nz[0]: nz[-1] + 1])
    gain = 10 ** (SPEECH_DBFS / 20) / np.sqrt(np.mean(np.concatenate(clips) ** 2))
    parts, spans, t = [], [], 0
    lead = int(rng.uniform(0.3, 1.0) * SR)
    parts.append(np.zeros(lead))
    t = lead
    for k, c in enumerate(clips):
        c = c * gain
        db = frame_rms_db(c)
        loud = np.nonzero(db > TRUTH_DBFS)[0]
        spans.append([(t + loud[0] * 160) / SR, (t + (loud[-1] + 1) * 160) / SR])
        parts.append(c)
        t += len(c)
        gap = int((rng.uniform(0.3, 1.5) if k + 1 < len(clips) else rng.uniform(0.3, 1.0)) * SR)
        parts.append(np.zeros(gap))
        t += gap
    clean = np.concatenate(parts)
    mix = clean + pink_noise(len(clean), nprng)
    pcm = np.clip(np.round(mix * 32768), -32768, 32767).astype(np.int16)
    wav = os.path.join(tmp, name + ".wav")
    with wave.open(wav, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SR)
        w.writeframes(pcm.tobytes())
    subprocess.run(["flac", "-s", "-f", "--best", "-o", os.path.join(out_dir, name + ".flac"), wav], check=True)
    return {"voice": " ".join(cmd), "sample_rate": SR, "duration_s": len(pcm) / SR, "speech": spans,
            "sentences": sentences}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out_dir")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--sentences-per-file", type=int, default=2)
    a = ap.parse_args()
    os.makedirs(a.out_dir, exist_ok=True)
    rng = random.Random(a.seed)
    nprng = np.random.default_rng(a.seed)
    order = SENTENCES[:]
    rng.shuffle(order)
    truth = {}
    with tempfile.TemporaryDirectory() as tmp:
        for i, (name, cmd) in enumerate(VOICES):
            k = a.sentences_per_file
            sents = [order[(i * k + j) % len(order)] for j in range(k)]
            truth[name] = make_file(name, cmd, sents, rng, nprng, a.out_dir, tmp)
    with open(os.path.join(a.out_dir, "spans.json"), "w") as f:
        json.dump({"generator": "tools/vad/make_vad_fixture.py", "seed": a.seed, "speech_dbfs": SPEECH_DBFS,
                   "noise_dbfs": NOISE_DBFS, "truth_threshold_dbfs": TRUTH_DBFS, "files": truth}, f, indent=1)
    print(json.dumps({k: round(v["duration_s"], 2) for k, v in truth.items()}))


if __name__ == "__main__":
    main()
