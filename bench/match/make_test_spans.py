"""Derives the small span tables the matching/refinement tests use from ../shared/data (run once, output committed).

matched_spans.tsv: the original matcher's spans (master_key.matched.json): fname, start_idx, end_idx, similarity.
aligned_spans.tsv: the original pipeline's final spans (master_key.aligned.json): fname, start_idx_old, end_idx_old,
similarity_old, start_idx, end_idx, similarity (start/end_idx_old are that run's spans before refinement).
"""
import json, sys, os
src = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data"
dst = sys.argv[2] if len(sys.argv) > 2 else "aubert-data/src/test/resources/match"
m = json.load(open(os.path.join(src, "master_key.matched.json")))
a = json.load(open(os.path.join(src, "master_key.aligned.json")))
with open(os.path.join(dst, "matched_spans.tsv"), "w") as f:
    for u in m["utterances"]:
        f.write("\t".join([u["fname"], str(u["start_idx"]), str(u["end_idx"]), repr(float(u["similarity"]))]) + "\n")
with open(os.path.join(dst, "aligned_spans.tsv"), "w") as f:
    for u in a["utterances"]:
        f.write("\t".join([u["fname"], str(u["start_idx_old"]), str(u["end_idx_old"]), repr(u["similarity_old"]),
                           str(u["start_idx"]), str(u["end_idx"]), repr(u["similarity"])]) + "\n")
