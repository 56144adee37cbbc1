"""The errors peacewatch raises: catch `PeacewatchError` for all of them."""

from __future__ import annotations


class PeacewatchError(Exception):
    """Base of every error peacewatch raises on purpose."""


class InputError(PeacewatchError):
    """An input could not be read as documents. Names the input and the problem."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class ModelMissingError(PeacewatchError):
    """A model the pipeline needs is not installed."""


class ConfigError(PeacewatchError):
    """A configuration or data file (gazetteer, lexicon) is malformed."""
