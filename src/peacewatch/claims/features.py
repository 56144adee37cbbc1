"""Hashed TF-IDF features (word 1-2 grams + char 2-5 grams inside words), in plain Python + numpy.

`rich=True` adds word trigrams and sentence-shape flags (the check-worthiness model since its third version);
the default stays the plain set because the events model (`events/`) was trained on it and shares this code.

Hashing (crc32) instead of a fitted vocabulary keeps the shipped model small and lets run time compute the
same features without scikit-learn; only the idf vector and the weights are learned.
"""

from __future__ import annotations

import json
import math
import re
import zlib
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from peacewatch.errors import ModelMissingError

N_BUCKETS = 1 << 18
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*%?|\w+|[^\w\s]")
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
_MONEY = frozenset({"$", "dollars", "million", "billion"})


def _flags(text: str, tokens: list[str], words: list[str]) -> list[str]:
    """Sentence-shape flags that casefolded n-grams lose or spread thin (they add ~0.3 F1 points out of fold)."""
    flags = [f"f:len{min(len(words) // 8, 5)}"]
    # why: capitalised words after the first are names of people, places and bills: what fact-checkers check
    caps = sum(1 for i, t in enumerate(tokens)
               if i and t[:1].isupper() and t.isalpha() and tokens[i - 1] not in ".?!\"")
    flags += ["f:caps"] * min(caps, 3)
    numbers = [t for t in tokens if t[:1].isdigit()]
    if numbers:
        flags.append("f:num")
    if any(_YEAR.fullmatch(t) for t in numbers):
        flags.append("f:year")
    if any(t.endswith("%") for t in numbers) or "percent" in words:
        flags.append("f:pct")
    if _MONEY.intersection(words):
        flags.append("f:money")
    # why: first-person campaign talk ("I will", "we believe") is mostly promise or opinion, not checkable fact
    flags.append("f:first" if _FIRST_PERSON.intersection(words) else "f:nofirst")
    if text.rstrip().endswith("?"):
        flags.append("f:q")
    return flags


def _grams(text: str, rich: bool = False) -> Counter[str]:
    # why: rich features need the case (capitalised names); the plain set keeps its original tokenisation
    # (casefold first) so that models trained on it score exactly as before
    tokens = _TOKEN.findall(text if rich else text.casefold())
    # why: "4.2 million" and "7 million" are the same kind of checkable figure; the shape generalises
    words = [_DIGIT.sub("0", t.casefold()) for t in tokens]
    grams: Counter[str] = Counter()
    grams.update("w:" + w for w in words)
    grams.update(f"b:{a} {b}" for a, b in zip(words, words[1:], strict=False))
    if rich:
        grams.update(f"t:{a} {b} {c}" for a, b, c in zip(words, words[1:], words[2:], strict=False))
    for w in words:
        grams.update(_char_grams(w))
    if rich:
        grams.update(_flags(text, tokens, words))
    return grams


@lru_cache(maxsize=8192)  # bounded: about 15 MB when full
def _char_grams(word: str) -> tuple[str, ...]:
    """The character 2-5 grams of a word with its boundaries (why cached: most words recur)."""
    padded = f" {word} "
    return tuple("c:" + padded[i:i + n] for n in range(2, 6) for i in range(len(padded) - n + 1))


@lru_cache(maxsize=65536)  # about 10 MB when full
def _bucket(gram: str) -> int:
    return zlib.crc32(gram.encode("utf-8")) & (N_BUCKETS - 1)


def hashed_counts(text: str, rich: bool = False) -> dict[int, float]:
    """Bucket → sublinear term frequency (1 + log tf), colliding grams summed."""
    out: dict[int, float] = {}
    for gram, tf in _grams(text, rich).items():
        k = _bucket(gram)
        out[k] = out.get(k, 0.0) + 1.0 + math.log(tf)
    return out


def tfidf_rows(texts: list[str], idf: np.ndarray, rich: bool = False) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per text: (bucket indices, l2-normalised tf-idf values)."""
    rows = []
    for text in texts:
        counts = hashed_counts(text, rich)
        idx = np.fromiter(counts.keys(), np.int64, len(counts))
        val = np.fromiter(counts.values(), np.float64, len(counts)) * idf[idx]
        norm = float(np.linalg.norm(val))
        rows.append((idx, val / norm if norm > 0 else val))
    return rows


def fit_idf(texts: list[str], rich: bool = False) -> np.ndarray:
    """Smoothed idf, as scikit-learn computes it: ln((1 + n) / (1 + df)) + 1."""
    df = np.zeros(N_BUCKETS, np.float64)
    for text in texts:
        df[list(hashed_counts(text, rich))] += 1
    return (np.log((1 + len(texts)) / (1 + df)) + 1).astype(np.float32)


def read_model_files(directory: Path, name: str, what: str, command: str) -> tuple[Any, dict[str, Any]]:
    """(npz arrays, json head) of a model over these hashed features; a clear error if missing or stale."""
    try:
        arrays = np.load(directory / f"{name}.npz")
        head = json.loads((directory / f"{name}.json").read_text("utf-8"))
    except OSError as exc:
        raise ModelMissingError(f"{what} missing in {directory} ({exc}); train it with: {command}") from None
    if head.get("n_buckets") != N_BUCKETS:
        raise ModelMissingError(f"{directory}: model was built for {head.get('n_buckets')} hash buckets, "
                                f"this code uses {N_BUCKETS}; retrain it")
    return arrays, head
