"""`--engine ray`: the analysis on a Ray cluster (or a local Ray runtime) with Ray Data, storing on the driver.

Documents go out in windows of `window` documents; each window is a Ray Dataset mapped by a pool of actors
(`map_batches` with a callable class whose `__init__` loads the pipeline once per actor, `concurrency=workers`).
Analyses come back as JSON (their claim vectors as bytes beside it) to the driver, in input order, and are stored
there: the same store code as a local run, so the records are the same. Input errors stay on the driver and are
reported in place.

Ray is an optional dependency: `pip install 'peacewatch[ray]'`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from peacewatch.contract import Analysis, Document
from peacewatch.errors import ConfigError, PeacewatchError
from peacewatch.ingest.documents import make_document
from peacewatch.pipeline import AnalysisError, Pipeline, Settings

INSTALL_HINT = "pip install 'peacewatch[ray]'"
LOCAL_ADDRESSES = {None, "", "local"}


def import_ray() -> Any:
    try:
        import ray
        import ray.data  # noqa: F401  (Ray Data ships in the `data` extra)
    except ImportError as exc:
        raise ConfigError(f"--engine ray needs Ray Data ({exc}); install it with: {INSTALL_HINT}") from None
    return ray


def check_store(address: str | None, db: str) -> None:
    """SQLite lives in one file on the driver's disk: fine for a local Ray runtime, refused for a cluster."""
    if address not in LOCAL_ADDRESSES and not db.lower().startswith(("postgresql", "postgres:")):
        raise ConfigError(f"--address {address!r} runs on a cluster: use a PostgreSQL store "
                          f"(--db postgresql+psycopg://user@host/db), not the SQLite file {db!r}")


class AnalyzeBatch:
    """The Ray Data callable: loads the pipeline once per actor, then analyzes batches of documents."""

    def __init__(self, settings: dict[str, Any]) -> None:
        self.pipeline = Pipeline(Settings(**settings))

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        import numpy as np

        documents = [Document.model_validate_json(text) for text in batch["document"]]
        analyses, vectors, errors = [], [], []
        for result in self.pipeline.process(documents):
            is_error = isinstance(result, PeacewatchError)
            analyses.append("" if is_error else result.to_json(indent=None))
            vectors.append(b"" if is_error else claim_vector_bytes(result))
            errors.append(str(result) if is_error else "")
        return {"i": batch["i"], "analysis": np.array(analyses, dtype=object),
                "vectors": np.array(vectors, dtype=object), "error": np.array(errors, dtype=object)}


def claim_vector_bytes(analysis: Analysis) -> bytes:
    """The analysis's claim vectors as one float32 (claims, 384) block in claim order; empty unless all are known.

    why a column of its own: the JSON carries the contract only, and the driver's store would otherwise embed every
    claim again (a single process doing what the actors already did).
    """
    import numpy as np

    known = analysis.claim_vectors
    if not analysis.claims or any(c.span.text not in known for c in analysis.claims):
        return b""
    return np.stack([known[c.span.text] for c in analysis.claims]).astype(np.float32).tobytes()


def with_claim_vectors(analysis: Analysis, data: bytes | None) -> Analysis:
    """`analysis` with the vectors of `claim_vector_bytes` attached; left without any if they do not fit."""
    import numpy as np

    from peacewatch.claims.embed import DIM

    n = len(analysis.claims)
    if data and n and len(data) == n * DIM * 4:
        rows = np.frombuffer(data, np.float32).reshape(n, DIM)
        analysis.claim_vectors = {c.span.text: rows[k] for k, c in enumerate(analysis.claims)}
    return analysis


class RayPipeline:
    """`Pipeline.process` on Ray: `workers` actors, `batch_size` documents per call, windows of `window`."""

    def __init__(self, settings: Settings, workers: int = 2, address: str | None = None,
                 window: int = 4096) -> None:
        self.settings, self.workers, self.address, self.window = settings, max(1, workers), address, window
        self.ray = import_ray()

    def _connect(self) -> None:
        if self.ray.is_initialized():
            return
        address = None if self.address in LOCAL_ADDRESSES else self.address
        # why: the workers import peacewatch from their own environment; nothing is shipped from here
        self.ray.init(address=address, include_dashboard=False, log_to_driver=False, ignore_reinit_error=True)
        self.ray.data.DataContext.get_current().enable_progress_bars = False  # why: the CLI reports its own
        logging.getLogger("ray.data").setLevel(logging.WARNING)

    def process(self, items: Iterable[str | Document | PeacewatchError]) -> Iterator[Analysis | PeacewatchError]:
        self._connect()
        iterator = iter(items)
        while block := [make_document(i) if isinstance(i, str) else i for i in islice(iterator, self.window)]:
            results = self._analyze([d for d in block if isinstance(d, Document)])
            for item in block:
                yield item if isinstance(item, PeacewatchError) else next(results)

    def _analyze(self, documents: list[Document]) -> Iterator[Analysis | PeacewatchError]:
        """The documents' results in input order, streamed: rows may come back out of order, and only those
        that arrive ahead of their turn wait in memory."""
        if not documents:
            return
        rows = [{"i": i, "document": d.model_dump_json()} for i, d in enumerate(documents)]
        # a fixed pool of `workers` actors (Ray >= 2.51 takes it as `compute`, `concurrency` is deprecated)
        dataset = self.ray.data.from_items(rows).map_batches(
            AnalyzeBatch, batch_size=self.settings.batch_size, num_cpus=1,
            compute=self.ray.data.ActorPoolStrategy(size=self.workers),
            fn_constructor_kwargs={"settings": _settings_dict(self.settings)})
        waiting: dict[int, Analysis | PeacewatchError] = {}
        turn = 0
        for row in dataset.iter_rows():
            i = int(row["i"])
            waiting[i] = (AnalysisError(row["error"]) if row["error"] else
                          with_claim_vectors(Analysis.model_validate_json(row["analysis"]), row.get("vectors")))
            while turn in waiting:
                yield waiting.pop(turn)
                turn += 1
        for i in range(turn, len(documents)):  # never expected: a row Ray did not return
            yield waiting.pop(i, None) or AnalysisError(
                f"{documents[i].source_id or documents[i].id}: no result came back from Ray")


def _settings_dict(settings: Settings) -> dict[str, Any]:
    return json.loads(json.dumps(settings.__dict__))  # plain data, for any worker
