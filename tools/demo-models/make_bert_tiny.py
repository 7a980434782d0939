"""Writes demo/models/bert-tiny: a small, randomly initialised BERT (HF folder) whose WordPiece vocabulary covers the
demo book, the text encoder `aubert demo` pre-trains. Deterministic (seeded); needs torch, transformers, safetensors.

    python3 tools/demo-models/make_bert_tiny.py --book demo/corpus/books/master_key_librivox_64kb_mp3_text.txt \
        --out demo/models/bert-tiny
"""
import argparse
import collections
import json
import os
import re

import torch
from transformers import BertConfig, BertModel

SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
PUNCTUATION = list(".,!?;:'\"-()")


def vocabulary(book, words):
    counts = collections.Counter(re.findall(r"[a-z]+", open(book, encoding="utf-8").read().lower()))
    letters = [chr(c) for c in range(ord("a"), ord("z") + 1)]
    digits = [str(d) for d in range(10)]
    pieces = ["##" + c for c in letters + digits]
    frequent = [w for w, _ in counts.most_common() if len(w) > 1][:words]
    return SPECIAL + PUNCTUATION + letters + digits + pieces + frequent


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--book", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--words", type=int, default=400, help="most frequent book words added as whole tokens")
    ap.add_argument("--seed", type=int, default=740)
    a = ap.parse_args()
    vocab = vocabulary(a.book, a.words)
    cfg = BertConfig(vocab_size=len(vocab), hidden_size=64, num_hidden_layers=2, num_attention_heads=4,
                     intermediate_size=128, max_position_embeddings=256, hidden_dropout_prob=0.1,
                     attention_probs_dropout_prob=0.1, initializer_range=0.02, layer_norm_eps=1e-12)
    torch.manual_seed(a.seed)
    model = BertModel(cfg, add_pooling_layer=False)
    os.makedirs(a.out, exist_ok=True)
    model.save_pretrained(a.out, safe_serialization=True)
    with open(os.path.join(a.out, "vocab.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(vocab) + "\n")
    with open(os.path.join(a.out, "tokenizer_config.json"), "w", encoding="utf-8") as f:
        json.dump({"tokenizer_class": "BertTokenizer", "do_lower_case": True, "model_max_length": 256,
                   "unk_token": "[UNK]", "sep_token": "[SEP]", "pad_token": "[PAD]", "cls_token": "[CLS]",
                   "mask_token": "[MASK]"}, f, indent=2)
    print(a.out, len(vocab), "tokens,", sum(p.numel() for p in model.parameters()), "parameters")


if __name__ == "__main__":
    main()
