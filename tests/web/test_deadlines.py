"""The deadlines page settles met/missed with the store's ledger rules, reading later documents once per page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peacewatch.store import Store, views
from peacewatch.web import queries


@pytest.mark.parametrize("as_of", ["2026-04-02", "2026-05-20", "2026-12-31"])
def test_deadline_verdicts_match_the_store(demo_db: Path, as_of: str) -> None:
    with Store(demo_db) as store:
        expected = {(r["set"]["doc_id"], r["record_id"]): (r["status"], r["verdict"])
                    for r in views.deadlines_ledger(store, as_of=as_of)}
        with store.engine.connect() as conn:
            total, rows = queries.deadline_page(conn, 1000, 0, as_of, None)
            verdicts = views.deadline_verdicts(conn, rows, as_of)
    got = {}
    for row, (status, verdict) in zip(rows, verdicts, strict=True):
        fallback = "open" if row["due"] > as_of else "due" if row["due"] == as_of else "overdue"
        got[(row["doc_id"], row["record_id"])] = (status or fallback, verdict)
    assert total == len(expected) and got == expected
    if as_of == "2026-12-31":  # the demo corpus reports deadlines missed: the check is not vacuous
        assert any(status == "missed" for status, _ in got.values())


@given(st.lists(st.sampled_from(["deadline", "Deadline", "deadlines", "x", " ", ".", "!", "?", "\n", "-"]),
                max_size=30).map("".join))
def test_sentences_are_the_stores(text: str) -> None:
    """The linear sentence cut finds what the one-pattern cut finds (that pattern backtracks quadratically)."""
    one_pattern = re.compile(r"[^.!?\n]*\bdeadline\b[^.!?\n]*[.!?]?", re.I)
    ours = [(m.start(), m.group(0)) for m in views._RUN.finditer(text) if views._DEADLINE_WORD.search(m.group(0))]
    assert ours == [(m.start(), m.group(0)) for m in one_pattern.finditer(text)]
