"""Character spans into `document.text`, built from spaCy tokens so that they always check out."""

from __future__ import annotations

import re
from array import array

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from peacewatch.contract import Span

_SLUG = re.compile(r"[^a-z0-9]+")


_TEXT = "peacewatch.text"  # keys of what is computed once per parsed document, in `doc.user_data`
_SENTS = "peacewatch.sents"


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once: spaCy joins every token again on each access of `doc.text`."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def _bounds(doc: Doc) -> tuple[list[tuple[int, int]], array]:
    """Each sentence's (start, end) in tokens and each token's sentence number, found once per document.

    why: `token.sent` and `doc.sents` walk the whole document on every call, which made them the largest cost
    of the record extractors; only plain integers are kept (no spans, which would hold the doc in a cycle)."""
    found = doc.user_data.get(_SENTS)
    if found is None:
        bounds = [(s.start, s.end) for s in doc.sents]
        index = array("i", bytes(4 * len(doc)))
        for n, (first, end) in enumerate(bounds):
            index[first:end] = array("i", [n]) * (end - first)
        found = doc.user_data[_SENTS] = (bounds, index)
    return found


def sentences(doc: Doc) -> list[SpacySpan]:
    """`list(doc.sents)`, its boundaries found once per document."""
    return [doc[first:end] for first, end in _bounds(doc)[0]]


def sentence_starts(doc: Doc) -> list[int]:
    """Each token's sentence's first token, found once per document."""
    bounds, index = _bounds(doc)
    return [bounds[n][0] for n in index]


def sentence(token: Token) -> SpacySpan:
    """`token.sent`, its boundaries found once per document."""
    bounds, index = _bounds(token.doc)
    first, end = bounds[index[token.i]]
    return token.doc[first:end]


def char_span(doc: Doc, start: int, end: int) -> Span:
    """The `Span` of `doc.text[start:end]`, trimmed of surrounding whitespace."""
    return text_span(doc_text(doc), start, end)


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
