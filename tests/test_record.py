"""The peace-process record: stances, commitments and deadlines on constructed sentences and the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from peacewatch import Analysis, Pipeline, Settings, make_document
from peacewatch.contract import Commitment, Deadline, Stance
from peacewatch.errors import ConfigError
from peacewatch.extractors.record import load_topics
from peacewatch.ingest import read_path
from peacewatch.render.markdown import render_document

from .conftest import seed

#: the extractors the record needs, without the trained scorers (keeps these tests fast)
RECORD_EXTRACTORS = ["actors", "times", "attributions", "commitments", "stances", "deadlines"]


@pytest.fixture(scope="module")
def record_pipeline() -> Pipeline:
    return Pipeline(Settings(extractors=list(RECORD_EXTRACTORS)))


def analyze(pipeline: Pipeline, text: str, published: str | None = "2025-08-20") -> Analysis:
    analysis = pipeline.analyze(make_document(text, published=published))
    check_spans(analysis)
    return analysis


def check_spans(analysis: Analysis) -> None:
    text = analysis.document.text
    spans = [s.evidence for s in analysis.stances] + [c.evidence for c in analysis.commitments]
    spans += [d.content for d in analysis.deadlines] + [d.expression for d in analysis.deadlines]
    for span in spans:
        assert text[span.start:span.end] == span.text


def with_gazetteer(tmp_path, actors_yaml: str) -> Pipeline:
    """The record's pipeline with a gazetteer of these actors (YAML lines under `actors:`)."""
    gazetteer = tmp_path / "gazetteer.yaml"
    gazetteer.write_text("version: 1\nactors:\n" + actors_yaml, "utf-8")
    return Pipeline(Settings(extractors=list(RECORD_EXTRACTORS), gazetteer=[str(gazetteer)]))


def stance(analysis: Analysis, actor: str, topic: str) -> Stance:
    hits = [s for s in analysis.stances if s.actor == actor and s.topic == topic]
    assert hits, f"no {topic} stance by {actor} in {[(s.actor, s.topic, s.polarity) for s in analysis.stances]}"
    return hits[0]


def commitment(analysis: Analysis, actor: str, topic: str) -> Commitment:
    hits = [c for c in analysis.commitments if c.actor == actor and c.topic == topic]
    assert hits, f"no {topic} commitment by {actor} in " \
                 f"{[(c.actor, c.topic, c.modality) for c in analysis.commitments]}"
    return hits[0]


def deadline(analysis: Analysis, due: str) -> Deadline:
    hits = [d for d in analysis.deadlines if d.due == due]
    assert hits, f"no deadline due {due} in {[(d.due, d.expression.text) for d in analysis.deadlines]}"
    return hits[0]


# -- topics -------------------------------------------------------------------------------------------

def test_topics_file_has_the_issues_of_a_peace_process():
    topics = load_topics()
    for name in ("ceasefire", "peace_talks", "security_guarantees", "foreign_troops", "air_support",
                 "maritime_support", "monitoring_intelligence", "nato_membership", "eu_membership",
                 "territorial_concessions", "sanctions", "military_aid", "prisoner_exchange",
                 "elections_leadership", "nuclear_status"):
        assert topics[name].definition and topics[name].terms and topics[name].examples


def test_a_user_topic_file_extends_the_topics(tmp_path):
    extra = tmp_path / "topics.yaml"
    extra.write_text("topics:\n  grain_deal:\n    definition: Grain exports by sea.\n"
                     "    terms: [grain deal, grain exports]\n", "utf-8")
    pipeline = Pipeline(Settings(extractors=list(RECORD_EXTRACTORS), topics=[str(extra)]))
    analysis = analyze(pipeline, "Turkey strongly supports a new grain deal for the region.")
    assert stance(analysis, "turkey", "grain_deal").polarity == "support"


def test_a_yaml_boolean_in_an_action_is_one_clear_error(tmp_path):
    extra = tmp_path / "topics.yaml"
    # a bare "on" is true to YAML: the preposition would be lost without a word
    extra.write_text("topics:\n  grain_deal:\n    definition: Grain exports by sea.\n    terms: [grain deal]\n"
                     "    actions:\n      - {verbs: [ship], objects: [grain], preps: [by, on]}\n", "utf-8")
    with pytest.raises(ConfigError, match=r"topics\.yaml: topic 'grain_deal'.*in quotes"):
        load_topics((str(extra),))


def test_every_preposition_of_the_built_in_actions_is_a_word():
    for topic in load_topics().values():
        for action in topic.actions:
            assert not {"true", "false"} & action.preps, (topic.name, action.preps)


# -- stances ------------------------------------------------------------------------------------------

def test_no_troops_but_open_to_air_support(record_pipeline):
    analysis = analyze(record_pipeline, "Poland's president said there will be no Polish soldiers in the "
                                        "region, but Warsaw is open to providing air cover.")
    assert stance(analysis, "poland", "foreign_troops").polarity == "oppose"
    assert stance(analysis, "poland", "air_support").polarity == "conditional"


def test_not_a_centimetre_of_land(record_pipeline):
    analysis = analyze(record_pipeline, '"We will not give up a single centimetre of our land," Zelensky said.')
    assert commitment(analysis, "volodymyr-zelensky", "territorial_concessions").modality == "refused"


def test_a_place_given_up_in_the_passive_is_not_the_one_who_refuses(record_pipeline):
    analysis = analyze(record_pipeline, "Volodymyr Zelensky remains firm that Donetsk will not be ceded.")
    assert stance(analysis, "volodymyr-zelensky", "territorial_concessions").polarity == "oppose"
    assert commitment(analysis, "volodymyr-zelensky", "territorial_concessions").modality == "refused"
    assert {s.actor for s in analysis.stances} == {"volodymyr-zelensky"}


def test_the_shelling_is_no_shell_sent(record_pipeline):
    analysis = analyze(record_pipeline, '"If the monitors are watching, the shelling stops," Zelensky said.')
    assert not [s for s in analysis.stances if s.topic == "military_aid"]
    analysis = analyze(record_pipeline, "Zelensky asked partners to send more shells.")
    assert stance(analysis, "volodymyr-zelensky", "military_aid").polarity == "support"


def test_what_the_force_is_not_announces_and_takes_no_position(record_pipeline):
    analysis = analyze(record_pipeline, "By Keir Starmer\n\nSecond, what the reassurance force is not.")
    assert not analysis.stances


def test_a_person_addressed_before_a_speaker_is_not_the_speaker(tmp_path):
    pipeline = with_gazetteer(tmp_path, "  - {id: iolana-verrick, name: Iolana Verrick, kind: person}\n"
                                        "  - {id: ostmere, name: Ostmere, kind: state}\n")
    analysis = analyze(pipeline, "REPORTER (Reyes): President Verrick, Ostmere says it will never accept your "
                                 "membership of NATO. Will you drop the application?")
    assert stance(analysis, "ostmere", "nato_membership").polarity == "oppose"
    assert {s.actor for s in analysis.stances} == {"ostmere"}


def test_if_i_may_add_sets_no_condition(record_pipeline):
    analysis = analyze(record_pipeline, "If I may add, Norway will support sanctions against Russia.")
    assert stance(analysis, "norway", "sanctions").polarity == "support"
    analysis = analyze(record_pipeline, "If Russia attacks again, Norway will support sanctions against it.")
    assert stance(analysis, "norway", "sanctions").polarity == "conditional"


def test_a_term_that_holds_its_own_verb_is_a_statement_of_support(record_pipeline):
    analysis = analyze(record_pipeline, '"Our future is in NATO," Zelensky said.')
    assert stance(analysis, "volodymyr-zelensky", "nato_membership").polarity == "support"


def test_contributions_by_air_sea_and_ground_name_their_topics(record_pipeline):
    analysis = analyze(record_pipeline, "Emmanuel Macron has ruled out any presence on the ground.")
    assert stance(analysis, "emmanuel-macron", "foreign_troops").polarity == "oppose"
    analysis = analyze(record_pipeline, "Norway will provide a naval contribution and an air component.")
    assert {s.topic for s in analysis.stances if s.actor == "norway"} == {"maritime_support", "air_support"}


def test_help_by_air_is_air_support(record_pipeline):
    analysis = analyze(record_pipeline, '"We will help by air," the Polish president said in Warsaw.')
    assert stance(analysis, "poland", "air_support").polarity == "support"
    analysis = analyze(record_pipeline, "Poland said the aid would arrive by air.")
    assert not [s for s in analysis.stances if s.topic == "air_support"]


def test_categorical_rejection_is_a_strong_oppose(record_pipeline):
    analysis = analyze(record_pipeline, "On Monday, Russia's foreign ministry categorically rejected any "
                                        "deployment of a military contingent from alliance states.")
    found = stance(analysis, "russia-foreign-ministry", "foreign_troops")
    assert found.polarity == "oppose"
    assert found.strength >= 0.8
    assert commitment(analysis, "russia-foreign-ministry", "foreign_troops").modality == "refused"


def test_a_condition_makes_support_conditional(record_pipeline):
    analysis = analyze(record_pipeline, "Turkey supports a truce on condition that the strikes stop.")
    assert stance(analysis, "turkey", "ceasefire").polarity == "conditional"


def test_without_negates_what_follows(record_pipeline):
    analysis = analyze(record_pipeline, "Germany is ready to give security guarantees to the country "
                                        "without sending troops.")
    assert stance(analysis, "germany", "security_guarantees").polarity == "support"
    assert stance(analysis, "germany", "foreign_troops").polarity == "oppose"
    assert all(c.topic != "foreign_troops" for c in analysis.commitments)


def test_a_topic_merely_named_is_no_stance(record_pipeline):
    analysis = analyze(record_pipeline, "Reporters from Canada gathered outside the venue of the ceasefire talks.")
    assert analysis.stances == []


def test_a_reported_reversal_carries_the_earlier_polarity(record_pipeline):
    analysis = analyze(record_pipeline, "Kyiv wants a no-fly zone over the west. After months of refusing to "
                                        "discuss the issue, Germany has come around to the idea.")
    found = stance(analysis, "germany", "air_support")
    assert (found.previous_polarity, found.polarity) == ("oppose", "support")
    assert stance(analysis, "ukraine", "air_support").previous_polarity is None


def test_no_longer_is_a_reversal(record_pipeline):
    analysis = analyze(record_pipeline, "Hungary no longer opposes the new sanctions package.")
    found = stance(analysis, "hungary", "sanctions")
    assert (found.previous_polarity, found.polarity) == ("oppose", "support")


def test_a_red_line_is_the_speakers_oppose(record_pipeline):
    analysis = analyze(record_pipeline, "Turkey's foreign minister said any foreign troop presence on the "
                                        "peninsula is a red line.")
    assert [(s.actor, s.polarity) for s in analysis.stances if s.topic == "foreign_troops"] == [("turkey", "oppose")]


def test_a_predicate_judges_the_whole_subject(record_pipeline):
    analysis = analyze(record_pipeline, "The proposal to send peacekeepers is unacceptable, the Kremlin said.")
    assert stance(analysis, "kremlin", "foreign_troops").polarity == "oppose"
    analysis = analyze(record_pipeline, "Lifting sanctions now would be unacceptable, Poland said.")
    assert stance(analysis, "poland", "sanctions").polarity == "support"


def test_a_demand_named_by_its_owner(record_pipeline):
    analysis = analyze(record_pipeline, "Security guarantees are a key Polish demand.")
    assert stance(analysis, "poland", "security_guarantees").polarity == "support"


def test_a_judging_verb_takes_its_predicate(record_pipeline):
    analysis = analyze(record_pipeline, "Russia would regard any foreign troops in the country as a direct threat.")
    assert stance(analysis, "russia", "foreign_troops").polarity == "oppose"
    analysis = analyze(record_pipeline, "Russia would regard any guarantee treaty as hostile.")
    assert stance(analysis, "russia", "security_guarantees").polarity == "oppose"


def test_a_declared_ceasefire_is_support(record_pipeline):
    analysis = analyze(record_pipeline, "Poland and Romania declared a 30-day ceasefire on Monday.")
    assert stance(analysis, "poland", "ceasefire").polarity == "support"
    assert stance(analysis, "romania", "ceasefire").polarity == "support"


def test_what_a_demand_wants_done_to_the_topic(record_pipeline):
    analysis = analyze(record_pipeline, "Russia wants sanctions lifted as part of any deal.")
    assert stance(analysis, "russia", "sanctions").polarity == "oppose"
    analysis = analyze(record_pipeline, "Poland and Estonia oppose any easing of sanctions.")
    assert stance(analysis, "poland", "sanctions").polarity == "support"


def test_a_condition_is_what_the_holder_asks_for(record_pipeline):
    analysis = analyze(record_pipeline, "Poland is ready to agree a truce if it comes with an exchange of prisoners.")
    assert stance(analysis, "poland", "ceasefire").polarity == "conditional"
    assert stance(analysis, "poland", "prisoner_exchange").polarity == "support"


def test_the_two_sides_are_the_last_pair_named(record_pipeline):
    analysis = analyze(record_pipeline, "Poland and Belarus met in Vienna on Monday. The two sides agreed to "
                                        "extend their truce by two months.")
    assert {s.actor for s in analysis.stances if s.topic == "ceasefire"} == {"poland", "belarus"}


def test_what_must_accompany_a_topic_makes_it_conditional(record_pipeline):
    analysis = analyze(record_pipeline, "Estonia insists that any ceasefire be accompanied by security guarantees.")
    assert stance(analysis, "estonia", "ceasefire").polarity == "conditional"
    assert stance(analysis, "estonia", "security_guarantees").polarity == "support"


def test_her_country_is_the_speakers_state(record_pipeline):
    analysis = analyze(record_pipeline, "Emmanuel Macron said his government would not discuss security guarantees.")
    assert stance(analysis, "france", "security_guarantees").polarity == "oppose"


def test_her_country_in_a_quote_follows_the_speaker_not_an_earlier_subject(record_pipeline):
    analysis = analyze(record_pipeline, "Friedrich Merz said the plan was ready. Italy's prime minister, Giorgia "
                                        "Meloni, said her country would send troops.")
    assert commitment(analysis, "italy", "foreign_troops").modality == "pledged"
    assert not [s for s in analysis.stances if s.actor == "germany"]


def test_a_relative_pronoun_stands_for_the_noun_it_modifies(record_pipeline):
    analysis = analyze(record_pipeline, "Ukraine has sent a team headed by officials from the Russian Foreign "
                                        "Ministry, which last week said it would not accept ceasefire monitors.")
    assert stance(analysis, "russia-foreign-ministry", "monitoring_intelligence").polarity == "oppose"
    assert not [s for s in analysis.stances if s.actor == "ukraine"]


def test_a_bare_no_that_describes_is_no_position(record_pipeline):
    analysis = analyze(record_pipeline, "Finland, which has no nuclear weapons, says it is bound by its treaties. "
                                        "An official said there had been no artillery deliveries for weeks.")
    assert analysis.stances == []
    analysis = analyze(record_pipeline, "There will be no NATO troops in Ukraine, Sergei Lavrov said.")
    assert stance(analysis, "sergei-lavrov", "foreign_troops").polarity == "oppose"


def test_two_parties_agreeing_conclude_an_agreement(record_pipeline):
    analysis = analyze(record_pipeline, "Ukraine and Russia missed their deadline, officials said, even as the two "
                                        "governments agreed to extend their ceasefire by two months.")
    for side in ("ukraine", "russia"):
        assert commitment(analysis, side, "ceasefire").modality == "signed"
        assert stance(analysis, side, "ceasefire").polarity == "support"
    analysis = analyze(record_pipeline, "Poland agreed to extend its support for the ceasefire monitors.")
    assert commitment(analysis, "poland", "monitoring_intelligence").modality == "pledged"  # one side: a pledge


def test_a_position_is_on_the_outer_topic_unless_a_light_noun_names_it(record_pipeline):
    analysis = analyze(record_pipeline, "Ukraine and Russia agreed a mechanism for monitoring their ceasefire.")
    assert {s.topic for s in analysis.stances} == {"monitoring_intelligence"}
    analysis = analyze(record_pipeline, "Volodymyr Zelensky called on partners to speed up the deployment of monitors.")
    assert {c.topic for c in analysis.commitments} == {"monitoring_intelligence"}
    analysis = analyze(record_pipeline, "Russia said its army would guarantee the safety of the monitors.")
    assert stance(analysis, "russia", "monitoring_intelligence").polarity == "support"


def test_what_a_demand_wants_is_the_demanders_position(record_pipeline):
    analysis = analyze(record_pipeline, "According to two sources, the Russian delegation opened by demanding that "
                                        "Ukraine formally abandon its bid to join NATO.")
    assert stance(analysis, "russia", "nato_membership").polarity == "oppose"
    assert not [s for s in analysis.stances if s.actor == "ukraine"]


def test_agreeing_on_something_is_signed_when_done_by_both_and_nothing_before(record_pipeline):
    analysis = analyze(record_pipeline, "Ukraine and Russia on Wednesday agreed a mechanism for monitoring the truce.")
    assert {(c.actor, c.modality) for c in analysis.commitments} == {("ukraine", "signed"), ("russia", "signed")}
    analysis = analyze(record_pipeline, "The parties shall agree on a mechanism for monitoring the truce.")
    assert analysis.commitments == []


def test_a_list_item_cue_takes_the_topics_up_to_the_next_cue(record_pipeline):
    analysis = analyze(record_pipeline, "Pledges:\n- Qatar — pledged $600 million for reconstruction and offered to "
                                        "host a permanent ceasefire commission.\n")
    assert commitment(analysis, "qatar", "ceasefire").modality == "offered"


def test_they_after_an_unnamed_plural_subject_is_not_an_actor_named_before(record_pipeline):
    analysis = analyze(record_pipeline, "Ukraine's partners on Tuesday set out what they are prepared to contribute "
                                        "to a future reassurance force.")
    assert analysis.commitments == [] and analysis.stances == []


def test_a_named_deadline_is_a_deadline_once(record_pipeline):
    analysis = analyze(record_pipeline, "Negotiators began the final week of talks before the April 15 deadline for "
                                        "a monitoring mechanism. Diplomats said the April 15 deadline would hold.",
                       published="2026-04-08")
    assert [d.due for d in analysis.deadlines] == ["2026-04-15"]
    assert not deadline(analysis, "2026-04-15").hedged


def test_unwilling_is_a_refusal_and_verification_is_monitoring(record_pipeline):
    analysis = analyze(record_pipeline, "Western officials said the Americans are still unwilling to put their own "
                                        "ground troops into Ukraine.")
    assert commitment(analysis, "united-states", "foreign_troops").modality == "refused"
    analysis = analyze(record_pipeline, "Russia has always supported the objective verification of the ceasefire.")
    assert {(s.actor, s.topic) for s in analysis.stances} == {("russia", "monitoring_intelligence")}


def test_an_alias_with_the_opens_a_sentence(tmp_path):
    pipeline = with_gazetteer(tmp_path, "  - {id: federated-isles, name: Federated Isles, kind: state,"
                                        " aliases: [the Isles]}\n")
    analysis = analyze(pipeline, "The Isles are now ready to provide intelligence and surveillance.")
    assert commitment(analysis, "federated-isles", "monitoring_intelligence").modality == "ready"


def test_a_title_shortened_to_its_last_word_names_its_one_holder(tmp_path):
    pipeline = with_gazetteer(tmp_path, "  - {id: ines-arbo, name: Ines Arbo, kind: person,"
                                        " aliases: [Special Mediator]}\n")
    analysis = analyze(pipeline, "Special Mediator Ines Arbo met both delegations. The Mediator urges both "
                                 "parties to agree a ceasefire before 25 March.")
    assert commitment(analysis, "ines-arbo", "ceasefire").modality == "demanded"


def test_a_name_the_parse_takes_for_an_adverb_is_still_the_subject(tmp_path):
    pipeline = with_gazetteer(tmp_path, "  - {id: ardally, name: Ardally, kind: state}\n"
                                        "  - {id: loramar, name: Loramar, kind: state}\n")
    # ("Ardally" ends like an adverb, and "Loramar, Ardally" is a list, not one name)
    analysis = analyze(pipeline, "Together with Castagne and Loramar, Ardally will provide military aid this year.")
    assert commitment(analysis, "ardally", "military_aid").modality == "pledged"
    assert {a.id for a in analysis.actors} >= {"ardally", "loramar"}
    # (before a subject the clause above lends it: "That is why …")
    analysis = analyze(pipeline, "That is why Ardally will provide a further billion of military aid this year.")
    assert commitment(analysis, "ardally", "military_aid").modality == "pledged"


def test_each_dash_item_holds_its_own_conditions(record_pipeline):
    analysis = analyze(record_pipeline, (
        "Under the plan:\n"
        "- France will extend its air defence umbrella over the west from the first day of a ceasefire, and will "
        "provide 2.5 billion euros in military assistance this year;\n"
        "- Poland will lead a reassurance force of up to 3,000 troops, to be stationed away from the line of "
        "contact, subject to approval by parliament;\n"
        "- Norway will lead a naval task group to clear mines and escort merchant ships in the Black Sea."))
    assert stance(analysis, "poland", "foreign_troops").polarity == "conditional"
    assert stance(analysis, "norway", "maritime_support").polarity == "support"
    assert not stance(analysis, "norway", "maritime_support").evidence.text.startswith("- Poland")


def test_a_negated_act_beside_an_offer_in_one_item_is_a_second_stance(record_pipeline):
    analysis = analyze(record_pipeline, "The main commitments were:\n- Norway — will provide air policing with "
                                        "eight fighter aircraft, and will not fly over the line of contact.")
    assert {s.polarity for s in analysis.stances if s.actor == "norway" and s.topic == "air_support"} == \
        {"support", "oppose"}


def test_ready_after_a_dash_is_what_the_name_before_it_is_ready_to_do(tmp_path):
    pipeline = with_gazetteer(tmp_path, "  - {id: cso, name: Continental Security Organisation, "
                                        "kind: organization}\n")
    analysis = analyze(pipeline, "- Continental Security Organisation — ready to field up to 400 ceasefire "
                                 "monitors within six weeks of a request, subject to the consent of both parties.")
    assert commitment(analysis, "cso", "monitoring_intelligence").modality == "ready"


def test_a_refusal_beside_an_offer_on_the_same_topic_is_a_second_commitment(record_pipeline):
    analysis = analyze(record_pipeline, "Poland is willing to lead a reassurance force once a ceasefire holds, but "
                                        "would not send soldiers while fighting continued.")
    assert {c.modality for c in analysis.commitments if c.topic == "foreign_troops"} == {"ready", "refused"}
    # ... while what a refusal refuses is no commitment of its own
    analysis = analyze(record_pipeline, "Poland has refused to commit ground troops.")
    assert [c.modality for c in analysis.commitments] == ["refused"]


def test_lettered_items_are_each_their_own_sentence(record_pipeline):
    analysis = analyze(record_pipeline, "Each of us will contribute according to its means:\n"
                                        "(a) France will lead a reassurance force;\n"
                                        "(b) Germany will provide air policing over western Ukraine.")
    assert {(c.actor, c.topic, c.modality) for c in analysis.commitments} == {
        ("france", "foreign_troops", "pledged"), ("germany", "air_support", "pledged")}
    assert commitment(analysis, "germany", "air_support").evidence.text.startswith("(b) Germany")


def test_a_heading_in_capitals_is_its_own_sentence(record_pipeline):
    analysis = analyze(record_pipeline, "SUMMARY\nThe talks opened on Monday.\n\nWHERE THE PARTIES STAND\n"
                                        "Turkey accepts the ceasefire in principle, on condition that international "
                                        "monitors are deployed on the first day.")
    assert stance(analysis, "turkey", "ceasefire").evidence.text.startswith("Turkey accepts")


def test_one_topic_without_another_wants_the_other(record_pipeline):
    analysis = analyze(record_pipeline, "Vladimir Putin said a ceasefire without guarantees would be an intermission.")
    assert stance(analysis, "vladimir-putin", "ceasefire").polarity == "conditional"
    assert stance(analysis, "vladimir-putin", "security_guarantees").polarity == "support"
    analysis = analyze(record_pipeline, 'Zelensky said: "Without guarantees, a ceasefire is a countdown to the next '
                                        'war."')
    assert stance(analysis, "volodymyr-zelensky", "ceasefire").polarity == "conditional"
    assert stance(analysis, "volodymyr-zelensky", "security_guarantees").polarity == "support"


def test_what_can_be_done_only_once_another_thing_is_done_is_conditional(record_pipeline):
    analysis = analyze(record_pipeline, "Zelensky said that a ceasefire can be considered only once Russian forces "
                                        "have withdrawn.")
    assert stance(analysis, "volodymyr-zelensky", "ceasefire").polarity == "conditional"


def test_their_offer_belongs_to_the_subject_of_the_clause_above(record_pipeline):
    analysis = analyze(record_pipeline, "France and Germany said their offer of troops stood.")
    assert {(c.actor, c.modality) for c in analysis.commitments} == {("france", "offered"), ("germany", "offered")}


def test_a_possessor_or_a_dateline_is_no_holder(record_pipeline):
    analysis = analyze(record_pipeline, "Poland's partners are prepared to contribute to a future reassurance force.")
    assert analysis.stances == []
    analysis = analyze(record_pipeline, "WARSAW, March 10 (Reuters) - Officials on Tuesday set out what they are "
                                        "prepared to contribute to a reassurance force.")
    assert not {s.actor for s in analysis.stances} & {"poland", "reuters"}  # the dateline names no holder


def test_willing_to_discuss_is_an_opening_not_support(record_pipeline):
    analysis = analyze(record_pipeline, "Romania is willing to discuss a prisoner exchange.")
    assert stance(analysis, "romania", "prisoner_exchange").polarity == "conditional"


def test_an_anaphor_needs_a_topic_nearby(record_pipeline):
    analysis = analyze(record_pipeline, "Germany has come around to the idea.")
    assert analysis.stances == []


def test_a_definite_description_repeats_a_topic_named_before(record_pipeline):
    text = ("Kyiv has asked for a reassurance force on its territory. Britain says the force would deploy only "
            "after a ceasefire is signed.\n\n"
            "The Zaporizhzhia nuclear plant is held by Russia. Ukraine wants the plant returned to its operators.")
    analysis = analyze(record_pipeline, text)
    assert stance(analysis, "united-kingdom", "foreign_troops").polarity == "conditional"
    assert stance(analysis, "ukraine", "nuclear_status").polarity == "support"
    # a word that names a topic alone is no description of the one around it
    analysis = analyze(record_pipeline, "Monitors will watch the ceasefire line. Hungary opposes the line.")
    assert [(s.actor, s.topic) for s in analysis.stances if s.actor == "hungary"] == []


def test_funding_an_army_is_military_aid_and_parts_of_a_region_are_territory(record_pipeline):
    analysis = analyze(record_pipeline, "Germany will fund Ukraine's army, Merz said.")
    assert stance(analysis, "germany", "military_aid").polarity == "support"
    analysis = analyze(record_pipeline, "Ukraine will never give up the parts of Donbas it still holds.")
    assert stance(analysis, "ukraine", "territorial_concessions").polarity == "oppose"


def test_the_end_of_a_week_ends_no_topic(record_pipeline):
    analysis = analyze(record_pipeline, "Trump has given Putin until the end of the week to agree to a ceasefire "
                                        "or face tougher sanctions.")
    assert stance(analysis, "donald-trump", "ceasefire").polarity == "support"


def test_what_troops_would_become_judges_them(record_pipeline):
    analysis = analyze(record_pipeline, "The Russian Foreign Ministry warned that any Western peacekeepers would "
                                        "become legitimate targets.")
    assert stance(analysis, "russia-foreign-ministry", "foreign_troops").polarity == "oppose"


def test_only_on_the_verb_restricts_it_to_a_time_or_condition(record_pipeline):
    analysis = analyze(record_pipeline, "Russia says it will only agree to a ceasefire once Ukraine stops "
                                        "mobilisation.")
    assert stance(analysis, "russia", "ceasefire").polarity == "conditional"
    analysis = analyze(record_pipeline, "The Kremlin said a meeting between Putin and Zelensky could only take "
                                        "place at the final stage.")
    assert stance(analysis, "kremlin", "peace_talks").polarity == "conditional"
    # without "only" the promise stands
    analysis = analyze(record_pipeline, "Russia says it will agree to a ceasefire once the talks open.")
    assert stance(analysis, "russia", "ceasefire").polarity != "oppose"


def test_a_reward_offered_over_a_condition_wants_the_condition(record_pipeline):
    analysis = analyze(record_pipeline, "Washington has signalled it could ease some sanctions on Russian banks if "
                                        "Moscow agrees to a ceasefire.")
    assert stance(analysis, "united-states", "ceasefire").polarity == "support"


def test_no_talk_of_it_and_keeping_out_of_nato(record_pipeline):
    analysis = analyze(record_pipeline, '"There can be no talk of any concessions on territory," Zelensky said.')
    assert stance(analysis, "volodymyr-zelensky", "territorial_concessions").polarity == "oppose"
    analysis = analyze(record_pipeline, "Putin favours a deal that keeps Ukraine out of NATO.")
    assert stance(analysis, "vladimir-putin", "nato_membership").polarity == "oppose"
    analysis = analyze(record_pipeline, "Kyiv would like to see more sanctions.")
    assert stance(analysis, "ukraine", "sanctions").polarity == "support"


def test_meeting_a_person_the_tagger_missed_is_peace_talks(record_pipeline):
    # (the tagger reads "Trump" here as an organisation; the gazetteer knows him for a person)
    analysis = analyze(record_pipeline, "Zelensky said he was ready to meet Trump.")
    assert stance(analysis, "volodymyr-zelensky", "peace_talks").polarity == "support"


def test_the_words_of_the_coverage_for_guarantees_and_sanctions(record_pipeline):
    analysis = analyze(record_pipeline, "Kyiv expects the United States to be part of the backstop.")
    assert stance(analysis, "ukraine", "security_guarantees").polarity == "support"
    analysis = analyze(record_pipeline, "Lavrov said the lifting of the illegal restrictions must be part of any "
                                        "agreement.")
    assert stance(analysis, "sergei-lavrov", "sanctions").polarity == "oppose"


def test_not_ruling_out_is_considering(record_pipeline):
    analysis = analyze(record_pipeline, "Macron has not ruled out sending French troops to Ukraine.")
    assert stance(analysis, "emmanuel-macron", "foreign_troops").polarity == "conditional"
    assert commitment(analysis, "emmanuel-macron", "foreign_troops").modality == "considering"
    analysis = analyze(record_pipeline, "The Kremlin ruled out a ceasefire.")
    assert commitment(analysis, "kremlin", "ceasefire").modality == "refused"


def test_cold_water_and_nato_forces(record_pipeline):
    analysis = analyze(record_pipeline, "Peskov poured cold water on the idea of a European peacekeeping force.")
    assert stance(analysis, "dmitry-peskov", "foreign_troops").polarity == "oppose"
    analysis = analyze(record_pipeline, "Moscow reiterated that it would not tolerate NATO forces in Ukraine.")
    assert stance(analysis, "russia", "foreign_troops").polarity == "oppose"


def test_support_timed_after_a_truce_is_conditional_even_on_a_gerund(record_pipeline):
    # (the tagger makes "policing" a verb: the time hangs on "provide" above it)
    analysis = analyze(record_pipeline, "Poland was prepared to provide air policing over Ukraine after a ceasefire.")
    assert stance(analysis, "poland", "air_support").polarity == "conditional"


def test_a_meeting_of_negotiators_is_peace_talks(record_pipeline):
    analysis = analyze(record_pipeline, "The Kremlin said it saw no need for a new meeting of negotiators until "
                                        "Kyiv changes its position.")
    assert stance(analysis, "kremlin", "peace_talks").polarity == "conditional"


# -- commitments --------------------------------------------------------------------------------------

def test_a_relative_clause_describing_a_thing_commits_no_one(record_pipeline):
    analysis = analyze(record_pipeline, "Zelensky said Ukraine would not accept any plan that required it to give "
                                        "up the parts of Donbas it still controls.")
    assert [(c.actor, c.modality) for c in analysis.commitments] == [("ukraine", "refused")]


def test_what_a_refusal_argues_is_not_refused(record_pipeline):
    analysis = analyze(record_pipeline, "Hedda Lorne refused to sign the guarantee treaty, arguing that Quillan would "
                                        "arm Karsavia but never fight for it.")
    assert [(c.actor, c.topic) for c in analysis.commitments if c.modality == "refused"] == \
        [("hedda-lorne", "security_guarantees")]
    analysis = analyze(record_pipeline, "Moscow demands that the West stop arming Ukraine.")
    assert stance(analysis, "russia", "military_aid").polarity == "oppose"
    analysis = analyze(record_pipeline, "Rutte urged allies to increase their air defence deliveries to Ukraine.")
    assert stance(analysis, "mark-rutte", "military_aid").polarity == "support"


def test_a_dash_list_of_commitments(record_pipeline):
    text = ("WHO IS IN\n"
            "- Britain and France — have signed a declaration on military hubs in the country.\n"
            "- Canada — is ready to provide naval patrols.\n"
            "- Poland — has offered two frigates for the coastal mission.\n")
    analysis = analyze(record_pipeline, text)
    assert commitment(analysis, "united-kingdom", "foreign_troops").modality == "signed"
    assert commitment(analysis, "france", "foreign_troops").modality == "signed"
    ready = commitment(analysis, "canada", "maritime_support")
    assert ready.modality == "ready" and ready.action.startswith("ready to provide")
    offered = commitment(analysis, "poland", "maritime_support")
    assert offered.modality == "offered"
    assert offered.evidence.text.startswith("- Poland")  # a list item is its own evidence


def test_a_negated_cue_is_no_commitment(record_pipeline):
    analysis = analyze(record_pipeline, "France did not sign the agreement on the truce.")
    assert analysis.commitments == []


def test_a_future_or_never_negation_is_a_refusal(record_pipeline):
    analysis = analyze(record_pipeline, "Russia would never accept foreign troops in the country.")
    assert commitment(analysis, "russia", "foreign_troops").modality == "refused"
    analysis = analyze(record_pipeline, "Poland said it would make no territorial concessions.")
    assert commitment(analysis, "poland", "territorial_concessions").modality == "refused"


def test_a_future_send_is_a_pledge(record_pipeline):
    analysis = analyze(record_pipeline, "Germany will send two frigates to the Black Sea.")
    assert commitment(analysis, "germany", "maritime_support").modality == "pledged"
    analysis = analyze(record_pipeline, "Germany sent two frigates to the Black Sea last year.")
    assert analysis.commitments == []
    analysis = analyze(record_pipeline, "Russia will hand over 300 prisoners on Friday.")
    assert commitment(analysis, "russia", "prisoner_exchange").modality == "pledged"


def test_a_position_noun_belongs_to_its_owner(record_pipeline):
    analysis = analyze(record_pipeline, "The envoy repeated Russia's demand that sanctions be lifted.")
    assert stance(analysis, "russia", "sanctions").polarity == "oppose"
    assert commitment(analysis, "russia", "sanctions").modality == "demanded"


def test_declaring_commits_only_to_its_object(record_pipeline):
    analysis = analyze(record_pipeline, "Russia has already declared: any NATO troop presence in Ukraine "
                                        "is a red line.")
    assert analysis.commitments == []
    assert stance(analysis, "russia", "foreign_troops").polarity == "oppose"


def test_prose_commitments(record_pipeline):
    analysis = analyze(record_pipeline, "Norway pledged new air defence systems for the winter. "
                                        "Hungary called for an immediate ceasefire.")
    assert commitment(analysis, "norway", "military_aid").modality == "pledged"
    assert commitment(analysis, "hungary", "ceasefire").modality == "demanded"


# -- deadlines ----------------------------------------------------------------------------------------

def test_needs_to_happen_by_the_end_of_the_month(record_pipeline):
    analysis = analyze(record_pipeline, "The ministers said the exchange needs to happen by the end of August.")
    found = deadline(analysis, "2025-08-31")
    assert found.expression.text == "by the end of August"
    assert not found.hedged
    assert "needs to happen" in found.content.text


def test_maybe_by_the_end_of_the_week_is_hedged(record_pipeline):
    # published on a Wednesday: the end of that week is its Sunday (times.py's convention)
    analysis = analyze(record_pipeline, "Maybe by the end of the week we will have a draft of the plan.")
    found = deadline(analysis, "2025-08-24")
    assert found.hedged
    assert found.expression.text.startswith("by ")


def test_in_the_next_few_weeks(record_pipeline):
    analysis = analyze(record_pipeline, "Japan will decide on new sanctions in the next few weeks.")
    found = deadline(analysis, "2025-09-10")
    assert found.actor == "japan"


def test_a_task_given_with_a_limit_is_a_deadline(record_pipeline):
    analysis = analyze(record_pipeline, "The ministers tasked their staffs to present a detailed operational plan by "
                                        "24 September.")
    assert deadline(analysis, "2025-09-24").expression.text == "by 24 September"


def test_an_event_due_or_scheduled_on_a_day_to_come_is_a_deadline(record_pipeline):
    analysis = analyze(record_pipeline, "The EU summit on accession talks is due on 26 September. The vote is "
                                        "scheduled for 13 October.")
    assert deadline(analysis, "2025-09-26").content.text.startswith("The EU summit")
    assert deadline(analysis, "2025-10-13")
    analysis = analyze(record_pipeline, "The summit was due on 2 September. The vote was scheduled for 13 October.")
    assert analysis.deadlines == []


def test_an_event_due_somewhere_set_for_a_day_or_due_to_happen_is_a_deadline(record_pipeline):
    analysis = analyze(record_pipeline, "The next exchange is due at the border on 26 September.")
    assert deadline(analysis, "2025-09-26")
    analysis = analyze(record_pipeline, "Kyiv wants the children in the next stage, set for 26 September.")
    assert deadline(analysis, "2025-09-26")
    analysis = analyze(record_pipeline, "The energy moratorium is due to take effect on 26 September.")
    assert deadline(analysis, "2025-09-26")


def test_a_reported_future_act_or_a_plan_going_somewhere_on_a_day_is_a_deadline(record_pipeline):
    analysis = analyze(record_pipeline, "Rutte said he would present the plan to the allies on 26 September.")
    assert deadline(analysis, "2025-09-26")
    analysis = analyze(record_pipeline, "The deployment plan goes to parliament on 26 September.")
    assert deadline(analysis, "2025-09-26")


def test_a_days_event_an_opening_or_a_closing_to_come_is_a_deadline(record_pipeline):
    analysis = analyze(record_pipeline, "Many place their hopes in Friday's exchange at the border.")
    assert deadline(analysis, "2025-08-22")
    analysis = analyze(record_pipeline, "Kyiv welcomed the opening of accession talks on 26 September.")
    assert deadline(analysis, "2025-09-26")
    analysis = analyze(record_pipeline, "Mediators want a text when the round closes on 26 September.")
    assert deadline(analysis, "2025-09-26")
    analysis = analyze(record_pipeline, "Friday's exchange at the border was a success.")
    assert analysis.deadlines == []


def test_a_timeline_entry_of_what_comes_next_is_a_deadline(record_pipeline):
    text = ("WHAT HAPPENED\n\n12 August - The Rada voted on the law.\n\nWHAT COMES NEXT\n\n"
            "26 August - The Rada votes on the deployment.\n\n"
            "29 August - Deadline for the monitors to deploy.\n\n"
            "30 August - The Rada debated the budget.\n")
    analysis = analyze(record_pipeline, text)
    assert [(d.due, d.expression.text, d.content.text) for d in analysis.deadlines] == [
        ("2025-08-26", "26 August", "The Rada votes on the deployment."),
        ("2025-08-29", "29 August", "Deadline for the monitors to deploy.")]


def test_what_starts_from_this_week_has_no_deadline(record_pipeline):
    analysis = analyze(record_pipeline, "Norway will expand intelligence sharing with Kyiv from this week.")
    assert analysis.deadlines == []
    analysis = analyze(record_pipeline, "Norway will expand intelligence sharing with Kyiv this week.")
    assert deadline(analysis, "2025-08-24")


def test_an_end_or_a_readiness_on_a_day_is_no_deadline(record_pipeline):
    analysis = analyze(record_pipeline, "The ceasefire is due to expire on 26 September. "
                                        "We are ready to exchange all for all, tomorrow.")
    assert analysis.deadlines == []


def test_past_and_plain_dates_are_no_deadlines(record_pipeline):
    analysis = analyze(record_pipeline, "The talks ended on Tuesday. They will resume in March.")
    assert analysis.deadlines == []


def test_the_day_something_was_said_is_no_deadline(record_pipeline):
    analysis = analyze(record_pipeline, "Addressing parliament on 14 January, Zelensky said no land would be ceded.\n\n"
                                        "Russia has proposed a moratorium on strikes, starting on 1 October.")
    assert [d.expression.text for d in analysis.deadlines] == ["on 1 October"]


def test_an_undated_document_has_no_relative_deadlines(record_pipeline):
    analysis = analyze(record_pipeline, "The deal must be signed by the end of the week.", published=None)
    assert analysis.deadlines == []


# -- the report ---------------------------------------------------------------------------------------

def test_markdown_has_record_sections_grouped_by_actor(record_pipeline):
    analysis = analyze(record_pipeline, "Poland's president said there will be no Polish soldiers in the "
                                        "region. Canada is ready to provide naval patrols. The minister said "
                                        "the deal needs to be signed by the end of August.")
    md = render_document(analysis)
    for title in ("## Stances", "## Commitments", "## Deadlines"):
        assert title in md
    assert "**Poland**" in md and "**Canada**" in md
    assert "due 2025-08-31" in md


# -- the seeds ----------------------------------------------------------------------------------------

def _seed(record_pipeline: Pipeline, seeds, prefix: str) -> Analysis:
    analysis = record_pipeline.analyze(next(read_path(seed(seeds, prefix))))
    check_spans(analysis)
    return analysis


def test_seed_000_guarantee_ledger(record_pipeline, seeds):
    analysis = _seed(record_pipeline, seeds, "000")
    assert commitment(analysis, "united-kingdom", "foreign_troops").modality == "signed"
    assert commitment(analysis, "france", "foreign_troops").modality == "signed"
    assert commitment(analysis, "united-states", "monitoring_intelligence").modality == "ready"
    assert commitment(analysis, "canada", "maritime_support").modality == "pledged"


def test_seed_002_stances_and_deadlines(record_pipeline, seeds):
    analysis = _seed(record_pipeline, seeds, "002")
    assert stance(analysis, "donald-trump", "foreign_troops").polarity == "oppose"
    assert stance(analysis, "donald-trump", "air_support").polarity == "conditional"
    rejection = stance(analysis, "russia-foreign-ministry", "foreign_troops")
    assert rejection.polarity == "oppose" and rejection.strength >= 0.8
    reversal = [s for s in analysis.stances if s.actor == "donald-trump" and s.previous_polarity]
    assert [(s.topic, s.previous_polarity, s.polarity) for s in reversal] == \
        [("security_guarantees", "oppose", "support")]
    # boots on the ground "outside the NATO framework" say nothing of membership
    assert not [s for s in analysis.stances if s.actor == "europe" and s.topic == "nato_membership"]
    assert not deadline(analysis, "2025-08-31").hedged
    assert deadline(analysis, "2025-08-24").hedged
    assert deadline(analysis, "2025-09-10")


# -- eval record ---------------------------------------------------------------------------------------

def test_eval_record_scores_against_gold(record_pipeline, tmp_path):
    from peacewatch.evaluation.record import RECORD_TYPES, Counts, read_gold, score_document

    text = "Poland's president said there will be no Polish soldiers in the region. Canada offered two frigates."
    (tmp_path / "doc.txt").write_text(text, "utf-8")
    gold = tmp_path / "gold.yaml"
    gold.write_text(
        "version: 1\ncorpus: .\ndocuments:\n  - file: doc.txt\n    stances:\n"
        "      - {actor: poland, topic: foreign_troops, polarity: oppose, evidence: no Polish soldiers}\n"
        "      - {actor: poland, topic: air_support, polarity: support, evidence: the region}\n"
        "    commitments:\n"
        "      - {actor: canada, topic: maritime_support, modality: offered, evidence: offered two frigates}\n",
        "utf-8")
    totals = {kind: Counts() for kind in RECORD_TYPES}
    score_document(analyze(record_pipeline, text), read_gold(gold)["documents"][0], totals)
    assert (totals["stances"].tp, totals["stances"].fn) == (1, 1)
    assert totals["commitments"].tp == 1 and totals["commitments"].precision == 1.0
    assert totals["deadlines"].f1 == 0.0
    # looser matches say where the misses are: a stance of the wrong polarity is found without it
    from peacewatch.evaluation.record import MATCHES
    entry = {"file": "doc.txt", "stances": [{"actor": "poland", "topic": "foreign_troops", "polarity": "support",
                                             "evidence": "no Polish soldiers"}]}
    for match, found in (("full", 0), ("no-polarity", 1), ("evidence", 1), ("no-actor", 0)):
        loose = {kind: Counts() for kind in RECORD_TYPES}
        score_document(analyze(record_pipeline, text), entry, loose, keys=MATCHES[match])
        assert loose["stances"].tp == found, match


def test_eval_record_command_on_the_demo_gold():
    from typer.testing import CliRunner

    from peacewatch.cli import app

    from .conftest import EXAMPLES

    result = CliRunner().invoke(app, ["eval", "record", "--gold", str(EXAMPLES / "gold" / "record.yaml")])
    assert result.exit_code == 0, result.output
    for kind in ("stances", "commitments", "deadlines"):
        assert kind in result.output


def test_a_month_called_may_is_no_hedge(record_pipeline):
    analysis = analyze(record_pipeline, "The exchange will be completed by May 31, the mediators said.",
                       published="2025-04-20")
    found = deadline(analysis, "2025-05-31")
    assert not found.hedged


def test_an_object_pronoun_stands_for_the_topic_named_before(record_pipeline):
    analysis = analyze(record_pipeline, "NATO Secretary General Mark Rutte welcomed the ceasefire and said the "
                                        "alliance was ready to support it.")
    assert stance(analysis, "nato", "ceasefire").polarity == "support"
    assert commitment(analysis, "nato", "ceasefire").modality == "ready"
    # a pronoun of the wrong number, or one whose nearest noun is no topic, names no topic
    delivered = "Germany delivered air defence systems to Ukraine last week. "
    assert stance(analyze(record_pipeline, delivered + "Berlin also backs them."), "germany", "military_aid")
    analysis = analyze(record_pipeline, delivered + "Berlin also wants to rebuild the damaged power plants and "
                                                    "backs them.")
    assert not [s for s in analysis.stances if "backs them" in s.evidence.text]
    analysis = analyze(record_pipeline, "Russia says foreign troops are a threat, and Russia will never accept them.")
    assert stance(analysis, "russia", "foreign_troops").polarity == "oppose"
    assert commitment(analysis, "russia", "foreign_troops").modality == "refused"


def test_a_subject_pronoun_stands_for_the_topic_it_continues(record_pipeline):
    analysis = analyze(record_pipeline, '"The sanctions on Russia are working. They must stay until the last '
                                        'soldier leaves," Zelensky said.')
    held = stance(analysis, "volodymyr-zelensky", "sanctions")
    assert held.polarity == "support" and "They must stay" in held.evidence.text
    # the topic is no actor: the pronoun does not hand the position to Russia, named in its antecedent
    assert not [s for s in analysis.stances if s.actor == "russia"]
    # only where the topic acts or goes on: "they said" is a report, whatever they stand for
    analysis = analyze(record_pipeline, '"The sanctions on Russia are working. They will tell you otherwise," '
                                        'Zelensky said.')
    assert not analysis.stances


def test_a_pronoun_does_not_stand_for_a_person(record_pipeline):
    # the subject of the sentence before is Zelensky, who is no "it": the pronoun is the membership bid
    analysis = analyze(record_pipeline, 'Zelensky said Ukraine had filed its bid to join NATO. "We will not '
                                        'withdraw it," he added.')
    held = stance(analysis, "volodymyr-zelensky", "nato_membership")
    assert held.polarity == "support" and "withdraw it" in held.evidence.text


def test_a_term_may_have_determiners_and_adjectives_inside(record_pipeline):
    analysis = analyze(record_pipeline, "Kyiv demands the exchange of all remaining prisoners.")
    assert stance(analysis, "ukraine", "prisoner_exchange").polarity == "support"
    # but not a noun: "an exchange of fire" is no prisoner exchange
    analysis = analyze(record_pipeline, "Kyiv demands an end to the exchange of artillery fire with the invaders.")
    assert not [s for s in analysis.stances if s.topic == "prisoner_exchange"]


def test_a_coordinated_source_with_a_trailing_phrase_names_its_heads(record_pipeline):
    analysis = analyze(record_pipeline, "The President of Ukraine, Volodymyr Zelensky, and the President of Russia, "
                                        "Vladimir Putin, with the mediation of Turkey, hereby declare a cessation "
                                        "of all hostilities.")
    holders = {s.actor for s in analysis.stances if s.topic == "ceasefire"}
    assert holders == {"volodymyr-zelensky", "vladimir-putin"}
    assert commitment(analysis, "vladimir-putin", "ceasefire").modality == "signed"


def test_transcript_turns_are_their_speakers_words(record_pipeline):
    text = ("Ukraine's foreign minister, Andrii Sybiha, spoke to the paper on Sunday.\n\n"
            "Q: Will you accept a ceasefire without guarantees?\n\n"
            "A: No. We are ready to sign a ceasefire, but we want security guarantees first.\n\n"
            "Q: And NATO?\n\n"
            "A: We will never give up our bid to join NATO.\n")
    analysis = analyze(record_pipeline, text)
    turns = [a for a in analysis.attributions if a.cue.text == ":"]
    assert {a.source_actor for a in turns} == {"andrii-sybiha"}  # "Q" is nobody; "A" is the one introduced
    assert stance(analysis, "andrii-sybiha", "security_guarantees").polarity == "support"
    assert stance(analysis, "andrii-sybiha", "nato_membership").polarity == "support"
    # two labelled lines are no transcript ("Signed:", "Note:")
    analysis = analyze(record_pipeline, "Note: we are ready to sign a ceasefire.\n\nSigned: the editors\n")
    assert not [a for a in analysis.attributions if a.cue.text == ":" and a.source_actor]


def test_an_answer_s_pronoun_stands_for_what_the_question_or_the_answer_named(record_pipeline):
    text = ("Ukraine's foreign minister, Andrii Sybiha, spoke to the paper on Sunday.\n\n"
            "Q: Will you drop the application to join NATO to get a treaty?\n\n"
            "A: No. We will not withdraw it.\n\n"
            "Q: And the ceasefire?\n\n"
            "A: Our offer of a ceasefire is not a trick. We will not withdraw it.\n")
    analysis = analyze(record_pipeline, text)
    # (past a bare "No." to the question's object; to the subject of the sentence before, not its predicate)
    assert stance(analysis, "andrii-sybiha", "nato_membership").evidence.text == "We will not withdraw it."
    ceasefire = [s for s in analysis.stances if s.topic == "ceasefire"]
    assert ceasefire[-1].evidence.text == "We will not withdraw it."
    # (a position named as subject is judged, not denied, by a negated predicate)
    assert {s.polarity for s in ceasefire} == {"support"}


def test_a_verb_with_its_object_names_a_topic(record_pipeline):
    analysis = analyze(record_pipeline, "Kyiv is ready to exchange all for all.")
    assert stance(analysis, "ukraine", "prisoner_exchange").polarity == "support"
    assert commitment(analysis, "ukraine", "prisoner_exchange").modality == "ready"
    analysis = analyze(record_pipeline, "Russia will not withdraw from Zaporizhzhia, the Kremlin said.")
    assert stance(analysis, "russia", "territorial_concessions").polarity == "oppose"
    analysis = analyze(record_pipeline, "Turkey will escort merchant ships through the Black Sea.")
    assert stance(analysis, "turkey", "maritime_support").polarity == "support"
    # the verb alone, or with another object, names nothing
    analysis = analyze(record_pipeline, "Russia will exchange views with China, and it will not withdraw its offer.")
    assert not analysis.stances


def test_no_plans_denies_the_act(record_pipeline):
    analysis = analyze(record_pipeline, 'Germany said it had "no plans to deploy forces" to Ukraine.')
    assert stance(analysis, "germany", "foreign_troops").polarity == "oppose"


def test_a_topic_that_must_stay_is_the_speakers_wish(record_pipeline):
    analysis = analyze(record_pipeline, "Zelensky said sanctions must stay until Russia leaves.")
    assert stance(analysis, "volodymyr-zelensky", "sanctions").polarity == "support"
    # an announcement is no wish: "talks will resume on Monday"
    analysis = analyze(record_pipeline, "Erdogan said the talks would resume in Istanbul on Monday.")
    assert not [s for s in analysis.stances if s.topic == "peace_talks"]
    # ... unless it is to go on without end
    analysis = analyze(record_pipeline, "Macron said the frigates would remain in the Black Sea for as long as "
                                        "they are needed.")
    assert stance(analysis, "emmanuel-macron", "maritime_support").polarity == "support"
    analysis = analyze(record_pipeline, "Macron said the frigates would remain in the Black Sea for a week.")
    assert not analysis.stances


def test_as_long_as_says_how_long_or_on_what_condition(record_pipeline):
    analysis = analyze(record_pipeline, "Von der Leyen said sanctions would stay as long as the occupation lasts.")
    assert stance(analysis, "ursula-von-der-leyen", "sanctions").polarity == "support"
    analysis = analyze(record_pipeline, "Macron said France will support sanctions against Russia for as long as "
                                        "the EU keeps them.")
    assert stance(analysis, "france", "sanctions").polarity == "support"
    # a condition on how things are, not on how long
    analysis = analyze(record_pipeline, "Russia will stay at the talks as long as they are serious.")
    assert stance(analysis, "russia", "peace_talks").polarity == "conditional"


def test_a_passive_act_announced_by_a_speaker_is_their_position(record_pipeline):
    analysis = analyze(record_pipeline, "Macron said foreign troops will be deployed as soon as a deal is signed.")
    assert stance(analysis, "emmanuel-macron", "foreign_troops").polarity == "support"
    analysis = analyze(record_pipeline, "Macron said sanctions will not be lifted this year.")
    assert stance(analysis, "emmanuel-macron", "sanctions").polarity == "support"
    analysis = analyze(record_pipeline, "Macron said sanctions will be lifted in stages.")
    assert stance(analysis, "emmanuel-macron", "sanctions").polarity == "oppose"
    # what may happen is no announcement
    analysis = analyze(record_pipeline, "Macron said foreign troops might be deployed one day.")
    assert not [s for s in analysis.stances if s.polarity == "support"]


def test_an_unnamed_source_holds_the_position_of_its_body(record_pipeline):
    analysis = analyze(record_pipeline, "A Ukrainian official said Kyiv would never accept a ceasefire without "
                                        "guarantees.")
    assert stance(analysis, "ukraine", "security_guarantees").polarity == "support"
    assert not [s for s in analysis.stances if s.actor.startswith("anon-")]
    # with no body, an unnamed source is a source of claims, not a party
    analysis = analyze(record_pipeline, "Two sources with knowledge of the talks said Russia rejects foreign "
                                        "troops. Western officials said they support a no-fly zone.")
    assert stance(analysis, "russia", "foreign_troops").polarity == "oppose"
    assert {s.actor for s in analysis.stances} == {"russia"}
    assert not [c for c in analysis.commitments if c.actor.startswith("anon-")]


def test_seeing_no_basis_for_a_topic_opposes_it(record_pipeline):
    analysis = analyze(record_pipeline, "Peskov said Moscow saw no basis for a ceasefire while weapons kept arriving.")
    assert stance(analysis, "russia", "ceasefire").polarity == "oppose"
    analysis = analyze(record_pipeline, "Poland sees no need for foreign troops in Ukraine.")
    assert stance(analysis, "poland", "foreign_troops").polarity == "oppose"


def test_a_penalty_threatened_unless_a_topic_happens_wants_it(record_pipeline):
    analysis = analyze(record_pipeline, "Trump said he would impose tariffs on buyers of Russian oil if Moscow did "
                                        "not agree to a truce within 50 days.")
    assert stance(analysis, "donald-trump", "ceasefire").polarity == "support"
    analysis = analyze(record_pipeline, "Trump said he would impose sanctions if Russia rejected a ceasefire.")
    assert stance(analysis, "donald-trump", "ceasefire").polarity == "support"
    analysis = analyze(record_pipeline, "Trump threatened new sanctions on Russian oil buyers if Moscow does not "
                                        "agree to a ceasefire.")
    assert stance(analysis, "donald-trump", "ceasefire").polarity == "support"
    assert stance(analysis, "donald-trump", "sanctions").polarity != "oppose"


def test_no_alternative_to_a_topic_supports_it(record_pipeline):
    analysis = analyze(record_pipeline, "Peskov said the Kremlin saw no alternative to a negotiated settlement.")
    assert stance(analysis, "kremlin", "peace_talks").polarity == "support"


def test_a_topic_that_must_come_first_is_wanted(record_pipeline):
    analysis = analyze(record_pipeline, "Stubb said a ceasefire must come first, and talks on territory could follow.")
    assert stance(analysis, "alexander-stubb", "ceasefire").polarity == "support"


def test_ready_once_a_deal_is_reached_is_conditional(record_pipeline):
    analysis = analyze(record_pipeline, "Macron said Europe should be ready to provide security guarantees to Ukraine "
                                        "once a peace deal is reached.")
    # (what Europe should do is the speaker's position: Europe said nothing)
    assert stance(analysis, "emmanuel-macron", "security_guarantees").polarity == "conditional"
    # a truce named deeper down does not time the position
    analysis = analyze(record_pipeline, "Macron has come around to the idea of a guarantee after calls with leaders "
                                        "who argued that a ceasefire would collapse.")
    assert stance(analysis, "emmanuel-macron", "security_guarantees").polarity == "support"


def test_common_wordings_of_news_reports(record_pipeline):
    analysis = analyze(record_pipeline, "Ukraine will not recognise Russian control over occupied territories, "
                                        "Zelensky said.")
    assert stance(analysis, "ukraine", "territorial_concessions").polarity == "oppose"
    analysis = analyze(record_pipeline, "Vance said the United States would not put boots on the ground.")
    assert stance(analysis, "united-states", "foreign_troops").polarity == "oppose"
    analysis = analyze(record_pipeline, "Erdogan said Turkey was ready to host a meeting between Putin and Zelensky.")
    assert stance(analysis, "turkey", "peace_talks").polarity == "support"
    analysis = analyze(record_pipeline, "Washington paused some weapons deliveries to Ukraine.")
    assert stance(analysis, "united-states", "military_aid").polarity == "oppose"


def test_no_objection_is_a_weak_yes(record_pipeline):
    analysis = analyze(record_pipeline, "Putin said Russia had no objection to Ukraine joining the European Union.")
    found = stance(analysis, "russia", "eu_membership")
    assert found.polarity == "support" and found.strength < 0.6


def test_only_a_kind_backed_by_something_is_conditional(record_pipeline):
    analysis = analyze(record_pipeline, "Sybiha said Kyiv would only agree to a ceasefire backed by firm security "
                                        "guarantees.")
    assert stance(analysis, "ukraine", "ceasefire").polarity == "conditional"
    analysis = analyze(record_pipeline, "Zelensky said elections could be held within 90 days of a ceasefire.")
    assert stance(analysis, "volodymyr-zelensky", "elections_leadership").polarity == "conditional"


def test_the_leaders_of_named_states_speak_for_them(record_pipeline):
    analysis = analyze(record_pipeline, "The leaders of France, Germany and Britain pledged to keep supplying Ukraine "
                                        "with weapons.")
    assert {c.actor for c in analysis.commitments if c.topic == "military_aid"} == \
        {"france", "germany", "united-kingdom"}


def test_a_halt_to_strikes_is_a_ceasefire_and_maritime_security_a_maritime_task(record_pipeline):
    analysis = analyze(record_pipeline, "Ukraine and Russia agreed on a 30-day halt to strikes on energy sites.")
    assert stance(analysis, "russia", "ceasefire").polarity == "support"
    analysis = analyze(record_pipeline, "Turkey is ready to contribute to maritime security in the Black Sea.")
    assert commitment(analysis, "turkey", "maritime_support").modality == "ready"


def test_time_granted_and_a_deadline_that_expires_are_deadlines(record_pipeline):
    analysis = analyze(record_pipeline, "Trump gave Putin two weeks to agree to a ceasefire.", published="2025-08-20")
    assert deadline(analysis, "2025-09-03").actor == "donald-trump"
    analysis = analyze(record_pipeline, "The deadline for Russia to respond expires on Friday.",
                       published="2025-08-20")  # a Wednesday
    assert deadline(analysis, "2025-08-22")
    analysis = analyze(record_pipeline, "Kyiv has until September 1 to submit its proposals.", published="2025-08-20")
    assert deadline(analysis, "2025-09-01")
    # a duration is no limit
    analysis = analyze(record_pipeline, "The talks will run until Friday. Russia has kept troops there until now.",
                       published="2025-08-20")
    assert not analysis.deadlines


def test_commentary_wordings(record_pipeline):
    analysis = analyze(record_pipeline, "For Moscow, any Western military presence in Ukraine is a red line.")
    assert stance(analysis, "russia", "foreign_troops").polarity == "oppose"
    analysis = analyze(record_pipeline, "Kyiv insists that without security guarantees there can be no lasting peace.")
    assert stance(analysis, "ukraine", "security_guarantees").polarity == "support"
    analysis = analyze(record_pipeline, "Berlin remains opposed to sending Taurus missiles.")
    assert stance(analysis, "germany", "military_aid").polarity == "oppose"


def test_a_truce_as_the_circumstance_of_an_act_is_not_undone_by_it(record_pipeline):
    analysis = analyze(record_pipeline, "Ukraine is prepared to freeze the line under a ceasefire, Zelensky said.")
    assert stance(analysis, "ukraine", "ceasefire").polarity == "support"
    analysis = analyze(record_pipeline, "Russia said it would end the ceasefire.")
    assert stance(analysis, "russia", "ceasefire").polarity == "oppose"


def test_not_negotiable_holds_and_waiting_puts_off(record_pipeline):
    analysis = analyze(record_pipeline, "Accession to the European Union is not negotiable, Zelensky said.")
    assert stance(analysis, "volodymyr-zelensky", "eu_membership").polarity == "support"
    analysis = analyze(record_pipeline, "NATO membership remains non-negotiable, Zelensky said.")
    assert stance(analysis, "volodymyr-zelensky", "nato_membership").polarity == "support"
    analysis = analyze(record_pipeline, "Monitors from the OSCE are welcome, Zelensky said.")
    assert stance(analysis, "volodymyr-zelensky", "monitoring_intelligence").polarity == "support"
    analysis = analyze(record_pipeline, "The European Union adopted new sanctions on Monday.")
    assert stance(analysis, "european-union", "sanctions").polarity == "support"
    # ... and the talks named inside the judgement are no topic of it
    analysis = analyze(record_pipeline, "NATO membership is not a subject of the talks, Zelensky said.")
    assert [(s.topic, s.polarity) for s in analysis.stances] == [("nato_membership", "support")]
    analysis = analyze(record_pipeline, "Zelensky said he now accepts that elections should wait until 2027.")
    assert stance(analysis, "volodymyr-zelensky", "elections_leadership").polarity == "oppose"
    # a postponement reported is no position
    analysis = analyze(record_pipeline, "The summit was postponed, Peskov said.")
    assert not [s for s in analysis.stances if s.polarity == "oppose"]


def test_what_a_force_will_do_is_announced_by_the_speaker(record_pipeline):
    analysis = analyze(record_pipeline, "A reassurance force could deploy to Ukraine within days of a deal, Rutte "
                                        "said.")
    assert stance(analysis, "mark-rutte", "foreign_troops").polarity == "conditional"
    analysis = analyze(record_pipeline, "Foreign troops will not deploy to Ukraine, Putin said.")
    assert stance(analysis, "vladimir-putin", "foreign_troops").polarity == "oppose"


def test_a_judgement_with_or_without_as(record_pipeline):
    analysis = analyze(record_pipeline, "Lavrov said that foreign troops sent to Ukraine under any flag would be "
                                        "treated as parties to the conflict.")
    assert stance(analysis, "sergei-lavrov", "foreign_troops").polarity == "oppose"
    analysis = analyze(record_pipeline, "The Russian Foreign Ministry calls the naval escorts an unnecessary "
                                        "militarisation of the Black Sea.")
    assert stance(analysis, "russia-foreign-ministry", "maritime_support").polarity == "oppose"


def test_expected_acts_open_to_and_committed_to_are_commitments(record_pipeline):
    analysis = analyze(record_pipeline, "Poland is expected to provide air policing over western Ukraine.")
    assert commitment(analysis, "poland", "air_support").modality == "pledged"
    analysis = analyze(record_pipeline, "Poland will not fly over the line of contact.")
    assert commitment(analysis, "poland", "air_support").modality == "refused"
    analysis = analyze(record_pipeline, "Russia was open to a prisoner exchange, Peskov said.")
    assert commitment(analysis, "russia", "prisoner_exchange").modality == "ready"
    analysis = analyze(record_pipeline, "Turkey is committed to the Istanbul talks, Fidan said.")
    assert commitment(analysis, "turkey", "peace_talks").modality == "pledged"


def test_the_owner_of_a_position_holds_what_it_says(record_pipeline):
    analysis = analyze(record_pipeline, "Kyiv's position is that sanctions must stay until Russia withdraws.")
    assert stance(analysis, "ukraine", "sanctions").polarity == "support"
    analysis = analyze(record_pipeline, "Russia's view is that any foreign troops would be a legitimate target.")
    assert stance(analysis, "russia", "foreign_troops").polarity == "oppose"
    analysis = analyze(record_pipeline, "Russia's demand is simple: the European Union must lift its sanctions "
                                        "before any settlement is signed.")
    assert stance(analysis, "russia", "sanctions").polarity == "oppose"


def test_a_perfect_tense_is_no_modal_of_need(record_pipeline):
    analysis = analyze(record_pipeline, "The Russian Defence Ministry confirmed that an exchange had taken place.")
    assert not analysis.stances
    analysis = analyze(record_pipeline, "Zelensky said the exchange must take place this week.")
    assert stance(analysis, "volodymyr-zelensky", "prisoner_exchange").polarity == "support"


def test_a_phrase_with_its_own_against_counts_once(record_pipeline):
    for text in ("Hungary warned against new sanctions.", "Hungary spoke out against new sanctions.",
                 "Hungary is lobbying against new sanctions."):
        assert stance(analyze(record_pipeline, text), "hungary", "sanctions").polarity == "oppose", text
    analysis = analyze(record_pipeline, "Hungary did not warn against new sanctions.")
    assert stance(analysis, "hungary", "sanctions").polarity == "support"


def test_praise_and_criticism_of_a_decision(record_pipeline):
    analysis = analyze(record_pipeline, "Zelensky hailed the decision to send more air defence systems.")
    assert stance(analysis, "volodymyr-zelensky", "military_aid").polarity == "support"
    analysis = analyze(record_pipeline, "Hungary criticised the decision to start accession talks with Ukraine.")
    assert stance(analysis, "hungary", "eu_membership").polarity == "oppose"
    analysis = analyze(record_pipeline, "The Kremlin expressed openness to a new round of talks.")
    assert stance(analysis, "kremlin", "peace_talks").polarity == "conditional"


def test_freezing_the_war_a_military_mission_and_a_threat(record_pipeline):
    analysis = analyze(record_pipeline, "Zelensky said Ukraine would never agree to freeze the war along the current "
                                        "front line.")
    assert stance(analysis, "ukraine", "territorial_concessions").polarity == "oppose"
    analysis = analyze(record_pipeline, "Meloni said Italy would not take part in any military mission in Ukraine.")
    assert stance(analysis, "italy", "foreign_troops").polarity == "oppose"
    analysis = analyze(record_pipeline, "Trump threatened new sanctions. Hungary threatened to veto the sanctions "
                                        "package.")
    assert stance(analysis, "donald-trump", "sanctions").polarity == "support"
    assert stance(analysis, "hungary", "sanctions").polarity == "oppose"


def test_communique_wordings(record_pipeline):
    analysis = analyze(record_pipeline, "The G7 leaders reaffirmed their unwavering support for Ukraine's sovereignty "
                                        "and territorial integrity.")
    assert stance(analysis, "g7", "territorial_concessions").polarity == "oppose"
    analysis = analyze(record_pipeline, "The European Council agreed to open accession negotiations with Ukraine.")
    assert stance(analysis, "european-council", "eu_membership").polarity == "support"
    analysis = analyze(record_pipeline, "Germany will provide Ukraine with long-term security commitments.")
    assert commitment(analysis, "germany", "security_guarantees").modality == "pledged"


def test_jets_handed_over_are_aid_and_jets_on_patrol_air_support(record_pipeline):
    analysis = analyze(record_pipeline, "The Netherlands will deliver fighter jets to Ukraine.")
    assert commitment(analysis, "netherlands", "military_aid").modality == "pledged"
    analysis = analyze(record_pipeline, "Fighter jets will patrol the skies over Ukraine, Macron said.")
    assert stance(analysis, "emmanuel-macron", "air_support").polarity == "support"


def test_monitors_who_may_visit_are_the_speakers_announcement(record_pipeline):
    analysis = analyze(record_pipeline, "Poland said observers could visit the plant in April.")
    assert stance(analysis, "poland", "monitoring_intelligence").polarity == "conditional"
    analysis = analyze(record_pipeline, "Norway said international inspectors will visit the plant next week.")
    assert stance(analysis, "norway", "monitoring_intelligence").polarity == "support"


def test_talks_that_will_open_are_planned_and_troops_that_will_stay_are_not_asked_for(record_pipeline):
    analysis = analyze(record_pipeline, "Volodymyr Zelensky said accession talks with the EU will open on 24 June.")
    assert stance(analysis, "volodymyr-zelensky", "eu_membership").polarity == "support"
    analysis = analyze(record_pipeline, "Keir Starmer was asked how long British troops will stay in Ukraine.")
    assert not [s for s in analysis.stances if s.topic == "foreign_troops"]


def test_what_an_actor_has_said_according_to_others_is_its_position(record_pipeline):
    analysis = analyze(record_pipeline, "According to two diplomats, Russia has said it could accept OSCE monitors.")
    assert stance(analysis, "russia", "monitoring_intelligence").polarity == "conditional"
    analysis = analyze(record_pipeline, "According to diplomats, Russia has said Ukraine is ready to accept OSCE "
                                        "monitors.")
    assert stance(analysis, "ukraine", "monitoring_intelligence").polarity == "support"


def test_the_mediator_in_lower_case_is_the_one_whose_role_it_is(tmp_path):
    pipeline = with_gazetteer(tmp_path, "  - {id: ilse-varga, name: Ilse Varga, kind: person, "
                                        "role: 'Foreign Minister of Norway, mediator of the Oslo talks'}\n")
    analysis = analyze(pipeline, "Ilse Varga opened the round. The mediator will circulate a draft framework for "
                                 "the peace talks within two weeks.")
    assert stance(analysis, "ilse-varga", "peace_talks").polarity == "support"


def test_its_reply_is_its_makers_whoever_the_source_phrase_names(record_pipeline):
    analysis = analyze(record_pipeline, "Russia answered on Friday. Its written reply to Turkey, which Reuters has "
                                        "seen, says a general ceasefire can only follow a Ukrainian withdrawal.")
    assert stance(analysis, "russia", "ceasefire").polarity == "conditional"
    assert not [s for s in analysis.stances if s.actor == "reuters"]


def test_a_second_report_joined_to_what_was_said_is_the_speakers(record_pipeline):
    analysis = analyze(record_pipeline, "Dmitry Peskov said Russia \"takes note\" of the statements and repeated that "
                                        "foreign troops in Ukraine were unacceptable.")
    assert stance(analysis, "dmitry-peskov", "foreign_troops").polarity == "oppose"


def test_soldiers_named_by_the_speakers_own_state_are_no_holder(record_pipeline):
    analysis = analyze(record_pipeline, "Keir Starmer said no British soldier should serve in Ukraine.")
    assert stance(analysis, "keir-starmer", "foreign_troops").polarity == "oppose"
    assert not [s for s in analysis.stances if s.actor == "united-kingdom"]


def test_a_leaders_party_speaks_with_the_leaders_voice(record_pipeline):
    analysis = analyze(record_pipeline, "Keir Starmer met Volodymyr Zelensky on Monday. \"My party will support a "
                                        "ceasefire on all fronts the day it is signed,\" Starmer said.")
    assert stance(analysis, "keir-starmer", "ceasefire").polarity == "support"
    analysis = analyze(record_pipeline, "Keir Starmer met Emmanuel Macron. His party will vote against sending troops "
                                        "to Ukraine.")
    assert stance(analysis, "keir-starmer", "foreign_troops").polarity == "oppose"


def test_not_one_measure_eased_keeps_them_all(record_pipeline):
    analysis = analyze(record_pipeline, "Poland said not one sanction will be eased.")
    assert stance(analysis, "poland", "sanctions").polarity == "support"
    analysis = analyze(record_pipeline, "Poland said not one soldier will be deployed to Ukraine.")
    assert stance(analysis, "poland", "foreign_troops").polarity == "oppose"


def test_a_halt_to_strikes_is_a_ceasefire_wherever_the_parse_hangs_its_complement(record_pipeline):
    analysis = analyze(record_pipeline, "Russia accepted a 30-day halt to strikes on energy facilities.")
    assert stance(analysis, "russia", "ceasefire").polarity == "support"
    assert commitment(analysis, "russia", "ceasefire").modality == "pledged"


def test_applying_to_join_and_refusing_to_apply_measures(record_pipeline):
    analysis = analyze(record_pipeline, "9 October - Ukraine applies to join NATO.")
    assert stance(analysis, "ukraine", "nato_membership").polarity == "support"
    analysis = analyze(record_pipeline, "Turkey says it will not apply the sanctions.")
    assert stance(analysis, "turkey", "sanctions").polarity == "oppose"


def test_air_defence_batteries_handed_over_are_military_aid(record_pipeline):
    analysis = analyze(record_pipeline, "Germany pledges six air defence batteries to Ukraine.")
    assert commitment(analysis, "germany", "military_aid").modality == "pledged"
    assert not [s for s in analysis.stances if s.topic == "air_support"]


def test_opposing_something_without_a_condition_opposes_only_that_version(record_pipeline):
    analysis = analyze(record_pipeline, "Poland rejects any deployment of troops without a UN mandate.")
    assert stance(analysis, "poland", "foreign_troops").polarity == "conditional"
    analysis = analyze(record_pipeline, "Nigel Farage says his party will vote against the deployment of troops "
                                        "without a UN mandate.")
    assert stance(analysis, "nigel-farage", "foreign_troops").polarity == "conditional"
    analysis = analyze(record_pipeline, "Poland rejects any deployment of troops.")
    assert stance(analysis, "poland", "foreign_troops").polarity == "oppose"


def test_offering_to_mediate_is_an_offer_of_talks(record_pipeline):
    analysis = analyze(record_pipeline, "3 November - Turkey offers to mediate.")
    assert commitment(analysis, "turkey", "peace_talks").modality == "offered"


def test_the_two_leaders_are_the_two_people_named_together_and_keep_in_contact(record_pipeline):
    analysis = analyze(record_pipeline, "Keir Starmer and Vladimir Putin spoke by telephone on Tuesday. NATO and the "
                                        "European Union were not mentioned. The two leaders agreed that their "
                                        "advisers would remain in contact.")
    assert {s.actor for s in analysis.stances if s.topic == "peace_talks"} == {"keir-starmer", "vladimir-putin"}


def test_a_second_statement_added_keeps_its_own_position(record_pipeline):
    analysis = analyze(record_pipeline, "Poland is expected to provide air policing over western Ukraine, the "
                                        "officials said, adding that the Polish government had ruled out flying combat "
                                        "missions over the front.")
    assert {s.polarity for s in analysis.stances if (s.actor, s.topic) == ("poland", "air_support")} == \
        {"support", "oppose"}


def test_cooperating_only_with_some_observers_is_conditional(record_pipeline):
    analysis = analyze(record_pipeline, "Russia would cooperate only with observers from States that were not members "
                                        "of NATO.")
    assert [(s.actor, s.topic, s.polarity) for s in analysis.stances] == \
        [("russia", "monitoring_intelligence", "conditional")]


def test_the_readiness_of_named_states_to_act_is_theirs(record_pipeline):
    analysis = analyze(record_pipeline, "Norway welcomed the readiness of Poland, Turkey and France to give Ukraine "
                                        "guarantees that bind.")
    assert {(c.actor, c.modality) for c in analysis.commitments if c.topic == "security_guarantees"} == \
        {("poland", "ready"), ("turkey", "ready"), ("france", "ready")}


def test_voting_against_a_deployment_and_not_applying_sanctions_are_refusals(record_pipeline):
    analysis = analyze(record_pipeline, "Poland will vote against the deployment of foreign troops. Turkey will not "
                                        "apply the sanctions.")
    assert commitment(analysis, "poland", "foreign_troops").modality == "refused"
    assert commitment(analysis, "turkey", "sanctions").modality == "refused"


def test_what_a_state_offered_named_in_a_relative_clause_is_its_offer(record_pipeline):
    for text in ("Norway will lead the maritime support mission that Turkey offered.",
                 "Norway will lead the naval escort that Turkey offered."):
        analysis = analyze(record_pipeline, text)
        assert stance(analysis, "turkey", "maritime_support").polarity == "support"
    analysis = analyze(record_pipeline, "A truce that no one watches is a truce that no one keeps, Zelensky said.")
    assert [s.polarity for s in analysis.stances if s.topic == "ceasefire"] != ["oppose"]


def test_a_ministry_statement_under_an_outlets_introduction_speaks_as_its_state(record_pipeline):
    intro = ("The Kyiv Independent publishes below the full text of the statement issued on Thursday.\n\n"
             "Statement of the Ministry of Foreign Affairs of Ukraine\n\n")
    body = ("Ukraine took part in the talks in good faith. Ukraine demands the release of all prisoners of war. "
            "Ukraine rejects any proposal to cede its land. A ceasefire without guarantees is an invitation to the "
            "next invasion.")
    analysis = analyze(record_pipeline, intro + body)
    assert stance(analysis, "ukraine", "security_guarantees").polarity == "support"
    # (a statement that does not speak of the state by name is the ministry's own)
    analysis = analyze(record_pipeline, intro + "A ceasefire without guarantees is an invitation to the next "
                                                "invasion.")
    assert stance(analysis, "ukraine-foreign-ministry", "security_guarantees").polarity == "support"


def test_a_vote_cast_on_no_topic_of_its_own_is_on_what_was_put_to_the_vote(tmp_path):
    pipeline = with_gazetteer(tmp_path, "  - {id: commonweal-party, name: Commonweal Party, kind: organization}\n"
                                        "  - {id: hearth-party, name: Hearth Party, kind: organization}\n")
    analysis = analyze(pipeline, "The parliament on Wednesday authorised the government to send up to 3,000 troops "
                                 "to Ukraine once a ceasefire is signed.\n\nThe chamber approved the motion by 341 "
                                 "votes to 227. The governing Commonweal Party voted in favour. The opposition "
                                 "Hearth Party voted against, although its leader said it would support the "
                                 "sanctions.")
    assert stance(analysis, "commonweal-party", "foreign_troops").polarity == "support"
    assert stance(analysis, "hearth-party", "foreign_troops").polarity == "oppose"
    assert commitment(analysis, "hearth-party", "foreign_troops").modality == "refused"
    assert not [s for s in analysis.stances if s.topic == "ceasefire" and s.actor.endswith("party")]


def test_it_after_the_representative_of_a_state_is_that_state(record_pipeline):
    analysis = analyze(record_pipeline, "Poland would provide satellite imagery to the mission.\n\nThe representative "
                                        "of Norway said his country would contribute 40 observers. It had also "
                                        "offered its minehunters in the Black Sea.")
    assert commitment(analysis, "norway", "maritime_support").modality == "offered"
    assert not [c for c in analysis.commitments if c.actor == "poland" and c.topic == "maritime_support"]


def test_arguing_for_membership_supports_it(record_pipeline):
    analysis = analyze(record_pipeline, "Poland will argue for a clear path to NATO membership.")
    assert stance(analysis, "poland", "nato_membership").polarity == "support"


def test_a_topic_with_some_of_its_kind_left_out_is_conditional(record_pipeline):
    for text in ("Russia now accepts OSCE monitors, minus NATO nationals.",
                 "Russia rejects all monitors except those from neutral states."):
        analysis = analyze(record_pipeline, text)
        assert stance(analysis, "russia", "monitoring_intelligence").polarity == "conditional"
    analysis = analyze(record_pipeline, "Russia accepts monitors.")
    assert stance(analysis, "russia", "monitoring_intelligence").polarity == "support"


def test_agreeing_but_only_to_some_is_conditional(record_pipeline):
    analysis = analyze(record_pipeline, "Russia agreed to observers, but only observers it likes.")
    assert stance(analysis, "russia", "monitoring_intelligence").polarity == "conditional"


def test_not_accepting_now_is_a_refusal_and_observing_a_moratorium_a_pledge(record_pipeline):
    analysis = analyze(record_pipeline, "Russia does not accept the 90-day ceasefire in its present form. Poland would "
                                        "observe a 30-day moratorium on strikes on energy facilities.")
    assert commitment(analysis, "russia", "ceasefire").modality == "refused"
    assert commitment(analysis, "poland", "ceasefire").modality == "pledged"
    # (a habit is no refusal)
    analysis = analyze(record_pipeline, "Poland does not send troops abroad.")
    assert not analysis.commitments


def test_requesting_an_act_of_another_demands_it(record_pipeline):
    analysis = analyze(record_pipeline, "Ukraine requested that the OSCE deploy monitors along the line.")
    assert commitment(analysis, "ukraine", "monitoring_intelligence").modality == "demanded"
    # (a fronted participle is a circumstance of the request, not part of it)
    analysis = analyze(record_pipeline, "Adopting the resolution by a recorded vote of 12 in favour, the European "
                                        "Union requested Russia to release all prisoners of war.")
    assert {s.topic for s in analysis.stances} == {"prisoner_exchange"}


def test_two_acts_wanted_of_others_are_both_demanded(record_pipeline):
    analysis = analyze(record_pipeline, "Ursula von der Leyen wants them to open accession talks with Ukraine and to "
                                        "adopt the 12th sanctions package.")
    assert {c.topic for c in analysis.commitments if c.modality == "demanded"} == {"eu_membership", "sanctions"}


def test_an_application_to_nato_is_about_membership(record_pipeline):
    analysis = analyze(record_pipeline, "Russia demanded that Ukraine give up its application to NATO.")
    assert stance(analysis, "russia", "nato_membership").polarity == "oppose"


def test_nato_countries_are_a_kind_of_state_not_nato(record_pipeline):
    analysis = analyze(record_pipeline, "Peskov said the mission must be formed on a balanced basis, with no "
                                        "observers from NATO countries.")
    assert stance(analysis, "dmitry-peskov", "monitoring_intelligence").polarity == "conditional"
    analysis = analyze(record_pipeline, "Peskov said Russia was willing to consider observers from the OSCE, as "
                                        "long as no NATO country supplies them.")
    assert "nato" not in {s.actor for s in analysis.stances}


def test_a_numbered_claim_under_check_and_a_declined_comment_take_no_position(record_pipeline):
    analysis = analyze(record_pipeline, 'CLAIM 1: "Ukraine has rejected every ceasefire offered since January."\n\n'
                                        "VERDICT: False.")
    assert not analysis.stances and not analysis.commitments
    analysis = analyze(record_pipeline, "Ukraine's Foreign Ministry declined to comment on the ceasefire proposal.")
    assert not analysis.stances


def test_establishing_a_mission_enacts_it_and_declining_to_supply_what_was_asked_refuses_it(record_pipeline):
    analysis = analyze(record_pipeline, "The Security Council this morning established the UN Observer Mission in "
                                        "Ukraine.")
    assert commitment(analysis, "security-council", "monitoring_intelligence").modality == "signed"
    analysis = analyze(record_pipeline, "Ukraine asked for long-range missiles, which Germany has so far declined to "
                                        "supply.")
    assert commitment(analysis, "germany", "military_aid").modality == "refused"
    analysis = analyze(record_pipeline, "Ukraine invites the OSCE to send monitors without delay.")
    assert commitment(analysis, "ukraine", "monitoring_intelligence").modality == "demanded"


def test_a_named_meeting_holds_no_position_but_an_office_for_talks_does(tmp_path):
    pipeline = with_gazetteer(tmp_path, "  - {id: sabou-talks, name: Sabou talks, kind: organization,"
                                        " aliases: [Sabou process]}\n"
                                        "  - {id: mediator-office, name: Office of the Mediator for the Sabou talks,"
                                        " kind: organization, aliases: [the Office]}\n")
    analysis = analyze(pipeline, "The Sabou talks demanded the release of all prisoners. The Office demanded the "
                                 "release of all prisoners.")
    assert {s.actor for s in analysis.stances} == {"mediator-office"}


def test_lobbying_to_undo_a_measure_opposes_it(record_pipeline):
    analysis = analyze(record_pipeline, "Turkey is lobbying to lift the sanctions on Russia.")
    assert stance(analysis, "turkey", "sanctions").polarity == "oppose"
    analysis = analyze(record_pipeline, "Poland is lobbying against easing the sanctions.")
    assert stance(analysis, "poland", "sanctions").polarity == "support"
    analysis = analyze(record_pipeline, "Norway is campaigning for tougher sanctions.")
    assert stance(analysis, "norway", "sanctions").polarity == "support"


def test_abstaining_on_what_was_put_to_the_vote_is_neutral(record_pipeline):
    analysis = analyze(record_pipeline, "The Security Council this morning established the UN Observer Mission in "
                                        "Ukraine by a recorded vote of 12 in favour to 1 against, with 2 "
                                        "abstentions.\n\nRussia voted against. China and India abstained.")
    assert stance(analysis, "russia", "monitoring_intelligence").polarity == "oppose"
    assert stance(analysis, "china", "monitoring_intelligence").polarity == "neutral"
    assert stance(analysis, "india", "monitoring_intelligence").polarity == "neutral"
    assert not [s for s in analysis.stances if s.topic == "elections_leadership"]  # a council's vote elects no one


def test_her_country_after_the_representative_of_a_state_is_that_state(record_pipeline):
    analysis = analyze(record_pipeline, "Ursula von der Leyen spoke first.\n\nThe representative of India explained "
                                        "that her country would not send troops.")
    assert stance(analysis, "india", "foreign_troops").polarity == "oppose"


def test_a_topic_that_only_describes_another_wanted_takes_no_position(record_pipeline):
    analysis = analyze(record_pipeline, "We need a guarantee that outlasts the next election in their own capitals, "
                                        "Zelensky said.")
    assert {(s.topic, s.polarity) for s in analysis.stances} == {("security_guarantees", "support")}


def test_what_a_state_will_be_is_a_position_and_what_it_is_a_fact(record_pipeline):
    analysis = analyze(record_pipeline, "Ukraine will be a member of NATO, Zelensky said.")
    assert stance(analysis, "volodymyr-zelensky", "nato_membership").polarity == "support"
    analysis = analyze(record_pipeline, "Ukraine will not be a member of NATO, Peskov said.")
    assert stance(analysis, "dmitry-peskov", "nato_membership").polarity == "oppose"
    analysis = analyze(record_pipeline, "Ukraine is not a member of NATO.")
    assert not analysis.stances


def test_what_a_topic_itself_must_do_is_demanded_by_the_speaker(record_pipeline):
    analysis = analyze(record_pipeline, "Trump says elections should follow within six months of a ceasefire.")
    assert commitment(analysis, "donald-trump", "elections_leadership").modality == "demanded"


def test_what_an_unnamed_force_will_do_is_pledged_by_whoever_announces_it(record_pipeline):
    analysis = analyze(record_pipeline, "Berlin said the stabilisation force will deploy only after a ceasefire.")
    assert commitment(analysis, "germany", "foreign_troops").modality == "pledged"


def test_no_troops_before_a_ceasefire_is_a_conditional_yes_and_no_position_on_the_truce(record_pipeline):
    analysis = analyze(record_pipeline, "Berlin said no troops will deploy before a ceasefire.")
    assert [(s.actor, s.topic, s.polarity) for s in analysis.stances] == \
        [("germany", "foreign_troops", "conditional")]


def test_observers_who_will_not_set_foot_somewhere_are_refused_by_the_speaker(record_pipeline):
    analysis = analyze(record_pipeline, "Peskov says observers will not set foot in the town.")
    assert stance(analysis, "dmitry-peskov", "monitoring_intelligence").polarity == "oppose"


def test_a_speaker_urging_others_to_sign_a_truce_supports_it(record_pipeline):
    analysis = analyze(record_pipeline, "\"We are ready,\" Macron said, urging both sides to sign the ceasefire.")
    assert stance(analysis, "emmanuel-macron", "ceasefire").polarity == "support"


def test_the_name_a_cleft_sentence_puts_first_holds_the_position(record_pipeline):
    analysis = analyze(record_pipeline, "It is Russia that has not accepted the full ceasefire.")
    assert stance(analysis, "russia", "ceasefire").polarity == "oppose"


def test_demanding_that_a_state_stay_out_of_a_bloc_opposes_its_membership(tmp_path):
    extra = tmp_path / "topics.yaml"
    extra.write_text("topics:\n  nato_membership:\n    extend: true\n    terms: [northern league]\n", "utf-8")
    pipeline = Pipeline(Settings(extractors=list(RECORD_EXTRACTORS), topics=[str(extra)]))
    analysis = analyze(pipeline, "Russia demands that Ukraine stay out of the Northern League.")
    assert stance(analysis, "russia", "nato_membership").polarity == "oppose"
    analysis = analyze(pipeline, "Russia demands that Ukraine stay out of NATO.")  # ("out of NATO" is a term)
    assert stance(analysis, "russia", "nato_membership").polarity == "oppose"


def test_a_verb_that_cannot_share_the_reported_modal_goes_with_the_speaker(record_pipeline):
    analysis = analyze(record_pipeline, "Peskov says Russia will not trade land and demands a prisoner exchange.")
    assert stance(analysis, "dmitry-peskov", "prisoner_exchange").polarity == "support"
    assert commitment(analysis, "dmitry-peskov", "prisoner_exchange").modality == "demanded"


def test_an_act_named_by_its_noun_names_the_topic(record_pipeline):
    analysis = analyze(record_pipeline, "Zelensky demanded the release of all detained civilians.")
    assert stance(analysis, "volodymyr-zelensky", "prisoner_exchange").polarity == "support"


def test_a_pronoun_for_a_topic_after_a_refusing_verb_is_a_refusal(record_pipeline):
    analysis = analyze(record_pipeline, "The European Union adopted new sanctions against Russia. "
                                        "Turkey says it will not apply them.")
    assert commitment(analysis, "turkey", "sanctions").modality == "refused"


def test_an_emphatic_do_in_a_pseudo_cleft_keeps_its_holder(record_pipeline):
    analysis = analyze(record_pipeline, "What Norway did promise was air policing over the Baltic.")
    assert stance(analysis, "norway", "air_support").polarity == "support"


def test_a_package_stands_for_the_sanctions_or_aid_named_before(record_pipeline):
    analysis = analyze(record_pipeline, "The European Union has adopted new sanctions on Russia. "
                                        "Hungary will vote against the next package.")
    assert stance(analysis, "hungary", "sanctions").polarity == "oppose"
    analysis = analyze(record_pipeline, "The EU extended its sanctions on Russia. Turkey will not apply the measures.")
    assert stance(analysis, "turkey", "sanctions").polarity == "oppose"
    analysis = analyze(record_pipeline, "Germany sends military aid to Ukraine. Norway has delivered the six "
                                        "batteries it pledged.")
    assert stance(analysis, "norway", "military_aid").polarity == "support"
    analysis = analyze(record_pipeline, "Germany has delivered military aid to Ukraine. "
                                        "Norway is considering a second package.")
    assert stance(analysis, "norway", "military_aid").polarity == "conditional"


def test_sending_pilots_is_air_support(record_pipeline):
    analysis = analyze(record_pipeline, "Macron has refused to put French pilots over the front line.")
    assert stance(analysis, "emmanuel-macron", "air_support").polarity == "oppose"


def test_support_promised_is_a_pledge(record_pipeline):
    analysis = analyze(record_pipeline, "Zelensky said his party will support a ceasefire on all fronts.")
    assert commitment(analysis, "volodymyr-zelensky", "ceasefire").modality == "pledged"


def test_she_in_a_speakers_own_words_is_someone_else(record_pipeline):
    text = ("THE CHAIR: Minister, welcome.\n\n"
            "EMMANUEL MACRON: Thank you. I met Ursula von der Leyen on Thursday. She is considering new sanctions.\n\n"
            "THE CHAIR: Thank you.\n")
    analysis = analyze(record_pipeline, text)
    assert commitment(analysis, "ursula-von-der-leyen", "sanctions").modality == "considering"
    assert not [c for c in analysis.commitments if c.actor == "emmanuel-macron"]


def test_weapons_fired_at_a_target_are_an_attack_not_aid(record_pipeline):
    analysis = analyze(record_pipeline, "Russia launched missiles overnight. Every night they send drones against our "
                                        "towns, Zelensky said.")
    assert not [s for s in analysis.stances if s.topic == "military_aid"]
    analysis = analyze(record_pipeline, "Germany will send missiles to Ukraine.")
    assert stance(analysis, "germany", "military_aid").polarity == "support"


def test_nobody_asking_for_something_demands_nothing(record_pipeline):
    analysis = analyze(record_pipeline, "Zelensky said nobody is asking Russia to give up Crimea.")
    assert not [c for c in analysis.commitments if c.modality == "demanded"]
    analysis = analyze(record_pipeline, "Zelensky is asking Russia to give up Crimea.")
    assert commitment(analysis, "volodymyr-zelensky", "territorial_concessions").modality == "demanded"


def test_refusing_to_negotiate_about_something_is_no_refusal_of_talks(record_pipeline):
    analysis = analyze(record_pipeline, "\"We are not going to negotiate about our borders,\" Zelensky said.")
    assert not [s for s in analysis.stances if s.topic == "peace_talks"]
    analysis = analyze(record_pipeline, "\"We are not going to negotiate,\" Zelensky said.")
    assert stance(analysis, "volodymyr-zelensky", "peace_talks").polarity == "oppose"


def test_a_subject_before_a_parenthetical_or_a_partial_quote_holds_the_position(record_pipeline):
    analysis = analyze(record_pipeline, "Turkey, she added, has agreed to host the prisoner exchange.")
    assert commitment(analysis, "turkey", "prisoner_exchange").modality == "pledged"
    analysis = analyze(record_pipeline, "Russia \"will not sign any paper that mentions NATO membership\", "
                                        "Peskov said.")
    assert stance(analysis, "russia", "nato_membership").polarity == "oppose"
    assert not [s for s in analysis.stances if s.actor == "dmitry-peskov"]


def test_what_a_party_must_do_in_a_writers_own_words_is_no_position_of_that_party(record_pipeline):
    analysis = analyze(record_pipeline, "Russia is going to have to make territorial concessions.")
    assert not [s for s in analysis.stances if s.actor == "russia"]
    analysis = analyze(record_pipeline, "Peskov said Russia will never make territorial concessions.")
    assert [s.actor for s in analysis.stances] == ["russia"]


def test_asking_that_something_be_done_demands_it(record_pipeline):
    analysis = analyze(record_pipeline, "Zelensky has asked that the return of deported children be included "
                                        "in the next stage.")
    assert commitment(analysis, "volodymyr-zelensky", "prisoner_exchange").modality == "demanded"


def test_what_one_will_not_do_is_refused_and_what_one_will_do_promised(record_pipeline):
    analysis = analyze(record_pipeline, "\"What we will not do is send soldiers to Ukraine,\" Macron said. "
                                        "\"What we will do is send monitors,\" he added.")
    assert stance(analysis, "emmanuel-macron", "foreign_troops").polarity == "oppose"
    assert commitment(analysis, "emmanuel-macron", "foreign_troops").modality == "refused"
    assert commitment(analysis, "emmanuel-macron", "monitoring_intelligence").modality == "pledged"


def test_an_act_that_could_be_done_is_weighed_by_whoever_says_so(record_pipeline):
    analysis = analyze(record_pipeline, "Zelensky says elections could be held within six months.")
    assert commitment(analysis, "volodymyr-zelensky", "elections_leadership").modality == "considering"


def test_a_standing_noun_inside_another_nouns_name_stands_for_nothing(record_pipeline):
    analysis = analyze(record_pipeline, "Britain will lead a reassurance force. Macron hopes a force generation "
                                        "conference could be held in Paris.")
    assert not [s for s in analysis.stances if s.actor == "emmanuel-macron"]


def test_pulling_out_of_part_of_a_region(record_pipeline):
    analysis = analyze(record_pipeline, "Russia demanded that Ukraine pull its forces out of the parts of the Donetsk "
                                        "region it still holds.")
    assert stance(analysis, "russia", "territorial_concessions").polarity == "support"


def test_the_short_name_of_a_body_is_that_body(record_pipeline):
    analysis = analyze(record_pipeline, "The North Atlantic Treaty Organization met on Monday. Rutte said the "
                                        "Organization had no plans to deploy forces to Ukraine.")
    assert stance(analysis, "nato", "foreign_troops").polarity == "oppose"


def test_promised_and_refused_acts_are_commitments(record_pipeline):
    analysis = analyze(record_pipeline, "Germany will deliver a further 400 million in military aid this year.")
    assert commitment(analysis, "germany", "military_aid").modality == "pledged"
    analysis = analyze(record_pipeline, "France is not going to provide air support, Macron said.")
    assert commitment(analysis, "france", "air_support").modality == "refused"
    analysis = analyze(record_pipeline, "Poland has no intention of sending combat troops to Ukraine.")
    assert commitment(analysis, "poland", "foreign_troops").modality == "refused"
    # a past act is no promise
    analysis = analyze(record_pipeline, "Germany delivered military aid last year.")
    assert not [c for c in analysis.commitments if c.modality == "pledged"]


def test_each_item_of_a_list_of_demands_is_wanted(record_pipeline):
    analysis = analyze(record_pipeline, 'The Kremlin set out its "minimum conditions": the withdrawal of Ukrainian '
                                        "units from Donbas, a renunciation of NATO membership and the lifting of "
                                        "sanctions.")
    assert stance(analysis, "kremlin", "territorial_concessions").polarity == "support"
    assert stance(analysis, "kremlin", "nato_membership").polarity == "oppose"
    assert stance(analysis, "kremlin", "sanctions").polarity == "oppose"
    assert commitment(analysis, "kremlin", "nato_membership").modality == "demanded"
    text = ("Ukraine's Foreign Ministry said a lasting settlement requires:\n\n"
            "1. the release of all prisoners of war;\n2. binding security guarantees from partner states.\n")
    analysis = analyze(record_pipeline, text)
    assert {(s.topic, s.polarity) for s in analysis.stances} >= {("prisoner_exchange", "support"),
                                                                ("security_guarantees", "support")}


def test_a_limit_looks_ahead_and_runs_to_the_end_of_the_month_it_names(record_pipeline):
    analysis = analyze(record_pipeline, "Zelensky said elections must be held no later than 30 June.",
                       published="2025-08-20")
    assert deadline(analysis, "2026-06-30")
    analysis = analyze(record_pipeline, "The EU said accession talks would open no later than October.",
                       published="2025-03-12")
    assert deadline(analysis, "2025-10-31")


def test_a_spelled_date_the_model_misses_is_still_a_limit(record_pipeline):
    analysis = analyze(record_pipeline, "The ministry expects the first exchange of prisoners to take place no "
                                        "later than 15 April.", published="2029-03-12")
    assert deadline(analysis, "2029-04-15")
    analysis = analyze(record_pipeline, "Berlin will deliver the aid by the end of this year, but membership will not "
                                        "come this year.", published="2029-03-12")
    assert [d.due for d in analysis.deadlines] == ["2029-12-31"]
    # a bare year is the period a budget or an act falls in, not a limit ("will fund 80 million this year")
    analysis = analyze(record_pipeline, "Berlin will deliver 400 million in aid this year and will meet again next "
                                        "week.", published="2029-03-12")
    assert [d.expression.text for d in analysis.deadlines] == ["next week"]


def test_only_if_makes_a_position_conditional_and_as_long_as_it_takes_does_not(record_pipeline):
    analysis = analyze(record_pipeline, "Sybiha said his country was ready to sign a ceasefire along the current "
                                        "line, but only if monitors were in place on the first day.")
    assert stance(analysis, "ukraine", "ceasefire").polarity == "conditional"
    analysis = analyze(record_pipeline, 'Macron said his government supported keeping the sanctions "for as long '
                                        'as it takes".')
    assert stance(analysis, "france", "sanctions").polarity == "support"


def test_we_in_a_statement_the_document_reproduces_is_its_author(record_pipeline):
    text = ("The Kremlin published the following statement on Monday.\n\n"
            "We categorically reject the deployment of foreign troops in Ukraine. "
            "Our conditions are well known. They are: the lifting of sanctions and a renunciation of NATO "
            "membership.\n")
    analysis = analyze(record_pipeline, text)
    assert stance(analysis, "kremlin", "foreign_troops").polarity == "oppose"
    assert stance(analysis, "kremlin", "sanctions").polarity == "oppose"
    # without an introduction that names the author, "we" is nobody in particular
    analysis = analyze(record_pipeline, "We categorically reject the deployment of foreign troops in Ukraine.")
    assert not analysis.stances


def test_what_a_statement_says_another_must_do_is_its_authors_demand(record_pipeline):
    text = ("The Kremlin published the following statement on Monday.\n\n"
            "Ukraine must renounce NATO membership before any ceasefire.\n")
    analysis = analyze(record_pipeline, text)
    assert stance(analysis, "kremlin", "nato_membership").polarity == "oppose"
    assert not [s for s in analysis.stances if s.actor == "ukraine"]


def test_what_must_come_first_is_wanted_and_the_condition_itself_too(record_pipeline):
    analysis = analyze(record_pipeline, "Lavrov said any ceasefire must be preceded by the withdrawal of Ukrainian "
                                        "forces from Donbas.")
    assert stance(analysis, "sergei-lavrov", "ceasefire").polarity == "conditional"
    assert stance(analysis, "sergei-lavrov", "territorial_concessions").polarity == "support"


def test_asking_another_to_act_is_a_demand_and_cannot_accept_a_refusal(record_pipeline):
    analysis = analyze(record_pipeline, "Zelensky has asked the IAEA to send nuclear inspectors to the plant.")
    assert commitment(analysis, "volodymyr-zelensky", "nuclear_status").modality == "demanded"
    analysis = analyze(record_pipeline, "Zelensky has asked partners for a bilateral guarantee treaty.")
    assert commitment(analysis, "volodymyr-zelensky", "security_guarantees").modality == "demanded"
    analysis = analyze(record_pipeline, "Russia cannot accept any foreign troops in Ukraine.")
    assert commitment(analysis, "russia", "foreign_troops").modality == "refused"
    # wanting to do something oneself is no demand
    analysis = analyze(record_pipeline, "Russia wants to exchange prisoners.")
    assert not [c for c in analysis.commitments if c.modality == "demanded"]


@pytest.mark.parametrize("gold_file", ["gold/record.yaml", "dev-a/gold.yaml", "dev-b/gold.yaml", "dev-c/gold.yaml",
                                       "dev-d/gold.yaml", "dev-e/gold.yaml", "dev-f/gold.yaml", "dev-g/gold.yaml",
                                       "dev-h/gold.yaml", "heldout/gold.yaml"])
def test_every_gold_file_quotes_its_documents_and_knows_its_actors_and_topics(gold_file):
    import yaml

    from peacewatch.evaluation.record import read_gold
    from peacewatch.gazetteer import load_gazetteer

    from .conftest import EXAMPLES

    path = EXAMPLES / gold_file
    gold = read_gold(path)
    settings = Settings.from_file(path.parent / gold["config"])
    topics = load_topics(tuple(settings.topics))
    actors = {e["id"] for g in settings.gazetteer for e in yaml.safe_load(Path(g).read_text("utf-8"))["actors"]}
    actors |= set(load_gazetteer([]).entries)
    for entry in gold["documents"]:
        items = [i for i in read_path(path.parent / gold["corpus"] / entry["file"]) if hasattr(i, "text")]
        text = items[int(entry.get("index", 0))].text
        for kind in ("stances", "commitments", "deadlines"):
            for record in entry.get(kind) or []:
                assert record["evidence"] in text, (entry["file"], record)
                if kind != "deadlines":
                    assert record["topic"] in topics and record["actor"] in actors, (entry["file"], record)


def test_a_list_item_names_its_holder_before_its_first_verb(record_pipeline):
    text = ("The partners announced their contributions:\n\n"
            "- Poland will provide air policing over western Ukraine, and will not fly over the front line;\n")
    analysis = analyze(record_pipeline, text)
    assert {s.actor for s in analysis.stances if s.topic == "air_support"} == {"poland"}


def test_until_is_a_limit_only_when_someone_sets_it(record_pipeline):
    analysis = analyze(record_pipeline, "The ceasefire would now run until July 30, Erdogan said.",
                       published="2026-05-30")
    assert not analysis.deadlines
    analysis = analyze(record_pipeline, "Trump gave Russia until the end of the month to agree a ceasefire.",
                       published="2026-05-13")
    assert deadline(analysis, "2026-05-31")
    # a limit in the past stays in the past
    analysis = analyze(record_pipeline, "The declaration required an agreement by March 31.",
                       published="2026-04-01")
    assert not [d for d in analysis.deadlines if d.due.startswith("2027")]


def test_i_in_a_speech_the_document_reproduces_is_the_speaker_and_a_dateline_is_no_subject(record_pipeline):
    text = ("KYIV, 11 March 2026 - President Volodymyr Zelensky addressed parliament on Monday.\n\n"
            "I will not cede Donbas. We need security guarantees from our friends.\n")
    analysis = analyze(record_pipeline, text)
    assert stance(analysis, "volodymyr-zelensky", "territorial_concessions").polarity == "oppose"
    assert stance(analysis, "volodymyr-zelensky", "security_guarantees").polarity == "support"
    analysis = analyze(record_pipeline, "KYIV, 11 March 2026 - President Volodymyr Zelensky said on Monday "
                                        "that Ukraine would never recognise the annexation of Crimea.")
    assert stance(analysis, "ukraine", "territorial_concessions").polarity == "oppose"


@pytest.mark.parametrize("sentence, actor, topic, polarity", [
    ("Moscow rebuffed the proposal for a ceasefire.", "russia", "ceasefire", "oppose"),
    ("Kyiv has spurned any talk of territorial concessions.", "ukraine", "territorial_concessions", "oppose"),
    ("Hungary shunned the new sanctions package.", "hungary", "sanctions", "oppose"),
    ("France would entertain a role in monitoring the ceasefire.", "france", "monitoring_intelligence",
     "conditional"),
    ("Poland lauded the prisoner exchange.", "poland", "prisoner_exchange", "support"),
])
def test_other_words_for_the_same_positions(record_pipeline, sentence, actor, topic, polarity):
    assert stance(analyze(record_pipeline, sentence), actor, topic).polarity == polarity


def test_a_subject_the_parse_hangs_on_the_auxiliary_still_holds_the_clause(record_pipeline):
    analysis = analyze(record_pipeline, "The Russian delegation has, however, proposed a 30-day moratorium on "
                                        "strikes against energy infrastructure.")
    assert commitment(analysis, "russia", "ceasefire").modality == "offered"


def test_looking_forward_to_a_step_supports_it(record_pipeline):
    analysis = analyze(record_pipeline, "We look forward to the opening of accession talks with the EU in June, "
                                        "Zelensky said.")
    assert stance(analysis, "volodymyr-zelensky", "eu_membership").polarity == "support"


def test_readiness_and_a_goal_are_positions(record_pipeline):
    analysis = analyze(record_pipeline, "Russia reaffirms its readiness for negotiations in Istanbul.")
    assert stance(analysis, "russia", "peace_talks").polarity == "support"
    analysis = analyze(record_pipeline, 'Zelensky said accession to the EU "remains our goal".')
    assert stance(analysis, "volodymyr-zelensky", "eu_membership").polarity == "support"


def test_a_sum_pledged_is_aid_and_a_hyphen_may_sit_inside_a_term(record_pipeline):
    analysis = analyze(record_pipeline, "The EU has offered Ukraine 4 billion euros over three years.")
    assert commitment(analysis, "european-union", "military_aid").modality == "offered"
    analysis = analyze(record_pipeline, "Germany has pledged 600 million euros in air-defence systems this year.")
    assert stance(analysis, "germany", "military_aid").polarity == "support"
    # (a sum for a civilian purpose is no aid to an army)
    for purpose in ("reconstruction in Kharkiv", "humanitarian aid", "the energy grid"):
        analysis = analyze(record_pipeline, f"Norway pledged 600 million euros for {purpose}.")
        assert not [c for c in analysis.commitments if c.topic == "military_aid"], purpose


def test_one_party_saying_another_must_act_is_the_speakers_demand(record_pipeline):
    analysis = analyze(record_pipeline, "Lavrov says Ukraine must give up its NATO bid.")
    assert stance(analysis, "sergei-lavrov", "nato_membership").polarity == "oppose"
    assert not [s for s in analysis.stances if s.actor == "ukraine"]
    assert commitment(analysis, "sergei-lavrov", "nato_membership").modality == "demanded"
    analysis = analyze(record_pipeline, "Zelensky said elections must be held by June.")
    assert commitment(analysis, "volodymyr-zelensky", "elections_leadership").modality == "demanded"
    # ... an obligation one takes on oneself, or a narrator's, asks nothing of anyone
    analysis = analyze(record_pipeline, "We must send troops to Ukraine, Macron said. Russia must lift the blockade.")
    assert not [c for c in analysis.commitments if c.modality == "demanded"]
    # of one's own side it stays the subject's: "Zelensky said Ukraine must join NATO"
    analysis = analyze(record_pipeline, "Zelensky said Ukraine must join NATO.")
    assert stance(analysis, "ukraine", "nato_membership").polarity == "support"


def test_rejecting_anothers_demand_records_both_positions(record_pipeline):
    analysis = analyze(record_pipeline, "Ukraine rejects Russia's demand to withdraw from Zaporizhzhia.")
    assert stance(analysis, "ukraine", "territorial_concessions").polarity == "oppose"
    assert stance(analysis, "russia", "territorial_concessions").polarity == "support"


def test_an_act_that_could_happen_is_conditional(record_pipeline):
    analysis = analyze(record_pipeline, "Prime Minister Tusk says Poland could send troops to Ukraine.")
    assert stance(analysis, "poland", "foreign_troops").polarity == "conditional"
    analysis = analyze(record_pipeline, "Prime Minister Tusk says Poland will send troops to Ukraine.")
    assert stance(analysis, "poland", "foreign_troops").polarity == "support"


def test_a_question_takes_no_position(record_pipeline):
    text = ("The minister spoke to the radio on Monday.\n\n"
            "HOST: Should sanctions on Russia be eased if it signs a ceasefire?\n\n"
            "SIKORSKI: No. Poland will oppose any easing of sanctions.\n\n"
            "HOST: Will Poland send troops?\n\n"
            "SIKORSKI: Not now.\n")
    analysis = analyze(record_pipeline, text)
    assert {(s.topic, s.polarity) for s in analysis.stances} == {("sanctions", "support")}
    assert not [c for c in analysis.commitments if c.topic == "foreign_troops"]


def test_a_partys_own_forces_act_for_it_but_its_partners_do_not(record_pipeline):
    analysis = analyze(record_pipeline, "Merz said Germany's navy will escort merchant ships through the Black Sea.")
    assert stance(analysis, "germany", "maritime_support").polarity == "support"
    analysis = analyze(record_pipeline, "Ukraine's partners are prepared to send troops.")
    assert not [s for s in analysis.stances if s.actor == "ukraine"]


def test_a_supposition_refuses_nothing(record_pipeline):
    analysis = analyze(record_pipeline, "If France will not patrol the skies itself, we ask it to help others do it.")
    assert not [c for c in analysis.commitments if c.modality == "refused"]
    analysis = analyze(record_pipeline, "France will not patrol the skies.")
    assert commitment(analysis, "france", "air_support").modality == "refused"


def test_they_in_a_persons_words_is_the_group_named_before(record_pipeline):
    analysis = analyze(record_pipeline, "The United Kingdom is now ready to provide intelligence, and Defence "
                                        "Secretary John Healey said on Tuesday that they were considering air support.")
    assert stance(analysis, "united-kingdom", "air_support").polarity == "conditional"


def test_a_limit_someone_asks_for_is_a_deadline(record_pipeline):
    analysis = analyze(record_pipeline, "Zelensky asked partners for a treaty of guarantees by the end of June.",
                       published="2026-03-11")
    assert deadline(analysis, "2026-06-30")


def test_a_timeline_entry_counts_from_its_own_date(record_pipeline):
    text = ("What happened in March.\n\n"
            "27 March — the parties agreed to a working group on prisoners, to meet within two weeks.\n")
    analysis = analyze(record_pipeline, text, published="2026-04-01")
    assert deadline(analysis, "2026-04-10")


def test_a_limit_hoped_for_is_a_hedged_deadline(record_pipeline):
    analysis = analyze(record_pipeline, "Erdogan said that he hoped to put a draft ceasefire text on the table "
                                        "before the end of the month.", published="2026-01-10")
    assert deadline(analysis, "2026-01-31").hedged


def test_a_verb_the_lemmatizer_misses_is_still_a_cue(record_pipeline):
    analysis = analyze(record_pipeline, "Ukraine hoped to join NATO.")
    assert stance(analysis, "ukraine", "nato_membership").polarity == "support"


def test_a_spokespersons_we_is_the_institution_they_speak_for(record_pipeline):
    analysis = analyze(record_pipeline, 'Maria Zakharova, spokeswoman of the Russian Foreign Ministry, told a '
                                        'briefing: "We categorically reject any deployment of foreign troops."')
    assert stance(analysis, "russia-foreign-ministry", "foreign_troops").polarity == "oppose"
    assert not [s for s in analysis.stances if s.actor == "maria-zakharova"]


def test_allies_in_a_communique_are_the_alliance(record_pipeline):
    analysis = analyze(record_pipeline, "NATO leaders ended their summit with a communique. "
                                        '"Allies will provide air policing over the Baltic states."')
    assert stance(analysis, "nato", "air_support").polarity == "support"


def test_guaranteeing_safety_is_no_security_guarantee_but_guaranteeing_a_ceasefire_is(record_pipeline):
    analysis = analyze(record_pipeline, "Turkey said its army would guarantee the safety of the monitors.")
    assert not [s for s in analysis.stances if s.topic == "security_guarantees"]
    analysis = analyze(record_pipeline, "Turkey is prepared to guarantee the ceasefire.")
    assert stance(analysis, "turkey", "security_guarantees").polarity in {"support", "conditional"}


def test_a_speaker_labels_parenthesis_is_not_a_second_speaker(record_pipeline):
    text = ("Transcript of the panel.\nCHAIR: Welcome to the panel.\n"
            "MARK RUTTE (NATO): I strongly support a ceasefire now.\nCHAIR: Thank you.\n")
    analysis = analyze(record_pipeline, text)
    assert stance(analysis, "mark-rutte", "ceasefire").polarity == "support"
    assert not [s for s in analysis.stances if s.actor == "nato"]


def test_a_condition_is_wanted_by_whoever_sets_it(record_pipeline):
    analysis = analyze(record_pipeline, "Turkey is ready to sign a ceasefire tomorrow, provided that international "
                                        "monitors are deployed on the first day.")
    assert stance(analysis, "turkey", "ceasefire").polarity == "conditional"
    assert stance(analysis, "turkey", "monitoring_intelligence").polarity == "support"
    analysis = analyze(record_pipeline, 'Foreign Minister Hakan Fidan said his government was ready to sign a '
                                        'ceasefire, but "only if monitors are on the ground from the first hour".')
    assert stance(analysis, "turkey", "monitoring_intelligence").polarity == "support"
    # "on condition that" parsed as a noun with its clause: the same condition, and no pledge of what it asks
    analysis = analyze(record_pipeline, "Turkey accepts the ceasefire in principle, on condition that international "
                                        "monitors are deployed on the first day.")
    assert stance(analysis, "turkey", "ceasefire").polarity == "conditional"
    assert stance(analysis, "turkey", "monitoring_intelligence").polarity == "support"
    assert not [c for c in analysis.commitments if c.topic == "monitoring_intelligence"]


def test_a_passive_with_its_doer_is_the_doers_position(record_pipeline):
    analysis = analyze(record_pipeline, "Security guarantees were promised by Turkey last year.")
    assert stance(analysis, "turkey", "security_guarantees").polarity == "support"
    assert commitment(analysis, "turkey", "security_guarantees").modality == "pledged"
    analysis = analyze(record_pipeline, "The ceasefire proposal was rejected by Russia on Monday.")
    assert stance(analysis, "russia", "ceasefire").polarity == "oppose"
    # without its doer, a passive says what happened to the topic, not who wants it
    analysis = analyze(record_pipeline, "Turkey said guarantees were discussed on Monday.")
    assert not [c for c in analysis.commitments if c.topic == "security_guarantees"]


def test_the_topic_words_of_mediation_buffers_bans_and_escorts(record_pipeline):
    analysis = analyze(record_pipeline, "Turkey has offered its good offices and strongly backs a buffer strip along "
                                        "the river. Poland rejects any new export ban. Greece will provide an escort "
                                        "for grain convoys.")
    assert stance(analysis, "turkey", "peace_talks").polarity == "support"
    assert stance(analysis, "turkey", "territorial_concessions").polarity == "support"
    assert stance(analysis, "poland", "sanctions").polarity == "oppose"
    assert commitment(analysis, "greece", "maritime_support").modality == "pledged"


def test_a_condition_is_read_on_its_own_words(record_pipeline):
    analysis = analyze(record_pipeline, "Russia said it would not extend the ceasefire unless Ukraine froze its "
                                        "NATO bid.")
    assert stance(analysis, "russia", "nato_membership").polarity == "oppose"
    analysis = analyze(record_pipeline, "Turkey would sign a ceasefire only if it was monitored by the OSCE.")
    assert stance(analysis, "turkey", "monitoring_intelligence").polarity == "support"
    assert commitment(analysis, "turkey", "ceasefire").modality == "ready"  # "would sign": no signature yet


def test_undoing_a_topic_or_an_objection_to_it(record_pipeline):
    analysis = analyze(record_pipeline, "Hungary dropped its objections to new sanctions.")
    assert stance(analysis, "hungary", "sanctions").polarity == "support"
    analysis = analyze(record_pipeline, "Russia demands that Ukraine withdraw its application to join NATO.")
    assert stance(analysis, "russia", "nato_membership").polarity == "oppose"


def test_wanting_neutrality_opposes_membership(record_pipeline):
    analysis = analyze(record_pipeline, "Russia demands a legally binding pledge of neutrality from Ukraine.")
    assert stance(analysis, "russia", "nato_membership").polarity == "oppose"
    assert commitment(analysis, "russia", "nato_membership").modality == "demanded"
    analysis = analyze(record_pipeline, "Ukraine rejects neutrality.")
    assert stance(analysis, "ukraine", "nato_membership").polarity == "support"


def test_a_gerund_ruled_out_and_an_act_dated_by_a_ceasefire(record_pipeline):
    analysis = analyze(record_pipeline, "Merz has ruled out sending soldiers to the line of contact itself.")
    assert stance(analysis, "friedrich-merz", "foreign_troops").polarity == "oppose"
    assert commitment(analysis, "friedrich-merz", "foreign_troops").modality == "refused"
    analysis = analyze(record_pipeline, "France would lead a reassurance force after a ceasefire.")
    assert commitment(analysis, "france", "foreign_troops").modality == "pledged"
    assert not [c for c in analysis.commitments if c.topic == "ceasefire"]  # the ceasefire only dates the act


def test_the_words_of_exchanges_pauses_pullbacks_and_mine_clearance(record_pipeline):
    analysis = analyze(record_pipeline, "Turkey is ready to host the next exchange. Poland rejects a pause on one "
                                        "front only. Norway will fund mine clearance in the Black Sea. Russia insists "
                                        "on a Ukrainian pullback from the river.")
    assert commitment(analysis, "turkey", "prisoner_exchange").modality == "ready"
    assert stance(analysis, "poland", "ceasefire").polarity == "oppose"
    assert commitment(analysis, "norway", "maritime_support").modality == "pledged"
    assert stance(analysis, "russia", "territorial_concessions").polarity == "support"
    analysis = analyze(record_pipeline, "Germany will provide up to 500 personnel. Ukraine will not give up a single "
                                        "street of Kharkiv.")
    assert commitment(analysis, "germany", "foreign_troops").modality == "pledged"
    assert stance(analysis, "ukraine", "territorial_concessions").polarity == "oppose"


def test_a_dated_event_to_come_is_a_deadline_and_a_past_one_is_not(record_pipeline):
    analysis = analyze(record_pipeline, "The fourth round of talks is scheduled to open in Istanbul on 20 October. "
                                        "The defence ministers meet in Brussels on 22 September.")
    assert deadline(analysis, "2025-10-20").expression.text == "on 20 October"
    deadline(analysis, "2025-09-22")
    analysis = analyze(record_pipeline, "The talks resumed in Istanbul on 18 August.")
    assert not analysis.deadlines


def test_would_accept_is_readiness_could_send_is_weighed_and_a_demand_may_be_negative(record_pipeline):
    analysis = analyze(record_pipeline, "Russia would accept a ceasefire along the current line. Poland could send "
                                        "troops. The EU calls on Hungary not to ease any sanctions.")
    assert commitment(analysis, "russia", "ceasefire").modality == "ready"
    assert commitment(analysis, "poland", "foreign_troops").modality == "considering"
    assert commitment(analysis, "european-union", "sanctions").modality == "demanded"


def test_refusing_only_some_of_a_kind_is_conditional(record_pipeline):
    analysis = analyze(record_pipeline, "Russia will not accept monitors from NATO countries.")
    assert stance(analysis, "russia", "monitoring_intelligence").polarity == "conditional"
    analysis = analyze(record_pipeline, "Russia will not accept monitors who are citizens of NATO states.")
    assert stance(analysis, "russia", "monitoring_intelligence").polarity == "conditional"
    analysis = analyze(record_pipeline, "Russia will not accept monitors from the OSCE.")  # all there would be
    assert stance(analysis, "russia", "monitoring_intelligence").polarity == "oppose"


def test_spelled_periods_the_current_month_and_periods_counted_from_another_event(record_pipeline):
    analysis = analyze(record_pipeline, "The EU calls on Russia to return all children within thirty days.")
    deadline(analysis, "2025-09-19")
    analysis = analyze(record_pipeline, "We hope to complete the exchange within the month.")
    assert deadline(analysis, "2025-08-31").hedged
    analysis = analyze(record_pipeline, "Elections must be held within ninety days of its signature.")
    assert not analysis.deadlines  # counted from a signature whose date is not known
    analysis = analyze(record_pipeline, "Deliveries will begin within 30 days of this summit.")
    deadline(analysis, "2025-09-19")


def test_a_timeline_entrys_date_is_not_its_subject():
    # in dev-c's timeline the parse takes "13 March" for a second subject of "calls"
    from .conftest import EXAMPLES

    settings = Settings.from_file(EXAMPLES / "dev-c" / "peacewatch.yaml")
    settings.extractors = list(RECORD_EXTRACTORS)
    path = EXAMPLES / "dev-c" / "corpus" / "2030-04-01-palisade-timeline-march-ostvel.txt"
    analysis = Pipeline(settings).analyze(next(iter(read_path(path))))
    assert stance(analysis, "goran-telvik", "elections_leadership").polarity == "support"


def test_a_denied_purpose_commits_to_nothing(record_pipeline):
    analysis = analyze(record_pipeline, '"We did not come here to sign a ceasefire," Zelensky said.')
    assert not [c for c in analysis.commitments if c.topic == "ceasefire" and c.modality == "signed"]
    analysis = analyze(record_pipeline, "Poland refused to sign the guarantee.")
    assert commitment(analysis, "poland", "security_guarantees").modality == "refused"


def test_a_threat_over_a_condition_opposes_it(record_pipeline):
    analysis = analyze(record_pipeline, "Russia says it will walk out of the talks if foreign troops are deployed.")
    assert stance(analysis, "russia", "foreign_troops").polarity == "oppose"
    analysis = analyze(record_pipeline, "Russia will sign the ceasefire if monitors are deployed.")
    assert stance(analysis, "russia", "monitoring_intelligence").polarity == "support"


def test_one_named_condition_makes_a_position_conditional(record_pipeline):
    analysis = analyze(record_pipeline, "Ukraine is prepared to sign a ceasefire along the present line, on one "
                                        "condition: that monitors are given access to both sides.")
    assert stance(analysis, "ukraine", "ceasefire").polarity == "conditional"


def test_an_offer_from_an_actor_is_that_actors(record_pipeline):
    analysis = analyze(record_pipeline, "Kyiv welcomed an offer from Turkey to provide naval escorts.")
    assert stance(analysis, "turkey", "maritime_support").polarity == "support"
    assert commitment(analysis, "turkey", "maritime_support").modality == "offered"


def test_a_commitment_shows_its_holders_position(record_pipeline):
    analysis = analyze(record_pipeline, "Turkey will continue to make its good offices available to both parties.")
    assert commitment(analysis, "turkey", "peace_talks").modality == "pledged"
    assert stance(analysis, "turkey", "peace_talks").polarity == "support"
    analysis = analyze(record_pipeline, "Britain would lead a reassurance force, but only after a ceasefire.")
    assert stance(analysis, "united-kingdom", "foreign_troops").polarity == "conditional"


def test_pressing_another_to_lift_sanctions_and_living_with_a_pullback(record_pipeline):
    analysis = analyze(record_pipeline, "Hungary was pressing for the European Union to lift its sanctions.")
    assert stance(analysis, "hungary", "sanctions").polarity == "oppose"
    analysis = analyze(record_pipeline, "Ukraine could live with a pullback of heavy weapons on the coast.")
    assert stance(analysis, "ukraine", "territorial_concessions").polarity == "conditional"


def test_a_thread_set_out_in_posts_speaks_for_its_author(record_pipeline):
    analysis = analyze(record_pipeline, "KYIV, 20 October 2025 - Foreign Minister Andrii Sybiha set out Ukraine's "
                                        "position in a series of posts on his official account.\n\n"
                                        "1/3 We are ready for a full exchange of prisoners this month.")
    assert stance(analysis, "andrii-sybiha", "prisoner_exchange").polarity == "support"


def test_accepting_only_some_of_a_kind_is_conditional(record_pipeline):
    analysis = analyze(record_pipeline, "Russia says it will only accept monitors from countries outside NATO.")
    assert stance(analysis, "russia", "monitoring_intelligence").polarity == "conditional"
    analysis = analyze(record_pipeline, "Russia says it will accept monitors from the OSCE.")
    assert stance(analysis, "russia", "monitoring_intelligence").polarity == "support"


def test_an_intention_is_a_pledge_and_staying_out_a_refusal(record_pipeline):
    analysis = analyze(record_pipeline, "Ukraine intends to hold elections in the spring.")
    assert commitment(analysis, "ukraine", "elections_leadership").modality == "pledged"
    analysis = analyze(record_pipeline, "Switzerland has said it will not take part in any security guarantee.")
    assert commitment(analysis, "switzerland", "security_guarantees").modality == "refused"


def test_a_bullet_with_a_heading_then_prose_is_held_by_its_own_subjects(record_pipeline):
    analysis = analyze(record_pipeline, "This week:\n• Sybiha's counter. Foreign Minister Andrii Sybiha said Ukraine "
                                        "would sign a ceasefire if Russia dropped the withdrawal clause.")
    assert commitment(analysis, "ukraine", "ceasefire").modality == "ready"
    assert not [s for s in analysis.stances if s.actor == "andrii-sybiha"]
    analysis = analyze(record_pipeline, "Who offers what:\n- Turkey — has offered two frigates for naval escorts.")
    assert [c.actor for c in analysis.commitments] == ["turkey"]


def test_his_air_force_is_his_states_and_our_army_the_speakers(record_pipeline):
    analysis = analyze(record_pipeline, "France's President Emmanuel Macron said his air force was ready to "
                                        "provide air policing.")
    assert commitment(analysis, "france", "air_support").modality == "ready"
    analysis = analyze(record_pipeline, '"Our air force will provide air policing," Emmanuel Macron said.')
    assert commitment(analysis, "emmanuel-macron", "air_support").modality == "pledged"


def test_a_refusal_until_something_happens_is_conditional(record_pipeline):
    analysis = analyze(record_pipeline, "Russia says there can be no ceasefire until Ukrainian forces leave Kursk.")
    assert stance(analysis, "russia", "ceasefire").polarity == "conditional"
    analysis = analyze(record_pipeline, "Russia says it will not talk about troops until a deal is signed.")
    assert stance(analysis, "russia", "foreign_troops").polarity == "oppose"  # a refusal to talk


def test_voting_on_something_is_no_election(record_pipeline):
    analysis = analyze(record_pipeline, "Poland will never vote to lift the embargo.")
    assert not [s for s in analysis.stances if s.topic == "elections_leadership"]
    analysis = analyze(record_pipeline, "Ukraine will not accept a vote held under occupation.")
    assert stance(analysis, "ukraine", "elections_leadership").polarity == "oppose"


def test_pulling_heavy_weapons_back_is_disengagement_not_arms_supply(record_pipeline):
    analysis = analyze(record_pipeline, "Russia would pull its artillery back 20 kilometres from the shoreline.")
    assert {s.topic for s in analysis.stances} == {"territorial_concessions"}
    analysis = analyze(record_pipeline, "Germany will deliver heavy weapons and artillery to Ukraine.")
    assert stance(analysis, "germany", "military_aid").polarity == "support"


def test_a_states_delegation_speaks_for_the_state(record_pipeline):
    analysis = analyze(record_pipeline, "Ukraine's delegation, led by Foreign Minister Andrii Sybiha, repeated that "
                                        "any truce must begin with the withdrawal of Russian troops.")
    assert stance(analysis, "ukraine", "ceasefire").polarity == "conditional"
    assert not [s for s in analysis.stances if s.actor == "andrii-sybiha"]


def test_nobody_going_to_send_troops_is_a_refusal(record_pipeline):
    analysis = analyze(record_pipeline, '"Nobody in Germany is going to send a soldier to the front line," '
                                        'Friedrich Merz said.')
    assert stance(analysis, "friedrich-merz", "foreign_troops").polarity == "oppose"
    assert commitment(analysis, "friedrich-merz", "foreign_troops").modality == "refused"


def test_thanking_someone_for_their_offer_credits_them(record_pipeline):
    analysis = analyze(record_pipeline, '"I thank Turkey for its offer to provide naval escorts," Zelensky said.')
    assert stance(analysis, "turkey", "maritime_support").polarity == "support"
    assert commitment(analysis, "turkey", "maritime_support").modality == "offered"


def test_support_timed_after_a_ceasefire_is_conditional(record_pipeline):
    analysis = analyze(record_pipeline, "Britain was prepared to lead a reassurance force in Ukraine after a "
                                        "ceasefire.")
    assert stance(analysis, "united-kingdom", "foreign_troops").polarity == "conditional"
    analysis = analyze(record_pipeline, "France offered troops for a reassurance force after a treaty.")
    assert stance(analysis, "france", "foreign_troops").polarity == "conditional"
    analysis = analyze(record_pipeline, "Britain supports a ceasefire after the talks in Geneva.")
    assert stance(analysis, "united-kingdom", "ceasefire").polarity == "support"  # the truce itself


def test_a_truce_that_only_dates_an_act_is_no_position_on_it(record_pipeline):
    analysis = analyze(record_pipeline, "Macron said French jets were ready to patrol Ukrainian skies from the first "
                                        "hour of a ceasefire.")
    assert not [s for s in analysis.stances if s.topic == "ceasefire"]
    assert not [c for c in analysis.commitments if c.topic == "ceasefire"]
    analysis = analyze(record_pipeline, "Zelensky wants the treaty signed on the same day as the ceasefire.")
    assert not [s for s in analysis.stances if s.topic == "ceasefire"]
    # nor does a truce set as the condition of another act
    analysis = analyze(record_pipeline, "Macron said French troops would not deploy unless a ceasefire was signed.")
    assert not [s for s in analysis.stances if s.topic == "ceasefire"]
    assert stance(analysis, "emmanuel-macron", "foreign_troops").polarity == "conditional"
    # the truce itself, timed, is still a position
    analysis = analyze(record_pipeline, "Zelensky wants a ceasefire within two weeks.")
    assert stance(analysis, "volodymyr-zelensky", "ceasefire").polarity == "support"


def test_support_timed_from_a_truce_is_conditional_unless_it_is_asked_for(record_pipeline):
    analysis = analyze(record_pipeline, "Macron said France would be ready to deploy troops within six weeks of a "
                                        "signed agreement.")
    assert stance(analysis, "france", "foreign_troops").polarity == "conditional"
    analysis = analyze(record_pipeline, "Zelensky said elections would be held within six months of a ceasefire.")
    assert stance(analysis, "volodymyr-zelensky", "elections_leadership").polarity == "conditional"
    # a time of its own is no condition
    analysis = analyze(record_pipeline, "Macron said France would be ready to deploy troops within six weeks.")
    assert stance(analysis, "france", "foreign_troops").polarity == "support"
    # what is asked for from the first day of a truce is wanted, not offered on a condition
    analysis = analyze(record_pipeline, "Zelensky insists on monitors from the first day of a ceasefire.")
    assert stance(analysis, "volodymyr-zelensky", "monitoring_intelligence").polarity == "support"
    analysis = analyze(record_pipeline, "Zelensky said Ukraine has asked the IAEA to send monitors within two "
                                        "weeks of a ceasefire.")
    assert stance(analysis, "ukraine", "monitoring_intelligence").polarity == "support"


def test_looking_at_or_weighing_an_act_is_conditional(record_pipeline):
    analysis = analyze(record_pipeline, 'Poland said it was "looking seriously" at sending troops.')
    assert stance(analysis, "poland", "foreign_troops").polarity == "conditional"
    analysis = analyze(record_pipeline, "Russia is quietly weighing a proposal to allow unarmed observers.")
    assert stance(analysis, "russia", "monitoring_intelligence").polarity == "conditional"


def test_a_coordinated_clause_with_its_own_subject_keeps_its_own_polarity(record_pipeline):
    analysis = analyze(record_pipeline, "Turkey has offered a mine-clearance unit, and Poland would place two "
                                        "surveillance aircraft at the disposal of the monitors.")
    assert not [s for s in analysis.stances if s.actor == "turkey" and s.topic == "monitoring_intelligence"]
    analysis = analyze(record_pipeline, "She said Ukraine would not discuss NATO membership and that elections "
                                        "would be called once martial law ended.")
    assert stance(analysis, "ukraine", "nato_membership").polarity == "oppose"
    assert not [s for s in analysis.stances if s.topic == "elections_leadership" and s.polarity == "oppose"]


def test_a_force_led_by_a_state_is_a_foreign_force(record_pipeline):
    analysis = analyze(record_pipeline, "Russia rejects a British-led force in any form.")
    assert stance(analysis, "russia", "foreign_troops").polarity == "oppose"
    assert commitment(analysis, "russia", "foreign_troops").modality == "refused"


def test_inspectors_are_monitors_unless_nuclear(record_pipeline):
    analysis = analyze(record_pipeline, "Zelensky said Ukraine wants international inspectors on the front line.")
    assert stance(analysis, "ukraine", "monitoring_intelligence").polarity == "support"
    analysis = analyze(record_pipeline, "Zelensky said Ukraine wants nuclear inspectors at the plant.")
    assert stance(analysis, "ukraine", "nuclear_status").polarity == "support"
    assert not [s for s in analysis.stances if s.topic == "monitoring_intelligence"]


def test_what_must_come_before_a_settlement_is_wanted(record_pipeline):
    analysis = analyze(record_pipeline, "Zelensky said free elections must come before any final settlement.")
    assert stance(analysis, "volodymyr-zelensky", "elections_leadership").polarity == "support"


def test_a_later_clause_answering_a_position_takes_the_same_topic(record_pipeline):
    analysis = analyze(record_pipeline, "Ukraine still refuses to withdraw from the Donbas, and Russia still "
                                        "demands it.")
    assert stance(analysis, "ukraine", "territorial_concessions").polarity == "oppose"
    assert stance(analysis, "russia", "territorial_concessions").polarity == "support"
    analysis = analyze(record_pipeline, "Russia insists on a Ukrainian withdrawal from the Donbas as a condition "
                                        "of any settlement; Ukraine still refuses.")
    assert stance(analysis, "ukraine", "territorial_concessions").polarity == "oppose"
    assert commitment(analysis, "ukraine", "territorial_concessions").modality == "refused"
    # an answer with its own object is about that object
    analysis = analyze(record_pipeline, "France supports a ceasefire, and Russia rejects the sanctions.")
    assert not [s for s in analysis.stances if s.actor == "russia" and s.topic == "ceasefire"]


def test_a_joint_statement_speaks_for_the_governments_it_names(record_pipeline):
    analysis = analyze(record_pipeline, "We, the Governments of France, Germany and Poland, met today in Paris.\n\n"
                                        "We are prepared to act as guarantors of a settlement.")
    for state in ("france", "germany", "poland"):
        assert stance(analysis, state, "security_guarantees").polarity == "support"
        assert commitment(analysis, state, "security_guarantees").modality == "ready"
    # "our governments" is the signatories too; agreeing to conclude a treaty promises it, not yet signs it
    analysis = analyze(record_pipeline, "We, the Governments of France, Germany and Poland, met today in Paris.\n\n"
                                        "Our governments have agreed to conclude a Treaty of Guarantee with Ukraine.")
    for state in ("france", "germany", "poland"):
        assert stance(analysis, state, "security_guarantees").polarity == "support"
        assert commitment(analysis, state, "security_guarantees").modality == "pledged"
    analysis = analyze(record_pipeline, "France and Germany agreed to extend the ceasefire.")
    assert commitment(analysis, "france", "ceasefire").modality == "signed"


def test_signing_away_or_trading_land_is_a_territorial_concession(record_pipeline):
    analysis = analyze(record_pipeline, 'Zelensky said: "I will not sign away Donetsk, Luhansk or a single '
                                        'village."')
    assert stance(analysis, "volodymyr-zelensky", "territorial_concessions").polarity == "oppose"
    assert commitment(analysis, "volodymyr-zelensky", "territorial_concessions").modality == "refused"
    # a subject with "no" denies the act: no one will
    analysis = analyze(record_pipeline, "Zelensky said no government he leads will trade land for quiet.")
    assert stance(analysis, "volodymyr-zelensky", "territorial_concessions").polarity == "oppose"


def test_a_limit_on_what_is_scheduled_wanted_or_ready_is_a_deadline(record_pipeline):
    analysis = analyze(record_pipeline, "The first deliveries are scheduled before the end of March.")
    assert deadline(analysis, "2026-03-31").expression.text == "before the end of March"
    analysis = analyze(record_pipeline, "Zelensky wants the text initialled by the end of October.")
    assert deadline(analysis, "2025-10-31").actor == "volodymyr-zelensky"
    analysis = analyze(record_pipeline, "Both sides are ready for a further exchange before the end of September.")
    deadline(analysis, "2025-09-30")
    # a limit said to be past is no deadline to come: the month's end is next year's
    analysis = analyze(record_pipeline, "The Union said it would open accession talks before the end of May.")
    deadline(analysis, "2026-05-31")


def test_the_middle_of_a_month_is_its_fifteenth(record_pipeline):
    analysis = analyze(record_pipeline, "Kyiv hopes to bring home another 500 men by the middle of October.")
    assert deadline(analysis, "2025-10-15").hedged


def test_an_act_announced_for_a_day_is_scheduled(record_pipeline):
    analysis = analyze(record_pipeline, "The vote in the Verkhovna Rada will be taken on 4 September.")
    assert deadline(analysis, "2025-09-04").expression.text == "on 4 September"
    analysis = analyze(record_pipeline, '"Russia will not accept them, today or later," Peskov said.')
    assert not analysis.deadlines


def test_a_span_counted_from_another_event_is_no_deadline_from_today(record_pipeline):
    analysis = analyze(record_pipeline, "Zelensky said: \"When the last Russian soldier has left, I will call "
                                        "elections within six months.\"")
    assert not analysis.deadlines
    analysis = analyze(record_pipeline, "Zelensky said he will call elections within six months.")
    deadline(analysis, "2026-02-20")


def test_guarantees_that_a_state_never_joins_oppose_its_membership(record_pipeline):
    analysis = analyze(record_pipeline, "Lavrov said Moscow wanted guarantees that Ukraine would never join NATO.")
    assert stance(analysis, "russia", "nato_membership").polarity == "oppose"
    # what Russia wants assured is no refusal of Ukraine's
    assert not [s for s in analysis.stances if s.actor == "ukraine"]
    assert not [c for c in analysis.commitments if c.actor == "ukraine"]


def test_not_without_makes_the_refusal_a_condition(record_pipeline):
    analysis = analyze(record_pipeline, "Rubio said the United States would not provide security guarantees "
                                        "without a ceasefire.")
    assert stance(analysis, "united-states", "security_guarantees").polarity == "conditional"
    assert stance(analysis, "united-states", "ceasefire").polarity == "support"
    assert not [c for c in analysis.commitments if c.topic == "ceasefire"]


def test_time_granted_to_act_wants_the_act(record_pipeline):
    analysis = analyze(record_pipeline, "Trump gave Putin 50 days to agree to a ceasefire.")
    assert stance(analysis, "donald-trump", "ceasefire").polarity == "support"
    deadline(analysis, "2025-10-09")


def test_withdrawing_from_the_rest_of_a_region_is_a_territorial_concession(record_pipeline):
    analysis = analyze(record_pipeline, "Moscow demands that Kyiv withdraw its forces from the rest of the "
                                        "Donetsk region.")
    assert stance(analysis, "russia", "territorial_concessions").polarity == "support"
    assert commitment(analysis, "russia", "territorial_concessions").modality == "demanded"


def test_a_force_pulling_back_or_leaving_a_place_is_a_territorial_concession(record_pipeline):
    analysis = analyze(record_pipeline, "Moscow demands that Ukrainian forces pull back 20 kilometres from the "
                                        "line of contact.")
    assert stance(analysis, "russia", "territorial_concessions").polarity == "support"
    analysis = analyze(record_pipeline, "Zelensky said the army would not pull back a single metre.")
    assert stance(analysis, "volodymyr-zelensky", "territorial_concessions").polarity == "oppose"
    analysis = analyze(record_pipeline, "Moscow demands that Ukrainian forces leave the islands below Kherson.")
    assert stance(analysis, "russia", "territorial_concessions").polarity == "support"
    # a person leaving a city, or an application withdrawn "to" an alliance, gives up no land
    analysis = analyze(record_pipeline, "Moscow demands that the envoy leave Kyiv.")
    assert not [s for s in analysis.stances if s.topic == "territorial_concessions"]
    analysis = analyze(record_pipeline, "Russia called on Ukraine to withdraw its application to the European "
                                        "Court.")
    assert not [s for s in analysis.stances if s.topic == "territorial_concessions"]
    # forces that must leave before sanctions end time the sanctions; they are not demanded here
    analysis = analyze(record_pipeline, "France wants sanctions kept until Russian forces leave Donetsk.")
    assert not [s for s in analysis.stances if s.topic == "territorial_concessions"]
    # ... but a refusal until they leave asks for their leaving
    analysis = analyze(record_pipeline, "Russia says there can be no ceasefire until Ukrainian units leave Donetsk "
                                        "province.")
    assert stance(analysis, "russia", "territorial_concessions").polarity == "support"
    assert stance(analysis, "russia", "ceasefire").polarity == "conditional"


def test_what_a_topic_can_only_follow_is_required(record_pipeline):
    analysis = analyze(record_pipeline, "Russia maintained that a ceasefire could only follow the withdrawal of "
                                        "Ukrainian troops from Donetsk.")
    assert stance(analysis, "russia", "ceasefire").polarity == "conditional"
    assert stance(analysis, "russia", "territorial_concessions").polarity == "support"
    assert commitment(analysis, "russia", "territorial_concessions").modality == "demanded"


def test_what_a_topic_must_come_with_is_demanded(record_pipeline):
    analysis = analyze(record_pipeline, 'Zelensky said: "An extension must come with monitors and with the '
                                        'exchange of prisoners."')
    assert commitment(analysis, "volodymyr-zelensky", "monitoring_intelligence").modality == "demanded"
    assert commitment(analysis, "volodymyr-zelensky", "prisoner_exchange").modality == "demanded"
    analysis = analyze(record_pipeline, "Russia said any ceasefire must be preceded by the withdrawal of Ukrainian "
                                        "forces from Donetsk.")
    assert commitment(analysis, "russia", "territorial_concessions").modality == "demanded"
    # what did come first is a report, not a demand
    analysis = analyze(record_pipeline, "The ceasefire was preceded by the withdrawal of Ukrainian troops from "
                                        "Donetsk.")
    assert not analysis.commitments


def test_a_topic_that_must_or_will_stay_until_is_demanded_or_pledged(record_pipeline):
    analysis = analyze(record_pipeline, "Sanctions must stay until the last occupying soldier has gone, Zelensky "
                                        "said.")
    assert commitment(analysis, "volodymyr-zelensky", "sanctions").modality == "demanded"
    analysis = analyze(record_pipeline, "Von der Leyen said the sanctions would stay in place until Russia leaves.")
    assert commitment(analysis, "ursula-von-der-leyen", "sanctions").modality == "pledged"
    # with no end named, a forecast; under another's verb, theirs
    analysis = analyze(record_pipeline, "Von der Leyen said sanctions would stay.")
    assert not analysis.commitments
    analysis = analyze(record_pipeline, "KYIV, 11 March 2026 - President Volodymyr Zelensky addressed parliament "
                                        "on Monday.\n\nThe partners agreed that sanctions will stay until Russia "
                                        "leaves.\n")
    assert not analysis.commitments


def test_rejecting_that_demand_answers_the_demand_just_made(record_pipeline):
    analysis = analyze(record_pipeline, "Russia maintained that a ceasefire could only follow the withdrawal of "
                                        "Ukrainian troops from Donetsk. Ukraine rejected that demand.")
    held = stance(analysis, "ukraine", "territorial_concessions")
    assert held.polarity == "oppose" and held.evidence.text.startswith("Ukraine rejected")
    # not the demand of the one who answers, nor a demand too far back
    analysis = analyze(record_pipeline, "Ukraine wants more air defence systems. Ukraine rejected that demand.")
    assert stance(analysis, "ukraine", "military_aid").polarity == "support"
    assert len(analysis.stances) == 1
    analysis = analyze(record_pipeline, "Russia demands that Ukraine withdraw from Donetsk. The talks resumed. "
                                        "The envoys met. Delegates dined. Ukraine rejected that demand.")
    assert not [s for s in analysis.stances if s.actor == "ukraine"]


def test_welcoming_or_rejecting_the_offer_answers_the_offer_just_made(record_pipeline):
    analysis = analyze(record_pipeline, "Russia offered to exchange prisoners on Friday. Ukraine welcomed the offer.")
    assert stance(analysis, "ukraine", "prisoner_exchange").polarity == "support"
    analysis = analyze(record_pipeline, "Russia offered to exchange prisoners on Friday. Ukraine rejected the offer.")
    assert stance(analysis, "ukraine", "prisoner_exchange").polarity == "oppose"


def test_measures_lifted_or_imposed_are_sanctions_and_prisoners_handed_over_an_exchange(record_pipeline):
    analysis = analyze(record_pipeline, "France will not lift a single measure while Russian troops remain in "
                                        "Ukraine.")
    assert stance(analysis, "france", "sanctions").polarity == "support"
    assert commitment(analysis, "france", "sanctions").modality == "refused"
    analysis = analyze(record_pipeline, "Germany will impose new restrictions on Russian banks.")
    assert stance(analysis, "germany", "sanctions").polarity == "support"
    # (the parse takes "over" for the number's, the act is still handing prisoners over)
    analysis = analyze(record_pipeline, "Russia will hand over 300 Ukrainian prisoners on Sunday.")
    assert stance(analysis, "russia", "prisoner_exchange").polarity == "support"
    analysis = analyze(record_pipeline, "Britain is prepared to lead a ground force.")
    assert commitment(analysis, "united-kingdom", "foreign_troops").modality == "ready"


def test_a_tally_of_votes_is_no_election(record_pipeline):
    analysis = analyze(record_pipeline, "The Bundestag approved the motion by 341 votes to 227.")
    assert not [s for s in analysis.stances if s.topic == "elections_leadership"]
    analysis = analyze(record_pipeline, "Zelensky said a vote could be held within six months.")
    assert stance(analysis, "volodymyr-zelensky", "elections_leadership").polarity == "conditional"


def test_readiness_required_of_others_is_the_speakers_demand(record_pipeline):
    analysis = analyze(record_pipeline, "Germany's chancellor Friedrich Merz said Europe must be prepared to "
                                        "provide security guarantees.")
    assert stance(analysis, "friedrich-merz", "security_guarantees").polarity == "support"
    assert commitment(analysis, "friedrich-merz", "security_guarantees").modality == "demanded"


def test_recognising_or_giving_land_is_a_territorial_concession(record_pipeline):
    analysis = analyze(record_pipeline, "Kyiv will not recognise Crimea as part of Russia.")
    assert stance(analysis, "ukraine", "territorial_concessions").polarity == "oppose"
    analysis = analyze(record_pipeline, '"We are not going to give Putin the land he could not take," '
                                        'Zelensky said.')
    assert stance(analysis, "volodymyr-zelensky", "territorial_concessions").polarity == "oppose"
    # giving a state time is no land
    analysis = analyze(record_pipeline, "A ceasefire without guarantees would only give Russia time to rearm.")
    assert not [s for s in analysis.stances if s.topic == "territorial_concessions"]


def test_peace_treaties_dialogue_and_a_seat_at_the_table_are_talks(record_pipeline):
    analysis = analyze(record_pipeline, "Russia is ready to discuss a memorandum on a future peace treaty.")
    assert stance(analysis, "russia", "peace_talks").polarity == "conditional"
    analysis = analyze(record_pipeline, "European leaders insisted that Ukraine must have a seat at the table.")
    assert [s for s in analysis.stances if s.topic == "peace_talks" and s.polarity == "support"]


def test_a_position_spelled_out_by_a_predicate_adjective(record_pipeline):
    analysis = analyze(record_pipeline, "Ukraine's position is that any ceasefire must be unconditional.")
    assert stance(analysis, "ukraine", "ceasefire").polarity == "support"


def test_pushing_another_to_act_is_a_demand(record_pipeline):
    analysis = analyze(record_pipeline, "Washington is pushing Kyiv to accept a deal that would cede territory.")
    assert commitment(analysis, "united-states", "territorial_concessions").modality == "demanded"


def test_topic_vocabulary_of_wire_reports(record_pipeline):
    analysis = analyze(record_pipeline, "Britain supports an international force in Ukraine after a ceasefire.")
    assert stance(analysis, "united-kingdom", "foreign_troops").polarity == "conditional"
    analysis = analyze(record_pipeline, "Russia rejects any land for peace deal.")
    assert stance(analysis, "russia", "territorial_concessions").polarity == "oppose"
    analysis = analyze(record_pipeline, "Zelensky asked for more lethal aid.")
    assert commitment(analysis, "volodymyr-zelensky", "military_aid").modality == "demanded"


def test_a_contrasting_clause_has_its_own_position(record_pipeline):
    analysis = analyze(record_pipeline, "Italy said it would not send troops but could help with demining in the "
                                        "Black Sea.")
    assert stance(analysis, "italy", "foreign_troops").polarity == "oppose"
    assert stance(analysis, "italy", "maritime_support").polarity == "conditional"


def test_support_timed_after_the_war_or_martial_law_is_conditional(record_pipeline):
    analysis = analyze(record_pipeline, "Zelensky said Ukraine would hold elections once martial law is lifted.")
    assert stance(analysis, "ukraine", "elections_leadership").polarity == "conditional"
    analysis = analyze(record_pipeline, "Zelensky said Ukraine would hold elections after the war ends.")
    assert stance(analysis, "ukraine", "elections_leadership").polarity == "conditional"


def test_a_question_takes_no_position_but_a_bare_answer_does(record_pipeline):
    analysis = analyze(record_pipeline, 'Asked whether Russia would accept European peacekeepers, Lavrov said: '
                                        '"Absolutely not."')
    assert stance(analysis, "russia", "foreign_troops").polarity == "oppose"
    assert commitment(analysis, "russia", "foreign_troops").modality == "refused"
    analysis = analyze(record_pipeline, 'Asked if Britain would send troops, Starmer said: "Yes, of course."')
    assert stance(analysis, "united-kingdom", "foreign_troops").polarity == "support"
    analysis = analyze(record_pipeline, "The minister asked whether Russia would accept peacekeepers.")
    assert not analysis.stances and not analysis.commitments
    # an answer in words is read on its own
    analysis = analyze(record_pipeline, "Asked about sanctions relief, Kallas said it was out of the question.")
    assert not [s for s in analysis.stances if s.polarity == "support"]


def test_interest_in_a_topic_is_a_position_of_the_subject(record_pipeline):
    analysis = analyze(record_pipeline, "Russia is not interested in a temporary ceasefire, Ushakov said.")
    assert stance(analysis, "russia", "ceasefire").polarity == "oppose"
    assert not [s for s in analysis.stances if s.actor == "yuri-ushakov"]


def test_a_judgement_the_parse_hangs_on_the_object(record_pipeline):
    analysis = analyze(record_pipeline, "Lavrov said Russia would regard any European troops deployed in Ukraine as "
                                        "legitimate targets.")
    assert stance(analysis, "russia", "foreign_troops").polarity == "oppose"
    assert not [s for s in analysis.stances if s.topic == "elections_leadership"]  # "legitimate target"


def test_out_of_the_question_opposes_its_subject(record_pipeline):
    analysis = analyze(record_pipeline, "The Kremlin said Ukraine's membership of NATO was out of the question.")
    assert stance(analysis, "kremlin", "nato_membership").polarity == "oppose"


def test_backed_by_is_a_requirement_only_when_asked_for(record_pipeline):
    analysis = analyze(record_pipeline, "Starmer said any deal must be backed by a US security guarantee.")
    assert stance(analysis, "keir-starmer", "security_guarantees").polarity == "support"
    analysis = analyze(record_pipeline, "Any ceasefire must be underpinned by security guarantees, Macron said.")
    assert stance(analysis, "emmanuel-macron", "ceasefire").polarity == "conditional"
    analysis = analyze(record_pipeline, "The sanctions were backed by France.")
    assert stance(analysis, "france", "sanctions").polarity == "support"


def test_a_meeting_with_a_named_leader_is_a_talks_topic(record_pipeline):
    analysis = analyze(record_pipeline, "Zelensky said he was ready to meet Putin in any format.")
    assert stance(analysis, "volodymyr-zelensky", "peace_talks").polarity == "support"
    assert commitment(analysis, "volodymyr-zelensky", "peace_talks").modality == "ready"
    analysis = analyze(record_pipeline, "Zelensky has repeatedly called for a meeting with Putin.")
    assert commitment(analysis, "volodymyr-zelensky", "peace_talks").modality == "demanded"
    analysis = analyze(record_pipeline, "Trump met Starmer at Chequers.")
    assert not analysis.stances and not analysis.commitments  # a meeting that happened takes no position


def test_an_announced_sum_or_truce_is_a_pledge(record_pipeline):
    analysis = analyze(record_pipeline, "Germany announced a 500 million euro package to buy weapons for Ukraine.")
    assert commitment(analysis, "germany", "military_aid").modality == "pledged"
    analysis = analyze(record_pipeline, "Putin announced a three-day truce.")
    assert commitment(analysis, "vladimir-putin", "ceasefire").modality == "pledged"
    analysis = analyze(record_pipeline, "The ministry announced that talks would resume.")
    assert not analysis.commitments  # "announce" commits only to what it announces as its object


def test_a_statement_title_names_its_we(record_pipeline):
    text = ("Statement by the Ministry of Foreign Affairs of Ukraine on the Russian proposal\n\n"
            "We have consistently supported a full ceasefire for at least 30 days.\n\n"
            "Any peace agreement must include reliable security guarantees.")
    analysis = analyze(record_pipeline, text)
    assert stance(analysis, "ukraine-foreign-ministry", "ceasefire").polarity == "support"
    assert stance(analysis, "ukraine-foreign-ministry", "security_guarantees").polarity == "support"
    # without a title naming the voice, the unnamed requirement has no holder
    analysis = analyze(record_pipeline, "Any peace agreement must include reliable security guarantees.")
    assert not analysis.stances


def test_a_judgement_in_an_address_is_the_speakers(record_pipeline):
    text = ("KYIV, 11 March 2026 - President Volodymyr Zelensky addressed parliament on Monday.\n\n"
            "Sanctions must stay until the last occupying soldier has gone. Membership of NATO is the only "
            "guarantee that has never failed.\n")
    analysis = analyze(record_pipeline, text)
    assert stance(analysis, "volodymyr-zelensky", "sanctions").polarity == "support"
    assert stance(analysis, "volodymyr-zelensky", "nato_membership").polarity == "support"
    # not a clause under an unnamed group's own verb
    analysis = analyze(record_pipeline, "KYIV, 11 March 2026 - President Volodymyr Zelensky addressed parliament "
                                        "on Monday.\n\nThe partners agreed that sanctions must stay.\n")
    assert not analysis.stances


def test_items_that_open_with_a_verb_belong_to_the_subject_that_leads_the_list(record_pipeline):
    text = ("The defence ministers of France, Germany and Poland met in Berlin on Thursday. The ministers agreed "
            "a plan.\n\nThe three states:\n- reaffirm their support for the territorial integrity of Ukraine;\n"
            "- stand ready to provide Ukraine with binding security guarantees.\n\nThe ministers call on Russia "
            "to:\n- release all prisoners of war.\n")
    analysis = analyze(record_pipeline, text)
    for state in ("france", "germany", "poland"):
        assert stance(analysis, state, "security_guarantees").polarity == "support"
        assert stance(analysis, state, "territorial_concessions").polarity == "oppose"
    # the guarantees go to Ukraine, which gives none; a lead that is a clause of its own names no subject
    assert not [s for s in analysis.stances if s.actor == "ukraine"]
    assert not [s for s in analysis.stances if s.actor == "russia" and s.topic == "prisoner_exchange"]


def test_the_outlet_that_publishes_a_text_is_not_its_voice(tmp_path):
    pipeline = with_gazetteer(tmp_path, "  - {id: harbour-wire, name: Harbour Wire, kind: organization}\n")
    text = ("Harbour Wire publishes below the text of the declaration.\n\n"
            "Sanctions must stay until the last occupying soldier has gone.\n")
    analysis = pipeline.analyze(make_document(text, published="2026-03-11", outlet="Harbour Wire"))
    assert not analysis.stances
    # published elsewhere, the same words are Harbour Wire's own
    analysis = pipeline.analyze(make_document(text, published="2026-03-11", outlet="Lirsk Daily"))
    assert stance(analysis, "harbour-wire", "sanctions").polarity == "support"


def test_an_address_by_the_head_of_a_state_speaks_for_it(record_pipeline):
    text = ("Address by the President of Ukraine\n\n"
            "We need real security guarantees, not words on paper.\n\n"
            "No one will recognise the occupation.")
    analysis = analyze(record_pipeline, text)
    # (the "not" belongs to the contrast, not to the guarantees)
    assert stance(analysis, "ukraine", "security_guarantees").polarity == "support"
    assert stance(analysis, "ukraine", "territorial_concessions").polarity == "oppose"


def test_what_a_settlement_requires_is_wanted_by_who_says_so(record_pipeline):
    analysis = analyze(record_pipeline, "Macron said any peace agreement must include reliable security guarantees.")
    assert stance(analysis, "emmanuel-macron", "security_guarantees").polarity == "support"
    analysis = analyze(record_pipeline, "Macron said the plan includes a ceasefire.")
    assert not [s for s in analysis.stances if s.topic == "ceasefire"]  # what a plan holds is no one's demand


def test_rejecting_a_named_truce_is_no_condition(record_pipeline):
    analysis = analyze(record_pipeline, "Ukraine rejects the truce announced by Moscow.")
    assert stance(analysis, "ukraine", "ceasefire").polarity == "oppose"
    analysis = analyze(record_pipeline, "Ukraine would only accept a ceasefire backed by security guarantees.")
    assert stance(analysis, "ukraine", "ceasefire").polarity == "conditional"


def test_a_penalty_demanded_over_a_condition_wants_the_condition_met(record_pipeline):
    analysis = analyze(record_pipeline, "Britain called for tougher sanctions if Russia rejects the ceasefire.")
    assert stance(analysis, "united-kingdom", "ceasefire").polarity == "support"


def test_what_unnamed_others_pledged_in_a_time_clause_is_not_the_speakers_pledge(record_pipeline):
    analysis = analyze(record_pipeline, "The Kremlin said on Friday that any deployment of European troops in Ukraine "
                                        "would be unacceptable, a day after more than two dozen countries pledged to "
                                        "take part in a postwar reassurance force.")
    assert stance(analysis, "kremlin", "foreign_troops").polarity == "oppose"
    assert not [c for c in analysis.commitments if c.actor == "kremlin"]


def test_without_a_topic_there_will_be_no_other_is_a_condition(record_pipeline):
    analysis = analyze(record_pipeline, "Without a ceasefire, there will be no talks, Zelensky said.")
    assert stance(analysis, "volodymyr-zelensky", "peace_talks").polarity == "conditional"
    analysis = analyze(record_pipeline, "The West says that without military presence there will be no guarantees.")
    assert stance(analysis, "the-west", "security_guarantees").polarity == "conditional"
    assert stance(analysis, "the-west", "foreign_troops").polarity == "support"


def test_calls_dismissed_or_resisted_are_refusals(record_pipeline):
    analysis = analyze(record_pipeline, "Washington has so far resisted calls to provide long-range missiles.")
    assert stance(analysis, "united-states", "military_aid").polarity == "oppose"
    analysis = analyze(record_pipeline, "Moscow dismissed calls for an unconditional ceasefire.")
    assert commitment(analysis, "russia", "ceasefire").modality == "refused"


def test_eu_accession_talks_are_about_membership_not_peace_talks(record_pipeline):
    analysis = analyze(record_pipeline, "Hungary is not opposed to Ukraine's EU accession talks, Orban said.")
    assert stance(analysis, "hungary", "eu_membership").polarity == "support"
    assert not [s for s in analysis.stances if s.topic == "peace_talks"]


def test_what_is_done_instead_of_a_topic_opposes_it(record_pipeline):
    analysis = analyze(record_pipeline, "Poland will provide logistics rather than send soldiers.")
    assert stance(analysis, "poland", "foreign_troops").polarity == "oppose"
    analysis = analyze(record_pipeline, "Poland will provide logistics and send soldiers.")
    assert stance(analysis, "poland", "foreign_troops").polarity == "support"
    analysis = analyze(record_pipeline, "Germany will train Ukrainian soldiers instead of sending troops.")
    assert commitment(analysis, "germany", "military_aid").modality == "pledged"  # training is aid
    assert not [c for c in analysis.commitments if c.topic == "foreign_troops"]


def test_deadlines_set_approximate_or_passed(record_pipeline):
    # published on a Wednesday: the deadline set for Thursday is the coming one
    analysis = analyze(record_pipeline, "Trump set a deadline of Thursday for Ukraine to accept the peace plan.")
    assert deadline(analysis, "2025-08-21").actor == "donald-trump"
    analysis = analyze(record_pipeline, "Zelensky said a prisoner swap could take place as early as next week.")
    assert deadline(analysis, "2025-08-31").hedged
    analysis = analyze(record_pipeline, 'Trump said he would give Putin "about two weeks" to decide.')
    assert deadline(analysis, "2025-09-03").actor == "donald-trump"
    analysis = analyze(record_pipeline, "The deadline passed on Friday.")
    assert deadline(analysis, "2025-08-15")  # a deadline that passed is still one, to be checked as missed


def test_a_deadline_wanted_of_another_is_the_wanters(record_pipeline):
    analysis = analyze(record_pipeline, "The White House wants Kyiv to sign off on the framework by November 27.")
    assert deadline(analysis, "2025-11-27").actor == "white-house"


def test_readiness_denied_is_a_refusal(record_pipeline):
    analysis = analyze(record_pipeline, "Zelensky said Ukraine was not ready to give up territory in exchange for a "
                                        "ceasefire.")
    assert commitment(analysis, "ukraine", "territorial_concessions").modality == "refused"
    assert stance(analysis, "ukraine", "territorial_concessions").polarity == "oppose"


def test_a_contrasted_predicate_keeps_its_own_polarity(record_pipeline):
    analysis = analyze(record_pipeline, "Putin said he was not against Ukraine's membership of the EU but firmly "
                                        "opposed to its joining NATO.")
    assert stance(analysis, "vladimir-putin", "eu_membership").polarity == "support"
    assert stance(analysis, "vladimir-putin", "nato_membership").polarity == "oppose"


def test_what_a_demand_would_buy_is_no_position_of_its_own(record_pipeline):
    analysis = analyze(record_pipeline, "Russia has demanded that the West stop arms supplies to Ukraine as a "
                                        "condition for a ceasefire.")
    assert stance(analysis, "russia", "military_aid").polarity == "oppose"
    assert not [r for r in [*analysis.stances, *analysis.commitments] if r.topic == "ceasefire"]


def test_possible_only_on_a_condition(record_pipeline):
    analysis = analyze(record_pipeline, "The Kremlin said a meeting between Putin and Zelensky was possible only after "
                                        "a peace agreement was ready.")
    assert stance(analysis, "kremlin", "peace_talks").polarity == "conditional"
    analysis = analyze(record_pipeline, "Russia declares that a ceasefire is possible only on condition of the "
                                        "complete withdrawal of Ukrainian forces.")
    assert stance(analysis, "russia", "ceasefire").polarity == "conditional"
    analysis = analyze(record_pipeline, "A ceasefire is possible, Peskov said.")
    assert stance(analysis, "dmitry-peskov", "ceasefire").polarity == "support"


def test_labelled_items_under_a_pledges_lead(record_pipeline):
    text = ("Ukraine's allies pledged new military aid on Wednesday. Key pledges:\n\n"
            "- Germany: 2 billion euros for long-range drones and air defence systems.\n"
            "- Norway and Sweden: funding for Patriot systems bought from the United States.\n\n"
            "Other business:\n\n- Hungary: a debate on sanctions.\n")
    analysis = analyze(record_pipeline, text)
    assert commitment(analysis, "germany", "military_aid").modality == "pledged"
    assert commitment(analysis, "norway", "military_aid").modality == "pledged"
    assert commitment(analysis, "sweden", "military_aid").modality == "pledged"
    assert not [c for c in analysis.commitments if c.actor in {"hungary", "united-states"}]


def test_considering_a_topic_unacceptable_is_a_judgement_not_a_deliberation(record_pipeline):
    analysis = analyze(record_pipeline, "Moscow considers the deployment of any foreign military contingents in "
                                        "Ukraine unacceptable.")
    assert stance(analysis, "russia", "foreign_troops").polarity == "oppose"
    assert not analysis.commitments
    analysis = analyze(record_pipeline, "Russia considers sending troops.")
    assert commitment(analysis, "russia", "foreign_troops").modality == "considering"


def test_a_settlement_of_the_conflict_is_a_talks_topic(record_pipeline):
    analysis = analyze(record_pipeline, "The Russian side reaffirmed its readiness for a political and diplomatic "
                                        "settlement of the conflict.")
    assert stance(analysis, "russia", "peace_talks").polarity == "support"


def test_a_passive_commitment_names_its_action(record_pipeline):
    analysis = analyze(record_pipeline, "Maritime support will be provided by Canada.")
    assert commitment(analysis, "canada", "maritime_support").action == "Maritime support will be provided"


def test_a_passive_undoing_in_a_condition_is_what_is_asked(record_pipeline):
    analysis = analyze(record_pipeline, "Putin stressed that a ceasefire would only be possible if Western arms "
                                        "deliveries to Kyiv were halted.")
    assert stance(analysis, "vladimir-putin", "military_aid").polarity == "oppose"
    assert stance(analysis, "vladimir-putin", "ceasefire").polarity == "conditional"


def test_a_commitment_to_a_settlement(record_pipeline):
    analysis = analyze(record_pipeline, "Putin reaffirmed Russia's commitment to a settlement of the conflict through "
                                        "negotiations.")
    assert stance(analysis, "russia", "peace_talks").polarity == "support"


def test_a_demand_dropped_or_no_longer_made_is_no_demand(record_pipeline):
    analysis = analyze(record_pipeline, "Washington dropped its demand for an immediate ceasefire.")
    assert not analysis.commitments
    analysis = analyze(record_pipeline, "The Kremlin has backed away from its demand that Ukraine withdraw from "
                                        "Zaporizhzhia.")
    assert not analysis.commitments
    analysis = analyze(record_pipeline, "Moscow no longer insists on Ukraine's neutrality, officials said.")
    assert not analysis.commitments
    analysis = analyze(record_pipeline, "Kyiv rejected Moscow's demand for a withdrawal from Zaporizhzhia.")
    assert commitment(analysis, "russia", "territorial_concessions").modality == "demanded"  # still Moscow's


def test_a_labelled_item_with_its_own_subject_is_that_subjects(record_pipeline):
    text = ("What each country offers:\n\n"
            "* BRITAIN: Prime Minister Keir Starmer has offered to lead a multinational reassurance force.\n"
            "* POLAND: logistics support and a hub for supplies.\n")
    analysis = analyze(record_pipeline, text)
    assert commitment(analysis, "keir-starmer", "foreign_troops").modality == "offered"
    assert not [c for c in analysis.commitments if c.actor == "united-kingdom"]


def test_what_must_be_part_of_a_settlement_and_what_is_prepared(record_pipeline):
    analysis = analyze(record_pipeline, "The lifting of all sanctions must be part of any settlement, Lavrov said.")
    assert stance(analysis, "sergei-lavrov", "sanctions").polarity == "oppose"
    analysis = analyze(record_pipeline, "The European Union is preparing a new package of sanctions.")
    assert stance(analysis, "european-union", "sanctions").polarity == "support"
    analysis = analyze(record_pipeline, "Ukraine will not be part of NATO, Trump said.")
    assert stance(analysis, "donald-trump", "nato_membership").polarity == "oppose"


def test_a_leaders_own_channel_speaks_in_the_first_person(record_pipeline):
    text = "Today I spoke with Prime Minister Keir Starmer. We are ready for a ceasefire. We will not cede Donbas."
    document = make_document(text, published="2025-08-20", outlet="Volodymyr Zelensky (official channel)")
    analysis = record_pipeline.analyze(document)
    assert stance(analysis, "volodymyr-zelensky", "ceasefire").polarity == "support"
    assert commitment(analysis, "volodymyr-zelensky", "territorial_concessions").modality == "refused"
    assert "volodymyr-zelensky" in {a.id for a in analysis.actors}
    # a newspaper as outlet is nobody's first person
    document = make_document(text, published="2025-08-20", outlet="The Kyiv Independent")
    assert not record_pipeline.analyze(document).stances


def test_a_conversation_reported_takes_no_position(record_pipeline):
    analysis = analyze(record_pipeline, "Macron and Starmer discussed sanctions on Tuesday.")
    assert not analysis.stances and not analysis.commitments
    analysis = analyze(record_pipeline, "Russia is discussing a ceasefire, Peskov said.")
    assert commitment(analysis, "russia", "ceasefire").modality == "considering"
    analysis = analyze(record_pipeline, "Russia will not discuss sanctions, Peskov said.")
    assert stance(analysis, "russia", "sanctions").polarity == "oppose"


def test_dated_events_named_by_nouns_and_promises_by_a_date(record_pipeline):
    analysis = analyze(record_pipeline, "Zelensky said a summit on September 4 would decide the guarantees.")
    assert deadline(analysis, "2025-09-04")
    analysis = analyze(record_pipeline, "NATO leaders held a summit in The Hague on June 25.")
    assert not analysis.deadlines  # a dated event in the past is a report
    analysis = analyze(record_pipeline, "Trump has set Thursday as the deadline for Kyiv to respond.")
    assert deadline(analysis, "2025-08-21").actor == "donald-trump"
    analysis = analyze(record_pipeline, "The coalition of the willing will hold a video call on Tuesday to discuss "
                                        "the plan.")
    assert deadline(analysis, "2025-08-26").actor == "coalition-of-the-willing"
    analysis = analyze(record_pipeline, "The mediator has promised a revised text by 14 September.")
    assert deadline(analysis, "2025-09-14")
    analysis = analyze(record_pipeline, "Zelensky instructed the ministry to present a plan within three days.")
    assert deadline(analysis, "2025-08-23")


def test_not_up_for_negotiation_is_a_firm_yes(record_pipeline):
    analysis = analyze(record_pipeline, '"The reassurance force is not up for negotiation," Starmer said.')
    assert stance(analysis, "keir-starmer", "foreign_troops").polarity == "support"
    assert not [s for s in analysis.stances if s.topic == "peace_talks"]


def test_a_quoted_predicate_is_the_speakers_though_its_subject_is_outside_the_quote(record_pipeline):
    analysis = analyze(record_pipeline, 'Kaja Kallas spoke in Brussels. Sanctions on Russia "stay until the troops '
                                        'leave", she said.')
    assert stance(analysis, "kaja-kallas", "sanctions").polarity == "support"
    assert not [s for s in analysis.stances if s.actor == "russia"]


def test_an_easing_named_alone_after_the_sanctions_is_their_undoing(record_pipeline):
    analysis = analyze(record_pipeline, "The EU has kept its sanctions on Russia in force since 2022. Poland and "
                                        "Lithuania oppose any easing before Russian troops leave Ukraine.")
    assert stance(analysis, "poland", "sanctions").polarity == "support"
    assert stance(analysis, "lithuania", "sanctions").polarity == "support"
    # an easing with its own object, or one before any sanctions were named, is not theirs
    analysis = analyze(record_pipeline, "Hungary opposes any easing. Hungary opposes any easing of tensions. "
                                        "The sanctions stay in force.")
    assert not [s for s in analysis.stances if s.actor == "hungary"]


def test_a_working_group_is_about_what_it_works_on(record_pipeline):
    analysis = analyze(record_pipeline, "Russia and Ukraine agreed to set up a working group on detainees.")
    assert stance(analysis, "russia", "prisoner_exchange").polarity == "support"
    assert not [s for s in analysis.stances if s.topic == "peace_talks"]


def test_the_readiness_of_a_state_is_that_states_position(record_pipeline):
    analysis = analyze(record_pipeline, "Macron welcomed the readiness of Britain to send troops.")
    assert stance(analysis, "united-kingdom", "foreign_troops").polarity == "support"
    assert stance(analysis, "emmanuel-macron", "foreign_troops").polarity == "support"
    analysis = analyze(record_pipeline, "The Ukrainian Foreign Ministry notes with gratitude the readiness of the "
                                        "Kingdom of Norway to keep its naval escorts in the Black Sea.")
    assert commitment(analysis, "norway", "maritime_support").modality == "ready"


def test_the_readiness_of_both_parties_is_each_partys(record_pipeline):
    analysis = analyze(record_pipeline, "Russia and Ukraine met in Istanbul on Monday. The Council welcomes the "
                                        "readiness of both parties to exchange prisoners.")
    assert {c.actor for c in analysis.commitments if c.topic == "prisoner_exchange"
            and c.modality == "ready"} == {"russia", "ukraine"}
    analysis = analyze(record_pipeline, "Russia and Ukraine met in Istanbul on Monday. Both delegations confirmed "
                                        "their readiness to carry out an exchange of 250 prisoners each.")
    assert {c.actor for c in analysis.commitments if c.topic == "prisoner_exchange"
            and c.modality == "ready"} == {"russia", "ukraine"}


def test_a_name_standing_alone_opens_a_passage_its_pronoun_continues(record_pipeline):
    analysis = analyze(record_pipeline, "The Alliance says no invitation can be issued while Russia is at war. "
                                        "Finally, Turkey. It refuses any new sanctions on Russia.")
    assert stance(analysis, "turkey", "sanctions").polarity == "oppose"
    assert not [s for s in analysis.stances if s.actor == "russia"]
    # a speaker's label in a transcript is no such heading: "she" is still the spokeswoman
    analysis = analyze(record_pipeline, "PIA NAVARRO: From Moscow, the reaction was swift. Russia's foreign "
                                        "ministry spokeswoman, Maria Zakharova, warned against the plan. She also "
                                        "dismissed the proposal for a verification mission.")
    assert stance(analysis, "maria-zakharova", "monitoring_intelligence").polarity == "oppose"


def test_who_is_thanked_for_an_act_holds_its_position(record_pipeline):
    analysis = analyze(record_pipeline, "Zelensky said: We thank Turkey for hosting the exchange of 30 March.")
    assert stance(analysis, "turkey", "prisoner_exchange").polarity == "support"
    analysis = analyze(record_pipeline, "Zelensky praised Norway for supporting sanctions.")
    assert stance(analysis, "norway", "sanctions").polarity == "support"
    # one told about an act is not thanked for it
    analysis = analyze(record_pipeline, "Zelensky told Norway that Ukraine supports sanctions.")
    assert not [s for s in analysis.stances if s.actor == "norway"]


def test_a_noun_standing_for_a_membership_named_before(record_pipeline):
    analysis = analyze(record_pipeline, "Ukraine applied to join NATO in 2022. Zelensky said on Monday that Ukraine "
                                        "would never withdraw its application.")
    found = [s for s in analysis.stances if s.evidence.text.endswith("withdraw its application.")]
    assert [(s.actor, s.topic, s.polarity) for s in found] == [("ukraine", "nato_membership", "support")]
    # the latest named of the memberships it can stand for
    analysis = analyze(record_pipeline, "Ukraine wants to join NATO, and EU accession talks open in June. Orban "
                                        "said Hungary would block the application.")
    assert [s.topic for s in analysis.stances if s.actor == "hungary"] == ["eu_membership"]
    # not one named by its own complement, nor before any membership was named
    analysis = analyze(record_pipeline, "Orban said Hungary would block the application. Hungary joined NATO in "
                                        "1999. Orban said Hungary would block the application of the tariff.")
    assert not [s for s in analysis.stances if s.actor == "hungary" and "membership" in s.topic]


def test_a_meeting_of_leaders_or_officers_is_talks_named_once(record_pipeline):
    analysis = analyze(record_pipeline, "Erdogan said Turkey was ready to host a meeting of military officers from "
                                        "both sides.")
    assert stance(analysis, "turkey", "peace_talks").polarity == "support"
    # a term and an action on the same word are one mention, so "such a meeting" still names it again
    analysis = analyze(record_pipeline, "Erdogan spoke in favour of a meeting between the leaders of Russia and "
                                        "Ukraine. He said that Turkey was ready to host such a meeting.")
    assert stance(analysis, "turkey", "peace_talks").polarity == "support"


def test_what_a_party_wants_is_a_demand(record_pipeline):
    analysis = analyze(record_pipeline, "Zelensky said Ukraine wants binding security guarantees.")
    assert commitment(analysis, "ukraine", "security_guarantees").modality == "demanded"


def test_an_act_announced_in_the_passive_is_the_announcers_pledge(record_pipeline):
    analysis = analyze(record_pipeline, "Zelensky said elections would be held within six months of a ceasefire.")
    assert commitment(analysis, "volodymyr-zelensky", "elections_leadership").modality == "pledged"
    # not a negated one, nor one with no subject to do it to
    for text in ("Zelensky said elections would not be held under martial law.",
                 "Starmer said no troops would be deployed before a ceasefire."):
        assert not [c for c in analyze(record_pipeline, text).commitments if c.modality == "pledged"]


def test_in_exchange_for_is_no_prisoner_exchange_and_names_what_an_act_would_buy(record_pipeline):
    analysis = analyze(record_pipeline, "Hungary will oppose any lifting of sanctions in exchange for a ceasefire "
                                        "alone.")
    assert stance(analysis, "hungary", "sanctions").polarity == "support"
    assert [s.topic for s in analysis.stances] == ["sanctions"]
    analysis = analyze(record_pipeline, "Starmer said: We will not put British soldiers between two armies that are "
                                        "still shooting.")
    assert commitment(analysis, "keir-starmer", "foreign_troops").modality == "refused"


def test_a_topic_named_outright_wins_over_a_noun_standing_for_it(record_pipeline):
    # "the force" stands for the reassurance force named before; the refusal names the troops themselves
    analysis = analyze(record_pipeline, "Ministers discussed a reassurance force for Ukraine.\n\n"
                                        "- Canada — ready to provide intelligence in support of the force; "
                                        "refused to commit ground troops.\n")
    assert stance(analysis, "canada", "foreign_troops").polarity == "oppose"


def test_a_mediators_framework_is_the_talks_and_what_it_includes_is_its_own_topic(record_pipeline):
    analysis = analyze(record_pipeline, "Norway said it supports the framework proposed by Turkey, "
                                        "including a ceasefire of 60 days.")
    assert stance(analysis, "norway", "peace_talks").polarity == "support"
    assert stance(analysis, "norway", "ceasefire").polarity == "support"


@pytest.mark.parametrize("text", ["Norway proposed a ceasefire, which Sweden rejected on Friday.",
                                  "Sweden rejected the ceasefire that Norway proposed."])
def test_a_relative_clause_holds_its_own_position_on_the_topic(record_pipeline, text):
    analysis = analyze(record_pipeline, text)
    assert stance(analysis, "norway", "ceasefire").polarity == "support"
    assert stance(analysis, "sweden", "ceasefire").polarity == "oppose"


def test_who_runs_a_plant_is_its_nuclear_status(record_pipeline):
    analysis = analyze(record_pipeline, "Ukraine will not hand the plant to a committee.")
    assert stance(analysis, "ukraine", "nuclear_status").polarity == "oppose"


def test_where_a_plant_goes_back_to_is_its_nuclear_status(record_pipeline):
    analysis = analyze(record_pipeline, "Ukraine says the plant has to go back to its operators.\n\n"
                                        "Turkey said the reactor returned to normal operation on Friday.")
    assert stance(analysis, "ukraine", "nuclear_status").polarity == "support"
    assert commitment(analysis, "ukraine", "nuclear_status").modality == "demanded"
    assert not [s for s in analysis.stances if s.actor == "turkey"]  # (a report of operation, no position)


def test_a_topic_denied_a_description_is_not_refused(record_pipeline):
    analysis = analyze(record_pipeline, "Keir Starmer said a ceasefire is not a destination.\n\n"
                                        "Emmanuel Macron said an exchange of soldiers cannot be the end of the "
                                        "story.\n\n"
                                        "Sergei Lavrov said a ceasefire is not an option.\n\n"
                                        "Volodymyr Zelensky said: 'Our soldiers will not be a tripwire.'")
    assert not [s for s in analysis.stances if s.actor in {"keir-starmer", "emmanuel-macron"}]
    assert stance(analysis, "sergei-lavrov", "ceasefire").polarity == "oppose"
    assert stance(analysis, "volodymyr-zelensky", "foreign_troops").polarity == "oppose"  # (a role refused)


def test_not_before_sets_a_condition(record_pipeline):
    analysis = analyze(record_pipeline, "Keir Starmer said: 'We will send troops, but not before a ceasefire is "
                                        "signed.'")
    assert stance(analysis, "keir-starmer", "foreign_troops").polarity == "conditional"


def test_coordinated_words_each_name_their_topic(record_pipeline):
    analysis = analyze(record_pipeline, "Turkey urges its partners to commit air and maritime support to the mission.")
    assert stance(analysis, "turkey", "air_support").polarity == "support"
    assert stance(analysis, "turkey", "maritime_support").polarity == "support"


def test_judged_as_after_a_place_phrase(record_pipeline):
    analysis = analyze(record_pipeline, "Russia would treat foreign troops on the islands as legitimate targets.")
    assert stance(analysis, "russia", "foreign_troops").polarity == "oppose"


def test_a_noun_standing_for_a_topic_is_committed_to(record_pipeline):
    analysis = analyze(record_pipeline, "Britain and France discussed a reassurance force for Ukraine.\n\n"
                                        "Turkey has promised a force.\n\n"
                                        "Jens Stoltenberg said the door to NATO membership remains open.\n\n"
                                        "Jens Stoltenberg backs guarantees outside membership.\n\n"
                                        "Russia considers that any agreement must be signed by a leadership "
                                        "legitimised by new elections.")
    assert commitment(analysis, "turkey", "foreign_troops").modality == "pledged"
    # (what a phrase sets apart is no position on it; considering that something holds weighs no act)
    assert [s.evidence.text for s in analysis.stances if s.topic == "nato_membership"] == \
        ["Jens Stoltenberg said the door to NATO membership remains open."]
    assert not [c for c in analysis.commitments if c.actor == "russia"]


def test_the_fighting_stopping_and_an_energy_moratorium_are_ceasefires(record_pipeline):
    analysis = analyze(record_pipeline, "Volodymyr Zelensky said: 'We want the shelling to stop everywhere.'\n\n"
                                        "Russia is ready to extend the energy moratorium by another 30 days.\n\n"
                                        "Turkey said the fighting stopped on Monday.")
    assert stance(analysis, "volodymyr-zelensky", "ceasefire").polarity == "support"
    assert commitment(analysis, "russia", "ceasefire").modality == "ready"
    assert not [s for s in analysis.stances if s.actor == "turkey"]  # (a report, no position)


def test_what_only_once_waits_for_is_asked_for(record_pipeline):
    analysis = analyze(record_pipeline, "Russia will sign a ceasefire only once Ukrainian forces have withdrawn from "
                                        "Kherson. Ukraine has rejected that demand.")
    assert stance(analysis, "russia", "ceasefire").polarity == "conditional"
    assert stance(analysis, "russia", "territorial_concessions").polarity == "support"
    assert stance(analysis, "ukraine", "territorial_concessions").polarity == "oppose"


def test_a_cue_phrase_the_parse_split_still_counts(record_pipeline):
    analysis = analyze(record_pipeline, "Recep Tayyip Erdogan spoke in favour of a meeting between the leaders of "
                                        "Russia and Ukraine.")
    assert stance(analysis, "recep-tayyip-erdogan", "peace_talks").polarity == "support"


def test_two_statements_of_one_position_are_two_records(record_pipeline):
    analysis = analyze(record_pipeline, "Volodymyr Zelensky said: 'We will never recognise the occupation of any part "
                                        "of Ukraine, and we reject the demand that Ukraine withdraw from the Donbas.'")
    stances = [s for s in analysis.stances if s.topic == "territorial_concessions"]
    commitments = [c for c in analysis.commitments if c.topic == "territorial_concessions"]
    assert [s.polarity for s in stances] == ["oppose", "oppose"]
    assert [c.modality for c in commitments] == ["refused", "refused"]
    # (the second shown by its own clause)
    assert stances[1].evidence.text == commitments[1].evidence.text == \
        "we reject the demand that Ukraine withdraw from the Donbas"
    # one clause, one record: a subject shared by two verbs makes one statement
    analysis = analyze(record_pipeline, "Volodymyr Zelensky said Ukraine will never recognise the occupation and "
                                        "rejects any withdrawal from the Donbas.")
    assert len([s for s in analysis.stances if s.topic == "territorial_concessions"]) == 1


def test_a_promise_that_answers_an_attack_is_a_guarantee(record_pipeline):
    analysis = analyze(record_pipeline, "Keir Starmer said: 'Should Ukraine be attacked again after a ceasefire, we "
                                        "commit to consult immediately and to provide Ukraine with the means to "
                                        "defend itself.'\n\n"
                                        "Emmanuel Macron said France will help Ukraine if it is attacked.\n\n"
                                        "Turkey said the convoy was attacked on Monday.")
    assert stance(analysis, "keir-starmer", "security_guarantees").polarity == "support"
    assert commitment(analysis, "keir-starmer", "security_guarantees").modality == "pledged"
    assert stance(analysis, "france", "security_guarantees").polarity == "support"  # (not conditional on it)
    assert not [s for s in analysis.stances if s.actor == "turkey"]


def test_a_future_that_lies_in_the_alliance_is_the_speakers_position(record_pipeline):
    analysis = analyze(record_pipeline, "We, the leaders of France and Turkey, met today in Paris.\n\n"
                                        "1. Ukraine's future lies in NATO.\n")
    assert {s.actor for s in analysis.stances if s.topic == "nato_membership"} == {"france", "turkey"}
    analysis = analyze(record_pipeline, "Keir Starmer said Ukraine's future lies in NATO.")
    assert stance(analysis, "keir-starmer", "nato_membership").polarity == "support"


def test_a_cleft_refusal_is_a_refused_commitment(record_pipeline):
    analysis = analyze(record_pipeline, "Volodymyr Zelensky said: 'What we are not prepared to do is reward the "
                                        "invasion with land.'")
    assert commitment(analysis, "volodymyr-zelensky", "territorial_concessions").modality == "refused"


def test_a_promise_to_stop_firing_is_pledged(record_pipeline):
    analysis = analyze(record_pipeline, "Vladimir Putin said: 'We will stop firing the same day.'")
    assert commitment(analysis, "vladimir-putin", "ceasefire").modality == "pledged"


def test_what_monitors_must_have_is_wanted_for_them(record_pipeline):
    analysis = analyze(record_pipeline, "Volodymyr Zelensky said OSCE inspectors must have full access there, "
                                        "every day.")
    assert stance(analysis, "volodymyr-zelensky", "monitoring_intelligence").polarity == "support"


def test_a_neutral_state_is_the_opposite_of_membership(record_pipeline):
    analysis = analyze(record_pipeline, "Russia demands that Ukraine declare itself neutral.\n\n"
                                        "Sergei Lavrov said: 'We want a neutral Ukraine.'\n\n"
                                        "Turkey said monitors from countries arming Ukraine could not be neutral.")
    assert stance(analysis, "russia", "nato_membership").polarity == "oppose"
    assert commitment(analysis, "russia", "nato_membership").modality == "demanded"
    assert stance(analysis, "sergei-lavrov", "nato_membership").polarity == "oppose"
    assert not [s for s in analysis.stances if s.actor == "turkey" and s.topic == "nato_membership"]


def test_a_naval_task_group_and_bringing_civilians_home(record_pipeline):
    analysis = analyze(record_pipeline, "Turkey asked the group to fix a date for the deployment of the naval task "
                                        "group.\n\nNorway asked Russia to bring home the civilians held in Donetsk.")
    assert stance(analysis, "turkey", "maritime_support").polarity == "support"
    assert stance(analysis, "norway", "prisoner_exchange").polarity == "support"


def test_a_minister_named_beside_his_title_holds_what_he_repeated(record_pipeline):
    analysis = analyze(record_pipeline, "Its Foreign Minister, Sergei Lavrov, repeated last week that Ukraine must "
                                        "also accept a permanent non-nuclear status.\n\n"
                                        "Ukraine must accept a permanent non-nuclear status.")
    assert commitment(analysis, "sergei-lavrov", "nuclear_status").modality == "demanded"
    # (an obligation nobody is said to lay is not the obliged party's pledge)
    assert not [c for c in analysis.commitments if c.actor == "ukraine"]


def test_sanctions_that_must_go_and_a_delegation_that_will_go(record_pipeline):
    analysis = analyze(record_pipeline, "Sergei Lavrov said: 'The sanctions must go, all of them.'\n\n"
                                        "Volodymyr Zelensky said: 'Our delegation will go to Geneva on 3 April "
                                        "with new proposals.'\n\nThe delegation went home on Friday.")
    assert stance(analysis, "sergei-lavrov", "sanctions").polarity == "oppose"
    assert commitment(analysis, "sergei-lavrov", "sanctions").modality == "demanded"
    assert stance(analysis, "volodymyr-zelensky", "peace_talks").polarity == "support"
    assert commitment(analysis, "volodymyr-zelensky", "peace_talks").modality == "pledged"
    assert len(analysis.stances) == 2


def test_a_place_named_in_the_topic_does_not_hold_it(record_pipeline):
    analysis = analyze(record_pipeline, "Free elections in Ukraine must come before any final settlement.")
    assert not [s for s in analysis.stances if s.actor == "ukraine"]
    analysis = analyze(record_pipeline, "Sergei Lavrov said free elections in Ukraine must come before any final "
                                        "settlement.")
    assert stance(analysis, "sergei-lavrov", "elections_leadership").polarity == "support"


def test_staying_at_the_table_is_talking(record_pipeline):
    analysis = analyze(record_pipeline, "Sergei Lavrov said: 'We will stay at the table for as long as there is "
                                        "something to talk about.'\n\nThe family sat at the table.")
    assert commitment(analysis, "sergei-lavrov", "peace_talks").modality == "pledged"
    assert len(analysis.stances) == 1


def test_what_the_delegations_agree_to_do_each_pledges(record_pipeline):
    analysis = analyze(record_pipeline, "Russia and Ukraine held talks in Istanbul. The delegations agreed to "
                                        "establish a joint working group on detainees.\n\n"
                                        "Russia and Ukraine met in Geneva. The two sides agreed to roll over their "
                                        "ceasefire for a further 60 days.")
    exchange = {(c.actor, c.modality) for c in analysis.commitments if c.topic == "prisoner_exchange"}
    assert exchange == {("russia", "pledged"), ("ukraine", "pledged")}
    assert {(c.actor, c.modality) for c in analysis.commitments if c.topic == "ceasefire"} == \
        {("russia", "signed"), ("ukraine", "signed")}  # (renewing what they concluded)


def test_asking_that_something_be_done_wants_it(record_pipeline):
    analysis = analyze(record_pipeline, "Ukraine has asked that the return of 1,200 children taken to Russia be "
                                        "included in the next stage.\n\n"
                                        "Keir Starmer asks how long our soldiers will stay.")
    assert stance(analysis, "ukraine", "prisoner_exchange").polarity == "support"
    assert not [s for s in analysis.stances if s.actor == "keir-starmer"]  # (a question, not a wish)


def test_a_ceasefire_monitored_is_no_ceasefire_monitor(record_pipeline):
    analysis = analyze(record_pipeline, "Turkey supports her proposal for a 90-day ceasefire monitored by the OSCE.")
    assert stance(analysis, "turkey", "ceasefire").polarity == "support"


def test_a_question_of_when_not_if_is_support(record_pipeline):
    analysis = analyze(record_pipeline, "Jens Stoltenberg said NATO membership for Ukraine was a question of when, "
                                        "not if.")
    assert stance(analysis, "jens-stoltenberg", "nato_membership").polarity == "support"


def test_coming_to_the_talks_supports_them(record_pipeline):
    analysis = analyze(record_pipeline, "Turkey came to these talks in good faith.\n\n"
                                        "Norway said the talks came to nothing.")
    assert stance(analysis, "turkey", "peace_talks").polarity == "support"
    assert not [s for s in analysis.stances if s.actor == "norway"]


def test_a_passive_acts_on_its_subject(record_pipeline):
    analysis = analyze(record_pipeline, "Ukraine demands that the plant be returned to its operators.\n\n"
                                        "Turkey said the talks will go on until the ceasefire is verified.\n\n"
                                        "Sergei Lavrov said Crimea will never be returned.")
    assert stance(analysis, "ukraine", "nuclear_status").polarity == "support"
    assert commitment(analysis, "ukraine", "nuclear_status").modality == "demanded"
    # (a clause that says when is no act on what it names, and a place's fate is not who gives it up)
    assert not [s for s in analysis.stances if s.topic in {"ceasefire", "territorial_concessions"}]


def test_the_alliances_open_door_and_an_application(record_pipeline):
    analysis = analyze(record_pipeline, "Finland applied for NATO membership in May.\n\n"
                                        "Jens Stoltenberg said the door remains open for Finland.")
    assert stance(analysis, "finland", "nato_membership").polarity == "support"
    assert stance(analysis, "jens-stoltenberg", "nato_membership").polarity == "support"


def test_a_future_act_of_support_is_a_pledge(record_pipeline):
    analysis = analyze(record_pipeline, "Poland will fly air policing missions over Lithuania.")
    assert commitment(analysis, "poland", "air_support").modality == "pledged"


def test_a_blocs_own_summit_only_dates_what_is_wanted(record_pipeline):
    analysis = analyze(record_pipeline, "Norway wants the text initialled before the NATO summit on 26 April.")
    assert not [s for s in analysis.stances if s.topic == "peace_talks"]


def test_ready_to_consider_is_considering(record_pipeline):
    analysis = analyze(record_pipeline, "Norway confirmed its readiness to consider a reassurance force for Ukraine.")
    assert commitment(analysis, "norway", "foreign_troops").modality == "considering"


def test_rejecting_a_demand_named_again_refuses_what_was_demanded(record_pipeline):
    analysis = analyze(record_pipeline, "Russia demanded that Ukraine withdraw from the Donetsk region. "
                                        "Ukraine rejected the demand within hours.")
    assert commitment(analysis, "russia", "territorial_concessions").modality == "demanded"
    assert commitment(analysis, "ukraine", "territorial_concessions").modality == "refused"


def test_a_phrasal_cue_split_by_its_object_still_holds(record_pipeline):
    # the parse hangs "for" under "partners": still "ask … for"
    analysis = analyze(record_pipeline, "Zelensky asks partners for a treaty of guarantees by the end of June.")
    assert stance(analysis, "volodymyr-zelensky", "security_guarantees").polarity == "support"


def test_both_delegations_agreeing_to_meet_again_promise_more_talks(record_pipeline):
    text = ("GENEVA, May 2 (Wire) - Delegations from the Republic of Ukraine and the Russian Federation met face to "
            "face on Monday.\n\nThe envoy said both delegations had agreed to meet again within ten days.")
    analysis = analyze(record_pipeline, text)
    for state in ("ukraine", "russia"):
        assert stance(analysis, state, "peace_talks").polarity == "support"
        # talks are held, not signed: agreeing to more of them is a pledge
        assert commitment(analysis, state, "peace_talks").modality == "pledged"
    # ministers meeting again among themselves are no talks of the parties
    analysis = analyze(record_pipeline, "France and Germany said: we will meet again in Rome on 22 April.")
    assert not [s for s in analysis.stances if s.topic == "peace_talks"]


def test_both_sides_as_a_source_are_the_pair_just_named(record_pipeline):
    text = ("300 Ukrainian and 300 Russian prisoners were swapped on Tuesday. Both sides said they were ready for a "
            "further exchange of the remaining wounded before the end of May.")
    analysis = analyze(record_pipeline, text)
    for state in ("ukraine", "russia"):
        assert stance(analysis, state, "prisoner_exchange").polarity == "support"
        assert commitment(analysis, state, "prisoner_exchange").modality == "ready"


@pytest.mark.parametrize(("text", "topic", "polarity"), [
    ("Zelensky said any easing of sanctions before that point would reward aggression.", "sanctions", "support"),
    ("Zelensky said lifting sanctions in exchange for a ceasefire would reward the aggressor.", "sanctions",
     "support"),
    ("Zelensky said a ceasefire on the coast alone would reward the aggressor.", "ceasefire", "conditional"),
])
def test_what_would_reward_the_aggressor_is_unwanted(record_pipeline, text, topic, polarity):
    assert stance(analyze(record_pipeline, text), "volodymyr-zelensky", topic).polarity == polarity


def test_a_unit_deploying_and_personnel_provided_are_troops(record_pipeline):
    analysis = analyze(record_pipeline, "Poland said no Polish unit will deploy before a ceasefire is in force.")
    assert stance(analysis, "poland", "foreign_troops").polarity == "conditional"
    # the second of two objects counts too
    analysis = analyze(record_pipeline, "Poland will provide its headquarters and up to 1,200 personnel.")
    assert commitment(analysis, "poland", "foreign_troops").modality == "pledged"


def test_land_as_the_price_of_peace_is_a_territorial_concession(record_pipeline):
    analysis = analyze(record_pipeline, 'Zelensky said: "We will not reward the invasion with land."')
    assert stance(analysis, "volodymyr-zelensky", "territorial_concessions").polarity == "oppose"
    analysis = analyze(record_pipeline, "Zelensky said Ukraine would not recognise any part of its land as Russian.")
    assert stance(analysis, "ukraine", "territorial_concessions").polarity == "oppose"


@pytest.mark.parametrize(("text", "actor", "topic", "modality"), [
    ("The European Union extends sanctions on Russia for six months.", "european-union", "sanctions", "signed"),
    ("Last Tuesday, the Polish parliament voted by 402 to 171 to approve a Polish-led reassurance force for "
     "Ukraine.", "poland", "foreign_troops", "signed"),
    ("The European Union will adopt a new sanctions package in May.", "european-union", "sanctions", "pledged"),
    ("Zelensky said Poland might extend air policing to the west of the country.", "poland", "air_support",
     "considering"),
])
def test_an_act_done_is_enacted_and_one_to_come_is_promised(record_pipeline, text, actor, topic, modality):
    assert commitment(analyze(record_pipeline, text), actor, topic).modality == modality


def test_every_act_of_a_demanded_clause_is_asked_of_its_subject(record_pipeline):
    analysis = analyze(record_pipeline, "Russia demands that Ukraine withdraw from Donetsk and accept neutral status.")
    assert stance(analysis, "russia", "nato_membership").polarity == "oppose"
    assert not [s for s in analysis.stances if s.actor == "ukraine"]
    assert not [c for c in analysis.commitments if c.actor == "ukraine"]


def test_moving_marines_off_islands_and_a_wont_are_territory_refused(record_pipeline):
    analysis = analyze(record_pipeline, "Russia still refuses to move its marines off the islands.")
    assert commitment(analysis, "russia", "territorial_concessions").modality == "refused"
    analysis = analyze(record_pipeline, "Poland won't sign a guarantee.")
    assert commitment(analysis, "poland", "security_guarantees").modality == "refused"


def test_a_demand_named_by_its_partys_adjective_is_that_partys(record_pipeline):
    analysis = analyze(record_pipeline, "Zelensky rejected the Russian demand that Ukrainian forces leave Donetsk.")
    assert stance(analysis, "russia", "territorial_concessions").polarity == "support"
    assert commitment(analysis, "russia", "territorial_concessions").modality == "demanded"
    assert commitment(analysis, "volodymyr-zelensky", "territorial_concessions").modality == "refused"
    # a proposal so named is only discussed: no position of the party's from it
    analysis = analyze(record_pipeline, "The committee discussed the Russian proposal for a separate ceasefire.")
    assert not [s for s in analysis.stances if s.actor == "russia"]


def test_an_act_under_way_is_announced_by_who_says_so(record_pipeline):
    analysis = analyze(record_pipeline, "Ukraine says a second exchange of about 600 prisoners is being prepared.")
    assert stance(analysis, "ukraine", "prisoner_exchange").polarity == "support"
    assert commitment(analysis, "ukraine", "prisoner_exchange").modality == "pledged"
    analysis = analyze(record_pipeline, "Ukraine says the first prisoner exchange is on track for 15 April.")
    assert stance(analysis, "ukraine", "prisoner_exchange").polarity == "support"


def test_both_sides_long_after_a_pair_are_the_two_sides_of_the_war(record_pipeline):
    text = ("Russia and Ukraine met in Geneva. Russia wants Donetsk; Ukraine wants its land back. Russia shelled "
            "Kharkiv and Ukraine struck Belgorod.\n\nPoland and Hungary argued about transit fees in Brussels on "
            "Monday. Grain prices fell. The port of Odesa reopened. Exports rose.\n\n"
            "Both sides say a second prisoner exchange is being prepared.")
    analysis = analyze(record_pipeline, text)
    assert {s.actor for s in analysis.stances if s.topic == "prisoner_exchange"} == {"russia", "ukraine"}


def test_the_plural_a_groups_name_ends_with_is_that_group(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text("version: 1\nactors:\n"
                     "  - {id: kyiv-partners, name: Kyiv partners, kind: group}\n", "utf-8")
    pipeline = Pipeline(Settings(extractors=list(RECORD_EXTRACTORS), gazetteer=[str(extra)]))
    analysis = analyze(pipeline, "The Kyiv partners met in Paris on Monday.\n\nThe partners welcomed the ceasefire.")
    assert stance(analysis, "kyiv-partners", "ceasefire").polarity == "support"


def test_a_list_items_label_names_whose_item_it_is_not_a_topic(tmp_path):
    topics = tmp_path / "topics.yaml"  # as a world's own file names its alliance (the examples' dev sets do)
    topics.write_text("topics:\n  nato_membership:\n    extend: true\n    terms: [north atlantic alliance]\n",
                      "utf-8")
    pipeline = Pipeline(Settings(extractors=list(RECORD_EXTRACTORS), topics=[str(topics)]))
    text = ("What each has offered:\n\n* NORTH ATLANTIC ALLIANCE: The alliance as such will not deploy. Secretary "
            "General Mark Rutte has said the door to membership remains open.\n")
    analysis = analyze(pipeline, text)
    assert [(s.actor, s.polarity) for s in analysis.stances if s.topic == "nato_membership"] == [
        ("mark-rutte", "support")]


def test_a_treatys_shall_cease_hostilities_is_the_truce_signed(record_pipeline):
    text = ("Russia and Ukraine signed the following declaration.\n\nThe Parties shall cease all hostilities along "
            "the line of contact. The Parties shall exchange all prisoners of war.\n")
    analysis = analyze(record_pipeline, text)
    for state in ("russia", "ukraine"):
        assert commitment(analysis, state, "ceasefire").modality == "signed"
        assert commitment(analysis, state, "prisoner_exchange").modality == "pledged"


def test_a_partys_decision_to_act_is_its_pledge(record_pipeline):
    analysis = analyze(record_pipeline, "Zelensky welcomed Poland's decision to send engineers to Ukraine.")
    assert stance(analysis, "poland", "foreign_troops").polarity == "support"
    assert commitment(analysis, "poland", "foreign_troops").modality == "pledged"


def test_an_act_when_the_guns_are_silent_waits_for_the_end_of_the_war(record_pipeline):
    analysis = analyze(record_pipeline, "Zelensky said Ukraine would hold elections when the guns are silent.")
    assert stance(analysis, "ukraine", "elections_leadership").polarity == "conditional"


def test_a_pronoun_stands_for_the_topic_inside_its_antecedents_phrase(record_pipeline):
    analysis = analyze(record_pipeline, "Ukraine's application to join NATO was filed in 2022. Zelensky said Ukraine "
                                        "would never withdraw it.")
    assert stance(analysis, "ukraine", "nato_membership").polarity == "support"


def test_neither_nor_refuses_and_without_makes_it_conditional(record_pipeline):
    analysis = analyze(record_pipeline, "Russia wants guarantees. Without them, neither Ukraine nor its allies "
                                        "will sign a ceasefire, Zelensky said.")
    assert stance(analysis, "ukraine", "ceasefire").polarity == "conditional"
    assert all(c.modality != "pledged" for c in analysis.commitments if c.topic == "ceasefire")


def test_refusing_a_kind_named_by_a_relative_clause_is_conditional(record_pipeline):
    analysis = analyze(record_pipeline, "Kyiv said Ukraine will not accept monitors from states that arm Russia.")
    assert stance(analysis, "ukraine", "monitoring_intelligence").polarity == "conditional"
    analysis = analyze(record_pipeline, "Ukraine would not sign a mandate that kept the monitors' findings secret.")
    assert stance(analysis, "ukraine", "monitoring_intelligence").polarity == "conditional"
    analysis = analyze(record_pipeline, "Ukraine will not back any deal that freezes the ceasefire line.")
    assert stance(analysis, "ukraine", "ceasefire").polarity != "conditional"


def test_both_delegations_are_the_pair_named_with_a_modifier_between(record_pipeline):
    text = ("GENEVA, March 12 (Harbor Wire) - Delegations from Ukraine and the breakaway Russian Federation met face "
            "to face on Monday for the first time since the war began.\n\n"
            "The envoy, Jane Doe, said both delegations had agreed to meet again within ten days.")
    analysis = analyze(record_pipeline, text)
    assert {s.actor for s in analysis.stances if s.topic == "peace_talks"} == {"russia", "ukraine"}


def test_what_a_caller_asks_another_to_do_is_the_callers_position(record_pipeline):
    analysis = analyze(record_pipeline, "Zelensky spoke in Brussels. He called on the European Union to open accession "
                                        "talks with Ukraine before the summer.")
    assert stance(analysis, "volodymyr-zelensky", "eu_membership").polarity == "support"
    assert commitment(analysis, "volodymyr-zelensky", "eu_membership").modality == "demanded"


def test_a_subject_is_not_the_actor_named_in_a_clause_on_it(record_pipeline):
    analysis = analyze(record_pipeline, "Governments backing Ukraine are drawing up plans to secure any ceasefire "
                                        "with Russia.")
    assert not [s for s in analysis.stances if s.actor == "ukraine"]


def test_a_topic_after_before_is_when_another_act_happens(record_pipeline):
    analysis = analyze(record_pipeline, "The Ukrainian government will seek the approval of parliament before any "
                                        "deployment of troops.")
    assert not [s for s in analysis.stances if s.topic == "foreign_troops"]
    analysis = analyze(record_pipeline, "Russia will not sign anything before a ceasefire.")
    assert [s.topic for s in analysis.stances] == ["ceasefire"]


def test_a_topic_in_a_clause_naming_a_kind_of_doer_is_no_position(record_pipeline):
    analysis = analyze(record_pipeline, "Russia said it would not accept monitors from any state that supplies "
                                        "weapons to Ukraine.")
    assert stance(analysis, "russia", "monitoring_intelligence").polarity == "conditional"
    assert not [s for s in analysis.stances if s.topic == "military_aid"]
    assert not [c for c in analysis.commitments if c.topic == "military_aid"]


def test_could_accept_is_weighed_and_would_accept_is_ready(record_pipeline):
    analysis = analyze(record_pipeline, "Russia said it could accept monitors from the OSCE.")
    assert commitment(analysis, "russia", "monitoring_intelligence").modality == "considering"
    analysis = analyze(record_pipeline, "Russia said it would accept monitors from the OSCE.")
    assert commitment(analysis, "russia", "monitoring_intelligence").modality == "ready"


def test_which_after_a_place_can_stand_for_the_truce_named_there(record_pipeline):
    text = ("Ukraine and Russia met in Geneva.\n\nThe exchange took place on the 31st day of the ceasefire declared in "
            "Istanbul, which the two sides agreed on Wednesday to extend until May 31.")
    analysis = analyze(record_pipeline, text)
    for state in ("russia", "ukraine"):
        assert stance(analysis, state, "ceasefire").polarity == "support"
        assert commitment(analysis, state, "ceasefire").modality == "signed"


def test_the_two_sides_with_no_pair_named_are_the_two_states_named_most(record_pipeline):
    text = ("Ukraine said the talks were hard. Russia said the same. Ukraine and its partners met in Paris, "
            "and Russia held talks with China.\n\nBoth sides say the first exchange of 300 prisoners each is on track.")
    analysis = analyze(record_pipeline, text)
    assert {s.actor for s in analysis.stances if s.topic == "prisoner_exchange"} == {"russia", "ukraine"}


def test_talks_both_sides_wanted_to_continue_are_their_own_wish(record_pipeline):
    analysis = analyze(record_pipeline, "GENEVA, Jan 10 (Harbor Wire) - Delegations from Russia and Ukraine met face "
                                        "to face on Monday for the first time in eleven months, opening talks in the "
                                        "Swiss city that both sides said they wanted to continue but that quickly "
                                        "exposed how far apart they remain.")
    assert all(c.modality != "demanded" for c in analysis.commitments)


def test_a_time_counted_from_the_opening_of_talks_only_dates(record_pipeline):
    analysis = analyze(record_pipeline, "Guterres intends to present the options to the Council within 30 days of the "
                                        "opening of the peace conference.")
    assert not [s for s in analysis.stances if s.topic == "peace_talks"]


def test_what_a_verb_of_no_position_speaks_about_is_no_stance(record_pipeline):
    analysis = analyze(record_pipeline, "Ukraine's lawmakers want to hear about the peace talks before the next round.")
    assert not analysis.stances
    analysis = analyze(record_pipeline, "Zelensky will talk about security guarantees.")
    assert stance(analysis, "volodymyr-zelensky", "security_guarantees").polarity == "neutral"


def test_a_signed_pieces_i_is_its_author_unless_the_author_only_comments(tmp_path):
    pipeline = with_gazetteer(tmp_path, "  - {id: ada-brun, name: Ada Brun, kind: person,"
                                        " role: Leader of the opposition party}\n"
                                        "  - {id: tom-aske, name: Tom Aske, kind: person,"
                                        " role: Former ambassador; op-ed author}\n")
    text = "By {name}\n\nThe force, which I welcome, must not become a tripwire. I support sanctions.\n"
    analysis = analyze(pipeline, text.format(name="Ada Brun"))
    assert stance(analysis, "ada-brun", "sanctions").polarity == "support"
    analysis = analyze(pipeline, text.format(name="Tom Aske"))
    assert not analysis.stances
    # (a byline may run on into a sentence about the author)
    analysis = analyze(pipeline, text.format(name="Ada Brun. The author leads the opposition."))
    assert stance(analysis, "ada-brun", "sanctions").polarity == "support"


def test_a_force_named_again_stands_for_the_reassurance_force(record_pipeline):
    text = ("Partners discussed a reassurance force for Ukraine. France has promised a force, and the alliance "
            "will remain in force.")
    analysis = analyze(record_pipeline, text)
    assert stance(analysis, "france", "foreign_troops").polarity == "support"
    analysis = analyze(record_pipeline, "Partners discussed a reassurance force. Russia must pull its forces out.")
    assert not [s for s in analysis.stances if s.topic == "foreign_troops" and s.actor == "russia"]


def test_a_semicolon_ends_the_clause_a_position_is_read_in(record_pipeline):
    analysis = analyze(record_pipeline, "Britain would lead a reassurance force after a ceasefire; France would "
                                        "police the skies.")
    assert not [s for s in analysis.stances if s.topic == "foreign_troops" and s.actor == "france"]


def test_a_fronted_after_a_ceasefire_makes_an_offer_conditional(record_pipeline):
    analysis = analyze(record_pipeline, "Starmer said: \"After a ceasefire, once the monitors confirm it is holding, "
                                        "we are prepared to put troops around Odesa.\"")
    assert stance(analysis, "keir-starmer", "foreign_troops").polarity == "conditional"


def test_a_text_that_opens_with_a_preposition_over_a_topic_is_read(record_pipeline):
    analysis = analyze(record_pipeline, "Before any ceasefire, Ukraine wants guarantees.")
    assert stance(analysis, "ukraine", "security_guarantees").polarity == "support"


def test_placing_assets_at_a_missions_disposal_supports_it(record_pipeline):
    analysis = analyze(record_pipeline, "Poland would place two surveillance aircraft at the disposal of a mission.")
    assert stance(analysis, "poland", "monitoring_intelligence").polarity == "support"


def test_circulating_a_draft_offers_it_and_hoping_to_table_one_does_not(record_pipeline):
    analysis = analyze(record_pipeline, "Turkey has circulated a draft text for a 30-day ceasefire.")
    assert commitment(analysis, "turkey", "ceasefire").modality == "offered"
    analysis = analyze(record_pipeline, "Erdogan hopes to table a full ceasefire text in Istanbul by 20 May.")
    assert not analysis.commitments


def test_hopes_is_read_as_hope(record_pipeline):
    doc = record_pipeline.nlp("She hopes to table a text, and he hoped so too.")
    assert [t.lemma_ for t in doc if t.lower_.startswith("hop")] == ["hope", "hope"]


def test_an_act_begun_or_under_way_is_pledged(record_pipeline):
    analysis = analyze(record_pipeline, "The European Union is preparing a new package of sanctions against Russia.")
    assert commitment(analysis, "european-union", "sanctions").modality == "pledged"
    analysis = analyze(record_pipeline, "Poland will start escorting grain ships out of Odesa next Monday.")
    assert commitment(analysis, "poland", "maritime_support").modality == "pledged"
    analysis = analyze(record_pipeline, "Zelensky repeated that any truce must begin with the withdrawal of Russian "
                                        "troops.")
    assert not [c for c in analysis.commitments if c.topic == "ceasefire"]
    analysis = analyze(record_pipeline, "Fidan said talks on the future of Crimea would begin in Istanbul in the "
                                        "coming days, now that a monitoring mechanism has been agreed.")
    assert not [c for c in analysis.commitments if c.topic == "monitoring_intelligence"]


def test_instructing_a_minister_to_act_pledges_the_act(record_pipeline):
    analysis = analyze(record_pipeline, "Today Zelensky instructed Foreign Minister Sybiha to prepare, together with "
                                        "Turkey, a new exchange of prisoners.")
    assert commitment(analysis, "volodymyr-zelensky", "prisoner_exchange").modality == "pledged"


def test_no_soldier_will_deploy_refuses_troops(record_pipeline):
    analysis = analyze(record_pipeline, "Warsaw was clear: no Polish soldier will deploy.")
    assert commitment(analysis, "poland", "foreign_troops").modality == "refused"


def test_not_something_we_will_trade_keeps_it(record_pipeline):
    analysis = analyze(record_pipeline, '"Neutral status is not something we will trade," Lavrov said.')
    assert stance(analysis, "sergei-lavrov", "nato_membership").polarity == "oppose"
    analysis = analyze(record_pipeline, "Ukraine said it will never trade away its bid to join NATO.")
    assert stance(analysis, "ukraine", "nato_membership").polarity == "support"


def test_a_bloc_named_as_a_kind_of_state_is_no_membership_topic(tmp_path):
    extra = tmp_path / "topics.yaml"
    extra.write_text("topics:\n  nato_membership:\n    extend: true\n    terms: [rampart alliance]\n", "utf-8")
    pipeline = Pipeline(Settings(extractors=list(RECORD_EXTRACTORS), topics=[str(extra)]))
    analysis = analyze(pipeline, "Ukraine dismissed Russia's objection to observers from Rampart Alliance states.")
    assert {s.topic for s in analysis.stances} == {"monitoring_intelligence"}
    # (some observers, not all: the objection is to a kind)
    assert stance(analysis, "russia", "monitoring_intelligence").polarity == "conditional"
    analysis = analyze(pipeline, "Ukraine wants to join the Rampart Alliance.")
    assert stance(analysis, "ukraine", "nato_membership").polarity == "support"


def test_a_turn_label_taken_for_a_subject_holds_nothing(record_pipeline):
    text = ("Q (Kyiv Post): When will talks resume?\nA: Soon.\nQ (Kyiv Post): What next?\nA: We wait.\n"
            "Question (Reuters): The European Union adopted new sanctions two weeks ago.\n")
    analysis = analyze(record_pipeline, text)
    assert stance(analysis, "european-union", "sanctions").polarity == "support"
    assert not [s for s in analysis.stances if s.actor == "reuters"]


def test_a_conversation_reported_in_the_perfect_takes_no_position(record_pipeline):
    analysis = analyze(record_pipeline, "Starmer has talked about 1,500 soldiers.")
    assert not analysis.stances
    analysis = analyze(record_pipeline, "Starmer will discuss a reassurance force.")
    assert stance(analysis, "keir-starmer", "foreign_troops").polarity == "neutral"


def test_a_claim_under_check_is_nobodys_position(record_pipeline):
    text = ('FACT CHECK\n\nTHE CLAIM: "Poland and France have pledged twelve thousand soldiers to occupy Ukraine."\n\n'
            "THE FACTS: France has pledged up to 2,000 troops for a reassurance force.\n")
    analysis = analyze(record_pipeline, text)
    assert [(s.actor, s.topic) for s in analysis.stances] == [("france", "foreign_troops")]
    assert [(c.actor, c.modality) for c in analysis.commitments] == [("france", "pledged")]


def test_a_heading_inside_the_text_only_announces_what_follows(record_pipeline):
    text = ("Poland commits support for the Ukrainian ceasefire\n\n"
            "Ministers from France and Poland met in Paris today. France welcomed the ceasefire.\n")
    analysis = analyze(record_pipeline, text)
    assert [(s.actor, s.topic) for s in analysis.stances] == [("france", "ceasefire")]
    assert all(s.evidence.start > 50 for s in analysis.stances)
    assert not analysis.commitments


def test_a_leader_promising_what_his_states_forces_will_do_is_the_states_promise(record_pipeline):
    analysis = analyze(record_pipeline, "I thank President Emmanuel Macron, who has promised that France's aircraft "
                                        "will protect our skies.")
    assert commitment(analysis, "france", "air_support").modality == "pledged"
    assert not [c for c in analysis.commitments if c.actor == "emmanuel-macron"]


def test_a_proposal_named_by_its_proposer_is_the_proposers_offer(record_pipeline):
    analysis = analyze(record_pipeline, "Zelensky rejected the coastal pause floated by the Russian delegation "
                                        "last month.")
    assert stance(analysis, "russia", "ceasefire").polarity == "support"
    assert commitment(analysis, "russia", "ceasefire").modality == "offered"
    assert stance(analysis, "volodymyr-zelensky", "ceasefire").polarity == "oppose"


def test_what_a_cleft_clause_refuses_is_read_under_it(record_pipeline):
    analysis = analyze(record_pipeline, '"What we are not prepared to do is give up our land," Zelensky said.')
    assert stance(analysis, "volodymyr-zelensky", "territorial_concessions").polarity == "oppose"
    analysis = analyze(record_pipeline, "What Ukraine wants is a ceasefire.")
    assert stance(analysis, "ukraine", "ceasefire").polarity == "support"


def test_them_in_what_a_party_wants_done_stands_for_the_topic(record_pipeline):
    analysis = analyze(record_pipeline, "Russia wants sanctions lifted as part of any deal; Ukraine wants them kept "
                                        "until Russian forces leave.")
    assert stance(analysis, "russia", "sanctions").polarity == "oppose"
    assert stance(analysis, "ukraine", "sanctions").polarity == "support"


def test_refusing_an_act_under_some_terms_is_conditional(record_pipeline):
    analysis = analyze(record_pipeline, 'Lavrov said Russia would not "negotiate under artificial deadlines invented '
                                        'abroad".')
    assert stance(analysis, "russia", "peace_talks").polarity == "conditional"
    analysis = analyze(record_pipeline, "Russia would not accept the deployment of troops in Ukraine under any flag.")
    assert stance(analysis, "russia", "foreign_troops").polarity == "oppose"


def test_coordinated_clauses_each_hold_their_own_position(record_pipeline):
    analysis = analyze(record_pipeline, "Starmer has pledged air policing over western Ukraine from bases in Poland, "
                                        "and is considering stationing fighter jets in Ukraine once a truce holds.")
    polarities = {s.polarity for s in analysis.stances if s.actor == "keir-starmer" and s.topic == "air_support"}
    assert polarities == {"support", "conditional"}
    analysis = analyze(record_pipeline, "Starmer has pledged air policing over western Ukraine once a truce holds.")
    assert stance(analysis, "keir-starmer", "air_support").polarity == "conditional"


def test_his_in_a_statement_by_a_person_is_that_persons_state(record_pipeline):
    analysis = analyze(record_pipeline, "Zelensky spoke first. The group welcomes the statement by Britain's Prime "
                                        "Minister, Keir Starmer, that his government is willing to send troops.")
    assert stance(analysis, "united-kingdom", "foreign_troops").polarity == "support"
    assert not [s for s in analysis.stances if s.actor in {"ukraine", "volodymyr-zelensky"}]
    analysis = analyze(record_pipeline, "Starmer spoke first. A Russian diplomat said his government rejects any "
                                        "foreign military presence in Ukraine.")
    assert stance(analysis, "russia", "foreign_troops").polarity == "oppose"


def test_its_readiness_is_the_readiness_of_the_state_named_before(record_pipeline):
    analysis = analyze(record_pipeline, "Zelensky spoke with Starmer about Britain. He welcomed its readiness to "
                                        "lead the reassurance force.")
    assert stance(analysis, "united-kingdom", "foreign_troops").polarity == "support"
    assert stance(analysis, "volodymyr-zelensky", "foreign_troops").polarity == "support"


def test_a_fronted_when_clause_sets_the_condition_of_a_promise(record_pipeline):
    analysis = analyze(record_pipeline, '"When Russian units leave the occupied territories, we will agree to a '
                                        'ceasefire the same day," Zelensky said.')
    assert stance(analysis, "volodymyr-zelensky", "ceasefire").polarity == "conditional"
    assert stance(analysis, "volodymyr-zelensky", "territorial_concessions").polarity == "support"
    analysis = analyze(record_pipeline, 'Zelensky said: "Once the guns are silent we should hold elections within '
                                        'six months."')
    assert stance(analysis, "volodymyr-zelensky", "elections_leadership").polarity == "conditional"


def test_a_pledge_by_states_counted_but_not_named_is_not_the_speakers(record_pipeline):
    analysis = analyze(record_pipeline, "Starmer says fourteen states have now pledged troops to the reassurance "
                                        "force.")
    assert not [s for s in analysis.stances if s.topic == "foreign_troops"]
    analysis = analyze(record_pipeline, "Starmer says Britain has now pledged troops to the reassurance force.")
    assert stance(analysis, "united-kingdom", "foreign_troops").polarity == "support"


def test_let_me_begin_with_orders_a_speech(record_pipeline):
    analysis = analyze(record_pipeline, "Zelensky said: \"Let me begin with the talks in Geneva.\"")
    assert not analysis.stances
    analysis = analyze(record_pipeline, "Zelensky said Ukraine would begin talks in Geneva.")
    assert stance(analysis, "ukraine", "peace_talks").polarity == "support"


def test_stationing_warplanes_is_air_support_and_enrichment_a_nuclear_issue(record_pipeline):
    analysis = analyze(record_pipeline, "Britain is considering basing fighter aircraft in Poland once the guns fall "
                                        "silent.")
    assert stance(analysis, "united-kingdom", "air_support").polarity == "conditional"
    analysis = analyze(record_pipeline, "Russia is willing to accept a moratorium on uranium enrichment.")
    assert stance(analysis, "russia", "nuclear_status").polarity == "support"


def test_making_assets_available_offers_them(record_pipeline):
    analysis = analyze(record_pipeline, "France will make two surveillance aircraft available to monitor the "
                                        "ceasefire.")
    assert stance(analysis, "france", "monitoring_intelligence").polarity == "support"
    assert [c.modality for c in analysis.commitments if c.actor == "france"] == ["pledged"]


def test_howitzers_are_military_aid_and_counting_them_is_no_position(record_pipeline):
    analysis = analyze(record_pipeline, 'Zelensky said: "I have asked the German government to speed up the delivery '
                                        'of the howitzers."')
    assert [(c.actor, c.topic, c.modality) for c in analysis.commitments] == \
        [("volodymyr-zelensky", "military_aid", "demanded")]
    analysis = analyze(record_pipeline, "The OSCE mission observed 14 howitzers and six multiple rocket launchers "
                                        "near the line.")
    assert not analysis.stances


def test_a_limit_counted_from_entry_into_force_runs_from_the_day_the_text_says(record_pipeline):
    text = ("Article 2. Each Party undertakes to withdraw heavy artillery from the line of contact within 14 days of "
            "the entry into force of this Declaration.\n\n")
    analysis = analyze(record_pipeline, text + "Article 8. This Declaration shall enter into force upon signature.\n")
    assert [d.due for d in analysis.deadlines] == ["2025-09-03"]
    # a text that does not say when it takes effect gives no date to count from
    analysis = analyze(record_pipeline, text + "Article 8. This Declaration shall be registered with the UN.\n")
    assert not analysis.deadlines


def test_the_day_a_promised_act_starts_from_is_its_due_date(record_pipeline):
    analysis = analyze(record_pipeline, "Lavrov confirmed that Russia would observe a 30-day moratorium on strikes on "
                                        "energy facilities from 5 April, on condition that Ukraine does the same.",
                       published="2025-03-20")
    assert [d.due for d in analysis.deadlines] == ["2025-04-05"]
    analysis = analyze(record_pipeline, "France provided air policing over western Ukraine from 1 March.",
                       published="2025-04-10")
    assert not analysis.deadlines


def test_a_period_counted_from_a_condition_met_is_no_date(record_pipeline):
    analysis = analyze(record_pipeline, '"If both sides sign, we can have 200 monitors on the line within three '
                                        'weeks," the OSCE said.', published="2025-03-20")
    assert not analysis.deadlines
    analysis = analyze(record_pipeline, '"We can have 200 monitors on the line within three weeks," the OSCE said.',
                       published="2025-03-20")
    assert [d.due for d in analysis.deadlines] == ["2025-04-10"]


def test_prisoners_are_the_exchange_topic_and_holding_them_is_no_position(record_pipeline):
    analysis = analyze(record_pipeline, "Zelensky said the parties have agreed to a working group on prisoners.")
    assert {s.topic for s in analysis.stances} == {"prisoner_exchange"}
    analysis = analyze(record_pipeline, "Russia and Ukraine still hold several hundred prisoners, officials said.")
    assert not analysis.stances


def test_guaranteeing_a_ceasefire_is_a_guarantee_not_a_position_on_the_truce(record_pipeline):
    analysis = analyze(record_pipeline, "France is prepared to guarantee the ceasefire, together with other "
                                        "partners.")
    assert {s.topic for s in analysis.stances} == {"security_guarantees"}


def test_two_acts_called_for_are_both_demanded(record_pipeline):
    analysis = analyze(record_pipeline, "Ukraine calls on its partners to maintain and strengthen sanctions.")
    assert commitment(analysis, "ukraine", "sanctions").modality == "demanded"
    analysis = analyze(record_pipeline, "Russia demanded a ceasefire and refused any sanctions relief.")
    assert not [c for c in analysis.commitments if c.topic == "sanctions" and c.modality == "demanded"]


def test_what_a_partys_soldiers_will_not_do_is_its_refusal(record_pipeline):
    analysis = analyze(record_pipeline, "Britain said its soldiers would not take part in combat.")
    assert stance(analysis, "united-kingdom", "foreign_troops").polarity == "oppose"


def test_valuing_a_mediation_supports_the_talks(record_pipeline):
    analysis = analyze(record_pipeline, 'Lavrov said: "We value Turkey\'s mediation."')
    assert stance(analysis, "sergei-lavrov", "peace_talks").polarity == "support"


def test_asking_others_to_act_on_a_topic_wants_it(record_pipeline):
    analysis = analyze(record_pipeline, "Ukraine has asked its partners to combine their promises into a single "
                                        "guarantee.")
    assert stance(analysis, "ukraine", "security_guarantees").polarity == "support"
