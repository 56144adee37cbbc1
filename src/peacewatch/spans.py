"""Character spans into `document.text`, built from spaCy tokens so that they always check out."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from peacewatch.contract import Span

_SLUG = re.compile(r"[^a-z0-9]+")


def char_span(doc: Doc, start: int, end: int) -> Span:
    """The `Span` of `doc.text[start:end]`, trimmed of surrounding whitespace."""
    return text_span(doc.text, start, end)


def text_span(text: str, start: int, end: int) -> Span:
    """The `Span` of `text[start:end]`, trimmed; for loops that hold `doc.text` (rebuilt on each access)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start=start, end=end, text=text[start:end])


def token_span(doc: Doc, first: int, last: int) -> Span:
    """The `Span` covering tokens `first..last` (inclusive)."""
    return char_span(doc, doc[first].idx, doc[last].idx + len(doc[last].text))


def of(span: SpacySpan | Token) -> Span:
    if isinstance(span, Token):
        return token_span(span.doc, span.i, span.i)
    return token_span(span.doc, span.start, span.end - 1)


def slug(text: str) -> str:
    return _SLUG.sub("-", text.casefold()).strip("-") or "x"
