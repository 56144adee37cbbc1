"""Gold data for events: the PLOVER gold-standard records and the CAMEO pentacode sentences (ConfliBERT benchmark).

Neither is shipped: both are read from a path (`--plover FILE`, `--pentacode FILE`); the default folder is
`$PEACEWATCH_SHARED_DATA`, else `../shared/data`. The pentacode train file has no dev split of its own, so a
fixed one is cut from it: every fifth row (rows 5, 10, 15, … counting from 1). Not the last 20%: the file is
sorted in runs of labels, and its last fifth holds no statement and no material cooperation at all.
"""

from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass
from pathlib import Path

from peacewatch.errors import PeacewatchError

DEV_EVERY = 5
PENTACODE_LABELS = ("statement", "verbal cooperation", "material cooperation", "verbal conflict",
                    "material conflict")


def shared_data() -> Path:
    return Path(os.environ.get("PEACEWATCH_SHARED_DATA", "../shared/data"))


@dataclass(frozen=True)
class PloverRecord:
    id: str
    text: str
    event: str  # as written in the file (v0.5 names)
    sources: tuple[str, ...]  # actorText of each source actor
    targets: tuple[str, ...]


def read_plover(path: Path) -> list[PloverRecord]:
    """The coded sentences of a PLOVER gold-standard JSON list (the header record, which has no text, is skipped)."""
    try:
        rows = json.loads(Path(path).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PeacewatchError(f"{path}: cannot read PLOVER records: {exc}") from None
    if not isinstance(rows, list):
        raise PeacewatchError(f"{path}: expected a JSON list of PLOVER records")

    def actors(value: object) -> tuple[str, ...]:
        items = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
        return tuple(str(a.get("actorText") or "") for a in items if isinstance(a, dict) and a.get("actorText"))

    out = []
    for row in rows:
        if isinstance(row, dict) and row.get("text") and row.get("event"):
            out.append(PloverRecord(str(row.get("id", len(out))), str(row["text"]), str(row["event"]),
                                    actors(row.get("source")), actors(row.get("target"))))
    return out


def read_pentacode(path: Path) -> tuple[list[str], list[int]]:
    """TSV without header: text, label 0..4."""
    texts, labels = [], []
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            for n, row in enumerate(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
                if not row:
                    continue
                if len(row) < 2 or row[-1].strip() not in {"0", "1", "2", "3", "4"}:
                    raise PeacewatchError(f"{path}:{n}: expected text<TAB>label (0..4)")
                texts.append("\t".join(row[:-1]))
                labels.append(int(row[-1]))
    except (OSError, UnicodeDecodeError) as exc:
        raise PeacewatchError(f"{path}: cannot read: {exc}") from None
    return texts, labels


def split_rows(n: int, split: str) -> list[int] | range:
    """Row indices (0-based) of a split: `dev` (every fifth row), `train` (the others) or `all`."""
    if split == "train":
        return [i for i in range(n) if i % DEV_EVERY != DEV_EVERY - 1]
    if split == "dev":
        return range(DEV_EVERY - 1, n, DEV_EVERY)
    if split == "all":
        return range(n)
    raise PeacewatchError(f"unknown split {split!r}: train, dev or all")
