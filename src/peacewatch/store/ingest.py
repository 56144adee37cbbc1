"""Analyze and store: idempotent by content hash, committed per bounded batch, resumable.

A kill -9 loses at most the batch in flight: every earlier batch is committed, and a rerun skips
stored hashes *before* analysis, so it resumes where the last run stopped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import TYPE_CHECKING

from peacewatch.contract import Analysis, Document
from peacewatch.errors import PeacewatchError
from peacewatch.store.db import Store

if TYPE_CHECKING:
    from peacewatch.scale.workers import Analyzer

BATCH_SIZE = 16


@dataclass
class IngestReport:
    stored: int = 0
    near_duplicates: int = 0
    skipped: int = 0  # already stored (same content hash), or repeated within this run
    errors: list[str] = field(default_factory=list)


def ingest_analyses(store: Store, results: Iterable[Analysis | PeacewatchError], batch_size: int = BATCH_SIZE,
                    report: IngestReport | None = None,
                    on_error: Callable[[PeacewatchError], None] | None = None) -> IngestReport:
    """Stores analyses in batches of `batch_size`, one transaction each; errors are reported, not raised."""
    report = report or IngestReport()
    batch: list[Analysis] = []

    def flush() -> None:
        for outcome in store.add_batch(batch):
            if outcome == "stored":
                report.stored += 1
            elif outcome == "near-duplicate":
                report.near_duplicates += 1
            else:
                report.skipped += 1
        batch.clear()

    for result in results:
        if isinstance(result, PeacewatchError):
            _record_error(report, result, on_error)
            continue
        batch.append(result)
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    return report


def _record_error(report: IngestReport, error: PeacewatchError,
                  on_error: Callable[[PeacewatchError], None] | None) -> None:
    report.errors.append(str(error))
    if on_error:
        on_error(error)


def new_documents(store: Store, items: Iterable[Document | PeacewatchError], report: IngestReport,
                  chunk: int = 64) -> Iterator[Document | PeacewatchError]:
    """The documents not yet stored (nor seen earlier in this run); errors pass through in place."""
    seen: set[str] = set()
    iterator = iter(items)
    while block := list(islice(iterator, chunk)):
        stored = store.stored_ids(i.id for i in block if isinstance(i, Document))
        for item in block:
            if isinstance(item, Document):
                if item.id in stored or item.id in seen:
                    report.skipped += 1
                    continue
                seen.add(item.id)
            yield item


def ingest_documents(store: Store, items: Iterable[Document | PeacewatchError],
                     pipeline_factory: Callable[[], Analyzer], batch_size: int = BATCH_SIZE,
                     on_error: Callable[[PeacewatchError], None] | None = None) -> IngestReport:
    """Analyzes what is new and stores it; the pipeline (spaCy) is built only if there is something to analyze.

    `pipeline_factory` gives a `Pipeline`, or anything with its `process` (worker processes, Ray).
    """
    report = IngestReport()
    fresh = new_documents(store, items, report)
    for item in fresh:
        if isinstance(item, PeacewatchError):
            _record_error(report, item, on_error)
            continue
        pipeline = pipeline_factory()
        return ingest_analyses(store, pipeline.process(chain([item], fresh)), batch_size, report, on_error)
    return report
