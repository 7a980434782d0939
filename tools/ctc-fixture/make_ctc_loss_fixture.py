"""Writes testdata/oracles/ctc/hf_ctc_loss.json: HF *ForCTC losses (eval mode) of the tiny CTC models on a fixed
padded batch, for both ctc_loss_reduction values, for CtcModelOracleTest.

    python tools/ctc-fixture/make_ctc_loss_fixture.py   # torch + transformers + numpy
"""
import json
import pathlib

import numpy as np
import torch
from transformers import AutoModelForCTC

ROOT = pathlib.Path(__file__).resolve().parents[2]
MODELS = ROOT / "testdata" / "oracles" / "models"
OUT = ROOT / "testdata" / "oracles" / "ctc" / "hf_ctc_loss.json"

rng = np.random.default_rng(740)
lengths = [4000, 2600]
values = np.zeros((2, max(lengths)), dtype=np.float32)
mask = np.zeros((2, max(lengths)), dtype=np.int64)
for i, n in enumerate(lengths):
    x = rng.standard_normal(n).astype(np.float32)
    values[i, :n] = (x - x.mean()) / np.sqrt(x.var() + 1e-7)
    mask[i, :n] = 1
labels = [[7, 6, 4, 9, 9, 5], [12, 8, 4]]  # a repeat (9, 9) needs a blank between
padded = np.full((2, max(len(l) for l in labels)), -100, dtype=np.int64)
for i, l in enumerate(labels):
    padded[i, :len(l)] = l

cases = []
for name in ["wav2vec2_base_ctc_tiny", "hubert_large_ctc_tiny"]:
    for reduction in ["sum", "mean"]:
        model = AutoModelForCTC.from_pretrained(MODELS / name, ctc_loss_reduction=reduction).eval()
        with torch.no_grad():
            out = model(torch.from_numpy(values), attention_mask=torch.from_numpy(mask), labels=torch.from_numpy(padded))
        cases.append({"model": name, "reduction": reduction, "loss": float(out.loss)})
        print(name, reduction, float(out.loss))

OUT.parent.mkdir(parents=True, exist_ok=True)
OUT.write_text(json.dumps({"lengths": lengths, "input_values": [values[i, :n].tolist() for i, n in enumerate(lengths)],
                           "labels": labels, "cases": cases}) + "\n")
