"""The benchmark runner: each phase in a fresh subprocess, so that its peak RSS is its own.

Phases, on the same generated corpus (`bench.corpus`):
- `spacy`: bare `en_core_web_sm` — `nlp.pipe` over the texts, the batch size the pipeline uses;
- `full`: the full default peacewatch analysis (`Pipeline.process`, or N worker processes), with the time each
  extractor takes (its `prepare` included) when it runs in one process;
- `ingest`: analysis and storage into a fresh SQLite file, committed per batch.
Models are loaded and warmed on one extra document before the clock starts; with workers, the clock includes
starting the pool (each worker loads the models), as a user waits for it too.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from peacewatch import minilm


@dataclass
class PhaseResult:
    phase: str
    docs: int
    workers: int
    seconds: float
    tokens: int
    peak_rss_mb: float  # the measuring process
    peak_worker_rss_mb: float = 0.0  # the largest worker process, if any
    load_before: float = 0.0
    load_after: float = 0.0
    components_ms: dict[str, float] = field(default_factory=dict)  # extractor → ms per document
    failed: int = 0
    #: the largest resident memory of one process (the measuring one or a worker) seen in each tenth of the
    #: corpus: a trend across a run shows growth with corpus size, where a peak alone may be one large batch
    rss_by_tenth_mb: list[float] = field(default_factory=list)
    #: what ran MiniLM (`minilm.engine()`; "-" for bare spaCy); runs recorded before this field were torch's
    engine: str = "torch"

    def __post_init__(self) -> None:
        if self.phase == "spacy":
            self.engine = "-"  # bare spaCy runs no MiniLM

    @property
    def tokens_per_second(self) -> float:
        return self.tokens / self.seconds if self.seconds else 0.0

    @property
    def ms_per_doc(self) -> float:
        return 1000 * self.seconds / self.docs if self.docs else 0.0


def _settings(config: str | None):
    from peacewatch.pipeline import Settings

    return Settings.from_file(config) if config else Settings()


def _peaks() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return round(own, 1), round(children, 1)


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def _descendants(pid: int) -> list[int]:
    """The processes below `pid` (Linux /proc; none elsewhere)."""
    parents: dict[int, list[int]] = defaultdict(list)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents[int(fields[1])].append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    out, stack = [], [pid]
    while stack:
        for child in parents.get(stack.pop(), []):
            out.append(child)
            stack.append(child)
    return out


class _RssByTenth:
    """Samples this process and its descendants twice a second while a phase runs, keeping the largest RSS of
    any one of them per tenth of the documents read."""

    def __init__(self, docs: int) -> None:
        self.docs, self.read = docs, 0
        self.tenths = [0.0] * 10
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def counted(self, documents: Any) -> Any:
        for doc in documents:
            self.read += 1
            yield doc

    def _sample(self) -> None:
        while not self._stop.wait(0.5):
            self._record()
        self._record()  # a phase shorter than the interval still has its figure

    def _record(self) -> None:
        me = os.getpid()
        largest = max(_rss_mb(pid) for pid in [me, *_descendants(me)])
        tenth = min(9, 10 * max(0, self.read - 1) // max(1, self.docs))
        self.tenths[tenth] = max(self.tenths[tenth], round(largest, 1))

    def start(self) -> _RssByTenth:
        self._thread.start()
        return self

    def stop(self) -> list[float]:
        self._stop.set()
        self._thread.join()
        return self.tenths if any(self.tenths) else []


class _Timed:
    """An extractor with a stopwatch; forwards `prepare` so that batching is measured as it runs."""

    def __init__(self, inner: Any, totals: dict[str, float]) -> None:
        self.inner, self.name, self.totals = inner, inner.name, totals
        if hasattr(inner, "prepare"):
            self.prepare = self._prepare

    def _prepare(self, docs: list) -> None:
        start = time.perf_counter()
        try:
            self.inner.prepare(docs)
        finally:
            self.totals[self.name] += time.perf_counter() - start

    def __call__(self, doc: Any) -> Any:
        start = time.perf_counter()
        try:
            return self.inner(doc)
        finally:
            self.totals[self.name] += time.perf_counter() - start


def run_phase(phase: str, docs: int, workers: int = 1, seed: int = 0, config: str | None = None) -> PhaseResult:
    """Runs one phase in this process (see `run_isolated` for a fresh one)."""
    from peacewatch.bench.corpus import document, generate

    settings = _settings(config)
    warm = document(docs + 1, seed)  # not part of the timed corpus
    load_before = os.getloadavg()[0]
    tokens, failed, components = 0, 0, {}
    rss = _RssByTenth(docs).start()
    if phase == "spacy":
        from peacewatch.nlp import load_nlp

        nlp = load_nlp(settings.model)
        nlp(warm.text)
        start = time.perf_counter()
        texts = (d.text for d in rss.counted(generate(docs, seed)))
        for doc in nlp.pipe(texts, batch_size=settings.batch_size, n_process=max(1, workers)):
            tokens += len(doc)
    elif phase == "full":
        from peacewatch.contract import Analysis
        from peacewatch.pipeline import Pipeline
        from peacewatch.scale.workers import ParallelPipeline

        totals: dict[str, float] = defaultdict(float)
        if workers <= 1:
            pipeline: Any = Pipeline(settings)
            pipeline.analyze(warm)
            pipeline.extractors = [_Timed(e, totals) for e in pipeline.extractors]
        else:
            pipeline = ParallelPipeline(settings, workers)
        start = time.perf_counter()
        for result in pipeline.process(rss.counted(generate(docs, seed))):
            if isinstance(result, Analysis):
                tokens += result.summary.tokens
            else:
                failed += 1
        components = {name: round(1000 * t / docs, 1) for name, t in totals.items()}
    elif phase == "ingest":
        from peacewatch.scale.workers import analyzer
        from peacewatch.store.db import Store
        from peacewatch.store.ingest import ingest_documents

        with tempfile.TemporaryDirectory() as folder:
            with Store(str(Path(folder) / "bench.db")) as store:
                start = time.perf_counter()
                report = ingest_documents(store, rss.counted(generate(docs, seed)),
                                          lambda: analyzer(settings, workers))
            failed = len(report.errors)
    else:
        raise ValueError(f"unknown phase {phase!r}")
    seconds = time.perf_counter() - start
    tenths = rss.stop()
    own, children = _peaks()
    return PhaseResult(phase, docs, workers, round(seconds, 2), tokens, own, children if workers > 1 else 0.0,
                       round(load_before, 2), round(os.getloadavg()[0], 2), components, failed,
                       tenths, "-" if phase == "spacy" else minilm.engine())


def run_isolated(phase: str, docs: int, workers: int = 1, seed: int = 0, config: str | None = None) -> PhaseResult:
    """`run_phase` in a fresh Python process: its peak RSS covers that phase alone."""
    args = json.dumps({"phase": phase, "docs": docs, "workers": workers, "seed": seed, "config": config})
    done = subprocess.run([sys.executable, "-m", "peacewatch.bench.run", args], capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise RuntimeError(f"bench phase {phase} failed:\n{done.stderr[-3000:]}")
    data = json.loads(done.stdout.strip().splitlines()[-1])
    return PhaseResult(**data)


def main(argv: list[str]) -> None:
    options = json.loads(argv[0])
    result = run_phase(**options)
    print(json.dumps(asdict(result)))


if __name__ == "__main__":
    main(sys.argv[1:])
