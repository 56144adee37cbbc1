"""Highlighting overlapping spans: segments at every boundary, well-formed nesting, always escaped."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from peacewatch.web import charts
from peacewatch.web.highlight import Mark, render, segments


class Nesting(HTMLParser):
    """Checks that every closing tag closes the innermost open one; collects the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack.pop() == tag

    def handle_data(self, data: str) -> None:
        self.text += data


def test_crossing_spans_cut_into_segments() -> None:
    text = "abcdefghij"
    marks = [Mark(0, 6, "claims", "evidence", 0), Mark(3, 9, "techniques", "evidence", 1)]
    got = [(s.text, [m.kind for m in s.marks]) for s in segments(text, marks)]
    assert got == [("abc", ["claims"]), ("def", ["claims", "techniques"]), ("ghi", ["techniques"]), ("j", [])]


def test_rendering_is_well_formed_and_keeps_the_text() -> None:
    text = "He said <b>no</b> & left."
    marks = [Mark(0, 7, "attributions", "source", 0), Mark(3, 20, "claims", "evidence", 1),
             Mark(8, 17, "techniques", "evidence", 2), Mark(8, 17, "stances", "evidence", 3)]
    html = str(render(text, marks))
    parser = Nesting()
    parser.feed(html)
    assert parser.stack == [] and parser.text == text
    assert "<b>" not in html and "&lt;b&gt;no&lt;/b&gt;" in html and " &amp; " in html
    assert html.count('id="ev-1"') == 1 and html.count('data-ref="1"') >= 2


def test_svg_labels_are_escaped() -> None:
    svg = str(charts.hbars([("<script>x</script>", 0.5)], "density"))
    assert "<script>" not in svg and "&lt;script&gt;" in svg


@st.composite
def text_and_marks(draw: st.DrawFn) -> tuple[str, list[Mark]]:
    text = draw(st.text(alphabet="ab <>&\"'\n", min_size=1, max_size=60))
    marks = []
    for ref in range(draw(st.integers(0, 8))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        marks.append(Mark(start, end, draw(st.sampled_from(["claims", "stances", "techniques"])), "evidence", ref))
    return text, marks


@given(text_and_marks())
def test_any_overlap_renders_well_formed(case: tuple[str, list[Mark]]) -> None:
    text, marks = case
    parser = Nesting()
    parser.feed(str(render(text, marks)))
    parser.close()
    assert parser.stack == [] and parser.text == text
    start = 0
    for segment in segments(text, marks):  # each segment carries exactly the marks that cover it
        end = start + len(segment.text)
        assert set(segment.marks) == {m for m in marks if m.start <= start and m.end >= end}
        start = end
