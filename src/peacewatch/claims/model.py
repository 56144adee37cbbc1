"""The check-worthiness scorer: two views of each sentence, mixed, then Platt-scaled.

- a logistic regression on hashed TF-IDF n-grams (wording, figures; optionally + the MiniLM sentence embedding);
- a one-hidden-layer MLP on the MiniLM embedding alone (meaning).

The mix weight and the Platt scaling are one small logistic regression (a stacker) over out-of-fold margins.

Weights live in `data/models/claims/checkworthy.npz` (numpy arrays) and `checkworthy.json` (threshold, scores),
so run time needs numpy only; scikit-learn is used to train (`peacewatch train checkworthy`).
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from peacewatch.claims.features import N_BUCKETS, read_model_files, tfidf_rows
from peacewatch.errors import PeacewatchError

MODEL_NAME = "checkworthy"


def model_dir() -> Path:
    return Path(str(resources.files("peacewatch") / "data" / "models" / "claims"))


@dataclass
class CheckworthyModel:
    idf: np.ndarray  # (N_BUCKETS,) float32
    w_tfidf: np.ndarray  # (N_BUCKETS,) float32
    w_emb: np.ndarray  # (384,) float32, already multiplied by the embedding block's scale
    bias: float
    mlp: tuple[np.ndarray, np.ndarray, np.ndarray, float]  # (w1 (384, h), b1 (h,), w2 (h,), b2): relu MLP
    mix: float  # margin = mix * logistic-regression margin + (1 - mix) * MLP logit
    platt_a: float  # p = sigmoid(platt_a * margin + platt_b): calibration fitted on out-of-fold margins
    platt_b: float
    threshold: float  # on the calibrated probability; chosen on training data (out-of-fold predictions)
    meta: dict
    rich_features: bool = False  # word trigrams + shape flags (`features._flags`); False for models before v3

    def margins(self, texts: list[str], embeddings: np.ndarray | None = None) -> np.ndarray:
        """Raw logistic-regression margins; `embeddings` (from `embed.embed`) are computed if not given."""
        if embeddings is None:
            from peacewatch.claims.embed import embed

            embeddings = embed(texts)
        embeddings = embeddings.astype(np.float32)
        linear = embeddings @ self.w_emb + self.bias
        for i, (idx, val) in enumerate(tfidf_rows(texts, self.idf, self.rich_features)):
            linear[i] += float(val @ self.w_tfidf[idx])
        return self.mix * linear + (1.0 - self.mix) * mlp_logits(self.mlp, embeddings)

    def probabilities(self, texts: list[str], embeddings: np.ndarray | None = None) -> np.ndarray:
        """Calibrated probability that each text is check-worthy."""
        z = self.platt_a * self.margins(texts, embeddings) + self.platt_b
        return 1.0 / (1.0 + np.exp(-z))

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        w1, b1, w2, b2 = self.mlp
        np.savez_compressed(directory / f"{MODEL_NAME}.npz", idf=self.idf.astype(np.float16),
                            w_tfidf=self.w_tfidf.astype(np.float16), w_emb=self.w_emb.astype(np.float32),
                            mlp_w1=w1.astype(np.float16), mlp_b1=b1.astype(np.float32),
                            mlp_w2=w2.astype(np.float32))
        head = {"bias": self.bias, "mlp_b2": b2, "mix": self.mix, "platt_a": self.platt_a, "platt_b": self.platt_b,
                "threshold": self.threshold, "n_buckets": N_BUCKETS, "rich_features": self.rich_features,
                **self.meta}
        (directory / f"{MODEL_NAME}.json").write_text(json.dumps(head, indent=2) + "\n", "utf-8")


def load_model(directory: Path | None = None) -> CheckworthyModel:
    directory = directory or model_dir()
    arrays, head = read_model_files(directory, MODEL_NAME, "check-worthiness model",
                                    "peacewatch train checkworthy --data FILE")
    fixed = {"bias", "mlp_b2", "mix", "platt_a", "platt_b", "threshold", "n_buckets", "rich_features"}
    meta = {k: v for k, v in head.items() if k not in fixed}
    mlp = (arrays["mlp_w1"].astype(np.float32), arrays["mlp_b1"].astype(np.float32),
           arrays["mlp_w2"].astype(np.float32), float(head["mlp_b2"]))
    return CheckworthyModel(arrays["idf"].astype(np.float32), arrays["w_tfidf"].astype(np.float32),
                            arrays["w_emb"].astype(np.float32), float(head["bias"]), mlp, float(head["mix"]),
                            float(head["platt_a"]), float(head["platt_b"]), float(head["threshold"]), meta,
                            rich_features=bool(head.get("rich_features", False)))


def mlp_logits(mlp: tuple[np.ndarray, np.ndarray, np.ndarray, float], x: np.ndarray) -> np.ndarray:
    w1, b1, w2, b2 = mlp
    return np.maximum(x @ w1 + b1, 0.0) @ w2 + b2


@lru_cache(maxsize=1)
def packaged_model() -> CheckworthyModel:
    """The model shipped with the package, loaded once per process."""
    return load_model()


def read_tsv(path: Path) -> tuple[list[str], list[int]]:
    """CheckThat! TSV (Sentence_id, Text, class_label Yes/No) → texts and 0/1 labels."""
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            # why: texts contain bare double quotes; QUOTE_NONE keeps them as text instead of field quoting
            rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    except (OSError, UnicodeDecodeError) as exc:
        raise PeacewatchError(f"{path}: cannot read: {exc}") from None
    if rows and not {"Text", "class_label"} <= set(rows[0]):
        raise PeacewatchError(f"{path}: expected columns Sentence_id, Text, class_label")
    texts = [r["Text"] or "" for r in rows]
    labels = [1 if (r["class_label"] or "").strip().casefold() == "yes" else 0 for r in rows]
    return texts, labels


def f1_scores(gold: list[int], predicted: list[int]) -> dict[str, float]:
    """Precision, recall and F1 of the positive class, plus counts (hand-checkable)."""
    tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g and p)
    fp = sum(1 for g, p in zip(gold, predicted, strict=True) if not g and p)
    fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g and not p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": round(f1, 4), "precision": round(precision, 4), "recall": round(recall, 4),
            "tp": tp, "fp": fp, "fn": fn, "n": len(gold)}
