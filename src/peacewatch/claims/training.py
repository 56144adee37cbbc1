"""Training the check-worthiness scorer (needs the `train` extra: scikit-learn)."""

from __future__ import annotations

import numpy as np

from peacewatch.claims.features import N_BUCKETS, fit_idf, tfidf_rows
from peacewatch.claims.model import CheckworthyModel, f1_scores, mlp_logits


def _design(texts: list[str], embeddings: np.ndarray, idf: np.ndarray, scale: float, rich: bool = False):
    from scipy import sparse

    rows = tfidf_rows(texts, idf, rich)
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


def _fit_mlps(x: np.ndarray, y: np.ndarray, hidden: int, seeds: tuple[int, ...]):
    """MLPs from several seeds merged into one wider MLP whose logit is the mean of theirs (exactly).

    Why: one MLP's dev F1 swings by ~2 points with its seed; averaging two adds ~0.3 points out of fold."""
    nets = [_fit_mlp(x, y, hidden, s) for s in seeds]
    return (np.concatenate([n[0] for n in nets], axis=1), np.concatenate([n[1] for n in nets]),
            np.concatenate([n[2] for n in nets]) / len(nets), sum(n[3] for n in nets) / len(nets))


def _stack(margins: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    """(weight of the linear margin, weight of the MLP logit, intercept) of a logistic regression over both.

    It is the mix and the Platt scaling in one fit: on out-of-fold margins it weighs the views by how well each
    predicts held-out rows (about +1 point of out-of-fold F1 over a fixed 0.5/0.5 mix)."""
    from sklearn.linear_model import LogisticRegression

    stacker = LogisticRegression(C=1.0, solver="lbfgs").fit(margins, y)
    w_linear, w_mlp = (float(w) for w in stacker.coef_[0])
    return w_linear, w_mlp, float(stacker.intercept_[0])


CUTS = np.round(np.arange(0.05, 0.951, 0.01), 2)


def best_threshold(probabilities: np.ndarray, y: np.ndarray) -> float:
    """The probability cut that maximises positive-class F1 (ties: the lower cut)."""
    best, best_f1 = 0.5, -1.0
    for cut in CUTS:
        f1 = f1_scores(list(y), list((probabilities >= cut).astype(int)))["f1"]
        if f1 > best_f1:
            best, best_f1 = float(cut), f1
    return best


def prior_threshold(probabilities: np.ndarray, y: np.ndarray) -> float:
    """The cut at which the share of predicted positives equals the share of positive labels (ties: the lower).

    Why not the F1-best cut: the training labels are crowd-sourced and noisy, which flattens the out-of-fold F1
    curve and pulls its maximum low (F1-optimal cut ≈ F1 / 2, and noisy labels cap F1 near 0.7); matching the base
    rate depends only on how many positives there are, not on how cleanly they are labelled."""
    rates = np.array([(probabilities >= cut).mean() for cut in CUTS])
    return float(CUTS[int(np.argmin(np.abs(rates - y.mean())))])


def train(texts: list[str], labels: list[int], embeddings: np.ndarray, c: float = 4.0, scale: float = 0.0,
          folds: int = 5, seed: int = 13, hidden: int = 256, rich: bool = True,
          threshold_rule: str = "prior", mlp_seeds: tuple[int, ...] = (13, 7)) -> CheckworthyModel:
    """Fit on all rows; the stacker and the threshold come from `folds`-fold out-of-fold margins (no dev data).

    `scale` 0 leaves the embedding out of the linear view (the MLP has it; out of fold that is as good and the
    linear fit is 3x faster); `threshold_rule` is "prior" (`prior_threshold`) or "f1" (`best_threshold`)."""
    if threshold_rule not in {"prior", "f1"}:
        raise ValueError(f"threshold_rule must be 'prior' or 'f1', not {threshold_rule!r}")
    y = np.asarray(labels)
    idf = fit_idf(texts, rich)
    x = _design(texts, embeddings, idf, scale, rich)
    rng = np.random.default_rng(seed)
    fold_of = rng.integers(0, folds, len(texts))
    oof = np.zeros((len(texts), 2))
    for k in range(folds):
        held = fold_of == k
        oof[held, 0] = _fit(x[~held], y[~held], c).decision_function(x[held])
        net = _fit_mlps(embeddings[~held], y[~held], hidden, mlp_seeds)
        oof[held, 1] = mlp_logits(net, embeddings[held].astype(np.float32))
    w_linear, w_mlp, intercept = _stack(oof, y)
    if w_linear + w_mlp <= 0:
        raise ValueError("stacker gave the two views no positive weight; the training data looks degenerate")
    probabilities = 1.0 / (1.0 + np.exp(-(oof @ np.array([w_linear, w_mlp]) + intercept)))
    f1_cut = best_threshold(probabilities, y)
    threshold = prior_threshold(probabilities, y) if threshold_rule == "prior" else f1_cut
    oof_scores = f1_scores(list(y), list((probabilities >= threshold).astype(int)))
    oof_at_f1_cut = f1_scores(list(y), list((probabilities >= f1_cut).astype(int)))
    clf = _fit(x, y, c)
    coef = clf.coef_[0]
    return CheckworthyModel(
        idf=idf, w_tfidf=coef[:N_BUCKETS].astype(np.float32),
        w_emb=(coef[N_BUCKETS:] * scale).astype(np.float32), bias=float(clf.intercept_[0]),
        mlp=_fit_mlps(embeddings, y, hidden, mlp_seeds),
        # why: w_l * linear + w_m * mlp + b == platt_a * (mix * linear + (1 - mix) * mlp) + platt_b
        mix=w_linear / (w_linear + w_mlp), platt_a=w_linear + w_mlp, platt_b=intercept, threshold=threshold,
        meta={"c": c, "embedding_scale": scale, "mlp_hidden": hidden, "folds": folds, "seed": seed,
              "mlp_seeds": list(mlp_seeds),
              "threshold_rule": threshold_rule, "train_rows": len(texts), "train_positives": int(y.sum()),
              "out_of_fold": oof_scores, "out_of_fold_f1_best_cut": {"threshold": f1_cut, **oof_at_f1_cut}},
        rich_features=rich,
    )
