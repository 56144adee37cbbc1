"""The record across documents: a SQL store of analyses, its views, exports and briefings.

The store reads the contract and nothing else of the pipeline: extractors never import it, and it
never imports web or CLI code (the `ingest`/`query`/`export`/`report` commands live in `store.cli`).
"""

from peacewatch.store.db import DEFAULT_URL, SearchHit, Store, database_url
from peacewatch.store.ingest import IngestReport, ingest_analyses

__all__ = ["DEFAULT_URL", "IngestReport", "SearchHit", "Store", "database_url", "ingest_analyses"]
