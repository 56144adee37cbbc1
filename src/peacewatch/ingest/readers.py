"""One reader per input format; each yields `Document`s, or an `InputError` in place of a bad input."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from peacewatch.contract import Document
from peacewatch.errors import InputError
from peacewatch.ingest.documents import make_document, normalize_text, split_header

Item = Document | InputError

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml", ".feed"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES


@dataclass(frozen=True)
class Limits:
    """Size limits: a single-document file, and one document's text (spaCy's default max_length)."""

    max_file_bytes: int = 5_000_000
    max_stream_bytes: int = 2_000_000_000  # JSONL and feeds hold many documents
    max_text_chars: int = 1_000_000


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def _decode(data: bytes, source: str) -> str:
    if b"\x00" in data[:8192]:
        raise InputError(source, "binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            source, f"not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}"
        ) from None


def _check_size(path: Path, source: str, limit: int) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(source, f"cannot read: {exc.strerror or exc}") from None
    if size == 0:
        raise InputError(source, "empty file")
    if size > limit:
        raise InputError(source, f"file is {_size(size)}; the limit is {_size(limit)}")


def _read_bytes(path: Path, source: str, limit: int) -> bytes:
    _check_size(path, source, limit)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(source, f"cannot read: {exc.strerror or exc}") from None


def _checked(doc: Document, source: str, limits: Limits) -> Document:
    if not doc.text.strip():
        raise InputError(source, "no text")
    if len(doc.text) > limits.max_text_chars:
        raise InputError(
            source, f"text has {len(doc.text):,} characters; the limit is {limits.max_text_chars:,}"
        )
    return doc


def read_text(path: Path, source: str, limits: Limits) -> Iterator[Item]:
    text = normalize_text(_decode(_read_bytes(path, source, limits.max_file_bytes), source))
    if not text.strip():
        raise InputError(source, "empty file (only whitespace)")
    header = split_header(text)
    meta = dict(header.meta)
    if "title" not in meta and path.suffix.lower() in {".md", ".markdown"}:
        first = header.text.lstrip().split("\n", 1)[0]
        if first.startswith("#"):
            meta["title"] = first.lstrip("#").strip()
    yield _checked(make_document(header.text, source_id=source, **meta), source, limits)


def read_html(path: Path, source: str, limits: Limits) -> Iterator[Item]:
    import trafilatura

    html = _decode(_read_bytes(path, source, limits.max_file_bytes), source)
    result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                         favor_recall=True)
    if result is None:
        raise InputError(source, "no article text found in the HTML")
    data = result if isinstance(result, dict) else result.as_dict()
    text = data.get("text") or ""
    if not text.strip():
        raise InputError(source, "no article text found in the HTML")
    yield _checked(
        make_document(
            text,
            source_id=source,
            title=data.get("title"),
            outlet=data.get("sitename"),
            url=data.get("url"),
            published=data.get("date"),
            language=data.get("language"),
        ),
        source,
        limits,
    )


def read_jsonl(path: Path, source: str, limits: Limits) -> Iterator[Item]:
    _check_size(path, source, limits.max_stream_bytes)
    seen = 0
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            where = f"{source} line {number}"
            if not raw.strip():
                continue
            seen += 1
            try:
                line = _decode(raw, where)
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise InputError(where, "expected a JSON object with a \"text\" field")
                text = record.get("text")
                if not isinstance(text, str) or not text.strip():
                    raise InputError(where, "no \"text\" field with text in it")
                doc = make_document(
                    text,
                    source_id=str(record["id"]) if record.get("id") is not None else f"{source}:{number}",
                    title=_opt_str(record.get("title")),
                    outlet=_opt_str(record.get("outlet")),
                    url=_opt_str(record.get("url")),
                    published=record.get("published") or record.get("date"),
                    genre=_opt_str(record.get("genre")),
                    language=_opt_str(record.get("language")),
                )
                yield _checked(doc, where, limits)
            except json.JSONDecodeError as exc:
                yield InputError(where, f"malformed JSON: {exc.msg} (column {exc.colno})")
            except InputError as exc:
                yield exc
    if seen == 0:
        raise InputError(source, "no JSON lines in the file")


def _opt_str(value: object) -> str | None:
    return None if value is None else str(value)


def read_feed(path: Path, source: str, limits: Limits) -> Iterator[Item]:
    import feedparser

    data = _read_bytes(path, source, limits.max_stream_bytes)
    if b"\x00" in data[:8192]:
        raise InputError(source, "binary file (NUL bytes), not a feed")
    feed = feedparser.parse(data)
    if not feed.entries:
        reason = getattr(feed, "bozo_exception", None)
        raise InputError(source, f"not an RSS/Atom feed with entries{f' ({reason})' if reason else ''}")
    outlet = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, start=1):
        where = f"{source} entry {number}"
        body = ""
        if entry.get("content"):
            body = entry["content"][0].get("value", "")
        body = body or entry.get("summary", "") or entry.get("description", "")
        text = _html_to_text(body)
        if not text.strip():
            yield InputError(where, "entry has no text")
            continue
        published = entry.get("published") or entry.get("updated")
        try:
            doc = make_document(
                text,
                source_id=entry.get("id") or entry.get("link") or f"{source}#{number}",
                title=entry.get("title"),
                outlet=outlet,
                url=entry.get("link"),
                published=published,
                genre="feed",
            )
            yield _checked(doc, where, limits)
        except InputError as exc:
            yield exc


def _html_to_text(fragment: str) -> str:
    """Feed bodies are often HTML fragments: keep their text, one paragraph a line."""
    if "<" not in fragment:
        return fragment.strip()
    import lxml.html

    try:
        root = lxml.html.fromstring(fragment)
    except Exception:  # lxml raises several unrelated types on junk markup
        return fragment.strip()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter("p", "div", "li"):
        block.tail = "\n" + (block.tail or "")
    return "\n".join(line.strip() for line in root.text_content().split("\n") if line.strip())


READERS: dict[str, Callable[[Path, str, Limits], Iterator[Item]]] = {
    **{s: read_text for s in TEXT_SUFFIXES},
    **{s: read_html for s in HTML_SUFFIXES},
    **{s: read_jsonl for s in JSONL_SUFFIXES},
    **{s: read_feed for s in FEED_SUFFIXES},
}


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | InputError]:
    """Files as given, folders recursively in sorted order (hidden files skipped)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path)
                if child.is_file() and not any(part.startswith(".") for part in rel.parts):
                    yield child
        elif path.exists():
            yield path
        else:
            yield InputError(str(raw), "no such file or folder")


def read_path(path: str | os.PathLike[str], limits: Limits | None = None) -> Iterator[Item]:
    """The documents of one file; bad input comes back as `InputError` items, never raised."""
    limits = limits or Limits()
    path = Path(path)
    source = str(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        yield InputError(
            source,
            f"unsupported file type {path.suffix or '(no extension)'!r}; "
            f"peacewatch reads {', '.join(sorted(SUPPORTED_SUFFIXES))}",
        )
        return
    try:
        yield from reader(path, source, limits)
    except InputError as exc:
        yield exc


def read_paths(
    paths: Iterable[str | os.PathLike[str]], limits: Limits | None = None
) -> Iterator[tuple[str, Iterator[Item]]]:
    """(input file, its items) for every file under `paths`, in a stable order."""
    for entry in expand_paths(paths):
        if isinstance(entry, InputError):
            yield entry.source, iter([entry])
        else:
            yield str(entry), read_path(entry, limits)
