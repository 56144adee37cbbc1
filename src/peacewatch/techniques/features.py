"""Surface features that MiniLM (an uncased model) cannot see, one row per word piece.

Casing (all-caps slogans), quotes ("so-called 'experts'"), '!' and '?', where the sentence sits, and how
often the word recurs in the article (Repetition is about exactly that).
"""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_QUOTED = re.compile(r"[\"“”«»]([^\"“”«»]{1,300})[\"“”«»]|(?<!\w)['‘]([^'‘’]{1,200})['’](?!\w)")
# why: function words recur in every article; their counts say nothing about Repetition
_STOP = frozenset({
    "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as",
    "is", "are", "was", "were", "be", "been", "it", "its", "this", "that", "these", "those", "he", "she",
    "they", "we", "you", "i", "his", "her", "their", "our", "your", "not", "no", "will", "would", "can",
    "could", "should", "has", "have", "had", "do", "does", "did", "so", "if", "than", "then", "there",
    "here", "which", "who", "whom", "what", "when", "where", "why", "how", "all", "any", "some", "more",
    "most", "also", "just", "about", "into", "over", "after", "before", "said", "says",
})
N_FEATURES = 11


def word_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _WORD.finditer(text)]


def piece_features(text: str, segments: list[tuple[int, int]], offsets: list[np.ndarray]) -> list[np.ndarray]:
    """Features for each segment's word pieces (`offsets[i]` as from `encoder.encode`)."""
    words = [m.group().casefold() for m in _WORD.finditer(text)]
    freq = Counter(w for w in words if len(w) > 3 and w not in _STOP)
    out = []
    n_seg = max(1, len(segments))
    for i, ((s_start, s_end), offs) in enumerate(zip(segments, offsets, strict=True)):
        sentence = text[s_start:s_end]
        quoted = [m.span(1) if m.group(1) is not None else m.span(2) for m in _QUOTED.finditer(sentence)]
        spans = word_spans(sentence)
        feats = np.zeros((len(offs), N_FEATURES), np.float32)
        bang, question = float("!" in sentence), float("?" in sentence)
        capitals = float(sum(1 for c in sentence if c.isupper()) / max(1, sum(1 for c in sentence if c.isalpha())))
        w = 0
        for k, (start, end) in enumerate(offs):
            rel = start - s_start
            while w < len(spans) and spans[w][1] <= rel:
                w += 1
            word = sentence[spans[w][0]:spans[w][1]] if w < len(spans) and spans[w][0] <= rel else \
                text[start:end]
            letters = [c for c in word if c.isalpha()]
            upper = len(letters) >= 2 and all(c.isupper() for c in letters)
            feats[k] = (
                float(upper),
                float(bool(letters) and letters[0].isupper() and not upper),
                float(any(a <= rel < b for a, b in quoted)),
                bang,
                question,
                rel / max(1, s_end - s_start),
                i / n_seg,
                float(i == 0),  # the title line in PTC, usually the first sentence elsewhere
                math.log1p(freq.get(word.casefold(), 0)) / 3.0,
                float(not text[start:end].isalnum()),  # punctuation piece
                capitals,
            )
        out.append(feats)
    return out
