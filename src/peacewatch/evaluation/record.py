"""`peacewatch eval record --gold FILE`: precision, recall and F1 of stances, commitments and deadlines.

Gold format (YAML), one entry per document, paths relative to the gold file:

    version: 1
    config: peacewatch.yaml          # optional settings (gazetteer) to analyze with
    corpus: corpus                   # folder the `file` names are in
    documents:
      - file: 2026-02-09-some-article.txt
        index: 0                     # optional: the n-th document of a multi-document file
        stances:     [{actor: kesh, topic: monitoring_intelligence, polarity: oppose, evidence: "rejects"}]
        commitments: [{actor: kesh, topic: monitoring_intelligence, modality: refused, evidence: "rejects"}]
        deadlines:   [{due: 2026-03-31, evidence: "by the end of March", actor: null}]

A prediction matches a gold record when the canonical actor, topic and polarity/modality (deadlines: the
due date) are equal and its evidence overlaps the gold `evidence` quote (any of its occurrences in the
text). Matching is one-to-one; a document's records not listed in the gold count as false positives, so
list every record a document holds. Deadline actors are not compared (they are often unnamed).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
import yaml

from peacewatch.contract import Analysis, Span
from peacewatch.errors import PeacewatchError
from peacewatch.evaluation.metrics import Counts
from peacewatch.subcommands import eval_app

RECORD_TYPES = ("stances", "commitments", "deadlines")
RECORD_CHAIN = ("actors", "times", "attributions", "commitments", "stances", "deadlines")
KEYS = {"stances": ("actor", "topic", "polarity"), "commitments": ("actor", "topic", "modality"),
        "deadlines": ("due",)}
#: looser matches, to see where the misses are: a record still needs its evidence to overlap the gold one
MATCHES: dict[str, dict[str, tuple[str, ...]]] = {
    "full": KEYS,
    "no-actor": {"stances": ("topic", "polarity"), "commitments": ("topic", "modality"), "deadlines": ("due",)},
    "no-polarity": {"stances": ("actor", "topic"), "commitments": ("actor", "topic"), "deadlines": ("due",)},
    "topic": {"stances": ("topic",), "commitments": ("topic",), "deadlines": ()},
    "evidence": {"stances": (), "commitments": (), "deadlines": ()},
}


def read_gold(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text("utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise PeacewatchError(f"{path}: cannot read gold: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise PeacewatchError(f"{path}: expected a mapping with a `documents` list")
    return data


def occurrences(text: str, quote: str) -> list[tuple[int, int]]:
    """Every (start, end) of a gold quote in the text."""
    out, start = [], text.find(quote)
    while start >= 0:
        out.append((start, start + len(quote)))
        start = text.find(quote, start + 1)
    return out


def _evidence(kind: str, record: Any) -> list[Span]:
    if kind == "deadlines":
        return [record.expression, record.content]
    return [record.evidence]


def _key(kind: str, record: Any, keys: dict[str, tuple[str, ...]] = KEYS) -> tuple[str, ...]:
    get = record.get if isinstance(record, dict) else lambda k: getattr(record, k)
    return tuple(str(get(k)) for k in keys[kind])


def score_document(analysis: Analysis, gold: dict[str, Any], totals: dict[str, Counts],
                   errors: list[str] | None = None, keys: dict[str, tuple[str, ...]] = KEYS) -> None:
    """Adds one document's true/false positives and misses to `totals`; each error to `errors` if given. A
    prediction matches a gold record with the same `keys` fields (`MATCHES`) and overlapping evidence."""
    text = analysis.document.text
    for kind in RECORD_TYPES:
        predicted = list(getattr(analysis, kind))
        used: set[int] = set()
        for entry in gold.get(kind) or []:
            quote = str(entry.get("evidence", ""))
            places = occurrences(text, quote) if quote else []
            if quote and not places:
                raise PeacewatchError(f"{gold.get('file')}: gold evidence not in the text: {quote!r}")
            hit = next((n for n, p in enumerate(predicted) if n not in used
                        and _key(kind, p, keys) == _key(kind, entry, keys)
                        and (not places or any(s.start < e and b < s.end for s in _evidence(kind, p)
                                               for b, e in places))), None)
            if hit is None:
                totals[kind].fn += 1
                if errors is not None:
                    errors.append(f"{gold.get('file')}: missed {kind[:-1]} {_key(kind, entry)}: {quote!r}")
            else:
                used.add(hit)
                totals[kind].tp += 1
        totals[kind].fp += len(predicted) - len(used)
        if errors is not None:
            errors += [f"{gold.get('file')}: spurious {kind[:-1]} {_key(kind, p)}: "
                       f"{' '.join(_evidence(kind, p)[-1].text.split())[:160]!r}"
                       for n, p in enumerate(predicted) if n not in used]


def evaluate(gold_path: Path, config: Path | None = None, errors: list[str] | None = None,
             match: str = "full") -> dict[str, Counts]:
    from peacewatch.ingest import read_path
    from peacewatch.pipeline import Pipeline, Settings

    gold = read_gold(gold_path)
    base = gold_path.parent
    config = config or (base / gold["config"] if gold.get("config") else None)
    settings = Settings.from_file(config) if config else Settings()
    settings.extractors = list(RECORD_CHAIN)  # what the record needs; the trained scorers only cost time
    pipeline = Pipeline(settings)
    corpus = base / str(gold.get("corpus", "."))
    totals = {kind: Counts() for kind in RECORD_TYPES}
    for entry in gold["documents"]:
        items = [i for i in read_path(corpus / str(entry["file"])) if not isinstance(i, PeacewatchError)]
        index = int(entry.get("index", 0))
        if index >= len(items):
            raise PeacewatchError(f"{entry['file']}: no document {index} in it")
        score_document(pipeline.analyze(items[index]), entry, totals, errors, MATCHES[match])
    return totals


def format_table(totals: dict[str, Counts]) -> str:
    rows = ["record        precision  recall     F1   tp   fp   fn"]
    for kind, c in totals.items():
        rows.append(f"{kind:<12} {c.precision:>10.3f} {c.recall:>7.3f} {c.f1:>6.3f} {c.tp:>4} {c.fp:>4} {c.fn:>4}")
    return "\n".join(rows)


@eval_app.command("record")
def eval_record(
    gold: Annotated[Path, typer.Option("--gold", exists=True, dir_okay=False,
                                       help="A gold YAML file (format: peacewatch.evaluation.record).")],
    config: Annotated[Path | None, typer.Option("--config", exists=True, dir_okay=False,
                                                help="Settings file (default: the gold file's `config`).")]
    = None,
    show_errors: Annotated[bool, typer.Option("--errors", help="List every miss and spurious record.")] = False,
    match: Annotated[str, typer.Option(
        "--match", help="What a match needs beside overlapping evidence: full (actor, topic, polarity/modality; "
                        "deadlines: due), no-actor, no-polarity, topic, or evidence alone.")] = "full",
) -> None:
    """Precision, recall and F1 of stances, commitments and deadlines against hand-written gold."""
    errors: list[str] | None = [] if show_errors else None
    if match not in MATCHES:
        typer.echo(f"error: --match {match!r}: expected one of {', '.join(MATCHES)}", err=True)
        raise typer.Exit(2)
    try:
        totals = evaluate(gold, config, errors, match)
    except PeacewatchError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    for line in errors or []:
        typer.echo(line)
    typer.echo(f"peace-process record against {gold}" + (f" (match: {match})" if match != "full" else ""))
    typer.echo(format_table(totals))
