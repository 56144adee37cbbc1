"""peacewatch: a source-linked, checkable record of who said, promised and did what in a peace process.

    >>> import peacewatch
    >>> analysis = peacewatch.analyze("Vladimir Putin met Donald Trump on Friday.")
    >>> [a.name for a in analysis.actors]   # the two people, then the states they belong to
    ['Vladimir Putin', 'Donald Trump', 'Russia', 'United States']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from peacewatch.contract import SCHEMA_VERSION, Analysis, Document
from peacewatch.errors import ConfigError, InputError, ModelMissingError, PeacewatchError
from peacewatch.ingest import make_document, read_path
from peacewatch.pipeline import AnalysisError, Pipeline, Settings

__version__ = "0.1.0"


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    """The pipeline with default settings, built once per process."""
    return Pipeline()


def analyze(text_or_document: str | Document) -> Analysis:
    """Analyze one text (undated) or `Document` into its `Analysis`."""
    return default_pipeline().analyze(text_or_document)


def analyze_many(items: Iterable[str | Document]) -> Iterator[Analysis]:
    """Analyze many texts or documents, batched through `nlp.pipe`; yields in input order."""
    return default_pipeline().analyze_many(items)


__all__ = [
    "SCHEMA_VERSION",
    "Analysis",
    "AnalysisError",
    "ConfigError",
    "Document",
    "InputError",
    "ModelMissingError",
    "PeacewatchError",
    "Pipeline",
    "Settings",
    "analyze",
    "analyze_many",
    "make_document",
    "read_path",
]
