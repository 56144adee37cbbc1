"""Building `Document`s: text normalisation, metadata headers, dates."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import dataclass, field

from peacewatch.contract import Document

#: Header keys understood at the top of a text file (`key: value`, one per line, then a blank line).
HEADER_KEYS = {
    "title": "title",
    "outlet": "outlet",
    "source": "outlet",
    "date": "published",
    "published": "published",
    "url": "url",
    "genre": "genre",
    "language": "language",
    "lang": "language",
}

_HEADER_LINE = re.compile(r"^(?P<key>[A-Za-z_]+)\s*:\s*(?P<value>.*\S)\s*$")
# A bare leading date marker, possibly followed by the text on the same line ("date 2025-08-20 A new…").
_DATE_MARKER = re.compile(r"^\s*(?:date|published)\s*:?\s+(?P<date>\d{4}-\d{2}-\d{2})\b[ \t]*\n?[ \t]*",
                          re.IGNORECASE)


def normalize_text(text: str) -> str:
    """One newline convention and no byte-order mark; nothing else changes, so offsets stay honest."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def normalize_date(value: object) -> str | None:
    """An ISO date (YYYY-MM-DD) from an ISO string, an RFC 822 date or a datetime; None if unreadable."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    if not text:
        return None
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    if match:
        try:
            return dt.date(*(int(g) for g in match.groups())).isoformat()
        except ValueError:
            return None
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    import dateparser  # slow to import: only for the odd date format

    parsed = dateparser.parse(text, languages=["en"], settings={"STRICT_PARSING": True})
    return parsed.date().isoformat() if parsed else None


@dataclass
class Header:
    """Metadata read off the top of a text file, and the text that remains."""

    text: str
    meta: dict[str, str] = field(default_factory=dict)


def split_header(text: str) -> Header:
    """Read a `key: value` header block, or a bare leading `date YYYY-MM-DD` marker.

    A header is only taken when its first line is a known key; the blank line after it is dropped.
    """
    marker = _DATE_MARKER.match(text)
    lines = text.split("\n")
    meta: dict[str, str] = {}
    consumed = 0
    for line in lines:
        match = _HEADER_LINE.match(line)
        if not match or match.group("key").lower() not in HEADER_KEYS:
            break
        meta[HEADER_KEYS[match.group("key").lower()]] = match.group("value")
        consumed += 1
    if meta:
        rest = lines[consumed:]
        while rest and not rest[0].strip():
            rest = rest[1:]
        return Header("\n".join(rest), meta)
    if marker:
        return Header(text[marker.end():], {"published": marker.group("date")})
    return Header(text)


def make_document(
    text: str,
    *,
    source_id: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: object = None,
    genre: str | None = None,
    language: str | None = None,
) -> Document:
    """A `Document` whose id is the content hash of its (normalised) text."""
    text = normalize_text(text)
    return Document(
        id=Document.content_id(text),
        source_id=source_id,
        title=(title or "").strip() or None,
        outlet=(outlet or "").strip() or None,
        url=(url or "").strip() or None,
        published=normalize_date(published),
        genre=(genre or "").strip() or None,
        language=(language or "en").strip() or "en",
        text=text,
    )
