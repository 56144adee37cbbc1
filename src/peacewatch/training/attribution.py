"""Training the attribution cue model on PolNeAR (`peacewatch train attribution --data DIR`).

Each candidate token (see `extractors.attributions.is_candidate`) is an example: positive when it anchors
a gold cue (the cue's syntactic head, preferring a verb), negative when it lies outside every gold cue,
left out when it is another word inside a gold cue (neither right nor wrong to pick). A logistic regression
(scikit-learn) learns the weights; the threshold is chosen on a tenth of the training articles held out
(never on dev), then the model is refit on all of them. The result is a JSON file of feature weights, so
that running it needs nothing but Python.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.tokens import Doc

from peacewatch.evaluation.polnear import Article, Fragments, GoldAttribution
from peacewatch.extractors.attributions import (
    CueLexicon,
    QuoteIndex,
    cue_features,
    default_lexicon,
    is_candidate,
)

_ANCHOR_POS = {"VERB": 0, "ADJ": 1, "NOUN": 2, "AUX": 3}


def tokens_in(doc: Doc, fragments: Fragments) -> list[int]:
    out: set[int] = set()
    for start, end in fragments:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            out.update(t.i for t in span)
    return sorted(out)


def gold_anchor(doc: Doc, fragments: Fragments, lexicon: CueLexicon) -> int | None:
    """The token that stands for a gold cue: its syntactic head among the candidates, a verb first."""
    tokens = tokens_in(doc, fragments)
    inside = set(tokens)
    candidates = [i for i in tokens if is_candidate(doc[i], lexicon)]
    if not candidates:
        return None
    heads = [i for i in candidates if doc[i].head.i not in inside or doc[i].head.i == i]
    pool = heads or candidates
    return min(pool, key=lambda i: (_ANCHOR_POS.get(doc[i].pos_, 9), -i if not heads else i))


def examples(doc: Doc, gold: Iterable[GoldAttribution],
             lexicon: CueLexicon) -> Iterator[tuple[list[str], int]]:
    gold = list(gold)
    anchors = {a for g in gold if g.cue and (a := gold_anchor(doc, g.cue, lexicon)) is not None}
    inside = {i for g in gold if g.cue for i in tokens_in(doc, g.cue)}
    quotes = QuoteIndex(doc.text)
    for token in doc:
        if not is_candidate(token, lexicon):
            continue
        if token.i in anchors:
            yield cue_features(token, lexicon, quotes), 1
        elif token.i not in inside:
            yield cue_features(token, lexicon, quotes), 0


def _fit(rows: list[tuple[list[str], int]], c: float):
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = CountVectorizer(analyzer=lambda feats: feats, binary=True, min_df=2)
    x = vectorizer.fit_transform([f for f, _ in rows])
    y = [label for _, label in rows]
    model = LogisticRegression(C=c, max_iter=2000, solver="liblinear")
    model.fit(x, y)
    return vectorizer, model


def _weights(vectorizer, model) -> tuple[dict[str, float], float]:
    names = vectorizer.get_feature_names_out()
    coef = model.coef_[0]
    weights = {str(n): round(float(w), 4) for n, w in zip(names, coef, strict=True) if abs(w) >= 0.005}
    return weights, float(model.intercept_[0])


def _best_threshold(vectorizer, model, rows: list[tuple[list[str], int]]) -> float:
    probs = model.predict_proba(vectorizer.transform([f for f, _ in rows]))[:, 1]
    gold = sum(label for _, label in rows)
    best, best_f = 0.5, -1.0
    for t in [x / 100 for x in range(20, 71, 2)]:
        tp = sum(1 for p, (_, y) in zip(probs, rows, strict=True) if p >= t and y)
        pred = sum(1 for p in probs if p >= t)
        f = 2 * tp / (pred + gold) if pred + gold else 0.0
        if f > best_f:
            best, best_f = t, f
    return best


def train(parsed: list[tuple[Article, Doc]], c: float = 0.5, seed: int = 13) -> dict:
    """The model file's content (weights, bias, threshold, card facts) from parsed training articles."""
    lexicon = default_lexicon()
    order = list(range(len(parsed)))
    random.Random(seed).shuffle(order)
    held = set(order[: max(1, len(order) // 10)])
    fit_rows, held_rows, all_rows = [], [], []
    for n, (article, doc) in enumerate(parsed):
        rows = list(examples(doc, article.attributions, lexicon))
        (held_rows if n in held else fit_rows).extend(rows)
        all_rows.extend(rows)
    vectorizer, model = _fit(fit_rows, c)
    threshold = _best_threshold(vectorizer, model, held_rows)
    vectorizer, model = _fit(all_rows, c)
    weights, bias = _weights(vectorizer, model)
    return {
        "version": 1,
        "bias": round(bias, 4),
        "threshold": threshold,
        "card": {
            "trained": dt.date.today().isoformat(),
            "articles": len(parsed),
            "attributions": sum(len(a.attributions) for a, _ in parsed),
            "examples": len(all_rows),
            "positives": sum(y for _, y in all_rows),
            "C": c,
        },
        "weights": dict(sorted(weights.items())),
    }


def write_model(model: dict, path: str | Path) -> Path:
    path = Path(path)
    path.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    return path
