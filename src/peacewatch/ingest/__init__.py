"""Sources → `Document`s: files, folders, JSONL, HTML and feeds.

Readers never raise for a bad input: they yield an `InputError` in its place, so that one bad file
(or one bad JSONL line) never stops a batch.
"""

from peacewatch.ingest.documents import make_document, normalize_date
from peacewatch.ingest.readers import (
    SUPPORTED_SUFFIXES,
    Limits,
    expand_paths,
    read_path,
    read_paths,
)

__all__ = [
    "SUPPORTED_SUFFIXES",
    "Limits",
    "expand_paths",
    "make_document",
    "normalize_date",
    "read_path",
    "read_paths",
]
