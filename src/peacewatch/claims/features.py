"""Hashed TF-IDF features (word 1-2 grams + char 2-5 grams inside words), in plain Python + numpy.

Hashing (crc32) instead of a fitted vocabulary keeps the shipped model small and lets run time compute the
same features without scikit-learn; only the idf vector and the weights are learned.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter

import numpy as np

N_BUCKETS = 1 << 18
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*%?|\w+|[^\w\s]")
_DIGIT = re.compile(r"\d")


def _grams(text: str) -> Counter[str]:
    tokens = _TOKEN.findall(text.casefold())
    # why: "4.2 million" and "7 million" are the same kind of checkable figure; the shape generalises
    words = [_DIGIT.sub("0", t) for t in tokens]
    grams: Counter[str] = Counter()
    grams.update("w:" + w for w in words)
    grams.update(f"b:{a} {b}" for a, b in zip(words, words[1:], strict=False))
    for w in words:
        padded = f" {w} "
        for n in range(2, 6):
            for i in range(len(padded) - n + 1):
                grams["c:" + padded[i:i + n]] += 1
    return grams


def hashed_counts(text: str) -> dict[int, float]:
    """Bucket → sublinear term frequency (1 + log tf), colliding grams summed."""
    out: dict[int, float] = {}
    for gram, tf in _grams(text).items():
        k = zlib.crc32(gram.encode("utf-8")) & (N_BUCKETS - 1)
        out[k] = out.get(k, 0.0) + 1.0 + math.log(tf)
    return out


def tfidf_rows(texts: list[str], idf: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per text: (bucket indices, l2-normalised tf-idf values)."""
    rows = []
    for text in texts:
        counts = hashed_counts(text)
        idx = np.fromiter(counts.keys(), np.int64, len(counts))
        val = np.fromiter(counts.values(), np.float64, len(counts)) * idf[idx]
        norm = float(np.linalg.norm(val))
        rows.append((idx, val / norm if norm > 0 else val))
    return rows


def fit_idf(texts: list[str]) -> np.ndarray:
    """Smoothed idf, as scikit-learn computes it: ln((1 + n) / (1 + df)) + 1."""
    df = np.zeros(N_BUCKETS, np.float64)
    for text in texts:
        df[list(hashed_counts(text))] += 1
    return (np.log((1 + len(texts)) / (1 + df)) + 1).astype(np.float32)
