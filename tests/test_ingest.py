"""Reading inputs: formats, metadata, and one clear error per bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from peacewatch import Document, InputError, read_path
from peacewatch.ingest import Limits, expand_paths
from peacewatch.ingest.documents import split_header


def read_all(path: Path, limits: Limits | None = None) -> list[Document | InputError]:
    return list(read_path(path, limits))


def test_text_file_with_header_block(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("title: Talks resume\noutlet: Harbor Wire\ndate: 2026-03-02\ngenre: wire\n\nBody here.\n")
    (doc,) = read_all(path)
    assert (doc.title, doc.outlet, doc.published, doc.genre) == ("Talks resume", "Harbor Wire", "2026-03-02", "wire")
    assert doc.text == "Body here.\n"
    assert doc.source_id == str(path)


def test_a_bare_leading_date_marker_becomes_published_and_leaves_the_text():
    header = split_header(" date 2025-08-20 A new day brings news.\n\nMore.")
    assert header.meta == {"published": "2025-08-20"}
    assert header.text == "A new day brings news.\n\nMore."


def test_text_without_header_is_kept_whole():
    header = split_header("Title: not a header because the body follows\nsaid the official.")
    assert header.meta == {"title": "not a header because the body follows"}
    assert split_header("Just text, no header.").meta == {}


def test_crlf_and_bom_are_normalised_and_ids_follow_the_text(tmp_path):
    (tmp_path / "a.txt").write_bytes("\ufeffLine one.\r\nLine two.\r\n".encode())
    (tmp_path / "b.txt").write_text("Line one.\nLine two.\n")
    (a,) = read_all(tmp_path / "a.txt")
    (b,) = read_all(tmp_path / "b.txt")
    assert a.text == "Line one.\nLine two.\n" and a.id == b.id


def test_markdown_title_from_first_heading(tmp_path):
    path = tmp_path / "n.md"
    path.write_text("# Envoys meet in Almere\n\nThe envoys met.\n")
    (doc,) = read_all(path)
    assert doc.title == "Envoys meet in Almere"


def test_html_main_text_and_metadata(tmp_path):
    paragraphs = "".join(f"<p>Paragraph {i} of the article says the envoys met again and agreed to talk.</p>"
                         for i in range(6))
    path = tmp_path / "page.html"
    path.write_text(
        "<html lang='en'><head><title>Envoys meet</title>"
        "<meta property='og:site_name' content='Pale Sea Observer'>"
        "<meta property='article:published_time' content='2026-03-17'></head>"
        f"<body><nav>Home | World | Sport</nav><article><h1>Envoys meet</h1>{paragraphs}</article>"
        "<footer>Copyright notice</footer></body></html>"
    )
    (doc,) = read_all(path)
    assert doc.published == "2026-03-17"
    assert doc.outlet == "Pale Sea Observer"
    assert "Paragraph 3 of the article" in doc.text
    assert "Home | World" not in doc.text


def test_jsonl_keeps_good_lines_and_reports_bad_ones(tmp_path):
    path = tmp_path / "d.jsonl"
    lines = [json.dumps({"id": "x1", "text": "One.", "published": "2026-04-02", "outlet": "Harbor Wire"}),
             "{not json", "", json.dumps({"title": "no text"}), json.dumps(["a list"]),
             json.dumps({"text": "Two."})]
    path.write_text("\n".join(lines) + "\n")
    items = read_all(path)
    docs = [i for i in items if isinstance(i, Document)]
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert [d.text for d in docs] == ["One.", "Two."]
    assert docs[0].source_id == "x1" and docs[0].published == "2026-04-02"
    assert docs[1].source_id == f"{path}:6"
    assert errors == [f"{path} line 2: malformed JSON: Expecting property name enclosed in double quotes (column 2)",
                      f"{path} line 4: no \"text\" field with text in it",
                      f"{path} line 5: expected a JSON object with a \"text\" field"]


def test_rss_feed_entries_become_documents(tmp_path):
    path = tmp_path / "f.rss"
    path.write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Almere Dispatch</title>"
        "<item><title>Talks</title><link>https://example.org/1</link><guid>g-1</guid>"
        "<pubDate>Tue, 14 Apr 2026 09:00:00 +0000</pubDate>"
        "<description>&lt;p&gt;Envoys met.&lt;/p&gt;&lt;p&gt;They agreed.&lt;/p&gt;</description></item>"
        "<item><title>Empty</title><guid>g-2</guid><description></description></item>"
        "</channel></rss>"
    )
    items = read_all(path)
    doc = items[0]
    assert isinstance(doc, Document)
    assert (doc.source_id, doc.outlet, doc.published, doc.title) == ("g-1", "Almere Dispatch", "2026-04-14", "Talks")
    assert doc.text == "Envoys met.\nThey agreed."
    assert isinstance(items[1], InputError) and "entry 2" in str(items[1])


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n ", "empty file (only whitespace)"),
        ("binary.txt", b"\x00\x01\x02ELF", "binary file (NUL bytes), not text"),
        ("latin1.txt", "café".encode("latin-1"), "not valid UTF-8: byte 0xe9 at offset 3"),
        ("notes.docx", b"PK\x03\x04", "unsupported file type '.docx'"),
        ("feed.rss", b"this is not xml at all", "not an RSS/Atom feed with entries"),
        ("page.html", b"<html><body></body></html>", "no article text found in the HTML"),
    ],
)
def test_bad_input_gets_one_clear_error(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    (item,) = read_all(path)
    assert isinstance(item, InputError)
    assert item.source == str(path)
    assert item.problem.startswith(problem)


def test_a_large_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:
        handle.truncate(50_000_000)  # a sparse 50 MB file: cheap to make
    (item,) = read_all(path)
    assert isinstance(item, InputError)
    assert item.problem == "file is 50.0 MB; the limit is 5.0 MB"


def test_text_longer_than_spacy_allows_is_refused(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("word " * 300)
    (item,) = read_all(path, Limits(max_text_chars=1000))
    assert isinstance(item, InputError) and "limit is 1,000" in item.problem


def test_folders_expand_recursively_in_sorted_order_without_hidden_files(tmp_path):
    for name in ["b/2.txt", "a.txt", "b/1.md", ".hidden/x.txt", ".git-ish.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in expand_paths([tmp_path])]
    assert found == ["a.txt", "b/1.md", "b/2.txt"]
    (missing,) = expand_paths([tmp_path / "nope"])
    assert isinstance(missing, InputError) and missing.problem == "no such file or folder"
