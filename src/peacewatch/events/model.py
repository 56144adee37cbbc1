"""The learned layer: a sentence classifier for the CAMEO pentaclass (0 statement, 1 verbal cooperation,
2 material cooperation, 3 verbal conflict, 4 material conflict).

One multinomial logistic regression over three blocks: hashed TF-IDF n-grams and the MiniLM sentence embedding
(the check-worthiness features, `peacewatch.claims.features` / `claims.embed`), plus the event lexicon's view of
the sentence (`coding.lexicon_features`), so that the model learns when to trust the parse-found event.
Weights live in `data/models/events/pentaclass.npz` + `pentaclass.json`: numpy only at run time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from peacewatch.claims.features import N_BUCKETS, read_model_files, tfidf_rows

MODEL_NAME = "pentaclass"
N_CLASSES = 5
N_LEXICON_FEATURES = 9  # main event's quad class one-hot (0 = none) + number of events per quad class (1..4, ≤ 2)


def lexicon_features(sentences: list[list[tuple[int, int]]]) -> np.ndarray:
    """The event lexicon's view of each sentence, from its rule-found events as (quad class, trigger depth)."""
    x = np.zeros((len(sentences), N_LEXICON_FEATURES), np.float32)
    for i, events in enumerate(sentences):
        x[i, min(events, key=lambda e: e[1])[0] if events else 0] = 1.0  # the main event: highest in the parse
        for quad, _ in events:
            x[i, 4 + quad] = min(2.0, x[i, 4 + quad] + 1.0)
    return x


def model_dir() -> Path:
    return Path(str(resources.files("peacewatch") / "data" / "models" / "events"))


@dataclass
class PentaclassModel:
    idf: np.ndarray  # (N_BUCKETS,)
    w_tfidf: np.ndarray  # (N_BUCKETS, 5)
    w_emb: np.ndarray  # (384, 5), already multiplied by the embedding block's scale
    w_lex: np.ndarray  # (N_LEXICON_FEATURES, 5), already multiplied by the lexicon block's scale
    bias: np.ndarray  # (5,)
    meta: dict

    def probabilities(self, texts: list[str], embeddings: np.ndarray, lexicon: np.ndarray) -> np.ndarray:
        z = embeddings.astype(np.float32) @ self.w_emb + lexicon.astype(np.float32) @ self.w_lex + self.bias
        for i, (idx, val) in enumerate(tfidf_rows(texts, self.idf)):
            z[i] += val.astype(np.float32) @ self.w_tfidf[idx]
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(axis=1, keepdims=True)

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        used = np.flatnonzero(np.abs(self.w_tfidf).sum(axis=1) > 0)  # why: unseen buckets keep weight 0
        np.savez_compressed(directory / f"{MODEL_NAME}.npz", idf=self.idf[used].astype(np.float16),
                            buckets=used.astype(np.int32), w_tfidf=self.w_tfidf[used].astype(np.float16),
                            w_emb=self.w_emb.astype(np.float32), w_lex=self.w_lex.astype(np.float32),
                            bias=self.bias.astype(np.float32))
        head = {"n_buckets": N_BUCKETS, "idf_unseen": float(self.idf.max()), **self.meta}
        (directory / f"{MODEL_NAME}.json").write_text(json.dumps(head, indent=2) + "\n", "utf-8")


def load_model(directory: Path | None = None) -> PentaclassModel:
    directory = directory or model_dir()
    arrays, head = read_model_files(directory, MODEL_NAME, "event classifier", "peacewatch train events --data FILE")
    buckets = arrays["buckets"]
    # why: only buckets with a weight are stored; the others all have the idf of an unseen gram (df = 0)
    idf = np.full(N_BUCKETS, float(head["idf_unseen"]), np.float32)
    idf[buckets] = arrays["idf"].astype(np.float32)
    w_tfidf = np.zeros((N_BUCKETS, N_CLASSES), np.float32)
    w_tfidf[buckets] = arrays["w_tfidf"].astype(np.float32)
    meta = {k: v for k, v in head.items() if k not in {"n_buckets", "idf_unseen"}}
    return PentaclassModel(idf, w_tfidf, arrays["w_emb"], arrays["w_lex"], arrays["bias"], meta)


@lru_cache(maxsize=1)
def packaged_model() -> PentaclassModel:
    return load_model()


def class_scores(gold: list[int], predicted: list[int], n_classes: int = N_CLASSES) -> dict:
    """Accuracy, macro-F1 and per-class F1 (hand-checkable counts in `support`)."""
    per_class = []
    for k in range(n_classes):
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == k and p == k)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if g != k and p == k)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == k and p != k)
        per_class.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0)
    correct = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p)
    accuracy = round(correct / len(gold), 4) if gold else 0.0
    return {"macro_f1": round(sum(per_class) / n_classes, 4), "accuracy": accuracy,
            "f1_per_class": [round(f, 4) for f in per_class], "n": len(gold),
            "support": [gold.count(k) for k in range(n_classes)]}
