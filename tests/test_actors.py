"""Who is who: canonical actors from names, the gazetteer and unnamed sources."""

from __future__ import annotations

import pytest

from peacewatch import Pipeline, Settings, make_document
from peacewatch.errors import ConfigError
from peacewatch.gazetteer import load_gazetteer
from peacewatch.ingest import read_path

from .conftest import seed


def actors_of(pipeline, text: str, **meta):
    return pipeline.analyze(make_document(text, **meta))


@pytest.fixture(scope="module")
def seed_002(pipeline, seeds):
    (doc,) = read_path(seed(seeds, "002"))
    return pipeline.analyze(doc)


def test_seed_002_has_the_main_actors_with_their_affiliations(seed_002):
    expected = {
        "Vladimir Putin": ("person", "russia"),
        "Donald Trump": ("person", "united-states"),
        "Volodymyr Zelensky": ("person", "ukraine"),
        "Russian Foreign Ministry": ("organization", "russia"),
        "NATO": ("organization", None),
    }
    for name, (kind, affiliation) in expected.items():
        actor = seed_002.actor_named(name)
        assert actor is not None, name
        assert (actor.kind, actor.affiliation) == (kind, affiliation)


def test_seed_002_has_at_least_three_anonymous_actors(seed_002):
    anonymous = [a for a in seed_002.actors if a.kind == "anonymous"]
    assert len(anonymous) >= 3
    official = next(a for a in anonymous if a.name == "Ukrainian official")
    assert official.affiliation == "ukraine"
    assert len(official.mentions) >= 3  # "a Ukrainian official" several times, and "The official"


def test_seed_002_published_date_comes_from_its_leading_marker(seed_002):
    assert seed_002.document.published == "2025-08-20"
    assert not seed_002.document.text.startswith(" date")


def test_gazetteer_corrects_spacy_labels_and_surnames_join_the_full_name(pipeline):
    analysis = actors_of(pipeline, "Vladimir Putin met reporters. Later Putin said Trump's envoy was late.")
    putin = analysis.actor_named("Vladimir Putin")
    assert putin is not None and [m.text for m in putin.mentions] == ["Vladimir Putin", "Putin"]
    trump = analysis.actor_named("Trump")
    assert trump is not None and trump.id == "donald-trump" and trump.kind == "person"


def test_surname_joins_an_unlisted_full_name_in_the_same_document(pipeline):
    analysis = actors_of(pipeline, "Analyst Harriet Quellmoor wrote the report. Quellmoor said more was coming.")
    actor = analysis.actor_named("Harriet Quellmoor")
    assert actor is not None and actor.kind == "person" and not actor.in_gazetteer
    assert [m.text for m in actor.mentions] == ["Harriet Quellmoor", "Quellmoor"]


def test_the_noun_a_body_is_named_by_points_back_to_it(pipeline):
    analysis = actors_of(pipeline, "NATO ministers met in Brussels. The alliance said the alliance summit would "
                                   "go ahead, and the European Union said the union agreed.")
    nato = analysis.actor("nato")
    assert nato is not None and [m.text for m in nato.mentions] == ["NATO", "alliance"]  # not the summit's
    eu = analysis.actor("european-union")
    assert eu is not None and [m.text for m in eu.mentions] == ["European Union", "union"]
    # before the body is named the noun names nobody
    analysis = actors_of(pipeline, "The alliance met on Monday. NATO ministers agreed.")
    assert [m.text for m in analysis.actor("nato").mentions] == ["NATO"]


def test_demonyms_and_capitals_map_to_the_state(pipeline):
    analysis = actors_of(pipeline, "Russian strikes hit the city overnight. Moscow denied it; Kyiv disagreed.")
    russia = analysis.actor("russia")
    assert russia is not None and {m.text for m in russia.mentions} == {"Russian", "Moscow"}
    assert analysis.actor("ukraine") is not None


@pytest.mark.parametrize(
    ("text", "name", "affiliation"),
    [
        ("Two sources with knowledge of the discussions said talks would resume.",
         "sources with knowledge of the discussions", None),
        ("The plan is ready, a Ukrainian official said.", "Ukrainian official", "ukraine"),
        ("Western diplomats said the offer was serious.", "Western diplomats", None),
        ("People familiar with the matter said the deal was close.", "People familiar with the matter", None),
        ("A senior NATO official, speaking on condition of anonymity, said troops were ready.",
         "senior NATO official", "nato"),
        ("Officials of the European Union said the offer was serious.", "Officials", "european-union"),
        ("A spokesman for NATO declined to comment.", "spokesman", "nato"),
        ("Diplomats in Brussels said the offer was serious.", "Diplomats", None),
    ],
)
def test_unnamed_sources_become_anonymous_actors(pipeline, text, name, affiliation):
    analysis = actors_of(pipeline, text)
    anonymous = [a for a in analysis.actors if a.kind == "anonymous"]
    assert [a.name for a in anonymous] == [name]
    assert anonymous[0].affiliation == affiliation
    assert anonymous[0].id.startswith("anon-")
    assert text[anonymous[0].mentions[0].start:].startswith(anonymous[0].mentions[0].text)


def test_named_spokespeople_are_not_anonymous(pipeline):
    analysis = actors_of(pipeline, "Kremlin spokesman Dmitry Peskov said the talks were useful.")
    assert not [a for a in analysis.actors if a.kind == "anonymous"]
    assert analysis.actor_named("Dmitry Peskov") is not None


def test_a_user_gazetteer_adds_actors(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "version: 1\nactors:\n"
        "  - {id: valdoria, name: Valdoria, kind: state, demonyms: [Valdorian], capitals: [Lirsk]}\n"
        "  - {id: ilsa-marren, name: Ilsa Marren, kind: person, affiliation: valdoria, aliases: [Marren]}\n"
    )
    pipeline = Pipeline(Settings(gazetteer=[str(extra)]))
    analysis = pipeline.analyze("Valdorian President Ilsa Marren spoke in Lirsk. Marren said Lirsk would not yield.")
    marren = analysis.actor("ilsa-marren")
    assert marren is not None and marren.affiliation == "valdoria" and len(marren.mentions) == 2
    # the capital names the state when it acts, not where it is only the place
    assert [m.text for m in analysis.actor("valdoria").mentions] == ["Valdorian", "Lirsk"]
    assert analysis.actor("valdoria").mentions[1].start > analysis.document.text.index("said")


def test_places_never_become_actors_and_affiliations_are_listed(pipeline):
    analysis = pipeline.analyze("ODESA, May 2 - Russian Foreign Minister Sergei Lavrov spoke in Odesa.")
    assert not [a for a in analysis.actors if "odesa" in a.id]
    lavrov = analysis.actor("sergei-lavrov")
    assert lavrov is not None and analysis.actor(lavrov.affiliation) is not None
    for actor in analysis.actors:
        assert actor.affiliation is None or analysis.actor(actor.affiliation) is not None


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("actors: [{id: x, name: X, kind: planet}]", "has kind 'planet'"),
        ("actors: [{id: x, name: X, kind: person, affiliation: nowhere}]", "unknown id 'nowhere'"),
        ("just: [a, list", "not valid YAML"),
        ("- a\n- b\n", "expected a mapping with an 'actors' list"),
    ],
)
def test_a_bad_gazetteer_is_one_clear_error(tmp_path, content, problem):
    path = tmp_path / "bad.yaml"
    path.write_text(content)
    with pytest.raises(ConfigError, match=problem):
        load_gazetteer([path])


def test_builtin_gazetteer_is_consistent():
    gazetteer = load_gazetteer()
    assert len(gazetteer) > 100
    for entry in gazetteer.entries.values():
        assert entry.affiliation is None or entry.affiliation in gazetteer.entries


def test_headings_in_capitals_are_not_organizations(pipeline):
    analysis = pipeline.analyze("FURTHER READING & CREDITS\nNATO TROOPS met in Lirsk.")
    names = {a.name for a in analysis.actors}
    assert "NATO" in names
    assert not any(name.isupper() and " " in name for name in names)


def test_agreements_and_memoranda_are_documents_not_actors(pipeline):
    found = actors_of(pipeline, "The Lisbon Protocol obliged Kazakhstan to give up its arsenal, "
                                "and the Tashkent Memorandum guaranteed its borders.")
    assert not any(a.name.endswith(("Protocol", "Memorandum")) for a in found.actors)
    assert "kazakhstan" in {a.id for a in found.actors}


def test_the_last_word_of_a_body_named_in_full_is_that_body():
    from peacewatch import Pipeline, Settings, make_document

    pipeline = Pipeline(Settings(extractors=["actors"]))
    analysis = pipeline.analyze(make_document("The North Atlantic Treaty Organization met on Monday. If the "
                                              "Organization sends soldiers, Russia will respond."))
    nato = next(a for a in analysis.actors if a.id == "nato")
    assert [m.text for m in nato.mentions] == ["North Atlantic Treaty Organization", "Organization"]


def test_a_states_body_named_another_way_is_the_gazetteers(tmp_path):
    from peacewatch import Pipeline, Settings, make_document

    gazetteer = tmp_path / "gazetteer.yaml"
    gazetteer.write_text("version: 1\nactors:\n"
                         "  - {id: varunia, name: Varunia, kind: state, demonyms: [Varunian]}\n"
                         "  - {id: varunian-foreign-ministry, name: Varunian Foreign Ministry, kind: organization,"
                         " affiliation: varunia}\n", "utf-8")
    pipeline = Pipeline(Settings(extractors=["actors"], gazetteer=[str(gazetteer)]))
    analysis = pipeline.analyze(make_document("Varunia's Foreign Ministry said it would present a draft."))
    assert "varunian-foreign-ministry" in {a.id for a in analysis.actors}


def test_a_definite_title_names_the_one_person_of_the_document_who_holds_it(tmp_path):
    gazetteer = tmp_path / "gazetteer.yaml"
    gazetteer.write_text("version: 1\nactors:\n"
                         "  - {id: varunia, name: Varunia, kind: state, demonyms: [Varunian]}\n"
                         "  - {id: orsk, name: Orsk, kind: state}\n"
                         "  - {id: ida-lamm, name: Ida Lamm, kind: person, affiliation: varunia,"
                         " role: 'Foreign Minister of Varunia'}\n"
                         "  - {id: tom-berg, name: Tom Berg, kind: person, affiliation: orsk,"
                         " role: 'Foreign Minister of Orsk'}\n", "utf-8")
    pipeline = Pipeline(Settings(extractors=["actors"], gazetteer=[str(gazetteer)]))

    def mentions(text: str) -> dict[str, list[str]]:
        return {a.id: [m.text for m in a.mentions] for a in pipeline.analyze(make_document(text)).actors}

    # introduced by the words before the name, unknown to the gazetteer
    found = mentions("Envoy-General Pia Holm opened the talks. The Envoy-General said both sides had come.")
    assert found["pia-holm"] == ["Pia Holm", "Envoy-General"]
    # by the gazetteer's role; "of Orsk" picks one of two foreign ministers
    found = mentions("Ida Lamm met Tom Berg. The Foreign Minister of Orsk said talks were useful.")
    assert found["tom-berg"] == ["Tom Berg", "Foreign Minister"]
    # two holders and nothing to choose between them: nobody
    found = mentions("Ida Lamm met Tom Berg. The Foreign Minister said talks were useful.")
    assert found["ida-lamm"] == ["Ida Lamm"] and found["tom-berg"] == ["Tom Berg"]


def test_a_one_word_name_that_stands_where_places_stand_is_no_person(pipeline):
    text = ("Shelling hit Carrowmere again on Sunday. Residents in Carrowmere say they are tired. "
            "Carrowmere wants monitors, said its mayor.")
    assert "carrowmere" not in {a.id for a in actors_of(pipeline, text).actors}
