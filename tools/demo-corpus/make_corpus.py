#!/usr/bin/env python3
"""Deterministic generator of the AuBERT demo corpus (synthetic audiobook readings with exact word times).

Reads passages of consecutive sentences of The Master Key with several synthetic voices (festival voices and
espeak-ng variants), takes every word's time from the synthesizer itself (festival's Word relation, espeak-ng's
WORD events through its library), places the sentences with realistic pauses, adds faint pink noise and writes
a libri-light style corpus plus its ground truth. Python 3 standard library + numpy; calls festival, sox and
flac, and loads libespeak-ng.so.1 with ctypes.

    python3 tools/demo-corpus/make_corpus.py --out demo/corpus
    python3 tools/demo-corpus/make_corpus.py --measure-lag      # per-voice label-vs-energy check, writes nothing

See tools/demo-corpus/README.md.
"""
import argparse
import bisect
import ctypes
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import wave

import numpy as np

SR = 16000
BOOK_ID = "740"
BOOK_NAME = "master_key_librivox_64kb_mp3_text.txt"
BOOK_URL = "http://www.gutenberg.org/etext/436"
DEFAULT_BOOK = "/work/shared/data/" + BOOK_NAME

# Voices. lag_ms: how far the waveform lags the synthesizer's own time labels; measured with --measure-lag
# (median energy onset minus labelled start of words that follow a pause) and rounded to the millisecond.
VOICES = [
    {"speaker": "9001", "engine": "festival", "voice": "kal_diphone", "stretch": 1.05, "lag_ms": 12},
    {"speaker": "9002", "engine": "festival", "voice": "ked_diphone", "stretch": 1.0, "lag_ms": 10},
    {"speaker": "9003", "engine": "festival", "voice": "cmu_us_slt_arctic_hts", "stretch": 1.0, "lag_ms": 20},
    {"speaker": "9004", "engine": "espeak-ng", "voice": "en-us+m3", "rate": 160, "pitch": 40, "lag_ms": 12},
    {"speaker": "9005", "engine": "espeak-ng", "voice": "en-gb-x-rp+f2", "rate": 150, "pitch": 60, "lag_ms": 12},
    {"speaker": "9006", "engine": "espeak-ng", "voice": "en-us+f4", "rate": 175, "pitch": 55, "lag_ms": 11},
]
HELD_OUT_VOICES = ["9006"]

WORD_RE = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*")
ABBREV_RE = re.compile(r"\b(?:Mr|Mrs|Dr|St|Jr|Sr|Messrs|etc)\.")
ALLOWED_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ ,.;:!?'\"-()")


# ---------------------------------------------------------------------------------------------------------------
# Text: sentences, words, passages


def story_region(text):
    start = text.index("When Rob became interested")
    end = text.index("End of the Project Gutenberg")
    return start, end


def split_sentences(text, start, end):
    """Sentence spans [s, e) inside text[start:end]: a sentence ends at . ! ? (plus closing quotes) followed by a
    space and an upper-case letter or an opening quote, except after a known abbreviation."""
    spans = []
    s = start
    for m in re.finditer(r"[.!?]['\"]*(?= ['\"]*[A-Z])", text[start:end]):
        e = start + m.end()
        if ABBREV_RE.search(text[max(s, e - 8):e]):
            continue
        spans.append((s, e))
        s = e + 1
    return spans


def sentence_words(text, s, e):
    """Words of a sentence: maximal runs of letters with inner apostrophes, as (char_start, char_end) in text."""
    return [(s + m.start(), s + m.end()) for m in WORD_RE.finditer(text[s:e])]


def usable(text, s, e):
    t = text[s:e]
    if not set(t) <= ALLOWED_CHARS or ABBREV_RE.search(t):
        return False
    words = WORD_RE.findall(t)
    if not 3 <= len(words) <= 45:
        return False
    # all-capital words of two or more letters may be read letter by letter
    return not any(len(w) > 1 and w.isupper() for w in words)


def pause_after(text, e, words, i):
    """The pausing punctuation after word i of a sentence ending at e: one of . ! ? ; : , (dashes and parentheses
    count as commas), or "" for a plain word gap."""
    gap = text[words[i][1]:words[i + 1][0]] if i + 1 < len(words) else text[words[i][1]:e]
    for c in ".!?;:,":
        if c in gap:
            return c
    return "," if "--" in gap or "(" in gap or ")" in gap else ""


def synth_text(text, s, e, words, zwsp):
    """The text given to the synthesizer: exactly one whitespace token per word, with the sentence's punctuation
    kept where it makes a pause (dashes and parentheses become commas, hyphens spaces, quotes are dropped).
    Returns the string and each word's offset in it. With zwsp, plain word gaps are "\u200b " so that
    espeak-ng does not fuse frequent word pairs into one WORD event."""
    parts, offsets, pos = [], [], 0
    for i, (cs, ce) in enumerate(words):
        offsets.append(pos)
        w = text[cs:ce]
        punct = pause_after(text, e, words, i)
        if i + 1 == len(words):
            sep = punct if punct in (".", "!", "?") else "."
        elif punct in (".", "!", "?"):
            sep = punct + " "  # a sentence-internal stop, e.g. after a quoted question
        elif punct:
            sep = punct + " "
        else:
            sep = "\u200b " if zwsp else " "
        parts.append(w + sep)
        pos += len(w) + len(sep)
    return "".join(parts), offsets


def choose_passages(text, sentences, n_passages, rng, min_words, max_words):
    """n_passages runs of consecutive usable sentences, one per equal block of the story, in book order."""
    ok = [usable(text, s, e) for s, e in sentences]
    block = len(sentences) // n_passages
    passages = []
    for p in range(n_passages):
        lo, hi = p * block, (p + 1) * block
        starts = list(range(lo, hi))
        rng.shuffle(starts)
        target = int(rng.integers(min_words, max_words + 1))
        for st in starts:
            run, n = [], 0
            k = st
            while k < hi and ok[k] and n < target:
                run.append(k)
                n += len(sentence_words(text, *sentences[k]))
                k += 1
            if target <= n <= max_words + 30 and len(run) >= 2:
                passages.append(run)
                break
        else:
            raise SystemExit("no passage of %d words found in block %d" % (target, p))
    return passages


# ---------------------------------------------------------------------------------------------------------------
# Synthesis


class SynthError(Exception):
    pass


def to_float_16k(samples_int16, rate):
    """int16 samples at rate -> float64 at 16 kHz in [-1, 1). sox's linear-phase resampler adds no delay; the output
    is float so sox applies no (random) dither."""
    if rate == SR:
        return samples_int16.astype(np.float64) / 32768.0
    p = subprocess.run(
        ["sox", "-v", "0.5", "-t", "raw", "-r", str(rate), "-e", "signed", "-b", "16", "-c", "1", "-",
         "-t", "raw", "-r", str(SR), "-e", "floating-point", "-b", "32", "-c", "1", "-"],
        input=samples_int16.astype("<i2").tobytes(), stdout=subprocess.PIPE, check=True)
    return np.frombuffer(p.stdout, dtype="<f4").astype(np.float64) * 2.0


def read_wav_int16(path):
    with wave.open(path, "rb") as w:
        if w.getnchannels() != 1 or w.getsampwidth() != 2:
            raise SynthError("%s: expected mono 16-bit" % path)
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2"), w.getframerate()


FESTIVAL_DUMP = """
(define (dump-utt utt)
  (let ((tok (utt.relation.first utt 'Token)))
    (while tok
      (format t "T")
      (mapcar (lambda (w)
                (if (string-matches (item.name w) ".*[A-Za-z0-9].*")
                  (format t " %s %s" (item.feat w "R:Word.R:SylStructure.daughter1.daughter1.R:Segment.p.end")
                                      (item.feat w "R:Word.R:SylStructure.daughtern.daughtern.R:Segment.end"))))
              (item.daughters tok))
      (format t "\\n")
      (set! tok (item.next tok)))))
"""


def festival_synth(voice, items, tmp):
    """items: list of (key, synth_text, n_words). Returns {key: (wave16k, [(start_s, end_s)] per word)}."""
    scm = ["(voice_%s)" % voice["voice"], "(Parameter.set 'Duration_Stretch %s)" % voice.get("stretch", 1.0),
           FESTIVAL_DUMP]
    for i, (key, st, _) in enumerate(items):
        if '"' in st or "\\" in st:
            raise SynthError("unexpected quote in " + st)
        wav = os.path.join(tmp, "f%05d.wav" % i)
        scm.append('(set! utt (utt.synth (eval (list \'Utterance \'Text "%s"))))' % st)
        scm.append('(utt.save.wave utt "%s" \'riff)' % wav)
        scm.append('(format t "UTT %d\\n")' % i)
        scm.append("(dump-utt utt)")
    path = os.path.join(tmp, "batch.scm")
    with open(path, "w") as f:
        f.write("\n".join(scm) + "\n")
    out = subprocess.run(["festival", "-b", path], stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True,
                         text=True).stdout
    tokens = {}
    cur = None
    for line in out.splitlines():
        if line.startswith("UTT "):
            cur = int(line[4:])
            tokens[cur] = []
        elif line.startswith("T") and cur is not None:
            v = line[1:].split()
            # words without segments (festival splits "Rob's" into "Rob" + "'s" and gives the /z/ to "Rob") have
            # zero times: leave them out
            tokens[cur].append([(float(v[j]), float(v[j + 1])) for j in range(0, len(v), 2)
                                if float(v[j + 1]) > float(v[j])])
    res = {}
    for i, (key, st, n) in enumerate(items):
        toks = tokens.get(i)
        if toks is None or len(toks) != n or any(not t for t in toks):
            raise SynthError("%s: festival gave %s tokens for %d words: %s" % (
                voice["voice"], None if toks is None else len(toks), n, st))
        samples, rate = read_wav_int16(os.path.join(tmp, "f%05d.wav" % i))
        res[key] = (to_float_16k(samples, rate), [(t[0][0], t[-1][1]) for t in toks])
    return res


class _EspeakId(ctypes.Union):
    _fields_ = [("number", ctypes.c_int), ("name", ctypes.c_char_p), ("string", ctypes.c_char * 8)]


class _EspeakEvent(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("unique_identifier", ctypes.c_uint), ("text_position", ctypes.c_int),
                ("length", ctypes.c_int), ("audio_position", ctypes.c_int), ("sample", ctypes.c_int),
                ("user_data", ctypes.c_void_p), ("id", _EspeakId)]


_ESPEAK_CB = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int,
                              ctypes.POINTER(_EspeakEvent))
EV_WORD, EV_PHONEME = 1, 7


class Espeak:
    """libespeak-ng in synchronous mode with phoneme events: samples plus WORD/PHONEME events with sample indices."""

    def __init__(self):
        self.lib = ctypes.CDLL("libespeak-ng.so.1")
        self.rate = self.lib.espeak_Initialize(2, 0, None, 1)  # AUDIO_OUTPUT_SYNCHRONOUS, phoneme events
        if self.rate <= 0:
            raise SynthError("espeak_Initialize failed")
        self.chunks, self.events = [], []
        self._cb = _ESPEAK_CB(self._callback)
        self.lib.espeak_SetSynthCallback(self._cb)

    def _callback(self, wav, n, ev):
        if n > 0:
            self.chunks.append(np.ctypeslib.as_array(wav, shape=(n,)).copy())
        i = 0
        while ev[i].type != 0:
            e = ev[i]
            name = e.id.string.decode("latin-1") if e.type == EV_PHONEME else ""
            self.events.append((e.type, e.text_position, e.length, e.sample, name))
            i += 1
        return 0

    def set_voice(self, name, rate, pitch):
        if self.lib.espeak_SetVoiceByName(name.encode()) != 0:
            raise SynthError("espeak-ng has no voice " + name)
        self.lib.espeak_SetParameter(1, rate, 0)   # espeakRATE
        self.lib.espeak_SetParameter(3, pitch, 0)  # espeakPITCH

    def synth(self, text):
        self.chunks, self.events = [], []
        b = text.encode("utf-8") + b"\0"
        # position 0, POS_CHARACTER, no end, espeakCHARS_UTF8
        if self.lib.espeak_Synth(ctypes.c_char_p(b), ctypes.c_size_t(len(b)), 0, 1, 0, 1, None, None) != 0:
            raise SynthError("espeak_Synth failed")
        self.lib.espeak_Synchronize()
        samples = np.concatenate(self.chunks) if self.chunks else np.zeros(0, np.int16)
        return samples, list(self.events)


def espeak_synth(engine, voice, items):
    engine.set_voice(voice["voice"], voice["rate"], voice["pitch"])
    res = {}
    for key, st, offsets in items:
        samples, events = engine.synth(st)
        n = len(offsets)
        starts = [None] * n
        word_events = []  # (sample, word index)
        for typ, pos, length, sample, _ in events:
            if typ != EV_WORD or length == 0:
                continue
            wi = bisect.bisect_right(offsets, pos - 1) - 1  # text_position is 1-based, in characters
            word_events.append((sample, wi))
            if wi >= 0 and starts[wi] is None:
                starts[wi] = sample
        if any(s is None for s in starts):
            raise SynthError("%s: no WORD event for word %d in %r" % (voice["voice"], starts.index(None), st))
        pauses = sorted(sample for typ, _, _, sample, name in events if typ == EV_PHONEME and name.startswith("_"))
        total = len(samples)
        spans = []
        for i in range(n):
            later = [s for s, wi in word_events if wi > i and s > starts[i]]
            end = min(later) if later else total
            k = bisect.bisect_right(pauses, starts[i])
            if k < len(pauses) and pauses[k] < end:
                end = pauses[k]
            spans.append((starts[i] / engine.rate, end / engine.rate))
        res[key] = (to_float_16k(samples, engine.rate), spans)
    return res


def synthesize(voice, items, tmp, espeak_engine):
    """items: list of (key, text, s, e, words). Returns {key: (wave16k, [(start_s, end_s)])} with lag applied."""
    if voice["engine"] == "festival":
        res = festival_synth(voice, [(k, synth_text(t, s, e, w, False)[0], len(w)) for k, t, s, e, w in items], tmp)
    else:
        res = espeak_synth(espeak_engine, voice, [(k,) + synth_text(t, s, e, w, True) for k, t, s, e, w in items])
    for k, (wav, spans) in res.items():
        for i, (a, b) in enumerate(spans):
            if not (b > a and (i == 0 or a >= spans[i - 1][1] - 1e-6) and b <= len(wav) / SR + 1e-6):
                raise SynthError("%s: bad time span %s for word %d of sentence %s" % (voice["voice"], (a, b), i, k))
    lag = voice["lag_ms"] / 1000.0
    return {k: (wav, [(a + lag, b + lag) for a, b in spans]) for k, (wav, spans) in res.items()}


# ---------------------------------------------------------------------------------------------------------------
# Prosody: the engines say a word the same way wherever it stands in a sentence; a reader does not. Each word gets
# a pitch level and a tempo from its place: pitch reset high at the start of a phrase and declining word by word
# (and, more slowly, over the sentence), a fall at the end of a statement, a rise at a comma or a question; the
# first words of a phrase hurried, the later ones slower, the last one lengthened. The tempo is applied by WSOLA
# with a known time map (so word times follow exactly), the pitch with sox's duration-keeping pitch bend.

PROSODY = {"sentence_top": 5.0, "phrase_top": 4.0, "step": 1.0, "sentence_step": 0.25,
           "final_fall": -8.0, "continuation_rise": 3.0, "question_rise": 6.0,
           "first_tempo": 0.88, "tempo_step": 0.04, "max_tempo": 1.15, "final_lengthening": 1.4}
BEND_FRAME_RATE = 25  # sox bend's analysis frames per second: 40 ms frames resolve a 100 Hz voice


def word_prosody(text, e, words, shape=PROSODY):
    """Per word of the sentence ending at e: (semitones at its start, semitones at its end, duration factor)."""
    out, phrase_start = [], 0
    for i in range(len(words)):
        k = i - phrase_start
        top = shape["sentence_top"] if phrase_start == 0 else shape["phrase_top"]
        a = top - shape["step"] * k - shape["sentence_step"] * i
        f = min(shape["max_tempo"], shape["first_tempo"] + shape["tempo_step"] * k)
        p = pause_after(text, e, words, i)
        if i + 1 == len(words) or p in (".", "!", "?"):
            b = shape["question_rise"] if p == "?" else shape["final_fall"]
        elif p:
            b = a + shape["continuation_rise"]
        else:
            b = a
        if p or i + 1 == len(words):
            f = shape["final_lengthening"]
            phrase_start = i + 1
        out.append((a, b, f))
    return out


def stretch(wav, spans, factors, frame_s=0.03, tolerance_s=0.0075):
    """Plays each word span factors[i] times as long, the rest as it is, keeping the pitch (WSOLA: overlap-add of
    Hann frames read along the time map, each shifted by up to tolerance_s to continue its predecessor's waveform).
    Returns the new samples and the word spans moved through the time map."""
    knots_in, knots_out = [0.0], [0.0]

    def extend(t, f):
        if t > knots_in[-1]:
            knots_out.append(knots_out[-1] + (t - knots_in[-1]) * f)
            knots_in.append(t)

    for (s, e), f in zip(spans, factors):
        extend(s, 1.0)
        extend(e, f)
    extend(len(wav) / SR, 1.0)
    moved = [(float(np.interp(s, knots_in, knots_out)), float(np.interp(e, knots_in, knots_out))) for s, e in spans]
    n, hop, tol = int(round(frame_s * SR)), int(round(frame_s * SR)) // 2, int(round(tolerance_s * SR))
    window = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(n) / n)  # periodic Hann: frames at n/2 sum to one
    pad = n + tol
    x = np.concatenate([np.zeros(pad), wav, np.zeros(pad + n)])
    n_out = int(round(knots_out[-1] * SR))
    y, weight = np.zeros(n_out + n), np.zeros(n_out + n)
    prev = None
    for k in range(n_out // hop + 1):
        centre_in = np.interp((k * hop + n / 2) / SR, knots_out, knots_in) * SR
        start = min(max(0, int(round(centre_in - n / 2)) + pad), len(x) - n - tol)
        if prev is not None:
            lo = max(0, start - tol)
            corr = np.correlate(x[lo:start + tol + n], x[prev + hop:prev + hop + n], "valid")
            start = lo + int(np.argmax(corr))
        y[k * hop:k * hop + n] += x[start:start + n] * window
        weight[k * hop:k * hop + n] += window
        prev = start
    y, weight = y[:n_out], weight[:n_out]
    return y / np.maximum(weight, 1e-3), moved


def bend_args(spans, levels):
    """sox bend segments (delay, cents, duration; in samples, each delay after the previous segment's end) that move
    the pitch to each word's start level 30 ms into it (or a quarter of it) and to its end level as far before its
    end, gliding across word joins; the pitch starts at 0 (the voice's own) before the first word."""
    points = [(0, 0)]
    for (s, e), (a, b) in zip(spans, levels):
        d = min(0.03, (e - s) / 4)
        points += [(int(round((s + d) * SR)), int(round(100 * a))), (int(round((e - d) * SR)), int(round(100 * b)))]
    args, end = [], 0
    for (t0, c0), (t1, c1) in zip(points, points[1:]):
        if c1 != c0 and t1 > t0:
            args.append("%ds,%d,%ds" % (t0 - end, c1 - c0, t1 - t0))
            end = t1
    return args


def _sox_bend(wav, args):
    cmd = ["sox", "-t", "raw", "-r", str(SR), "-e", "floating-point", "-b", "32", "-c", "1", "-",
           "-t", "raw", "-e", "floating-point", "-b", "32", "-", "bend", "-f", str(BEND_FRAME_RATE)] + args
    out = subprocess.run(cmd, input=wav.astype("<f4").tobytes(), stdout=subprocess.PIPE, check=True).stdout
    return np.frombuffer(out, "<f4").astype(np.float64)


def bend_lag():
    """Samples by which sox's bend delays its output, measured on a chirp with a one-cent bend."""
    t = np.arange(SR) / SR
    x = np.where((t > 0.3) & (t < 0.6), 0.2 * np.sin(2 * np.pi * (150 + 200 * t) * t), 0.0)
    y = _sox_bend(x, ["%ds,1,%ds" % (SR // 10, SR // 10)])
    return int(np.argmax(np.correlate(y, x, "full")) - (len(x) - 1))


def intonate(wav, spans, levels, lag):
    """The sentence with each word moved to its pitch levels (start, end semitones); same length, same word times."""
    args = bend_args(spans, levels)
    if not args:
        return wav
    y = _sox_bend(np.concatenate([wav, np.zeros(lag)]), args)
    if len(y) != len(wav) + lag:
        raise SynthError("sox bend returned %d samples for %d" % (len(y), len(wav) + lag))
    return y[lag:]


# ---------------------------------------------------------------------------------------------------------------
# Audio assembly


def pink_noise(n, rng):
    """Pink (1/f power) noise with unit RMS, by shaping white noise in the frequency domain."""
    white = rng.standard_normal(n)
    spec = np.fft.rfft(white)
    f = np.fft.rfftfreq(n, 1.0 / SR)
    f[0] = f[1]
    spec /= np.sqrt(f / 20.0)
    x = np.fft.irfft(spec, n)
    x -= x.mean()
    return x / np.sqrt(np.mean(x * x))


def db_to_amp(db):
    return 10.0 ** (db / 20.0)


def assemble(sentence_results, rng, speech_dbfs, noise_dbfs, quant_step):
    """Concatenates sentences with pauses; returns int16 samples, word spans (s) per sentence, speech spans."""
    lead = rng.uniform(0.3, 1.0)
    pauses = [rng.uniform(0.3, 1.5) for _ in range(len(sentence_results) - 1)]
    tail = rng.uniform(0.3, 1.0)
    pre, post = 0.05, 0.08  # audio kept before the first word / after the last word (rings past the label)
    placed, t = [], lead
    for k, (wav, spans) in enumerate(sentence_results):
        first, last = spans[0][0], spans[-1][1]
        shift = t - first
        placed.append((wav, shift, first - pre, last + post))
        t += last - first + (pauses[k] if k < len(pauses) else tail)
    n = int(round(t * SR))
    out = np.zeros(n)
    words = []
    for (wav, shift, a, b), (_, spans) in zip(placed, sentence_results):
        a = max(0.0, a)
        i0, i1 = int(round(a * SR)), min(len(wav), int(round(b * SR)))
        o0 = max(0, int(round((a + shift) * SR)))
        seg = wav[i0:i1]
        ramp = min(len(seg) // 2, int(0.005 * SR))
        seg = seg.copy()
        seg[:ramp] *= np.linspace(0, 1, ramp)
        seg[len(seg) - ramp:] *= np.linspace(1, 0, ramp)
        out[o0:o0 + len(seg)] += seg[:max(0, n - o0)]
        words.append([(s + shift, e + shift) for s, e in spans])
    # voice activity: word spans widened a little, merged across gaps under 0.25 s
    va = []
    for sent in words:
        for s, e in sent:
            s, e = max(0.0, s - 0.02), min(n / SR, e + 0.04)
            if va and s - va[-1][1] < 0.25:
                va[-1][1] = max(va[-1][1], e)
            else:
                va.append([s, e])
    mask = np.zeros(n, bool)
    for s, e in va:
        mask[int(s * SR):int(e * SR)] = True
    rms = np.sqrt(np.mean(out[mask] ** 2))
    out *= db_to_amp(speech_dbfs) / rms
    out += db_to_amp(noise_dbfs) * pink_noise(n, rng)
    # 16-bit samples on a grid of quant_step: the low bits under the noise floor are noise that FLAC cannot
    # compress; zero they cost nothing ("wasted bits"). Step 16: quantisation noise at -77 dBFS, 32 dB under it.
    pcm = np.clip(np.round(out * 32768.0 / quant_step) * quant_step, -32768, 32768 - quant_step).astype("<i2")
    return pcm, words, va


def write_flac(pcm, path):
    tmp = path + ".tmp"
    subprocess.run(["flac", "--silent", "-f", "-8", "--no-padding", "--force-raw-format", "--endian=little",
                    "--sign=signed", "--channels=1", "--bps=16", "--sample-rate=%d" % SR, "-o", tmp, "-"],
                   input=pcm.tobytes(), check=True)
    os.replace(tmp, path)


# ---------------------------------------------------------------------------------------------------------------
# Lag measurement (label vs. energy onset on clean audio)


def onset_offsets(wav, spans, words, hop=0.001):
    """Label-vs-energy check on clean audio.

    Onsets, for words spelled with an initial s (not sh/su; /s/ has no closure and a sharp spectral edge), in 8 ms
    frames (1 ms hop) from 30 ms before to 50 ms after the labelled start, minus the labelled start. After a pause
    (>= 80 ms since the previous word's end, or the first word): the first frame whose energy above 4 kHz is within
    15 dB of the /s/ plateau (median over 20-50 ms after the label). Inside connected speech: the first frame whose
    ratio of energy above 4 kHz to energy below 1.5 kHz is past half-way from the preceding sound's ratio (median
    over 40-15 ms before the label) to the plateau's, with energy above 4 kHz within 20 dB of the plateau.
    Offsets, for words before a pause: the last 4 ms frame of broadband energy within 35 dB of the loudest frame,
    minus the labelled end (ringing, or weak final consonants)."""
    n, h = 128, int(hop * SR)
    nf = max(0, (len(wav) - n) // h)
    idx = np.arange(nf)[:, None] * h + np.arange(n)[None, :]
    spec = np.abs(np.fft.rfft(wav[idx] * np.hanning(n), axis=1)) ** 2
    f = np.fft.rfftfreq(n, 1.0 / SR)
    hf = 10 * np.log10(spec[:, f >= 4000].sum(axis=1) + 1e-20)
    ratio = hf - 10 * np.log10(spec[:, f < 1500].sum(axis=1) + 1e-20)
    centre = 0.004  # frame i covers [i, i + 8 ms): its centre is 4 ms after its start
    c = np.concatenate([[0.0], np.cumsum(wav * wav)])
    w4 = int(0.004 * SR)
    nb = max(0, (len(wav) - w4) // h)
    bb = 10 * np.log10(c[np.arange(nb) * h + w4] - c[np.arange(nb) * h] + 1e-20)
    on_pause, on_connected, off = [], [], []
    for i, (s, t) in enumerate(spans):
        after_pause = i == 0 or s - spans[i - 1][1] >= 0.08
        wd = words[i].lower()
        if wd.startswith("s") and not wd.startswith(("sh", "su")):
            fr = lambda x: int(round((x - centre) / hop))
            p0, p1 = max(0, fr(s + 0.02)), min(nf, fr(s + 0.05))
            a, b = max(0, fr(s - 0.03)), min(nf, fr(s + 0.05))
            q0, q1 = max(0, fr(s - 0.04)), max(0, fr(s - 0.015))
            if p1 > p0 and b > a:
                if after_pause or q1 <= q0:
                    ok = hf[a:b] > np.median(hf[p0:p1]) - 15.0
                else:  # half-way from the preceding sound's spectral balance to the /s/ plateau's
                    mid = 0.5 * (np.median(ratio[q0:q1]) + np.median(ratio[p0:p1]))
                    ok = (ratio[a:b] > mid) & (hf[a:b] > np.median(hf[p0:p1]) - 20.0)
                k = np.nonzero(ok)[0]
                if len(k):
                    (on_pause if after_pause else on_connected).append((a + k[0]) * hop + centre - s)
        if i + 1 == len(spans) or spans[i + 1][0] - t >= 0.08:
            a, b = int((t - 0.06) / hop), int((t + 0.08) / hop)
            k = np.nonzero(bb[a:b] > bb.max() - 35.0)[0]
            if len(k):
                off.append((a + k[-1]) * hop + 0.002 - t)
    return on_pause, on_connected, off


# ---------------------------------------------------------------------------------------------------------------


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        h.update(f.read())
    return h.hexdigest()


def normalise(word):
    return "".join(c for c in word.lower() if c.isalpha() or c == "'")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--book", default=DEFAULT_BOOK)
    ap.add_argument("--out", default="demo/corpus")
    ap.add_argument("--seed", type=int, default=436)
    ap.add_argument("--passages", type=int, default=15)
    ap.add_argument("--voices-per-passage", type=int, default=2)
    ap.add_argument("--min-words", type=int, default=60)
    ap.add_argument("--max-words", type=int, default=100)
    ap.add_argument("--held-out-passages", type=int, default=3)
    ap.add_argument("--quant-step", type=int, default=16, help="16-bit samples are multiples of this")
    ap.add_argument("--speech-dbfs", type=float, default=-20.0)
    ap.add_argument("--noise-dbfs", type=float, default=-45.0)
    ap.add_argument("--no-prosody", action="store_true",
                    help="keep the engines' own pitch and timing (the corpus before prosody was added)")
    ap.add_argument("--measure-lag", action="store_true",
                    help="synthesize sentences per voice without lag correction, print label-vs-energy offsets")
    ap.add_argument("--lag-sentences", type=int, default=300)
    args = ap.parse_args()

    with open(args.book, encoding="utf-8") as f:
        text = f.read()
    rng = np.random.default_rng(args.seed)
    start, end = story_region(text)
    sentences = split_sentences(text, start, end)
    espeak_engine = Espeak()

    if args.measure_lag:
        sel = [k for k, (s, e) in enumerate(sentences) if usable(text, s, e)][:args.lag_sentences]
        for v in VOICES:
            v = dict(v, lag_ms=0)
            with tempfile.TemporaryDirectory() as tmp:
                items = [(k, text, s, e, sentence_words(text, s, e)) for k in sel for s, e in [sentences[k]]]
                res = synthesize(v, items, tmp, espeak_engine)
            on_p, on_c, off = [], [], []
            for k, (wav, spans) in res.items():
                a, b, c = onset_offsets(wav, spans, [text[cs:ce] for cs, ce in sentence_words(text, *sentences[k])])
                on_p += a
                on_c += b
                off += c

            def stats(x):
                x = np.array(x) * 1000
                return "median %6.1f IQR [%6.1f, %6.1f] n=%3d" % (np.median(x), *np.percentile(x, [25, 75]), len(x))

            print("%s %-9s %-21s /s/ onset-label ms after pause: %s | connected: %s | end-label before pause: %s" % (
                v["speaker"], v["engine"], v["voice"], stats(on_p), stats(on_c), stats(off)), flush=True)
        return

    passages = choose_passages(text, sentences, args.passages, rng, args.min_words, args.max_words)
    # every passage is read by voices_per_passage different voices; the voices rotate with changing strides so that
    # each voice reads about as many passages as the others, with ever other partners
    speakers = [v["speaker"] for v in VOICES]
    nv = len(speakers)
    if not 1 <= args.voices_per_passage <= nv:
        raise SystemExit("--voices-per-passage must be between 1 and %d" % nv)
    order = [speakers[i] for i in rng.permutation(nv)]
    readers = []
    for p in range(len(passages)):
        stride = 1 + (p // nv) % (nv - 1)
        chosen = []
        j = p % nv
        while len(chosen) < args.voices_per_passage:
            if order[j] not in chosen:
                chosen.append(order[j])
            j = (j + stride) % nv
            if order[j] in chosen and len(chosen) < args.voices_per_passage:
                j = (j + 1) % nv
        readers.append(sorted(chosen))
    # held-out passages: random, but preferring ones whose readers differ, so that no voice loses many files
    held_out_passages, used = [], set()
    for p in [int(i) for i in rng.permutation(len(passages))]:
        if len(held_out_passages) < args.held_out_passages and not used & set(readers[p]):
            held_out_passages.append(p)
            used |= set(readers[p])
    held_out_passages.sort()

    out = args.out
    if os.path.isdir(os.path.join(out, "audio")):
        shutil.rmtree(os.path.join(out, "audio"))  # our own previous output: stale passages must not linger
    os.makedirs(os.path.join(out, "books"), exist_ok=True)
    shutil.copyfile(args.book, os.path.join(out, "books", BOOK_NAME))
    with open(os.path.join(out, "book_meta.json"), "w") as f:
        json.dump({BOOK_ID: {"url": BOOK_URL, "name": BOOK_NAME}}, f, indent=2)
        f.write("\n")

    lag = None if args.no_prosody else bend_lag()
    files = []
    for v in VOICES:
        mine = [p for p in range(len(passages)) if v["speaker"] in readers[p]]
        items = [((p, k), text, s, e, sentence_words(text, s, e)) for p in mine for k in passages[p]
                 for s, e in [sentences[k]]]
        with tempfile.TemporaryDirectory() as tmp:
            res = synthesize(v, items, tmp, espeak_engine)
        if lag is not None:
            for key, _, s, e, w in items:
                wav, spans = res[key]
                prosody = word_prosody(text, e, w)
                wav, spans = stretch(wav, spans, [f for _, _, f in prosody])
                res[key] = (intonate(wav, spans, [(a, b) for a, b, _ in prosody], lag), spans)
        for p in mine:
            frng = np.random.default_rng([args.seed, int(v["speaker"]), p])
            sent_res = [res[(p, k)] for k in passages[p]]
            pcm, word_spans, va = assemble(sent_res, frng, args.speech_dbfs, args.noise_dbfs, args.quant_step)
            if not 20.0 <= len(pcm) / SR <= 60.0:
                raise SystemExit("%s reads passage %d in %.1f s, outside 20-60 s: change --min/--max-words" % (
                    v["speaker"], p, len(pcm) / SR))
            name = "masterkey_p%02d" % p
            rel = "%s/%s/%s" % (v["speaker"], BOOK_ID, name)
            d = os.path.join(out, "audio", v["speaker"], BOOK_ID)
            os.makedirs(d, exist_ok=True)
            write_flac(pcm, os.path.join(out, "audio", rel + ".flac"))
            with open(os.path.join(out, "audio", rel + ".json"), "w") as f:
                json.dump({"id": BOOK_ID, "voice_activity": [[round(s, 3), round(e, 3)] for s, e in va]}, f)
                f.write("\n")
            words = []
            for k, spans in zip(passages[p], word_spans):
                for (cs, ce), (s, e) in zip(sentence_words(text, *sentences[k]), spans):
                    words.append([normalise(text[cs:ce]), cs, ce, int(round(s * 1000)), int(round(e * 1000))])
            files.append({
                "fname": rel + ".flac", "speaker_id": v["speaker"], "book_id": BOOK_ID, "passage": p,
                "start_idx": sentences[passages[p][0]][0], "end_idx": sentences[passages[p][-1]][1],
                "duration_s": round(len(pcm) / SR, 3),
                "utterance": " ".join(w[0] for w in words),
                "sentences": [[sentences[k][0], sentences[k][1]] for k in passages[p]],
                "words": words,
            })
            print("%-28s %5.1f s %3d words" % (rel, len(pcm) / SR, len(words)), file=sys.stderr)

    files.sort(key=lambda f: f["fname"])
    truth = {
        "book_id": BOOK_ID, "book_name": BOOK_NAME, "sample_rate": SR, "seed": args.seed,
        "speech_dbfs": args.speech_dbfs, "noise_dbfs": args.noise_dbfs, "quant_step": args.quant_step,
        "prosody": None if lag is None else dict(PROSODY, bend_frame_rate=BEND_FRAME_RATE, bend_lag_samples=lag),
        "voices": {v["speaker"]: {k: v[k] for k in v if k != "speaker"} for v in VOICES},
        "word_format": ["word", "char_start", "char_end", "start_ms", "end_ms"],
        "utterances": files,
    }
    with open(os.path.join(out, "truth.json"), "w") as f:
        json.dump(truth, f, indent=1)
        f.write("\n")
    held = [f["fname"] for f in files if f["speaker_id"] in HELD_OUT_VOICES or f["passage"] in held_out_passages]
    split = {
        "seed": args.seed,
        "held_out_voices": HELD_OUT_VOICES,
        "held_out_passages": held_out_passages,
        "train": [f["fname"] for f in files if f["fname"] not in held],
        "held_out": held,
    }
    with open(os.path.join(out, "split.json"), "w") as f:
        json.dump(split, f, indent=1)
        f.write("\n")
    total = sum(f["duration_s"] for f in files)
    size = sum(os.path.getsize(os.path.join(out, "audio", f["fname"])) for f in files)
    everything = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(out) for f in fs)
    print("%d files, %d voices, %.1f min of audio, %.2f MB of FLAC, %.2f MB in all, %d train / %d held out" % (
        len(files), len(VOICES), total / 60, size / 1e6, everything / 1e6, len(split["train"]), len(held)))


if __name__ == "__main__":
    main()
