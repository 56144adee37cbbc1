"""What every extractor shares: the shape (spaCy `Doc` in, typed records out) and the registry.

An extractor is registered by name under the `Analysis` field it fills. Its factory receives the
`Resources` (gazetteer, lexicons) once; the extractor is then called per document. Extractors
later in the configured order may read what earlier ones found from `doc._.pw.records`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from spacy.language import Language
from spacy.tokens import Doc

from peacewatch.contract import Document, Record
from peacewatch.gazetteer import Gazetteer


@dataclass
class Resources:
    """Loaded once per pipeline and shared by every extractor."""

    nlp: Language
    gazetteer: Gazetteer
    #: user topic files (same shape as `data/topics.yaml`), added to the built-in topics
    topic_files: tuple[str, ...] = ()


@dataclass
class DocContext:
    """Per-document state attached to the spaCy Doc as `doc._.pw`."""

    document: Document
    records: dict[str, list[Record]] = field(default_factory=dict)
    #: token index → actor id, for every token inside a resolved actor mention
    actor_at: dict[int, str] = field(default_factory=dict)
    #: text → MiniLM sentence vector, so that extractors embedding the same sentence pay once
    vectors: dict[str, Any] = field(default_factory=dict)
    #: what several extractors derive alike from the document (holders, topic mentions), built once
    shared: dict[str, Any] = field(default_factory=dict)

    @property
    def published(self) -> dt.date | None:
        if not self.document.published:
            return None
        return dt.date.fromisoformat(self.document.published)


if not Doc.has_extension("pw"):
    Doc.set_extension("pw", default=None)


def sentence_vectors(doc: Doc, texts: list[str]) -> Any:
    """(len(texts), 384) MiniLM vectors of `texts`, embedded once per document whichever extractor asks."""
    import numpy as np

    from peacewatch.claims.embed import embed

    cache = context(doc).vectors
    missing = [t for t in dict.fromkeys(texts) if t not in cache]
    if missing:
        cache.update(zip(missing, embed(missing), strict=True))
    return np.stack([cache[t] for t in texts]) if texts else np.zeros((0, 384), np.float32)


def embed_ahead(requests: list[tuple[Doc, list[str]]]) -> None:
    """Fills each document's vector cache with the texts it will ask for, all embedded in one batched call
    (sorted by length across documents: less padding than one call per document)."""
    from peacewatch.claims.embed import embed

    missing = [(context(doc).vectors, text) for doc, texts in requests
               for text in dict.fromkeys(texts) if text not in context(doc).vectors]
    index = {text: i for i, text in enumerate(dict.fromkeys(text for _, text in missing))}
    vectors = embed(list(index))
    for cache, text in missing:
        cache[text] = vectors[index[text]]


def context(doc: Doc) -> DocContext:
    ctx = doc._.pw
    if ctx is None:  # a bare Doc (tests, notebooks): treat its text as an undated document
        from peacewatch.ingest.documents import make_document

        ctx = DocContext(make_document(doc.text))
        doc._.pw = ctx
    return ctx


class Extractor(Protocol):
    """Doc in, typed records out.

    An extractor may also have `prepare(docs: list[Doc]) -> None`: the pipeline calls it once per batch before
    the per-document calls, to batch model work across documents (results go into each `doc._.pw`). It only
    computes ahead: if it fails, each document's own call must still do the whole job.
    """

    name: str

    def __call__(self, doc: Doc) -> list[Record]: ...


Factory = Callable[[Resources], Extractor]
REGISTRY: dict[str, Factory] = {}


def register(name: str) -> Callable[[Factory], Factory]:
    """Register an extractor factory under the `Analysis` field it fills."""

    def decorate(factory: Factory) -> Factory:
        REGISTRY[name] = factory
        return factory

    return decorate
