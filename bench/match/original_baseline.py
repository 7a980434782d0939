"""Baseline for bench/match: the original AuBERT matching and refinement algorithms, re-implemented from their
description, timed on the same book and transcripts as the Java stages.

Matching (original): the book is lower-cased with punctuation (except apostrophes) removed; for a transcript of n words,
windows of n book words start every n//4 words; each is scored with difflib.SequenceMatcher(...).ratio() on characters;
the first window above 0.3 is taken, and the search goes on only until 10 windows past the last improvement.
(The original used cdifflib's C SequenceMatcher; it is not in the local wheel mirror, so this uses difflib's pure-Python
one, which gives the same ratios, more slowly.)

Refinement (original): python-Levenshtein distance, whitespace tokens of the window, right boundary then left.

Prints one JSON line with CPU seconds (time.process_time) per utterance.
"""
import json
import re
import string
import sys
import time
from difflib import SequenceMatcher

import Levenshtein

try:
    from tokenizers.pre_tokenizers import WhitespaceSplit
    _ws = WhitespaceSplit()

    def tokens(text):
        return _ws.pre_tokenize_str(text)
except ImportError:  # same offsets for whitespace-collapsed text
    def tokens(text):
        return [(m.group(0), (m.start(), m.end())) for m in re.finditer(r"\S+", text)]

PUNCT = re.compile("|".join(re.escape(c) for c in string.punctuation.replace("'", "")))


def prepare_book(text):
    raw = re.sub(r"\s+", " ", text)
    processed = PUNCT.sub("", raw.lower())
    removed = [m.start() for m in PUNCT.finditer(raw)]
    # shift[k] = punctuation characters removed before processed offset k
    shift = [0] * (len(processed) + 1)
    r = 0
    for k in range(len(processed) + 1):
        while r < len(removed) and removed[r] - r <= k:
            r += 1
        shift[k] = r
    return raw, processed, processed.split(), shift


def original_match(processed, words, shift, query):
    n = len(query.split())
    step = max(1, n // 4)
    best, best_sim, last = "", 0.0, 0
    junk = lambda c: c in string.punctuation
    for i in range(len(words) - n + 1):
        if last > 0:
            if i - last > 10:
                break
        elif i % step:
            continue
        window = " ".join(words[i:i + n])
        sim = SequenceMatcher(junk, window, query).ratio()
        if sim > best_sim and sim > 0.3:
            best, best_sim, last = window, sim, i
    s = processed.find(best)
    e = s + len(best)
    return s + shift[s], e + shift[e], best_sim


def original_refine(utt, raw, s, e, ratio=0.4):
    n = int((e - s) * ratio)
    best = Levenshtein.distance(utt, raw[s:e])
    toks = tokens(raw[max(0, s - n):e + n])
    best_r, best_l = e - s, 0
    for _, (a, b) in reversed(toks):
        r = b - n
        if r < (e - s) - n:
            break
        d = Levenshtein.distance(utt, raw[s:s + r])
        if d < best:
            best_r, best = r, d
    for _, (a, b) in toks:
        l = a - n
        if l > n:
            break
        d = Levenshtein.distance(utt, raw[s + l:s + best_r])
        if d < best:
            best_l, best = l, d
    return s + best_l, s + best_r


def main():
    book, tsv, matched_tsv, aligned_tsv, k = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
    raw, processed, words, shift = prepare_book(open(book, encoding="utf-8").read())
    utts = []
    for line in open(tsv, encoding="utf-8"):
        f = line.strip().split("\t")
        if len(f) == 2:
            utts.append((f[0], f[1].lower()))
    ref = {}
    for line in open(matched_tsv, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        ref[f[0]] = (int(f[1]), int(f[2]))
    t0 = time.process_time()
    same = 0
    for fname, u in utts[:k]:
        s, e, _ = original_match(processed, words, shift, u)
        same += (s, e) == ref.get(fname)
    t1 = time.process_time()
    trans = dict(utts)
    spans = [line.rstrip("\n").split("\t") for line in open(aligned_tsv, encoding="utf-8") if line.strip()]
    t2 = time.process_time()
    for f in spans:
        original_refine(trans[f[0]], raw, int(f[1]), int(f[2]))
    t3 = time.process_time()
    print(json.dumps({"match_s_per_utt": (t1 - t0) / k, "match_utterances": k, "match_equal_to_original_output": same,
                      "refine_s_per_utt": (t3 - t2) / len(spans), "refine_spans": len(spans)}))


if __name__ == "__main__":
    main()
