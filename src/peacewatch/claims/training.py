"""Training the check-worthiness scorer (needs the `train` extra: scikit-learn)."""

from __future__ import annotations

import numpy as np

from peacewatch.claims.features import N_BUCKETS, fit_idf, tfidf_rows
from peacewatch.claims.model import CheckworthyModel, f1_scores, mlp_logits


def _design(texts: list[str], embeddings: np.ndarray, idf: np.ndarray, scale: float):
    from scipy import sparse

    rows = tfidf_rows(texts, idf)
    indptr = np.cumsum([0] + [len(idx) for idx, _ in rows])
    indices = np.concatenate([idx for idx, _ in rows]) if rows else np.zeros(0, np.int64)
    data = np.concatenate([val for _, val in rows]) if rows else np.zeros(0)
    tfidf = sparse.csr_matrix((data, indices, indptr), shape=(len(texts), N_BUCKETS))
    return sparse.hstack([tfidf, sparse.csr_matrix(embeddings * scale)], format="csr")


def _fit(x, y: np.ndarray, c: float):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, solver="liblinear", max_iter=1000).fit(x, y)


def _fit_mlp(x: np.ndarray, y: np.ndarray, hidden: int, seed: int):
    from sklearn.neural_network import MLPClassifier

    net = MLPClassifier(hidden_layer_sizes=(hidden,), alpha=1e-3, early_stopping=True, random_state=seed,
                        max_iter=200).fit(x, y)
    return (net.coefs_[0].astype(np.float32), net.intercepts_[0].astype(np.float32),
            net.coefs_[1][:, 0].astype(np.float32), float(net.intercepts_[1][0]))


def _platt(margins: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    platt = LogisticRegression(C=1e6, solver="lbfgs").fit(margins.reshape(-1, 1), y)
    return float(platt.coef_[0, 0]), float(platt.intercept_[0])


def best_threshold(probabilities: np.ndarray, y: np.ndarray) -> float:
    """The probability cut that maximises positive-class F1 (ties: the lower cut)."""
    best, best_f1 = 0.5, -1.0
    for cut in np.round(np.arange(0.05, 0.951, 0.01), 2):
        f1 = f1_scores(list(y), list((probabilities >= cut).astype(int)))["f1"]
        if f1 > best_f1:
            best, best_f1 = float(cut), f1
    return best


def train(texts: list[str], labels: list[int], embeddings: np.ndarray, c: float = 4.0, scale: float = 2.0,
          folds: int = 5, seed: int = 13, hidden: int = 256, mix: float = 0.5) -> CheckworthyModel:
    """Fit on all rows; calibration and threshold come from `folds`-fold out-of-fold margins (no dev data)."""
    y = np.asarray(labels)
    idf = fit_idf(texts)
    x = _design(texts, embeddings, idf, scale)
    rng = np.random.default_rng(seed)
    fold_of = rng.integers(0, folds, len(texts))
    oof = np.zeros(len(texts))
    for k in range(folds):
        held = fold_of == k
        linear = _fit(x[~held], y[~held], c).decision_function(x[held])
        net = _fit_mlp(embeddings[~held], y[~held], hidden, seed)
        oof[held] = mix * linear + (1 - mix) * mlp_logits(net, embeddings[held].astype(np.float32))
    a, b = _platt(oof, y)
    threshold = best_threshold(1.0 / (1.0 + np.exp(-(a * oof + b))), y)
    oof_scores = f1_scores(list(y), list((1.0 / (1.0 + np.exp(-(a * oof + b))) >= threshold).astype(int)))
    clf = _fit(x, y, c)
    coef = clf.coef_[0]
    return CheckworthyModel(
        idf=idf, w_tfidf=coef[:N_BUCKETS].astype(np.float32),
        w_emb=(coef[N_BUCKETS:] * scale).astype(np.float32), bias=float(clf.intercept_[0]),
        mlp=_fit_mlp(embeddings, y, hidden, seed), mix=mix, platt_a=a, platt_b=b, threshold=threshold,
        meta={"c": c, "embedding_scale": scale, "mlp_hidden": hidden, "train_rows": len(texts),
              "train_positives": int(y.sum()),
              "out_of_fold": oof_scores},
    )
