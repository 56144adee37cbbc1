"""Scores for technique detection, on character spans per article.

- **SI** (span identification, SemEval-2020 Task 11 subtask 1): labels ignored, overlapping spans merged;
  with S the predicted and T the gold spans of all articles,
  P = Σ_{s∈S,t∈T} |s∩t| / |s| / |S| and R = Σ_{s∈S,t∈T} |s∩t| / |t| / |T| (pairs within one article).
  Partial overlap earns partial credit, so a span twice too long scores P = 0.5.
- **span+technique**: the same measure counting only pairs with the same technique
  (Da San Martino et al. 2019, "FLC"), micro over all techniques.
- **sentence level**: each sentence carries the set of techniques whose spans overlap it; micro- and
  macro-F1 over the 14 labels (macro: the plain mean of per-label F1, a label with no gold and no
  prediction counting as 0 so that silence on rare labels is not rewarded).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from peacewatch.evaluation.metrics import Counts, f1_score, ratio

Interval = tuple[int, int]
Labelled = tuple[int, int, str]


def merge(spans: Iterable[Interval]) -> list[Interval]:
    """Overlapping or touching intervals joined into one."""
    out: list[list[int]] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(s, e) for s, e in out]


def _overlap(a: Interval, b: Interval) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


@dataclass
class OverlapScore:
    """Accumulates the SI measure; `add` one article at a time."""

    p_sum: float = 0.0
    r_sum: float = 0.0
    n_pred: int = 0
    n_gold: int = 0

    def add(self, pred: list[Interval], gold: list[Interval]) -> None:
        self.n_pred += len(pred)
        self.n_gold += len(gold)
        for s in pred:
            for t in gold:
                inter = _overlap(s, t)
                if inter:
                    self.p_sum += inter / (s[1] - s[0])
                    self.r_sum += inter / (t[1] - t[0])

    @property
    def precision(self) -> float:
        return ratio(self.p_sum, self.n_pred)

    @property
    def recall(self) -> float:
        return ratio(self.r_sum, self.n_gold)

    @property
    def f1(self) -> float:
        return f1_score(self.precision, self.recall)



@dataclass
class Report:
    si: OverlapScore = field(default_factory=OverlapScore)
    span_technique: OverlapScore = field(default_factory=OverlapScore)
    per_label_span: dict[str, OverlapScore] = field(default_factory=dict)
    sentence: dict[str, Counts] = field(default_factory=dict)
    sentences: int = 0
    articles: int = 0
    gold_sentences: Counter = field(default_factory=Counter)

    @property
    def sentence_micro(self) -> Counts:
        total = Counts()
        for c in self.sentence.values():
            total.tp, total.fp, total.fn = total.tp + c.tp, total.fp + c.fp, total.fn + c.fn
        return total

    @property
    def sentence_macro_f1(self) -> float:
        return sum(c.f1 for c in self.sentence.values()) / len(self.sentence) if self.sentence else 0.0

    def as_dict(self) -> dict:
        return {
            "articles": self.articles,
            "sentences": self.sentences,
            "si": {"precision": self.si.precision, "recall": self.si.recall, "f1": self.si.f1},
            "span_technique": {"precision": self.span_technique.precision,
                               "recall": self.span_technique.recall, "f1": self.span_technique.f1},
            "sentence_micro": {"precision": self.sentence_micro.precision,
                               "recall": self.sentence_micro.recall, "f1": self.sentence_micro.f1},
            "sentence_macro_f1": self.sentence_macro_f1,
            "per_label": {
                name: {"sentence_f1": c.f1, "sentence_precision": c.precision, "sentence_recall": c.recall,
                       "gold_sentences": self.gold_sentences[name],
                       "span_f1": self.per_label_span[name].f1}
                for name, c in self.sentence.items()
            },
        }


def score(
    labels: Iterable[str],
    gold: Mapping[str, list[Labelled]],
    pred: Mapping[str, list[Labelled]],
    segments: Mapping[str, list[Interval]],
) -> Report:
    """Score predictions against gold; all three mappings are keyed by article id (gold's ids count)."""
    labels = list(labels)
    report = Report(per_label_span={n: OverlapScore() for n in labels}, sentence={n: Counts() for n in labels})
    for art, gold_spans in gold.items():
        pred_spans = [p for p in pred.get(art, []) if p[2] in report.sentence]
        report.articles += 1
        report.si.add(merge((s, e) for s, e, _ in pred_spans), merge((s, e) for s, e, _ in gold_spans))
        for name in labels:
            p = merge((s, e) for s, e, n in pred_spans if n == name)
            g = [(s, e) for s, e, n in gold_spans if n == name]
            report.span_technique.add(p, g)
            report.per_label_span[name].add(p, g)
        for seg in segments.get(art, []):
            report.sentences += 1
            g_set = {n for s, e, n in gold_spans if _overlap((s, e), seg)}
            p_set = {n for s, e, n in pred_spans if _overlap((s, e), seg)}
            for name in g_set:
                report.gold_sentences[name] += 1
            for name in labels:
                counts = report.sentence[name]
                if name in g_set and name in p_set:
                    counts.tp += 1
                elif name in p_set:
                    counts.fp += 1
                elif name in g_set:
                    counts.fn += 1
    return report
