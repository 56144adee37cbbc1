"""Who said what: attributions on constructed sentences, on seed 002, and the PolNeAR scorer and eval."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from peacewatch import Analysis, make_document
from peacewatch.contract import Attribution
from peacewatch.evaluation.polnear import Predicted, find_article_pairs, parse_ann, read_corpus, score
from peacewatch.extractors.attributions import find_quotes
from peacewatch.render.markdown import render_document

from .conftest import REPO, seed

SHARED_DATA = Path(os.environ.get("PEACEWATCH_SHARED_DATA", REPO.parent / "shared" / "data"))


def attributions(pipeline, text: str) -> tuple[Analysis, list[Attribution]]:
    analysis = pipeline.analyze(make_document(text, published="2025-08-20"))
    for a in analysis.attributions:  # every span checks out against the text
        for span in (a.source, a.cue, a.content):
            if span is not None:
                assert text[span.start:span.end] == span.text
    return analysis, analysis.attributions


def with_cue(found: list[Attribution], cue: str) -> Attribution:
    hits = [a for a in found if cue in a.cue.text]
    assert hits, f"no attribution with cue {cue!r} in {[a.cue.text for a in found]}"
    return hits[0]


# -- constructions ------------------------------------------------------------------------------------

def test_direct_quote_with_the_source_after_it(pipeline):
    text = '"We will open the corridor tomorrow," the defence minister said on Tuesday.'
    _, found = attributions(pipeline, text)
    attr = with_cue(found, "said")
    assert attr.kind == "direct"
    assert attr.content.text.startswith('"We will open the corridor tomorrow')
    assert "minister" in attr.source.text


def test_its_statement_is_said_by_what_it_stands_for(pipeline):
    text = "Russia sent its reply on Friday. Its answer states that talks must resume."
    _, found = attributions(pipeline, text)
    assert with_cue(found, "states").source_actor == "russia"


def test_a_quote_on_its_own_line_signed_with_a_dash_below_it(pipeline):
    text = ("“Our ships will keep the grain corridor open all winter.”\n"
            "— Mark Rutte, NATO Secretary General, 3 February 2026\n"
            "The alliance has not said how many ships it would send.")
    _, found = attributions(pipeline, text)
    attr = with_cue(found, "—")
    assert attr.source_actor == "mark-rutte" and attr.kind == "direct"
    assert attr.content.text.startswith("“Our ships") and attr.content.text.endswith("winter.”")


def test_a_dash_line_under_prose_or_a_list_is_no_signature(pipeline):
    text = ("“Our ships will keep the grain corridor open.” That was the promise.\n"
            "— Mark Rutte, NATO Secretary General\n"
            "“Nothing is agreed.”\n"
            "- Canada and France will send frigates.")
    _, found = attributions(pipeline, text)
    assert not [a for a in found if a.cue.text in {"—", "-"}]


def test_a_quote_spanning_several_sentences_is_one_content(pipeline):
    text = ("“We are ready. The corridor opens at dawn. Nobody should doubt our word,” "
            "Foreign Minister Lena Varga told reporters.")
    _, found = attributions(pipeline, text)
    attr = with_cue(found, "told")
    assert attr.content.text.startswith("“We are ready.")
    assert attr.content.text.endswith("our word,”")
    assert attr.kind == "direct"
    assert attr.source.text == "Foreign Minister Lena Varga"


def test_a_quote_right_after_its_speaker_goes_on_in_their_words(pipeline):
    text = ("“Our contribution is in the air,” Keir Starmer said after the meeting. “We will keep the sanctions "
            "in place.” “And we will not wait.”\n\n"
            "“Nothing is agreed,” Keir Starmer said. “We are ready,” Emmanuel Macron added.\n\n"
            "“We want peace,” Keir Starmer said.\n\n“The talks resume on Monday.”")
    _, found = attributions(pipeline, text)
    contents = {a.content.text: a for a in found}
    for quote in ("“We will keep the sanctions in place.”", "“And we will not wait.”"):
        assert contents[quote].source_actor == "keir-starmer" and contents[quote].kind == "direct"
        assert contents[quote].cue.text == "said"
    # (not a quote with its own speaker, nor one in another paragraph)
    assert with_cue(found, "added").source_actor == "emmanuel-macron"
    assert [a for a in found if "We are ready" in a.content.text] == [with_cue(found, "added")]
    assert not [a for a in found if "talks resume" in a.content.text]


def test_a_quote_closing_a_line_does_not_open_the_next_line(pipeline):
    text = ("- “We want monitors,” Keir Starmer told reporters. “We will accept them from anywhere.”\n"
            "- Emmanuel Macron said the talks would resume.")
    analysis, found = attributions(pipeline, text)
    second = [a for a in found if "from anywhere" in a.content.text]
    assert second and second[0].source_actor == "keir-starmer"
    assert with_cue(found, "said").source_actor == "emmanuel-macron"


def test_a_named_line_with_a_colon_and_a_quote_is_that_speakers(pipeline):
    text = ("What they are saying:\n"
            "- Prime Minister Keir Starmer: “Our troops will not leave before the guns fall silent.”\n"
            "- Officials in Paris: “Nothing is agreed.”\n"
            "- Emmanuel Macron emphasized: “We are ready.”")
    _, found = attributions(pipeline, text)
    attr = next(a for a in found if a.content.text.startswith("“Our troops"))
    assert attr.source_actor == "keir-starmer" and attr.kind == "direct" and attr.cue.text == ":"
    assert attr.source.text == "Prime Minister Keir Starmer"
    assert not [a for a in found if a.content.text == "“Nothing is agreed.”" and a.cue.text == ":"]
    assert with_cue(found, "emphasized").source_actor == "emmanuel-macron"


def test_quotation_lines_after_a_colon_are_the_last_speakers(pipeline):
    text = ("Keir Starmer addressed parliament on Monday. The key lines:\n"
            "“We are ready to sign a ceasefire today.”\n"
            "“We will not trade land for a signature.”\n"
            "Emmanuel Macron spoke next.")
    _, found = attributions(pipeline, text)
    lines = [a for a in found if a.content.text in {"“We are ready to sign a ceasefire today.”",
                                                     "“We will not trade land for a signature.”"}]
    assert len(lines) == 2 and {a.source_actor for a in lines} == {"keir-starmer"}
    assert not [a for a in found if "spoke next" in a.content.text]


def test_a_question_label_is_not_the_source_of_the_reported_claim(pipeline):
    text = "Q (Kyiv Post): The Russian side also insists that Ukraine give up its application to NATO."
    _, found = attributions(pipeline, text)
    attr = with_cue(found, "insists")
    assert attr.source.text == "The Russian side"
    assert attr.source_actor == "russia"


def test_colon_introduced_quote(pipeline):
    text = "The envoy added: “There will be no agreement without guarantees.”"
    _, found = attributions(pipeline, text)
    attr = with_cue(found, "added")
    assert attr.kind == "direct"
    assert attr.content.text == "“There will be no agreement without guarantees.”"
    assert attr.source.text == "The envoy"


def test_dash_introduced_list_items_belong_to_the_content(pipeline):
    text = ("The ministry listed its conditions:\n"
            "- a full ceasefire along the front line\n"
            "- an exchange of all prisoners\n\n"
            "Talks resume next week.")
    _, found = attributions(pipeline, text)
    attr = with_cue(found, "listed")
    assert "a full ceasefire" in attr.content.text
    assert attr.content.text.endswith("an exchange of all prisoners")


def test_according_to_names_the_source_and_keeps_the_rest_as_content(pipeline):
    text = "According to two sources with knowledge of the talks, the ceasefire will begin on Friday."
    analysis, found = attributions(pipeline, text)
    attr = with_cue(found, "According")
    assert attr.cue.text == "According to"
    assert attr.source.text == "two sources with knowledge of the talks"
    assert attr.content.text == "the ceasefire will begin on Friday"
    assert attr.anonymous is True
    assert analysis.actor(attr.source_actor).kind == "anonymous"


def test_indirect_speech_with_told_and_that(pipeline):
    text = "Pavel Markov told the Daily Courier that the border would stay closed until spring."
    analysis, found = attributions(pipeline, text)
    attr = with_cue(found, "told")
    assert attr.kind == "indirect"
    assert attr.source.text == "Pavel Markov"
    assert "Markov" in analysis.actor(attr.source_actor).name
    assert attr.content.text == "that the border would stay closed until spring"


def test_mixed_when_only_part_of_the_content_is_quoted(pipeline):
    text = 'The Foreign Ministry said it "categorically" rejects the deployment of foreign troops.'
    _, found = attributions(pipeline, text)
    attr = with_cue(found, "said")
    assert attr.kind == "mixed"
    assert attr.content.text.startswith("it")


@pytest.mark.parametrize("text, cue, content", [
    ("General Olsen fears that the truce will collapse within days.", "fears",
     "that the truce will collapse within days"),
    ("Prime Minister Ilse Vos wants a ceasefire before the winter.", "wants",
     "a ceasefire before the winter"),
    ("Western diplomats believe the talks will fail.", "believe", "the talks will fail"),
])
def test_beliefs_and_intentions_are_attributions(pipeline, text, cue, content):
    _, found = attributions(pipeline, text)
    attr = with_cue(found, cue)
    assert attr.content.text == content
    assert attr.kind == "indirect"


def test_a_pronoun_source_resolves_to_its_antecedent(pipeline):
    text = "Anna Berg arrived in Geneva on Monday. She said the talks would continue."
    analysis, found = attributions(pipeline, text)
    attr = with_cue(found, "said")
    assert attr.source.text == "She"
    assert analysis.actor(attr.source_actor).name == "Anna Berg"


def test_a_pronoun_source_continues_the_subject_not_one_it_reported(pipeline):
    text = ("Russia insists that Ukraine must withdraw from the Donbas. "
            "It says it is ready for an all-for-all prisoner exchange.")
    _, found = attributions(pipeline, text)
    assert with_cue(found, "says").source_actor == "russia"


def test_the_president_resolves_to_the_president_named_before(pipeline):
    text = ("President Milan Horvat met the delegation in the capital. "
            "The president said his country would send monitors.")
    analysis, found = attributions(pipeline, text)
    attr = with_cue(found, "said")
    assert attr.source.text == "The president"
    assert analysis.actor(attr.source_actor).name == "Milan Horvat"


def test_curly_and_straight_quotes_give_the_same_result(pipeline):
    straight = '"The corridor stays open," the spokesman said.'
    curly = "“The corridor stays open,” the spokesman said."
    (_, a), (_, b) = attributions(pipeline, straight), attributions(pipeline, curly)
    assert [(x.kind, x.cue.text, x.content.start, x.content.end) for x in a] == \
        [(x.kind, x.cue.text, x.content.start, x.content.end) for x in b]
    assert a and a[0].kind == "direct"


@pytest.mark.parametrize("text", [
    '"We will never agree, the envoy said. Talks ended.',
    "He said “no and then “never” again.",
    "” The minister said nothing.",
    '"""',
    "“",
    "Officials said: ",
    "They said:\n- ",
])
def test_unbalanced_quote_marks_never_crash(pipeline, text):
    attributions(pipeline, text)  # the spans check out inside


def test_find_quotes_runs_a_quote_on_to_the_paragraph_end():
    text = "“First paragraph of a long quote.\n“Second paragraph,” she said."
    quotes = find_quotes(text)
    assert [(q.start, q.closed) for q in quotes] == [(0, False), (34, True)]
    assert quotes[0].end == text.index("\n")


# -- author voice and sourcing --------------------------------------------------------------------------

def test_summary_separates_author_voice_from_reported_voice(pipeline):
    text = ("The talks resumed in Vienna. "
            "“We expect progress by Friday,” a senior diplomat said. "
            "Pavel Markov said the border would reopen. "
            "Snow fell on the city.")
    analysis, found = attributions(pipeline, text)
    summary = analysis.summary
    assert summary.sentences == 4
    assert summary.reported_share == pytest.approx(0.5)
    assert summary.author_share == pytest.approx(0.5)
    assert summary.anonymous_share == pytest.approx(0.5)
    assert summary.named_share == pytest.approx(0.5)
    report = render_document(analysis)
    assert "Who said what" in report
    assert "50% of sentences in the author's own voice, 50% reported" in report
    assert "50% named, 50% anonymous" in report


# -- seed 002 -------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_002(pipeline, seeds) -> Analysis:
    from peacewatch.ingest import read_path

    (doc,) = read_path(seed(seeds, "002"))
    return pipeline.analyze(doc)


def test_seed_002_has_anonymous_sources(seed_002):
    anonymous = [a for a in seed_002.attributions if a.anonymous]
    assert anonymous
    assert all(seed_002.actor(a.source_actor).kind == "anonymous" for a in anonymous)


def test_seed_002_trump_is_the_source_of_a_direct_quote(seed_002):
    trump = seed_002.actor_named("Donald Trump") or seed_002.actor_named("Trump")
    assert trump is not None
    assert any(a.kind == "direct" and a.source_actor == trump.id for a in seed_002.attributions)


def test_seed_002_the_russian_foreign_ministry_is_a_mixed_source(seed_002):
    hits = [a for a in seed_002.attributions if a.source and "Foreign Ministry" in a.source.text]
    assert any(a.kind == "mixed" for a in hits), [(a.source.text, a.kind) for a in hits]
    ministry = seed_002.actor(next(a for a in hits if a.kind == "mixed").source_actor)
    assert ministry is not None and "Foreign" in ministry.name


def test_seed_002_has_both_voices(seed_002):
    summary = seed_002.summary
    assert 0.0 < summary.reported_share < 1.0
    assert summary.author_share == pytest.approx(1.0 - summary.reported_share)


# -- the scorer -----------------------------------------------------------------------------------------

def _tiny_corpus(root: Path) -> Path:
    """Two made-up articles in the PolNeAR layout; two annotators for the first (the first by name wins)."""
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    one = "Ann said the war is over. Bob thinks so, Cy added."
    (root / "text" / "one.txt").write_text(one)
    (root / "attributions" / "one_aaaa.ann").write_text(
        "T1\tSource 0 3\tAnn\n"
        "T2\tCue 4 8\tsaid\n"
        "T3\tContent 9 24\tthe war is over\n"
        "T4\tAttribution 4 8\tsaid\n"
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
        "T5\tSource 26 29\tBob\n"
        "T6\tCue 30 36\tthinks\n"
        "T7\tContent 37 39;47 50\tso\n"
        "T8\tAttribution 30 36\tthinks\n"
        "E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5\n"
        "#1\tAnnotatorNotes T1\ta note\n"
    )
    (root / "attributions" / "one_zzzz.ann").write_text("")  # another annotator: ignored
    (root / "text" / "two.txt").write_text("Nothing here.")
    return root


def test_reader_takes_the_first_annotator_and_discontinuous_spans(tmp_path):
    articles = read_corpus(_tiny_corpus(tmp_path))
    assert [a.name for a in articles] == ["one", "two"]
    first, second = articles[0].attributions
    assert first.source == ((0, 3),) and first.cue == ((4, 8),) and first.content == ((9, 24),)
    assert second.content == ((37, 39), (47, 50))
    assert articles[1].attributions == []


def test_scores_by_hand(tmp_path):
    articles = read_corpus(_tiny_corpus(tmp_path))
    gold = articles[0].attributions
    predicted = [
        # Ann: exact source and cue, content overlapping but not exact
        Predicted(source=(0, 3), cue=(4, 8), content=(9, 16)),
        # Bob: source overlaps ("Bob thinks"), cue exact, content exact extent (37..50)
        Predicted(source=(26, 36), cue=(30, 36), content=(37, 50)),
        # a false alarm that overlaps nothing
        Predicted(source=None, cue=(44, 49), content=(40, 43)),
    ]
    s = score([(gold, predicted), (articles[1].attributions, [])])
    # source: 2 gold, 2 predicted; exact 1 (Ann), overlap 2
    exact = s["source", "exact"]
    assert (exact.matched, exact.predicted, exact.gold) == (1, 2, 2)
    assert s["source", "overlap"].f1 == 1.0
    # cue: 2 gold, 3 predicted; exact 2, overlap 2 ("added" 44..49 overlaps no gold cue)
    assert s["cue", "exact"].precision == pytest.approx(2 / 3)
    assert s["cue", "exact"].recall == 1.0
    assert s["cue", "overlap"].f1 == pytest.approx(0.8)
    # content: exact only Bob's (extent of the discontinuous span); overlap both; 40..43 hits nothing
    assert s["content", "exact"].matched == 1
    assert s["content", "overlap"].matched == 2
    # whole attribution: both gold matched, one false alarm: P 2/3, R 1
    whole = s["attribution", "overlap"]
    assert (whole.matched, whole.predicted, whole.gold) == (2, 3, 2)
    assert whole.f1 == pytest.approx(0.8)


def test_matching_is_one_to_one():
    text = "x" * 40
    gold = parse_ann("T1\tCue 0 10\tx\nT2\tContent 10 30\tx\nE1\tAttribution:T1 Content:T2 Cue:T1\n", text)
    two = [Predicted(None, (0, 5), (10, 20)), Predicted(None, (5, 10), (20, 30))]
    s = score([(gold, two)])
    assert (s["cue", "overlap"].matched, s["attribution", "overlap"].matched) == (1, 1)


def test_pairs_of_text_and_annotation_files(tmp_path):
    assert find_article_pairs(_tiny_corpus(tmp_path)) == {"one": tmp_path / "attributions" / "one_aaaa.ann"}


# -- the command ----------------------------------------------------------------------------------------

def test_eval_attribution_on_three_dev_articles():
    dev = SHARED_DATA / "polnear" / "dev"
    if not (dev / "text").is_dir():
        pytest.skip(f"PolNeAR dev is not at {dev} (set PEACEWATCH_SHARED_DATA to the shared data folder)")
    from peacewatch.cli import app

    result = CliRunner().invoke(app, ["eval", "attribution", "--gold", str(dev), "--limit", "3"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("PolNeAR attributions: 3 articles")
    rows = {line.split()[0]: line.split()[1:] for line in lines[2:6]}
    assert set(rows) == {"source", "cue", "content", "attribution"}
    assert rows["attribution"][:3] == ["-", "-", "-"]  # whole attributions: overlap mode only
    assert float(rows["attribution"][5]) > 0.4  # overlap F1
    assert "tokens/s" in result.output


def test_each_dash_list_item_with_its_own_verb_is_its_own_attribution(pipeline):
    text = ("The commitments so far:\n"
            "- Estmark and Sarre — have signed a declaration of intent to deploy troops.\n"
            "- Norvane — has offered two frigates for maritime support.\n")
    _, found = attributions(pipeline, text)
    signed = with_cue(found, "have signed")
    assert signed.source is not None and signed.source.text == "Estmark and Sarre"
    assert signed.content.text.startswith("a declaration of intent")
    assert "Norvane" not in signed.content.text  # the next item is not part of this one


def test_a_pronoun_source_never_stands_for_a_name_in_its_own_words(pipeline):
    _, found = attributions(pipeline, 'Kaja Kallas spoke in Brussels. "Sanctions stay until Putin is gone," '
                                      'she says.')
    assert with_cue(found, "says").source_actor == "kaja-kallas"


def test_a_title_line_is_never_the_source_of_the_paragraph_below_it(pipeline):
    _, found = attributions(pipeline, "Statement by the Ministry of Foreign Affairs of Ukraine on the Russian "
                                      "proposal\n\nWe have consistently supported a full ceasefire.")
    assert with_cue(found, "have consistently supported").source.text == "We"


def test_it_announcing_a_colon_is_not_the_content(pipeline):
    _, found = attributions(pipeline, "Now, the West says it outright: without military presence, there will be "
                                      "no guarantees.")
    said = with_cue(found, "says")
    assert said.source_actor == "the-west"
    assert said.content.text.startswith("without military presence")
