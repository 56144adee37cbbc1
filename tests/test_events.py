"""Events: PLOVER-coded, with parties, date, place and quad class, on constructed sentences, the seeds and the
gold data (read from ../shared/data when it is there)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from peacewatch import Analysis, Pipeline, Settings, make_document
from peacewatch.cli import app
from peacewatch.contract import Event
from peacewatch.extractors.events import EventExtractor, default_lexicon
from peacewatch.ingest import read_path
from peacewatch.render.markdown import render_document

from .conftest import EXAMPLES, REPO, seed

EVENT_EXTRACTORS = ["actors", "times", "attributions", "events"]
SHARED_DATA = Path(os.environ.get("PEACEWATCH_SHARED_DATA", REPO.parent / "shared" / "data"))
runner = CliRunner()


@pytest.fixture(scope="module")
def events_pipeline() -> Pipeline:
    """The demo gazetteer (fictional states) and only what the events extractor reads."""
    settings = Settings.from_file(EXAMPLES / "peacewatch.yaml")
    settings.extractors = list(EVENT_EXTRACTORS)
    return Pipeline(settings)


def analyze(pipeline: Pipeline, text: str, published: str | None = "2026-03-02") -> Analysis:
    analysis = pipeline.analyze(make_document(text, published=published))
    check(analysis, pipeline)
    return analysis


def check(analysis: Analysis, pipeline: Pipeline) -> None:
    """Every event's evidence checks against the text, its quad class is one its type may take, and its parties
    are actors of the document or of the gazetteer (the state a president acts for, the state a town lies in)."""
    types = default_lexicon().types
    known = {a.id for a in analysis.actors} | set(pipeline.resources.gazetteer.entries)
    for event in analysis.events:
        span = event.evidence
        assert analysis.document.text[span.start:span.end] == span.text
        assert event.quad_class in types[event.type], event
        assert {event.source_actor, event.target_actor} - {None} <= known, event


def of_type(analysis: Analysis, kind: str) -> list[Event]:
    return [e for e in analysis.events if e.type == kind]


# -- sentences ------------------------------------------------------------------------------------

def test_a_strike_has_its_attacker_target_date_and_place(events_pipeline):
    analysis = analyze(events_pipeline, "Keshi artillery shelled the port district of Calla on Monday.")
    [event] = of_type(analysis, "ASSAULT")
    assert (event.source_actor, event.target_actor) == ("kesh", "valdoria")  # Calla lies in Valdoria
    assert event.place == "Calla" and event.date == "2026-03-02" and event.quad_class == 4


def test_a_negated_attack_is_no_assault(events_pipeline):
    analysis = analyze(events_pipeline, "Kesh did not attack Valdoria on Monday, its defence ministry said.")
    assert not of_type(analysis, "ASSAULT")
    assert of_type(analyze(events_pipeline, "Kesh attacked Valdoria on Monday."), "ASSAULT")


def test_a_threat_to_attack_is_a_threat_not_an_attack(events_pipeline):
    analysis = analyze(events_pipeline, "Kesh threatened to attack Valdoria.")
    assert [e.type for e in analysis.events] == ["THREATEN"]
    assert analysis.events[0].quad_class == 3


@pytest.mark.parametrize("text", [
    "Valdoria and Kesh agreed a ceasefire on Monday.",
    "A ceasefire between Valdoria and Kesh took effect on Monday.",
    "Valdorian President Ilsa Marren and Keshi President Anton Vasko declared a ceasefire on Monday.",
])
def test_a_ceasefire_between_two_parties_is_agree_with_both(events_pipeline, text):
    analysis = analyze(events_pipeline, text)
    [event] = of_type(analysis, "AGREE")
    assert {event.source_actor, event.target_actor} == {"valdoria", "kesh"}  # presidents act for their states
    assert "ceasefire" in (event.mode or "") and event.date == "2026-03-02" and event.quad_class == 1


def test_a_visit_is_consult_with_mode_visit(events_pipeline):
    analysis = analyze(events_pipeline, "Foreign Minister Samir Haddad made a two-day visit to Kesh last week.")
    [event] = of_type(analysis, "CONSULT")
    assert event.mode == "visit" and event.source_actor == "samir-haddad" and event.target_actor == "kesh"


def test_an_undated_document_leaves_the_date_open(events_pipeline):
    [event] = of_type(analyze(events_pipeline, "Kesh attacked Valdoria.", published=None), "ASSAULT")
    assert event.date is None
    [event] = of_type(analyze(events_pipeline, "Kesh attacked Valdoria."), "ASSAULT")
    assert event.date == "2026-03-02"


@pytest.fixture(scope="module")
def lexicon_pipeline() -> Pipeline:
    """The events extractor without its learned layer: the lexicon and the parse alone."""
    settings = Settings.from_file(EXAMPLES / "peacewatch.yaml")
    settings.extractors = list(EVENT_EXTRACTORS)
    pipeline = Pipeline(settings)
    pipeline.extractors[-1] = EventExtractor(pipeline.resources, learned=False)
    return pipeline


def test_quad_class_follows_the_type(lexicon_pipeline):
    analysis = analyze(lexicon_pipeline, "Valdoria demanded that Kesh withdraw. Qadira called on both sides to "
                                         "talk. Kesh praised Qadira. Valdoria released twelve prisoners.")
    quads = {e.type: e.quad_class for e in analysis.events}
    assert quads.get("SUPPORT") == 1 and quads.get("RETREAT") == 2
    assert sorted(e.quad_class for e in of_type(analysis, "REQUEST")) == [1, 3]  # an appeal, then a demand


def test_the_learned_layer_adds_an_event_the_lexicon_does_not_know(events_pipeline, lexicon_pipeline):
    text = "Keshi forces overran two Valdorian villages near Calla on Monday."  # "overrun" is in no lexicon
    assert not analyze(lexicon_pipeline, text).events
    [event] = analyze(events_pipeline, text).events
    assert event.quad_class == 4 and event.confidence is not None and event.confidence >= 0.5
    assert (event.source_actor, event.target_actor, event.place) == ("kesh", "valdoria", "Calla")


def test_the_learned_layer_scores_every_event(events_pipeline):
    analysis = analyze(events_pipeline, "Kesh shelled Calla on Monday. Qadira condemned the attack.")
    assert analysis.events and all(0.0 <= (e.confidence or -1.0) <= 1.0 for e in analysis.events)


def test_the_report_lists_events(events_pipeline):
    md = render_document(analyze(events_pipeline, "Kesh attacked Valdoria on Monday."))
    assert "## Events" in md and "| ASSAULT |" in md and "Kesh → Valdoria" in md


# -- the seeds ------------------------------------------------------------------------------------

def test_seed_000_strikes_visit_and_ceasefire(pipeline, seeds):
    analysis = pipeline.analyze(next(read_path(seed(seeds, "000"))))
    check(analysis, pipeline)
    strikes = [e for e in of_type(analysis, "ASSAULT") if e.source_actor == "russia"]
    assert strikes and strikes[0].target_actor == "ukraine"  # "the capital": of the state named before it
    assert "strikes on the capital" in strikes[0].evidence.text
    [visit] = [e for e in of_type(analysis, "CONSULT") if e.mode == "visit"]
    assert visit.source_actor == "mark-rutte" and "Verkhovna Rada" in visit.evidence.text
    ceasefires = [e for e in of_type(analysis, "AGREE") if "ceasefire" in (e.mode or "")]
    assert any("lasted only a few days" in e.evidence.text for e in ceasefires)
    assert {ceasefires[0].source_actor, ceasefires[0].target_actor} == {"russia", "united-states"}


# -- evaluation commands --------------------------------------------------------------------------

def _tiny_pentacode(path: Path) -> Path:
    rows = ["Kesh attacked Valdoria.\t4", "Valdoria praised Qadira.\t1", "The minister spoke at noon.\t0",
            "Kesh threatened Valdoria.\t3", "Qadira sent food aid to Valdoria.\t2"]
    path.write_text("\n".join(rows) + "\n", "utf-8")
    return path


def test_eval_events_scores_a_small_pentacode_file(tmp_path):
    result = runner.invoke(app, ["eval", "events", "--pentacode", str(_tiny_pentacode(tmp_path / "p.tsv")),
                                 "--split", "all", "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout.splitlines()[-1])["pentacode"]["lexicon only"]
    assert scores["n"] == 5 and 0.0 <= scores["macro_f1"] <= 1.0
    assert scores["accuracy"] >= 0.6  # these sentences are what the lexicon is for


def test_eval_events_scores_a_small_plover_file(tmp_path):
    records = [{"id": "header", "event": "DOCUMENT"},
               {"id": "a", "event": "FIGHT", "text": "Keshi troops attacked Valdorian positions on Monday.",
                "source": [{"actorText": "Keshi"}], "target": [{"actorText": "Valdorian"}]},
               {"id": "b", "event": "DEMAND", "text": "Valdoria demanded that Kesh withdraw its troops.",
                "source": {"actorText": "Valdoria"}, "target": {"actorText": "Kesh"}}]
    path = tmp_path / "plover.json"
    path.write_text(json.dumps(records), "utf-8")
    result = runner.invoke(app, ["eval", "events", "--plover", str(path), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout.splitlines()[-1])["plover"]["lexicon only"]
    assert scores["n"] == 2 and scores["typed_correct"] == 2  # FIGHT → ASSAULT, DEMAND → REQUEST (v0.5 names)


def test_eval_events_rejects_a_malformed_file(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("a sentence without a label\n", "utf-8")
    result = runner.invoke(app, ["eval", "events", "--pentacode", str(bad)])
    assert result.exit_code == 2


@pytest.fixture(scope="module")
def shared_data() -> Path:
    if not (SHARED_DATA / "plover").is_dir() or not (SHARED_DATA / "cameo_pentacode").is_dir():
        pytest.skip(f"the PLOVER and pentacode gold data are not at {SHARED_DATA}")
    return SHARED_DATA


def test_eval_events_on_the_gold_data(shared_data):
    result = runner.invoke(app, ["eval", "events", "--plover", str(shared_data / "plover" / "PLOVER_GSR_CAMEO.json"),
                                 "--pentacode", str(shared_data / "cameo_pentacode" / "train.tsv"), "--split", "dev",
                                 "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout.splitlines()[-1])
    plover = scores["plover"]["lexicon only"]
    assert plover["n"] == 322 and plover["type_accuracy"] > 0.4 and plover["source_match"] > 0.4
    pentacode = scores["pentacode"]
    assert pentacode["lexicon only"]["n"] == 269 and pentacode["lexicon only"]["macro_f1"] > 0.4
    if "lexicon + learned layer" in pentacode:  # the shipped model (MiniLM installed)
        assert pentacode["lexicon + learned layer"]["macro_f1"] > pentacode["lexicon only"]["macro_f1"]
