"""Persuasion techniques: the label mapping, the extractor, the scorer, the CLI and the profiles."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from peacewatch import Pipeline, Settings, make_document
from peacewatch.cli import app
from peacewatch.render.markdown import render_document, render_index
from peacewatch.techniques.data import line_segments, read_ptc, split
from peacewatch.techniques.labels import LABELS, load_labels, unmapped_semeval2023
from peacewatch.techniques.profile import outlet_profiles
from peacewatch.techniques.scoring import merge, score

from .conftest import REPO

SHARED_DATA = Path(os.environ.get("PEACEWATCH_SHARED_DATA", REPO.parent / "shared" / "data"))
PTC_LABELS = {
    "Loaded_Language", "Name_Calling,Labeling", "Repetition", "Doubt", "Exaggeration,Minimisation",
    "Appeal_to_fear-prejudice", "Flag-Waving", "Causal_Oversimplification", "Appeal_to_Authority", "Slogans",
    "Whataboutism,Straw_Men,Red_Herring", "Black-and-White_Fallacy", "Thought-terminating_Cliches",
    "Bandwagon,Reductio_ad_hitlerum",
}
runner = CliRunner()


@pytest.fixture(scope="module")
def technique_pipeline() -> Pipeline:
    return Pipeline(Settings(extractors=["techniques"]))


def ptc() -> Path:
    path = SHARED_DATA / "ptc2020"
    if not (path / "train-articles").is_dir():
        pytest.skip(f"the PTC 2020 corpus is not at {path} (set PEACEWATCH_SHARED_DATA)")
    return path


# ---- the label mapping ----------------------------------------------------------------------------------
def test_the_mapping_covers_all_14_ptc_labels_under_snake_case_names():
    labels = load_labels()
    assert {label.ptc for label in labels} == PTC_LABELS
    assert len(LABELS) == 14
    for label in labels:
        assert label.name == label.name.lower() and " " not in label.name and "," not in label.name
        assert label.definition and label.semeval2023


def test_the_mapping_accounts_for_all_23_semeval_2023_labels():
    mapped = {x for label in load_labels() for x in label.semeval2023}
    assert len(mapped | set(unmapped_semeval2023())) == 23
    assert not mapped & set(unmapped_semeval2023())


# ---- the extractor ----------------------------------------------------------------------------------------
SLOGAN = "The rally ended with one chant.\nSTRONG BORDERS = SAFE HOMES\n"
DILEMMA = "Either the council signs the accord this week or the whole valley will burn."
NAME_CALLING = "The puppet regime and its warmongers keep feeding hoax stories to the press."


def check_spans(analysis) -> None:
    text = analysis.document.text
    for technique in analysis.techniques:
        assert text[technique.span.start:technique.span.end] == technique.span.text
        assert technique.span.text == technique.span.text.strip()
        assert 0.0 <= technique.score <= 1.0
        assert technique.technique in LABELS


@pytest.mark.parametrize(("text", "wanted", "words"), [
    (SLOGAN, "slogans", "STRONG BORDERS = SAFE HOMES"),
    (DILEMMA, "black_and_white_fallacy", "Either the council"),
    (NAME_CALLING, "name_calling", "puppet regime"),
])
def test_the_extractor_finds_constructed_techniques(technique_pipeline, text, wanted, words):
    analysis = technique_pipeline.analyze(text)
    check_spans(analysis)
    hits = [t for t in analysis.techniques if t.technique == wanted]
    assert hits, [(t.technique, t.span.text) for t in analysis.techniques]
    assert any(words in t.span.text or t.span.text in words for t in hits)


def test_a_plain_sentence_has_few_or_no_techniques(technique_pipeline):
    analysis = technique_pipeline.analyze("The committee met on Tuesday in the town hall to review the budget.")
    check_spans(analysis)
    assert analysis.summary.persuasion_density < 0.5


def test_summary_counts_techniques_and_the_report_shows_them(technique_pipeline):
    docs = [make_document(NAME_CALLING + " " + DILEMMA, outlet="Example Wire", title="One"),
            make_document(SLOGAN, outlet="Example Wire", title="Two"),
            make_document("Officials met to discuss the schedule.", outlet="Quiet Gazette", title="Three")]
    analyses = list(technique_pipeline.analyze_many(docs))
    first = analyses[0]
    assert sum(first.summary.techniques.values()) == len(first.techniques) > 0
    assert first.summary.counts["techniques"] == len(first.techniques)
    assert 0 < first.summary.persuasion_density <= 1
    assert "Persuasion" in render_document(first)
    profiles = {p.outlet: p for p in outlet_profiles(analyses)}
    assert profiles["Example Wire"].documents == 2
    wire_spans = sum(len(a.techniques) for a in analyses[:2])
    assert profiles["Example Wire"].spans == wire_spans
    expected = round((analyses[0].summary.persuasion_density + analyses[1].summary.persuasion_density) / 2, 4)
    assert profiles["Example Wire"].mean_density == expected
    index = render_index(analyses)
    assert "## Persuasion by outlet" in index and "Example Wire" in index


# ---- the tagger's two engines ----------------------------------------------------------------------------
def _tagger_inputs():
    """The shipped tagger and ~70 real sentences (more than one batch of 64), one of them with no pieces."""
    import numpy as np

    from peacewatch.techniques.detector import Detector
    from peacewatch.techniques.model import Sample, featurize

    text = " ".join([SLOGAN.replace("\n", " "), DILEMMA, NAME_CALLING] * 24)
    segments, start = [], 0
    for sentence in text.split(". "):
        segments.append((start, start + len(sentence)))
        start += len(sentence) + 2
    model = Detector(use_patterns=False).model
    samples = featurize(text, segments)
    n_in = samples[0].x.shape[1]
    samples.insert(5, Sample(np.zeros((0, n_in), np.float32), np.zeros((0, 2), np.int32)))
    return model, samples


def test_the_onnx_tagger_gives_the_torch_probabilities(monkeypatch):
    import numpy as np

    model, samples = _tagger_inputs()
    assert len(samples) > 64
    monkeypatch.setenv("PEACEWATCH_ENGINE", "torch")
    torch_probs = model.piece_probs(samples)
    monkeypatch.setenv("PEACEWATCH_ENGINE", "onnx")
    onnx_probs = model.piece_probs(samples)
    assert model._onnx is not None and model._onnx[1] is not None  # the ONNX session ran
    assert [p.shape for p in onnx_probs] == [(len(s.offsets), len(model.labels)) for s in samples]
    assert max(float(np.abs(a - b).max()) for a, b in zip(onnx_probs, torch_probs, strict=True) if a.size) < 1e-5
    # a sentence's probabilities do not depend on what else shares its batch
    alone = model.piece_probs(samples[7:8])[0]
    assert np.array_equal(alone, onnx_probs[7])


@pytest.mark.parametrize("engine", ["onnx", "torch"])
def test_several_documents_tagged_at_once_get_what_each_gets_alone(monkeypatch, engine):
    import numpy as np

    monkeypatch.setenv("PEACEWATCH_ENGINE", engine)
    model, samples = _tagger_inputs()
    documents = [samples[:30], samples[30:31], [], samples[31:]]
    together = model.piece_probs_many(documents)
    for document, probs in zip(documents, together, strict=True):
        alone = model.piece_probs(document)
        assert len(probs) == len(alone) == len(document)
        assert all(np.array_equal(a, b) for a, b in zip(probs, alone, strict=True))


def test_a_documents_techniques_do_not_depend_on_its_batch(technique_pipeline):
    texts = [NAME_CALLING + " " + DILEMMA, SLOGAN, "Officials met to discuss the schedule. " + DILEMMA]
    together = [a.techniques for a in technique_pipeline.analyze_many(texts)]
    alone = [technique_pipeline.analyze(text).techniques for text in texts]
    assert together == alone and any(together)


def test_the_tagger_runs_on_torch_when_the_engine_is_torch(monkeypatch):
    model, samples = _tagger_inputs()
    monkeypatch.setenv("PEACEWATCH_ENGINE", "torch")
    assert model._onnx_tagger() is None
    assert len(model.piece_probs(samples[:3])) == 3
    assert model._onnx is None  # no ONNX session was made


# ---- the scorer, on a hand-made gold example ----------------------------------------------------------
def write_ptc(root: Path, articles: dict[str, str], labels: list[tuple[str, str, int, int]]) -> Path:
    (root / "train-articles").mkdir(parents=True)
    for art, text in articles.items():
        (root / "train-articles" / f"article{art}.txt").write_text(text, "utf-8")
    (root / "train-task2-TC.labels").write_text(
        "".join(f"{a}\t{t}\t{s}\t{e}\n" for a, t, s, e in labels), "utf-8")
    return root


def test_the_scorer_on_a_hand_made_example(tmp_path):
    text = "Title\n\nThey are vile liars.\nRain fell.\n"
    # offsets: "They are vile liars." is 7..27, "vile" 16..20, "vile liars" 16..26, "Rain fell." 28..38
    root = write_ptc(tmp_path, {"1": text}, [("1", "Name_Calling,Labeling", 16, 26),
                                              ("1", "Loaded_Language", 16, 20)])
    article = read_ptc(root)[0]
    assert [(g.start, g.end, g.technique) for g in article.spans] == [
        (16, 26, "name_calling"), (16, 20, "loaded_language")]
    assert (text[16:26], text[16:20]) == ("vile liars", "vile")
    assert article.segments() == [(0, 5), (7, 27), (28, 38)]
    gold = {"1": [(16, 26, "name_calling"), (16, 20, "loaded_language")]}
    # predicted: "liars" (21..26) as name-calling, right; "Rain" (28..32) as doubt, wrong
    pred = {"1": [(21, 26, "name_calling"), (28, 32, "doubt")]}
    report = score(LABELS, gold, pred, {"1": article.segments()})
    # SI: gold merges to [16, 26) (10 chars). P = (5/5 + 0) / 2 = 0.5; R = (5/10) / 1 = 0.5
    assert (report.si.precision, report.si.recall, report.si.f1) == pytest.approx((0.5, 0.5, 0.5))
    # span + technique: only the name-calling pair counts. P = 1/2 predictions; R = 0.5/2 gold spans
    assert report.span_technique.precision == pytest.approx(0.5)
    assert report.span_technique.recall == pytest.approx(0.25)
    assert report.span_technique.f1 == pytest.approx(2 * 0.5 * 0.25 / 0.75)
    # sentences: "They are vile liars." gold {name_calling, loaded_language}, predicted {name_calling};
    # "Rain fell." gold {}, predicted {doubt}: tp 1, fp 1, fn 1, so micro F1 = 2 / (2 + 1 + 1) = 0.5
    micro = report.sentence_micro
    assert (micro.tp, micro.fp, micro.fn) == (1, 1, 1)
    assert micro.f1 == pytest.approx(0.5)
    # macro over the 14 labels: name_calling scores 1.0, the other 13 score 0
    assert report.sentence_macro_f1 == pytest.approx(1 / 14)


def test_merge_and_line_segments():
    assert merge([(5, 9), (0, 3), (2, 4), (9, 10)]) == [(0, 4), (5, 10)]
    assert line_segments("A b.\n\n  C d. \n") == [(0, 4), (8, 12)]


@pytest.mark.parametrize(("text", "wanted"), [
    ("Leading experts warned that the ceasefire would collapse within weeks.", "appeal_to_authority"),
    ("But what about the shelling of the other side's villages?", "whataboutism_straw_man_red_herring"),
    ("A scientist has warned that the outbreak will reach the capital by spring.", "appeal_to_authority"),
    ("As I explain in my new book, the treaty was doomed from the start.", "appeal_to_authority"),
    ("I fully agree with the governor's verdict on the harbour deal.", "appeal_to_authority"),
    ("The mayor's Stalinist purge of the zoning board shocked the town.", "bandwagon_reductio_ad_hitlerum"),
    ("The senator compared the new checkpoints to the Gestapo.", "bandwagon_reductio_ad_hitlerum"),
    ("Critics paint the minister as the new Hitler of the region.", "bandwagon_reductio_ad_hitlerum"),
])
def test_patterns_cover_techniques_the_data_lacks(text, wanted):
    from peacewatch.techniques.patterns import find

    assert wanted in {name for _, _, name, _ in find(text)}


@pytest.mark.parametrize("text", [
    "The museum reopened on Monday after a long renovation of its north wing.",
    "Historians still debate how Nazis rose to power in the early 1930s.",  # bare history is not reductio
    "I agree that the bridge needs repairs before winter.",
])
def test_the_authority_and_reductio_patterns_leave_plain_sentences_alone(text):
    from peacewatch.techniques.patterns import find

    found = {name for _, _, name, _ in find(text)}
    assert not found & {"appeal_to_authority", "bandwagon_reductio_ad_hitlerum"}


def test_the_dev_split_is_the_last_fifth_by_article_id(tmp_path):
    root = write_ptc(tmp_path, {str(i): f"T{i}\n\nx.\n" for i in range(100, 110)}, [])
    articles = read_ptc(root)
    assert [a.id for a in split(articles, "dev")] == ["108", "109"]
    assert [a.id for a in split(articles, "train")][-1] == "107"


# ---- the CLI on the real corpus ----------------------------------------------------------------------------
def test_eval_smoke_on_three_ptc_articles():
    result = runner.invoke(app, ["eval", "techniques", "--gold", str(ptc()), "--split", "dev", "--limit", "3",
                                 "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["articles"] == 3 and data["split"] == "dev"
    for key in ("si", "span_technique", "sentence_micro"):
        assert 0.0 <= data[key]["f1"] <= 1.0
    assert set(data["per_label"]) == set(LABELS)
    assert data["seconds_per_article"] > 0
    text = runner.invoke(app, ["eval", "techniques", "--gold", str(ptc()), "--limit", "1"])
    assert "span identification" in text.stdout and "seconds per article" in text.stdout


def test_train_runs_end_to_end_on_a_tiny_subset(tmp_path):
    from peacewatch.techniques.detector import Detector

    out = tmp_path / "model"
    result = runner.invoke(app, ["train", "techniques", "--data", str(ptc()), "--limit", "3", "--epochs", "1",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "tagger.pt").is_file() and (out / "config.json").is_file()
    found = Detector(out, use_patterns=False).detect(DILEMMA, [(0, len(DILEMMA))])
    assert all(0.0 <= s <= 1.0 and 0 <= a < b <= len(DILEMMA) for a, b, _, s in found)
