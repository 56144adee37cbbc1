"""Near-duplicates: the same wire story on two sites counts once.

Lexical similarity (rapidfuzz) on normalised text; candidates are narrowed by length and date first,
so the check stays cheap as the store grows.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from rapidfuzz import fuzz

THRESHOLD = 90.0  # percent similarity of normalised texts
LENGTH_TOLERANCE = 0.15  # candidates within ±15% of the length
DATE_WINDOW_DAYS = 7  # copies of a story appear within days of each other

_NON_WORD = re.compile(r"[^\w]+")


def normalise(text: str) -> str:
    """Case, punctuation and spacing removed: copies differ in exactly these."""
    return _NON_WORD.sub(" ", text.casefold()).strip()


def similarity(a: str, b: str) -> float:
    return fuzz.ratio(normalise(a), normalise(b))


def date_window(published: str | None) -> tuple[str, str] | None:
    if not published:
        return None
    try:
        day = date.fromisoformat(published[:10])
    except ValueError:
        return None
    delta = timedelta(days=DATE_WINDOW_DAYS)
    return (day - delta).isoformat(), (day + delta).isoformat()
