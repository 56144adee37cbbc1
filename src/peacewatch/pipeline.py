"""Document → Analysis: one spaCy pass per batch, then the configured extractors in order."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

import peacewatch.extractors  # noqa: F401  (registers the built-in extractors)
from peacewatch.contract import RECORD_FIELDS, Analysis, Document, Summary
from peacewatch.errors import ConfigError, PeacewatchError
from peacewatch.extractors.base import REGISTRY, DocContext, Extractor, Resources
from peacewatch.gazetteer import load_gazetteer
from peacewatch.ingest.documents import make_document
from peacewatch.nlp import load_nlp

if TYPE_CHECKING:
    from spacy.tokens import Doc

# why this order: commitments before stances, which read them ("will keep its good offices available" is a
# position too)
DEFAULT_EXTRACTORS: tuple[str, ...] = ("actors", "times", "attributions", "claims", "commitments", "stances",
                                       "events", "deadlines", "techniques")


class AnalysisError(PeacewatchError):
    """An extractor failed on one document; names the document and the extractor."""


@dataclass
class Settings:
    """What a pipeline is built from; `Settings.from_file` reads the same keys from YAML."""

    model: str | None = None
    gazetteer: list[str] = field(default_factory=list)
    extractors: list[str] = field(default_factory=lambda: list(DEFAULT_EXTRACTORS))
    #: user topic files for stances and commitments, added to `data/topics.yaml`
    topics: list[str] = field(default_factory=list)
    batch_size: int = 32

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> Settings:
        try:
            data = yaml.safe_load(Path(path).read_text("utf-8")) or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise ConfigError(f"{path}: cannot read config: {exc}") from None
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: expected a mapping of settings")
        unknown = set(data) - {"model", "gazetteer", "extractors", "batch_size", "topics"}
        if unknown:
            raise ConfigError(f"{path}: unknown settings {sorted(unknown)}")
        base = Path(path).parent
        settings = cls(**{k: v for k, v in data.items() if k not in {"gazetteer", "topics"}})
        settings.gazetteer = [str(base / g) for g in data.get("gazetteer") or []]
        settings.topics = [str(base / t) for t in data.get("topics") or []]
        return settings


class Pipeline:
    """Holds the loaded model and extractors; reuse one for many documents."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        limit_blas_threads()
        self.nlp = load_nlp(self.settings.model, paragraphs=True)
        self.resources = Resources(nlp=self.nlp, gazetteer=load_gazetteer(self.settings.gazetteer),
                                   topic_files=tuple(self.settings.topics))
        unknown = [name for name in self.settings.extractors if name not in REGISTRY]
        if unknown:
            raise ConfigError(f"unknown extractors {unknown}; known: {sorted(REGISTRY)}")
        self.extractors: list[Extractor] = [REGISTRY[name](self.resources)
                                            for name in self.settings.extractors]

    def analyze(self, item: str | Document) -> Analysis:
        return next(self.analyze_many([item]))

    def analyze_many(self, items: Iterable[str | Document]) -> Iterator[Analysis]:
        """Analyses in input order; raises `AnalysisError` if an extractor fails."""
        for result in self.process(items):
            if isinstance(result, PeacewatchError):
                raise result
            yield result

    def process(
        self, items: Iterable[str | Document | PeacewatchError]
    ) -> Iterator[Analysis | PeacewatchError]:
        """Like `analyze_many`, but errors (input or extraction) come back in place, never raised.

        Streams in bounded batches, so memory does not grow with the number of documents.
        """
        iterator = iter(items)
        while batch := list(islice(iterator, self.settings.batch_size)):
            docs = [make_document(i) if isinstance(i, str) else i for i in batch]
            texts = [(d.text, d) for d in docs if isinstance(d, Document)]
            parsed = iter(self._extract_batch(list(self.nlp.pipe(texts, as_tuples=True,
                                                                 batch_size=self.settings.batch_size))))
            for item in docs:
                yield item if isinstance(item, PeacewatchError) else next(parsed)
            release_free_memory()

    def _extract_batch(self, parsed: list[tuple[Doc, Document]]) -> list[Analysis | PeacewatchError]:
        """Runs each extractor over the whole batch before the next one, so that an extractor's optional
        `prepare(docs)` can batch its model work across the documents (one MiniLM pass, less padding)."""
        analyses: list[Analysis | PeacewatchError] = []
        for spacy_doc, document in parsed:
            spacy_doc._.pw = DocContext(document)
            analyses.append(Analysis(document=document))
        for extractor in self.extractors:
            alive = [i for i, a in enumerate(analyses) if isinstance(a, Analysis)]
            prepare = getattr(extractor, "prepare", None)
            if prepare is not None and alive:
                # why: `prepare` only computes ahead; each document's own call below redoes what is missing
                # and reports its own failure
                with contextlib.suppress(Exception):
                    prepare([parsed[i][0] for i in alive])
            for i in alive:
                spacy_doc, document = parsed[i]
                try:
                    records = extractor(spacy_doc)
                except Exception as exc:  # one document's failure must not stop a batch
                    where = document.source_id or document.id
                    analyses[i] = AnalysisError(f"{where}: the {extractor.name} extractor failed: {exc!r}")
                    continue
                spacy_doc._.pw.records[extractor.name] = records
                setattr(analyses[i], extractor.name, records)
        for (spacy_doc, _), analysis in zip(parsed, analyses, strict=True):
            if isinstance(analysis, Analysis):
                sentences = [(s.start_char, s.end_char) for s in spacy_doc.sents if s.text.strip()]
                analysis.summary = summarize(analysis, tokens=len(spacy_doc), sentences=len(sentences),
                                             sentence_spans=sentences)
                # why: the store clusters claims by these same vectors; handing them on saves a second MiniLM pass
                cache = spacy_doc._.pw.vectors
                analysis.claim_vectors = {c.span.text: cache[c.span.text] for c in analysis.claims
                                          if c.span.text in cache}
            spacy_doc._.pw = None  # why: the context holds MiniLM states; drop them with the batch
        return analyses


def limit_blas_threads() -> None:
    """numpy's BLAS runs on `PEACEWATCH_THREADS` threads (default 1), as torch and ONNX Runtime do.

    why: its matmuls here are small (the check-worthiness MLP over a document's ~25 sentences), a second thread
    gains nothing, and OpenBLAS's idle threads spin after each call. Measured on the bench documents on this
    2-core machine: that MLP took ~12 ms/doc of CPU with two threads and ~0.1 ms with one, the whole pipeline
    ~200 -> ~182 ms/doc; the records came out byte for byte the same.
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # then BLAS keeps its own default
        return
    threadpool_limits(limits=max(1, int(os.environ.get("PEACEWATCH_THREADS", "1"))), user_api="blas")


_LIBC: ctypes.CDLL | None = None


def release_free_memory() -> bool:
    """Hands the C heap's free pages back to the OS (glibc `malloc_trim`); a no-op elsewhere. True if it ran.

    why: each batch's spaCy pass allocates ~200 MB of short-lived arrays; glibc keeps the freed pages (measured:
    ~150 MB free inside a 350-380 MB heap between batches, `malloc_trim` gives it back), and as the heap fragments
    a worker's resident and peak memory creep up with the number of documents it has seen, while Python objects,
    spaCy's string store and the caches stay flat. Trimming once per batch keeps the heap at ~390 MB (it grew
    354 -> 474 MB over 640 documents without) at no measurable cost in time.
    """
    global _LIBC
    if not sys.platform.startswith("linux"):
        return False
    if _LIBC is None:
        try:
            _LIBC = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        except OSError:
            return False
    trim = getattr(_LIBC, "malloc_trim", None)  # glibc only (musl has none)
    if trim is None:
        return False
    trim(0)
    return True


def summarize(analysis: Analysis, tokens: int = 0, sentences: int = 0,
              sentence_spans: list[tuple[int, int]] | None = None) -> Summary:
    counts = {name: len(getattr(analysis, name)) for name in RECORD_FIELDS}
    attributions = analysis.attributions
    kinds = {a.id: a.kind for a in analysis.actors}
    anonymous = sum(1 for a in attributions if a.anonymous)
    named = sum(1 for a in attributions if not a.anonymous and kinds.get(a.source_actor or "") is not None)
    covered = _covered_chars([(t.span.start, t.span.end) for t in analysis.techniques])
    length = len(analysis.document.text) or 1
    contents = [(a.content.start, a.content.end) for a in attributions]
    reported = reported_sentences(sentence_spans or [], contents)
    n_sentences = len(sentence_spans) if sentence_spans is not None else 0
    reported_share = round(reported / n_sentences, 4) if n_sentences else 0.0
    return Summary(
        counts=counts,
        anonymous_share=round(anonymous / len(attributions), 4) if attributions else 0.0,
        named_share=round(named / len(attributions), 4) if attributions else 0.0,
        unresolved_share=round((len(attributions) - anonymous - named) / len(attributions), 4) if attributions
        else 0.0,
        reported_share=reported_share,
        author_share=round(1.0 - reported_share, 4) if n_sentences else 0.0,
        persuasion_density=round(min(1.0, covered / length), 4),
        techniques=dict(sorted(Counter(t.technique for t in analysis.techniques).items())),
        tokens=tokens,
        sentences=sentences,
    )


def reported_sentences(sentences: list[tuple[int, int]], contents: list[tuple[int, int]]) -> int:
    """Sentences in reported voice: at least half of their characters inside some attribution's content.

    Every other sentence is the author's own voice; a sentence that only *introduces* a quotation
    ("He said:") stays the author's.
    """
    merged: list[list[int]] = []
    for start, end in sorted(contents):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    count = 0
    for start, end in sentences:
        inside = sum(max(0, min(end, e) - max(start, s)) for s, e in merged)
        if end > start and inside * 2 >= end - start:
            count += 1
    return count


def _covered_chars(spans: list[tuple[int, int]]) -> int:
    total, reach = 0, 0
    for start, end in sorted(spans):
        start = max(start, reach)
        if end > start:
            total += end - start
            reach = end
    return total
