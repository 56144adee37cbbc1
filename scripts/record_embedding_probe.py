"""Do MiniLM sentence vectors help the record? A leave-one-set-out probe on the development gold sets.

    python scripts/record_embedding_probe.py            # needs the `train` extra (scikit-learn)

For every sentence of the demo gold and dev-a … dev-g (the held-out set is never read) it keeps the MiniLM
vector, the topics the topic matcher finds, the gold stances whose evidence overlaps it and the rules' stances.
Then, holding out one set at a time and training logistic regressions on the others, it measures two uses:

1. **fallback**: in sentences where the rules find no stance, a stance of the attribution's speaker on each topic
   the classifier predicts (polarity from a second classifier);
2. **filter**: dropping a rule stance whose topic the classifier gives a low probability.

It prints true and false positives for the first and, for the second, how many rule stances each cut removes and
how many of those were right. Sentences of 25 characters or fewer (list marks, labels) are left out of the
filter, as a stance spanning two sentences would count as wrong in the short one.
"""

from __future__ import annotations

import collections
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from peacewatch.claims.embed import embed
from peacewatch.errors import PeacewatchError
from peacewatch.evaluation.record import RECORD_CHAIN, occurrences, read_gold
from peacewatch.extractors.record import default_topics
from peacewatch.ingest import read_path
from peacewatch.pipeline import Pipeline, Settings

SETS = ["examples/gold/record.yaml"] + [f"examples/dev-{s}/gold.yaml" for s in "abcdefg"]
Key = tuple[str, str, str]


@dataclass
class Row:
    set: str
    text: str
    vector: np.ndarray
    topics: set[str]
    gold: set[Key]
    rules: set[Key]
    speakers: list[str]


def overlaps(start: int, end: int, b: int, e: int) -> bool:
    return start < e and b < end


def sentence_rows(gold_path: Path) -> list[Row]:
    gold = read_gold(gold_path)
    settings = Settings.from_file(gold_path.parent / gold["config"]) if gold.get("config") else Settings()
    settings.extractors = list(RECORD_CHAIN)
    pipeline = Pipeline(settings)
    matcher = default_topics(tuple(settings.topics))
    rows = []
    for entry in gold["documents"]:
        items = [i for i in read_path(gold_path.parent / gold.get("corpus", ".") / entry["file"])
                 if not isinstance(i, PeacewatchError)]
        analysis = pipeline.analyze(items[int(entry.get("index", 0))])
        text = analysis.document.text
        doc = pipeline.nlp(text)
        mentions = matcher.mentions(doc)
        sents = [s for s in doc.sents if s.text.strip()]
        for sent, vector in zip(sents, embed([s.text.strip() for s in sents]), strict=True):
            b, e = sent.start_char, sent.end_char
            quoted = {(g["actor"], g["topic"], g["polarity"]) for g in entry.get("stances") or []
                      if any(overlaps(b, e, i, j) for i, j in occurrences(text, g["evidence"]))}
            rows.append(Row(
                set=gold_path.parent.name, text=sent.text, vector=vector,
                topics={m.topic for m in mentions if b <= doc[m.first].idx < e}, gold=quoted,
                rules={(s.actor, s.topic, s.polarity) for s in analysis.stances
                       if overlaps(b, e, s.evidence.start, s.evidence.end)},
                speakers=[a.source_actor for a in analysis.attributions
                          if a.source_actor and overlaps(b, e, a.content.start, a.content.end)]))
    return rows


def main() -> None:
    from sklearn.linear_model import LogisticRegression

    rows = [r for path in SETS for r in sentence_rows(Path(path))]
    topics = sorted({t for r in rows for _, t, _ in r.gold})
    index = {t: n for n, t in enumerate(topics)}
    x = np.array([np.concatenate([r.vector, [float(t in r.topics) for t in topics]]) for r in rows])
    y = np.array([[float(any(t == topic for _, t, _ in r.gold)) for topic in topics] for r in rows])
    fallback: collections.Counter[str] = collections.Counter()
    judged: list[tuple[float, bool]] = []
    for held in sorted({r.set for r in rows}):
        train = np.array([r.set != held for r in rows])
        test = np.where(~train)[0]
        probs = np.zeros((len(test), len(topics)))
        for j in range(len(topics)):
            probs[:, j] = LogisticRegression(max_iter=3000).fit(x[train], y[train, j]).predict_proba(x[test])[:, 1]
        labelled = [i for i in np.where(train)[0] if rows[i].gold]
        polarity = LogisticRegression(max_iter=3000).fit(
            x[labelled], [collections.Counter(p for *_, p in rows[i].gold).most_common(1)[0][0] for i in labelled])
        said = polarity.predict(x[test])
        for k, i in enumerate(test):
            row = rows[i]
            if not row.rules and row.speakers:
                for j in np.where(probs[k] >= 0.5)[0]:
                    fallback["tp" if (row.speakers[0], topics[j], said[k]) in row.gold else "fp"] += 1
            if len(row.text.strip()) > 25:
                judged += [(probs[k, index[t]], key in row.gold) for key in row.rules
                           for _, t, _ in [key] if t in index]
    print(f"fallback in sentences without a rule stance (p >= 0.5): {fallback['tp']} right, {fallback['fp']} wrong")
    print(f"filter over {len(judged)} rule stances ({sum(ok for _, ok in judged)} right):")
    for cut in (0.02, 0.05, 0.1, 0.2):
        removed = [ok for p, ok in judged if p < cut]
        print(f"  p < {cut:<4}: removes {len(removed):>3}, of which {sum(removed):>3} right")


if __name__ == "__main__":
    main()
