"""Training the pentaclass sentence classifier (needs the `train` extra: scikit-learn)."""

from __future__ import annotations

import numpy as np

from peacewatch.claims.features import N_BUCKETS, fit_idf
from peacewatch.claims.training import _design
from peacewatch.events.model import N_CLASSES, PentaclassModel


def design(texts: list[str], embeddings: np.ndarray, lexicon: np.ndarray, idf: np.ndarray, scale: float,
           lex_scale: float):
    from scipy import sparse

    return sparse.hstack([_design(texts, embeddings, idf, scale), sparse.csr_matrix(lexicon * lex_scale)],
                         format="csr")


def train(texts: list[str], labels: list[int], embeddings: np.ndarray, lexicon: np.ndarray, c: float = 4.0,
          scale: float = 2.0, lex_scale: float = 1.0) -> PentaclassModel:
    """One multinomial logistic regression over TF-IDF, the embedding and the lexicon features."""
    from sklearn.linear_model import LogisticRegression

    idf = fit_idf(texts)
    x = design(texts, embeddings, lexicon, idf, scale, lex_scale)
    clf = LogisticRegression(C=c, max_iter=2000).fit(x, np.asarray(labels))
    if list(clf.classes_) != list(range(N_CLASSES)):
        raise ValueError(f"training data must hold all {N_CLASSES} classes, found {list(clf.classes_)}")
    coef = clf.coef_.T  # (features, classes)
    dim = embeddings.shape[1]
    return PentaclassModel(
        idf=idf, w_tfidf=coef[:N_BUCKETS].astype(np.float32),
        w_emb=(coef[N_BUCKETS:N_BUCKETS + dim] * scale).astype(np.float32),
        w_lex=(coef[N_BUCKETS + dim:] * lex_scale).astype(np.float32), bias=clf.intercept_.astype(np.float32),
        meta={"c": c, "embedding_scale": scale, "lexicon_scale": lex_scale, "train_rows": len(texts),
              "class_counts": [int(np.sum(np.asarray(labels) == k)) for k in range(N_CLASSES)]})
