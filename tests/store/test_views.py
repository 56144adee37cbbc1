"""Cross-document views over constructed analyses, in a real store (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from peacewatch.contract import Analysis
from peacewatch.store import Store, ingest_analyses, views
from peacewatch.store.report import build_briefing, render_html, render_markdown

from .builders import T2, T3, claim, deadline, document, stance, timeline_corpus


@pytest.fixture
def filled(store: Store) -> Store:
    report = ingest_analyses(store, timeline_corpus(), batch_size=2)
    assert (report.stored, report.near_duplicates) == (4, 1)
    return store


def test_actor_timeline_lists_what_kesh_said_and_did_by_date(filled):
    timeline = views.actor_timeline(filled, "kesh")
    assert [(e["date"], e["kind"], e["what"]) for e in timeline][:4] == [
        ("2026-02-20", "event", "ASSAULT → valdoria"),
        ("2026-03-01", "stance", "oppose monitors"),
        ("2026-03-02", "event", "AGREE → valdoria"),
        ("2026-03-14", "event", "ASSAULT → valdoria"),
    ]
    assert all(e["evidence"]["text"] and e["doc_id"] for e in timeline)


def test_a_stance_shift_carries_both_pieces_of_evidence(filled):
    [cell] = views.stance_matrix(filled, actor="kesh", topic="monitors")
    assert cell["latest"] == "support"
    assert [h["polarity"] for h in cell["history"]] == ["oppose", "support", "support"]
    [shift] = cell["shifts"]
    assert (shift["from"], shift["to"], shift["date"]) == ("oppose", "support", "2026-03-14")
    assert shift["before"]["text"] == "Kesh rejects foreign monitors"
    assert shift["after"]["text"] == "Kesh now accepts the monitors"


def test_guarantee_ledger_shows_lirsk_moving_from_considering_to_signed(filled):
    [line] = views.guarantee_ledger(filled, topic="guarantees")
    assert line["actor"] == "lirsk" and line["latest"] == "signed"
    assert [(m["from"], m["to"]) for m in line["moves"]] == [("considering", "signed")]


def test_ceasefire_monitor_reports_later_assaults_only(filled):
    [ceasefire] = views.ceasefire_monitor(filled)
    assert ceasefire["start"] == "2026-03-02" and ceasefire["parties"] == ["kesh", "valdoria"]
    dates = [v["date"] for v in ceasefire["violations"]]
    assert dates == ["2026-03-14", "2026-03-14"]  # the February shelling came before the ceasefire
    assert [v["evidence"]["copy_of"] is None for v in ceasefire["violations"]] == [True, False]


@pytest.mark.parametrize(("as_of", "status"), [
    ("2026-03-20", "open"), ("2026-03-31", "due"), ("2026-04-01", "missed"), ("2026-06-01", "missed")])
def test_a_deadline_is_missed_only_once_a_later_document_says_so(filled, as_of, status):
    ledger = {d["due"]: d for d in views.deadlines_ledger(filled, as_of=as_of)}
    assert ledger["2026-03-31"]["status"] == status
    if status == "missed":
        verdict = ledger["2026-03-31"]["verdict"]
        assert T3[verdict["start"]:verdict["end"]] == verdict["text"]
        assert "passed without a deal" in verdict["text"]
    assert ledger["2026-03-10"]["status"] == ("open" if as_of < "2026-03-10" else "overdue")


def test_claims_are_corroborated_by_independent_outlets_and_contradictions_flagged(filled):
    [cluster] = views.claim_clusters(filled)
    assert len(cluster["documents"]) == 3
    # the Pale Sea Observer copy of the Kestrel Daily story does not count
    assert cluster["independent_outlets"] == ["Harbor Wire", "Kestrel Daily"] and cluster["corroboration"] == 2
    reasons = {c["reason"] for c in cluster["contradictions"]}
    assert reasons == {"conflicting numbers"}
    pair = cluster["contradictions"][0]
    assert {pair["a"]["text"][:17], pair["b"]["text"][:17]} == {"Officials said 40", "Officials said 12"}


@pytest.mark.parametrize(("a", "b", "reason"), [
    ("Kesh accepted the monitors.", "Kesh rejected the monitors.", "opposite polarity"),
    ("Kesh will withdraw its troops.", "Kesh will not withdraw its troops.", "negation"),
    ("Forty prisoners were freed.", "Forty prisoners were freed.", None),
])
def test_contradiction_reasons(a, b, reason):
    assert views.contradiction_reason(a, b) == reason


def test_briefing_lists_what_changed_with_evidence(filled):
    brief = build_briefing(filled, "2026-03-10", "2026-04-05")
    md = render_markdown(brief)
    doc2 = next(a.document.id for a in timeline_corpus() if a.document.text == T2)
    assert "- lirsk — signed: provide guarantees (guarantees), 2026-03-14" in md
    assert "- kesh on monitors: oppose → support (2026-03-14)" in md
    assert "- kesh → valdoria, 2026-03-14, during the ceasefire of 2026-03-02" in md
    assert "- deadline of 2026-03-31 missed" in md
    assert "- conflicting numbers: Officials said 40 prisoners" in md
    start = T2.index("Kesh now accepts")
    assert f"[{doc2} {start}–{start + 29}] “Kesh now accepts the monitors”" in md
    html = render_html(build_briefing(filled, "2026-03-10", "2026-04-05", actor="lirsk"))
    assert "&lt;final&gt;" in html and "<final>" not in html
    assert "Stance shifts</h2>\n<p>Nothing in this period.</p>" in html  # the actor filter leaves Kesh out


def test_a_reversal_reported_inside_one_document_is_a_shift(store):
    text = "After months of refusing, Lirsk has come around to the idea of guarantees."
    reversal = stance(text, 1, "lirsk", "guarantees", "support", "has come around to the idea of guarantees")
    reversal.previous_polarity = "oppose"
    ingest_analyses(store, [Analysis(document=document(text, "2026-04-02", "Harborwire"), stances=[reversal])])
    [shift] = views.stance_shifts(store, actor="lirsk")
    assert (shift["from"], shift["to"], shift["date"]) == ("oppose", "support", "2026-04-02")
    assert shift["before"]["text"] == shift["after"]["text"] == "has come around to the idea of guarantees"


def test_claims_cluster_by_meaning_not_by_shared_words(store):
    texts = [("Artillery shells struck the port of Calla on Friday, killing three dock workers.", "Harborwire"),
             ("Shells hit the port of Calla on Friday and killed three dock workers.", "Kestrel Daily"),
             ("Valdoria announced new sanctions on Keshi banks on Friday.", "Meridian Post")]
    ingest_analyses(store, [Analysis(document=document(t, "2026-03-14", outlet), claims=[claim(t, 1, t)])
                            for t, outlet in texts])
    [cluster] = views.claim_clusters(store)
    assert cluster["independent_outlets"] == ["Harborwire", "Kestrel Daily"]
    assert cluster["contradictions"] == []


def test_a_verdict_speaks_of_the_deadline_it_names(store):
    set_text = "The two sides must agree a monitoring mechanism by April 15."
    other = "Officials said the prisoner deadline passed on Tuesday without a monitoring mechanism agreed."
    named = "Officials said the two sides missed their end-of-March deadline on the monitoring mechanism."
    met = "The two sides agreed the monitoring mechanism on Wednesday, meeting the April 15 deadline."
    ingest_analyses(store, [
        Analysis(document=document(set_text, "2026-03-02", "Harborwire"),
                 deadlines=[deadline(set_text, 1, "2026-04-15", set_text, "by April 15")]),
        Analysis(document=document(other, "2026-04-01", "Kestrel Daily")),
        Analysis(document=document(named, "2026-04-16", "Meridian Post")),
    ])
    [entry] = views.deadlines_ledger(store, as_of="2026-04-20")
    assert (entry["status"], entry["verdict"]) == ("overdue", None)  # neither later sentence is about it
    ingest_analyses(store, [Analysis(document=document(met, "2026-04-15", "Almere Dispatch"))])
    [entry] = views.deadlines_ledger(store, as_of="2026-04-20")
    assert (entry["status"], entry["verdict"]["text"]) == ("met", met)
