"""Claims: the extractor on constructed sentences, the check-worthiness scorer and `eval checkworthy`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from peacewatch import make_document
from peacewatch.claims.model import f1_scores, packaged_model, read_tsv
from peacewatch.cli import app
from peacewatch.contract import Attribution, Claim, Span
from peacewatch.extractors.claims import ClaimExtractor, default_hedges, sourcing_of
from peacewatch.render.markdown import render_document

from .conftest import REPO

SHARED_DATA = Path(os.environ.get("PEACEWATCH_SHARED_DATA", REPO.parent / "shared" / "data"))
DEV_TSV = SHARED_DATA / "checkworthy" / "CT24_checkworthy_english_dev.tsv"


def claims_of(pipeline, monkeypatch, text: str, keep_all: bool = True):
    """Analyse `text`; with `keep_all` every candidate sentence is kept (threshold 0) to test sourcing alone."""
    extractor = next(e for e in pipeline.extractors if isinstance(e, ClaimExtractor))
    if keep_all:
        monkeypatch.setattr(extractor, "threshold", 0.0)
    analysis = pipeline.analyze(make_document(text, published="2025-08-20"))
    for claim in analysis.claims:  # every span checks out against the text
        assert text[claim.span.start:claim.span.end] == claim.span.text
        assert 0.0 <= claim.checkworthy <= 1.0
    return analysis, analysis.claims


def claim_with(claims: list[Claim], words: str) -> Claim:
    hits = [c for c in claims if words in c.span.text]
    assert hits, f"no claim with {words!r} in {[c.span.text for c in claims]}"
    return hits[0]


def test_a_figure_laden_fact_outscores_an_opinion():
    scores = packaged_model().probabilities([
        "The ministry said 4,300 homes in the northern province were destroyed between March and June.",
        "I think we all deserve a brighter and kinder future together.",
    ])
    assert scores[0] > scores[1]
    assert scores[0] >= packaged_model().threshold > scores[1]


def test_author_claim_is_kept_with_the_default_threshold(pipeline, monkeypatch):
    text = ("The army of Veloria lost 3,200 soldiers and 140 tanks in the first six weeks of the offensive. "
            "What a lovely morning.")
    _, found = claims_of(pipeline, monkeypatch, text, keep_all=False)
    claim = claim_with(found, "3,200 soldiers")
    assert claim.sourcing == "author"
    assert claim.attribution is None
    assert claim.hedged is False
    assert not any("lovely" in c.span.text for c in found)


def test_named_source_carries_the_attribution(pipeline, monkeypatch):
    text = "Foreign Minister Lena Varga said that the border guards had detained 45 smugglers in July."
    analysis, found = claims_of(pipeline, monkeypatch, text)
    claim = claim_with(found, "45 smugglers")
    assert claim.sourcing == "named"
    attr = next(a for a in analysis.attributions if a.id == claim.attribution)
    assert attr.content.start <= claim.span.start and claim.span.end <= attr.content.end


def test_anonymous_source(pipeline, monkeypatch):
    text = "Two sources with knowledge of the talks said that 12,000 troops had crossed the river at night."
    analysis, found = claims_of(pipeline, monkeypatch, text)
    claim = claim_with(found, "12,000 troops")
    assert claim.sourcing == "anonymous"
    assert claim.attribution is not None


def test_hedged_claims(pipeline, monkeypatch):
    text = ("The convoy reportedly carried 300 tonnes of grain to the port. "
            "The convoy carried 300 tonnes of grain to the port.")
    _, found = claims_of(pipeline, monkeypatch, text)
    hedged = {c.span.text: c.hedged for c in found}
    assert hedged["The convoy reportedly carried 300 tonnes of grain to the port."] is True
    assert hedged["The convoy carried 300 tonnes of grain to the port."] is False


def test_hedge_lexicon_phrases_and_month_may():
    hedges = default_hedges()
    assert hedges.hedged("The commander is believed to have fled the city.")
    assert hedges.hedged("Sources say the deal could collapse.")
    assert not hedges.hedged("The talks resumed in May after a pause of 20 days.")


def test_sourcing_of_each_kind():
    span = Span(start=0, end=1, text="x")

    def attribution(source_actor: str | None, anonymous: bool) -> Attribution:
        return Attribution(id="a1", kind="indirect", source_actor=source_actor, anonymous=anonymous,
                           cue=span, content=span)

    assert sourcing_of(None) == "author"
    assert sourcing_of(attribution("p-varga", False)) == "named"
    assert sourcing_of(attribution("anon-1", True)) == "anonymous"
    assert sourcing_of(attribution(None, False)) == "none"


def test_claims_appear_in_the_report(pipeline, monkeypatch):
    text = "Foreign Minister Lena Varga said that the border guards had detained 45 smugglers in July."
    analysis, _ = claims_of(pipeline, monkeypatch, text)
    report = render_document(analysis)
    assert "# Claims" in report
    assert report.index("# Who said what") < report.index("# Claims")
    assert "45 smugglers" in report and "named" in report


# -- the scorer and eval ------------------------------------------------------------------------------

def _tiny_tsv(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.tsv"
    rows = ["Sentence_id\tText\tclass_label",
            '1\tThe dam held 40 million cubic metres of "water".\tYes',
            "2\tWe must stand together.\tNo",
            "3\tUnemployment rose by 2 percent last year.\tYes",
            "4\tThank you all for coming tonight.\tNo"]
    path.write_text("\n".join(rows) + "\n", "utf-8")
    return path


def test_read_tsv_keeps_quotes_and_labels(tmp_path):
    texts, labels = read_tsv(_tiny_tsv(tmp_path))
    assert labels == [1, 0, 1, 0]
    assert texts[0] == 'The dam held 40 million cubic metres of "water".'


def test_f1_by_hand():
    # tp 2 (rows 1, 3), fp 1 (row 2), fn 1 (row 4): precision 2/3, recall 2/3, F1 2/3
    scores = f1_scores([1, 0, 1, 1], [1, 1, 1, 0])
    assert (scores["tp"], scores["fp"], scores["fn"]) == (2, 1, 1)
    assert scores["precision"] == pytest.approx(0.6667) and scores["recall"] == pytest.approx(0.6667)
    assert scores["f1"] == pytest.approx(0.6667)
    assert f1_scores([0, 0], [0, 0])["f1"] == 0.0


def test_eval_on_a_tiny_tsv(tmp_path):
    runner = CliRunner()
    gold = str(_tiny_tsv(tmp_path))
    # threshold 0: everything is predicted check-worthy → precision 2/4, recall 1, F1 2/3
    result = runner.invoke(app, ["eval", "checkworthy", "--gold", gold, "--threshold", "0", "--json"])
    assert result.exit_code == 0, result.output
    assert '"precision": 0.5' in result.output and '"recall": 1.0' in result.output
    assert '"f1": 0.6667' in result.output
    # the model's own threshold separates these easy rows
    result = runner.invoke(app, ["eval", "checkworthy", "--gold", gold])
    assert result.exit_code == 0, result.output
    assert "F1 1.0000" in result.output


def test_eval_smoke_on_dev_rows():
    if not DEV_TSV.is_file():
        pytest.skip(f"the CheckThat! dev split is not at {DEV_TSV} (set PEACEWATCH_SHARED_DATA)")
    result = CliRunner().invoke(app, ["eval", "checkworthy", "--gold", str(DEV_TSV), "--limit", "50"])
    assert result.exit_code == 0, result.output
    assert "F1" in result.output and "precision" in result.output and "recall" in result.output


def test_rich_features_add_to_the_plain_set():
    from peacewatch.claims.features import _grams, hashed_counts

    text = "In 1996 Senator Dole said 40 percent of our $2 billion went abroad?"
    plain, rich = _grams(text), _grams(text, rich=True)
    # why: the events model shares the plain set; rich grams must only add, never change it
    assert all(rich[g] == n for g, n in plain.items())
    extra = set(rich) - set(plain)
    assert {"f:year", "f:pct", "f:money", "f:num", "f:first", "f:caps", "f:q"} <= extra
    assert any(g.startswith("t:") for g in extra)
    assert set(hashed_counts(text)) <= set(hashed_counts(text, rich=True))


def test_prior_threshold_matches_the_base_rate():
    import numpy as np

    from peacewatch.claims.training import prior_threshold

    probabilities = np.linspace(0.0, 0.99, 100)
    labels = np.zeros(100, int)
    labels[:25] = 1  # 25 % positive, wherever they are
    cut = prior_threshold(probabilities, labels)
    assert abs((probabilities >= cut).mean() - 0.25) <= 0.01
