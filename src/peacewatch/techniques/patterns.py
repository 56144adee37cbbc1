"""Transparent technique patterns (`data/technique_patterns.yaml`): regular expressions as data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from peacewatch.errors import ConfigError
from peacewatch.techniques.labels import LABELS


@dataclass(frozen=True)
class Pattern:
    technique: str
    regex: re.Pattern[str]
    score: float
    group: int = 0


def load_patterns(extra: Path | None = None) -> tuple[Pattern, ...]:
    """The built-in patterns, plus those of `extra` (a YAML file of the same shape) if given."""
    texts = [resources.files("peacewatch.data").joinpath("technique_patterns.yaml").read_text("utf-8")]
    if extra is not None:
        texts.append(Path(extra).read_text("utf-8"))
    out = []
    for text in texts:
        for entry in (yaml.safe_load(text) or {}).get("patterns") or []:
            if entry["technique"] not in LABELS:
                raise ConfigError(f"technique pattern for unknown technique {entry['technique']!r}")
            try:
                regex = re.compile(entry["regex"])
            except re.error as exc:
                raise ConfigError(f"bad technique pattern {entry['regex']!r}: {exc}") from None
            out.append(Pattern(entry["technique"], regex, float(entry.get("score", 0.5)), int(entry.get("group", 0))))
    return tuple(out)


@lru_cache(maxsize=1)
def builtin_patterns() -> tuple[Pattern, ...]:
    return load_patterns()


def find(text: str, patterns: tuple[Pattern, ...] | None = None) -> list[tuple[int, int, str, float]]:
    found = []
    for pattern in patterns if patterns is not None else builtin_patterns():
        for match in pattern.regex.finditer(text):
            start, end = match.span(pattern.group)
            while end > start and text[end - 1] in " \t\n.,;:":
                end -= 1  # PTC's convention: spans do not end in spaces or punctuation
            if end > start:
                found.append((start, end, pattern.technique, pattern.score))
    return found


def combine(learned: list[tuple[int, int, str, float]],
            patterned: list[tuple[int, int, str, float]]) -> list[tuple[int, int, str, float]]:
    """Learned spans, plus pattern spans that overlap no learned (or earlier pattern) span of their technique."""
    out = list(learned)
    for span in patterned:
        if not any(o[2] == span[2] and o[0] < span[1] and span[0] < o[1] for o in out):
            out.append(span)
    return sorted(out)
