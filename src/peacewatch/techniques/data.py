"""Reading the Propaganda Techniques Corpus (PTC, SemEval-2020 Task 11) layout.

`DIR/train-articles/article<ID>.txt` (title, blank line, one sentence per line) and
`DIR/train-task2-TC.labels` (id, technique, start, end). Any `*-articles/` folder and `*-TC.labels` file
is read the same way, so a dev or test release in that layout works unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from peacewatch.errors import InputError

_ARTICLE = re.compile(r"article(\d+)\.txt$")

#: The fixed held-out part: the last 20% of articles by sorted id (never trained on).
DEV_SHARE = 0.2


@dataclass
class GoldSpan:
    start: int
    end: int
    technique: str  # snake_case name


@dataclass
class Article:
    id: str
    text: str
    spans: list[GoldSpan] = field(default_factory=list)

    def segments(self) -> list[tuple[int, int]]:
        """The PTC sentences: one non-blank line each, as (start, end) character offsets."""
        return line_segments(self.text)


def line_segments(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        end = pos + len(line)
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            out.append((pos + lead, pos + lead + len(stripped)))
        pos = end + 1
    return out


def read_ptc(directory: str | Path) -> list[Article]:
    """Articles with their gold spans (technique names mapped to snake_case), sorted by id."""
    from peacewatch.techniques.labels import PTC_TO_NAME

    root = Path(directory)
    folders = sorted(p for p in root.glob("*articles") if p.is_dir())
    if not folders:
        raise InputError(f"{root}: no '*-articles/' folder: not the PTC layout")
    articles: dict[str, Article] = {}
    for folder in folders:
        for path in folder.iterdir():
            match = _ARTICLE.search(path.name)
            if match:
                articles[match.group(1)] = Article(match.group(1), path.read_text("utf-8"))
    for labels in sorted(root.glob("*TC.labels")):
        for n, line in enumerate(labels.read_text("utf-8").splitlines(), 1):
            if not line.strip():
                continue
            parts = line.split("\t")
            if len(parts) != 4:
                raise InputError(f"{labels}:{n}: expected 4 tab-separated columns")
            art, ptc, start, end = parts
            if ptc not in PTC_TO_NAME:
                raise InputError(f"{labels}:{n}: unknown technique {ptc!r}")
            if art in articles:
                articles[art].spans.append(GoldSpan(int(start), int(end), PTC_TO_NAME[ptc]))
    return [articles[k] for k in sorted(articles, key=_sort_key)]


def _sort_key(article_id: str) -> tuple[int, str]:
    return (int(article_id), article_id) if article_id.isdigit() else (0, article_id)


def split(articles: list[Article], part: str) -> list[Article]:
    """`train`: the first 80% by sorted id; `dev`: the last 20%; `all`: everything."""
    ordered = sorted(articles, key=lambda a: _sort_key(a.id))
    cut = len(ordered) - round(len(ordered) * DEV_SHARE)
    if part == "train":
        return ordered[:cut]
    if part == "dev":
        return ordered[cut:]
    if part == "all":
        return ordered
    raise ValueError(f"unknown split {part!r}: train, dev or all")
