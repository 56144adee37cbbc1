"""`--workers N`: the analysis in N local processes, each loading the pipeline once.

Processes are started with `spawn` (torch and a forked parent do not mix). At most `2 * N` chunks of documents
are in flight, so memory stays flat however long the input; results come back in input order, and an input
error or a failing document is reported in its place without stopping the batch.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from multiprocessing.pool import AsyncResult
from typing import Protocol

from peacewatch.contract import Analysis, Document
from peacewatch.errors import ConfigError, ModelMissingError, PeacewatchError
from peacewatch.ingest.documents import make_document
from peacewatch.pipeline import AnalysisError, Pipeline, Settings

Item = str | Document | PeacewatchError
Result = Analysis | PeacewatchError
#: errors that concern the whole run (a bad config, a missing model), raised rather than reported per document
FATAL = (ConfigError, ModelMissingError)

_pipeline: Pipeline | PeacewatchError | None = None  # one per worker process


class Analyzer(Protocol):
    """What `ingest_documents` and the `analyze` command need: results in input order, errors in place."""

    def process(self, items: Iterable[Item]) -> Iterator[Result]: ...


def analyzer(settings: Settings, workers: int = 1) -> Analyzer:
    """The in-process pipeline for one worker, a pool of processes for more."""
    return Pipeline(settings) if workers <= 1 else ParallelPipeline(settings, workers)


def _start(settings: Settings) -> None:
    global _pipeline
    try:
        _pipeline = Pipeline(settings)
    except PeacewatchError as exc:  # why: a failing initializer would be restarted forever by the pool
        _pipeline = exc


def _analyze(documents: list[Document]) -> list[Result]:
    if isinstance(_pipeline, PeacewatchError):
        raise _pipeline
    assert _pipeline is not None
    return list(_pipeline.process(documents))


def _check(settings: Settings) -> None:
    """The cheap part of building a pipeline, in the parent: a bad config fails here, once, with a clear error."""
    from peacewatch.extractors.base import REGISTRY
    from peacewatch.gazetteer import load_gazetteer

    unknown = [name for name in settings.extractors if name not in REGISTRY]
    if unknown:
        raise ConfigError(f"unknown extractors {unknown}; known: {sorted(REGISTRY)}")
    load_gazetteer(settings.gazetteer)


#: documents a worker analyzes before the pool replaces it with a fresh process: a worker's native heap grows
#: slowly with what it has seen (about 17 MB per 1,000 documents, see BENCHMARKS.md) while a fresh one costs
#: about 5 s of model loading, so memory stays bounded at well under 1% of the time
RECYCLE_DOCUMENTS = 2000


class ParallelPipeline:
    """`Pipeline.process` over a pool of `workers` processes, `chunk` documents per task; each worker is
    replaced after about `recycle` documents (None: never)."""

    def __init__(self, settings: Settings, workers: int, chunk: int | None = None,
                 recycle: int | None = RECYCLE_DOCUMENTS) -> None:
        self.settings, self.workers = settings, max(1, workers)
        self.chunk = chunk or settings.batch_size
        self.tasks_per_worker = max(1, recycle // self.chunk) if recycle else None
        _check(settings)

    def process(self, items: Iterable[Item]) -> Iterator[Result]:
        iterator = iter(items)
        pending: deque[tuple[list[Document | PeacewatchError], AsyncResult | None]] = deque()
        with mp.get_context("spawn").Pool(self.workers, initializer=_start, initargs=(self.settings,),
                                          maxtasksperchild=self.tasks_per_worker) as pool:

            def submit() -> bool:
                block = [make_document(i) if isinstance(i, str) else i for i in islice(iterator, self.chunk)]
                if not block:
                    return False
                documents = [d for d in block if isinstance(d, Document)]
                pending.append((block, pool.apply_async(_analyze, (documents,)) if documents else None))
                return True

            while len(pending) < 2 * self.workers and submit():
                pass
            while pending:
                block, future = pending.popleft()
                yield from _merge(block, future)
                submit()


def _merge(block: list[Document | PeacewatchError], future: AsyncResult | None) -> Iterator[Result]:
    """The block's results in order: its input errors in place, its documents' analyses (or errors) between."""
    try:
        results = iter(future.get() if future is not None else [])
    except FATAL:
        raise
    except Exception as exc:  # a worker died or could not return: each document of the chunk says so
        results = iter([AnalysisError(f"{d.source_id or d.id}: analysis failed in a worker: {exc!r}")
                        for d in block if isinstance(d, Document)])
    for item in block:
        yield item if isinstance(item, PeacewatchError) else next(results)
