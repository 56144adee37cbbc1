"""PolNeAR (Newell, Margolin & Ruths, LREC 2018): reading its brat layout and scoring attributions against it.

Layout: `text/<slug>.txt` and `attributions/<slug>_<annotator>.ann` (several annotators may exist for one
article: the alphabetically first file is the gold). In the `.ann` files, `T` lines are spans
(`Source`, `Cue`, `Content`, `Content2`, the `Attribution` trigger; offsets may be discontinuous,
`a b;c d`) and `E` lines tie them into one attribution.

Scoring, per document and summed over the corpus (micro-averaged):

- spans of one role (source, cue, content), deduplicated, in two modes: *exact* (same first and last
  character, whitespace trimmed) and *overlap* (at least one shared character); in both modes a gold
  span matches at most one predicted span and vice versa (maximum one-to-one matching);
- whole attributions, overlap mode: the contents overlap and, where both have a source, the sources
  overlap too; again one-to-one.

Nothing from the corpus is stored in the project: the path comes from the command line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from peacewatch.evaluation.metrics import f1_score, ratio

#: A span as character fragments: contiguous spans have one, discontinuous ones (brat `a b;c d`) several.
Fragments = tuple[tuple[int, int], ...]
ROLES = ("source", "cue", "content")

_T_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")


@dataclass(frozen=True)
class GoldAttribution:
    source: Fragments | None
    cue: Fragments | None
    content: Fragments


@dataclass
class Article:
    name: str
    text: str
    attributions: list[GoldAttribution] = field(default_factory=list)


@dataclass(frozen=True)
class Predicted:
    """What a system found, in the scorer's terms (character offsets, contiguous)."""

    source: tuple[int, int] | None
    cue: tuple[int, int] | None
    content: tuple[int, int]


def _fragments(offsets: str, text: str) -> Fragments:
    out = []
    for part in offsets.split(";"):
        start, end = (int(x) for x in part.split())
        out.append(_trim(text, start, end))
    return tuple(sorted(f for f in out if f[1] > f[0]))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def parse_ann(ann: str, text: str) -> list[GoldAttribution]:
    """The attributions of one brat file (attributions without a content are skipped: nothing to score)."""
    spans: dict[str, tuple[str, Fragments]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in ann.splitlines():
        if m := _T_LINE.match(line):
            spans[m.group(1)] = (m.group(2), _fragments(m.group(3), text))
        elif m := _E_LINE.match(line):
            events.append([tuple(arg.split(":", 1)) for arg in m.group(2).split() if ":" in arg])
        # anything else: notes, relations, or the continuation of a span text that held a line break
    out = []
    for args in events:
        roles: dict[str, list[tuple[int, int]]] = {}
        for role, ref in args:
            if ref not in spans:
                continue
            key = "content" if role.startswith("Content") else role.split("-")[0].lower()
            roles.setdefault(key, []).extend(spans[ref][1])
        content = tuple(sorted(set(roles.get("content", ()))))
        if not content:
            continue
        cue = roles.get("cue") or roles.get("attribution")  # the trigger is the cue where none is given
        source = roles.get("source")
        out.append(GoldAttribution(tuple(sorted(set(source))) if source else None,
                                   tuple(sorted(set(cue))) if cue else None, content))
    return out


def find_article_pairs(gold_dir: str | Path) -> dict[str, Path]:
    """Article slug → its gold annotation file: of `<slug>_<annotator>.ann`, the alphabetically first."""
    anns: dict[str, Path] = {}
    for ann in sorted(Path(gold_dir, "attributions").glob("*.ann")):
        anns.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    return anns


def read_corpus(gold_dir: str | Path, limit: int | None = None) -> list[Article]:
    """Articles of a PolNeAR split folder, in name order (the first `limit` if given)."""
    gold = Path(gold_dir)
    texts = sorted((gold / "text").glob("*.txt"))
    if not texts:
        raise FileNotFoundError(f"{gold}: no text/*.txt files (expected the PolNeAR layout)")
    if limit is not None:
        texts = texts[:limit]
    anns = find_article_pairs(gold)
    articles = []
    for path in texts:
        # newline="" keeps "\r\n" as two characters, as brat counted them
        text = path.open(encoding="utf-8", newline="").read()
        ann = anns.get(path.stem)
        attributions = parse_ann(ann.read_text("utf-8"), text) if ann else []
        articles.append(Article(path.stem, text, attributions))
    return articles


# -- scoring ----------------------------------------------------------------------------------------

def _overlaps(a: Fragments, b: Fragments) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _extent(a: Fragments) -> tuple[int, int]:
    return a[0][0], a[-1][1]


def max_matching(n_left: int, n_right: int, edge: Callable[[int, int], bool]) -> int:
    """Size of a maximum one-to-one matching (Kuhn's augmenting paths; documents are small)."""
    adjacency = [[j for j in range(n_right) if edge(i, j)] for i in range(n_left)]
    match_right: list[int | None] = [None] * n_right

    def augment(i: int, seen: set[int]) -> bool:
        for j in adjacency[i]:
            if j in seen:
                continue
            seen.add(j)
            if match_right[j] is None or augment(match_right[j], seen):
                match_right[j] = i
                return True
        return False

    return sum(1 for i in range(n_left) if augment(i, set()))


@dataclass
class Counts:
    matched: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, matched: int, predicted: int, gold: int) -> None:
        self.matched += matched
        self.predicted += predicted
        self.gold += gold

    @property
    def precision(self) -> float:
        return ratio(self.matched, self.predicted)

    @property
    def recall(self) -> float:
        return ratio(self.matched, self.gold)

    @property
    def f1(self) -> float:
        return f1_score(self.precision, self.recall)


@dataclass
class Scores:
    """Counts per (role, mode); role is one of `ROLES` or "attribution" (overlap mode only)."""

    counts: dict[tuple[str, str], Counts] = field(default_factory=dict)

    def __getitem__(self, key: tuple[str, str]) -> Counts:
        return self.counts.setdefault(key, Counts())


def _as_fragments(span: tuple[int, int] | None) -> Fragments | None:
    return ((span[0], span[1]),) if span is not None and span[1] > span[0] else None


def score_document(gold: Sequence[GoldAttribution], predicted: Sequence[Predicted], scores: Scores) -> None:
    """Add one document's matches to `scores`."""
    for role in ROLES:
        gold_spans = sorted({s for g in gold if (s := getattr(g, role)) is not None})
        pred_spans = sorted({s for p in predicted if (s := _as_fragments(getattr(p, role))) is not None})
        exact = max_matching(len(gold_spans), len(pred_spans),
                             lambda i, j, g=gold_spans, p=pred_spans: _extent(g[i]) == _extent(p[j]))
        overlap = max_matching(len(gold_spans), len(pred_spans),
                               lambda i, j, g=gold_spans, p=pred_spans: _overlaps(g[i], p[j]))
        scores[role, "exact"].add(exact, len(pred_spans), len(gold_spans))
        scores[role, "overlap"].add(overlap, len(pred_spans), len(gold_spans))
    preds = [(_as_fragments(p.source), _as_fragments(p.content)) for p in predicted]
    preds = [(s, c) for s, c in preds if c is not None]

    def whole(i: int, j: int) -> bool:
        g, (source, content) = gold[i], preds[j]
        if not _overlaps(g.content, content):
            return False
        return g.source is None or source is None or _overlaps(g.source, source)

    scores["attribution", "overlap"].add(max_matching(len(gold), len(preds), whole), len(preds), len(gold))


def score(pairs: Iterable[tuple[Sequence[GoldAttribution], Sequence[Predicted]]]) -> Scores:
    scores = Scores()
    for gold, predicted in pairs:
        score_document(gold, predicted, scores)
    return scores


def format_table(scores: Scores) -> str:
    """The scores as a fixed-width table: one row per role, precision/recall/F1 per mode."""
    lines = [f"{'':<12}{'exact P':>9}{'R':>7}{'F1':>7}{'overlap P':>12}{'R':>7}{'F1':>7}"
             f"{'gold':>8}{'found':>8}"]
    for role in (*ROLES, "attribution"):
        row = f"{role:<12}"
        for mode, width in (("exact", 9), ("overlap", 12)):
            if (role, mode) in scores.counts:
                c = scores.counts[role, mode]
                row += f"{c.precision:>{width}.3f}{c.recall:>7.3f}{c.f1:>7.3f}"
            else:
                row += f"{'-':>{width}}{'-':>7}{'-':>7}"
        c = scores[role, "overlap"]
        lines.append(row + f"{c.gold:>8}{c.predicted:>8}")
    return "\n".join(lines)
