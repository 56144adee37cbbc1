"""Training the technique tagger on PTC articles: fit, tune thresholds, calibrate scores.

The articles given are split once more: the first 85% (by id) train the net, the last 15% tune the
per-technique thresholds and fit the score calibration, so that nothing is tuned on what it is scored on.
"""

from __future__ import annotations

import math
import pickle
from collections.abc import Callable
from pathlib import Path

import numpy as np

from peacewatch.techniques.data import Article
from peacewatch.techniques.encoder import encode
from peacewatch.techniques.labels import LABELS
from peacewatch.techniques.model import Sample, TechniqueModel, featurize, targets, train_net
from peacewatch.techniques.scoring import score

TUNE_SHARE = 0.15
GRID = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9,
        0.95)


def encode_articles(articles: list[Article], cache: Path | None = None,
                    log: Callable[[str], None] = print) -> dict[str, list]:
    """MiniLM states per article id; with `cache`, kept in a pickle so that reruns skip the encoder."""
    stored: dict[str, list] = {}
    if cache is not None and cache.is_file():
        with cache.open("rb") as fh:
            stored = pickle.load(fh)
    missing = [a for a in articles if a.id not in stored]
    for n, article in enumerate(missing, 1):
        stored[article.id] = encode(article.text, article.segments())
        if n % 25 == 0 or n == len(missing):
            log(f"encoded {n}/{len(missing)} articles")
    if cache is not None and missing:
        cache.parent.mkdir(parents=True, exist_ok=True)
        with cache.open("wb") as fh:
            pickle.dump(stored, fh, protocol=5)
    return {a.id: stored[a.id] for a in articles}


def samples_for(article: Article, encoded: list) -> list[Sample]:
    samples = featurize(article.text, article.segments(), encoded)
    gold = [(g.start, g.end, g.technique) for g in article.spans]
    for sample in samples:
        sample.y = targets(sample, gold, list(LABELS))
    return samples


def fit_and_tune(articles: list[Article]) -> tuple[list[Article], list[Article]]:
    """The articles that train the net (the first 85%) and those that tune thresholds and calibration."""
    cut = min(len(articles) - 1, max(1, round(len(articles) * (1 - TUNE_SHARE))))
    return articles[:cut], articles[cut:]


def train_model(articles: list[Article], epochs: int = 6, seed: int = 13, heads: int = 3,
                cache: Path | None = None, log: Callable[[str], None] = print) -> TechniqueModel:
    labels = list(LABELS)
    if len(articles) < 2:
        raise ValueError("training needs at least two articles")
    encoded = encode_articles(articles, cache, log)
    samples = {a.id: samples_for(a, encoded[a.id]) for a in articles}
    fit, tune = fit_and_tune(articles)
    log(f"training on {len(fit)} articles, tuning on {len(tune)}")
    fit_samples = [s for a in fit for s in samples[a.id]]
    nets = []
    for head in range(heads):  # why: averaging a few heads from different seeds steadies the probabilities
        log(f"head {head + 1}/{heads}")
        nets.append(train_net(fit_samples, labels, epochs=epochs, seed=seed + head, log=log))
    model = TechniqueModel(labels, nets, {n: 0.5 for n in labels})
    probs = {a.id: model.piece_probs(samples[a.id]) for a in tune}
    model.thresholds = tune_thresholds(model, tune, samples, probs)
    model.calibration = fit_calibration(model, tune, samples, probs)
    model.meta = {"epochs": epochs, "seed": seed, "heads": heads, "train_articles": len(fit),
                  "tune_articles": len(tune), "first_article": articles[0].id, "last_article": articles[-1].id}
    return model


def tune_thresholds(model: TechniqueModel, tune: list[Article], samples, probs,
                    passes: int = 2) -> dict[str, float]:
    """Per-technique thresholds by coordinate ascent on `tune`.

    The objective is the sum of sentence micro-F1, sentence macro-F1 and span-identification F1, all
    techniques at once: tuning each technique alone for its own F1 lets rare ones flood the output with
    low-precision spans, which costs more than it gains.
    """
    gold = {a.id: [(g.start, g.end, g.technique) for g in a.spans] for a in tune}
    segments = {a.id: a.segments() for a in tune}
    # why: decode each (technique, threshold) once; the ascent then only reassembles and scores
    off = {k: 2.0 for k in model.labels}
    spans = {(name, value): {a.id: [(s, e, n) for s, e, n, _ in model.decode(
        a.text, samples[a.id], probs[a.id], {**off, name: value})] for a in tune}
        for name in model.labels for value in GRID}

    def objective(thresholds: dict[str, float]) -> float:
        pred = {a.id: [x for name in model.labels for x in spans[(name, thresholds[name])][a.id]] for a in tune}
        report = score(model.labels, gold, pred, segments)
        return report.sentence_micro.f1 + report.sentence_macro_f1 + report.si.f1

    chosen = {n: 0.5 for n in model.labels}
    best = objective(chosen)
    for _ in range(passes):
        for name in model.labels:
            for value in GRID:
                if value == chosen[name]:
                    continue
                trial = objective({**chosen, name: value})
                if trial > best + 1e-9:
                    best, chosen = trial, {**chosen, name: value}
    return chosen


def fit_calibration(model: TechniqueModel, tune: list[Article], samples,
                    probs) -> dict[str, tuple[float, float]]:
    """Platt scaling per technique: P(span overlaps a gold span of its technique | mean piece prob)."""
    xs: dict[str, list[float]] = {n: [] for n in model.labels}
    ys: dict[str, list[float]] = {n: [] for n in model.labels}
    saved, model.calibration = model.calibration, {}
    for a in tune:
        for start, end, name, raw in model.decode(a.text, samples[a.id], probs[a.id]):
            hit = any(g.technique == name and g.start < end and start < g.end for g in a.spans)
            p = min(max(raw, 1e-6), 1 - 1e-6)
            xs[name].append(math.log(p / (1 - p)))
            ys[name].append(float(hit))
    model.calibration = saved
    everything = _platt(np.array(sum(xs.values(), [])), np.array(sum(ys.values(), [])))
    out = {}
    for name in model.labels:
        # why: a technique with few spans or one outcome only cannot carry its own fit
        enough = len(xs[name]) >= 30 and 5 <= sum(ys[name]) <= len(ys[name]) - 5
        fit = _platt(np.array(xs[name]), np.array(ys[name])) if enough else everything
        out[name] = fit if fit[0] > 0 else everything  # a score must not fall as the model grows surer
    return out


def _platt(x: np.ndarray, y: np.ndarray, steps: int = 50) -> tuple[float, float]:
    """Logistic regression of y on x by Newton's method, lightly regularised toward (1, 0)."""
    if len(x) == 0 or y.min() == y.max():
        return (1.0, 0.0)
    w = np.array([1.0, 0.0])
    X = np.stack([x, np.ones_like(x)], axis=1)
    prior = np.array([1.0, 0.0])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(X @ w)))
        grad = X.T @ (p - y) + 5.0 * (w - prior)  # why: tune sets are small; stay near the identity
        hess = (X * (p * (1 - p))[:, None]).T @ X + 5.0 * np.eye(2)
        w = w - np.linalg.solve(hess, grad)
    return (round(float(w[0]), 4), round(float(w[1]), 4))
