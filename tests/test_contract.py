"""The contract: the checked-in schema is the generated one, and every output obeys it."""

from __future__ import annotations

import json

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peacewatch import Analysis, make_document
from peacewatch.contract import RECORD_FIELDS, json_schema

from .conftest import EXAMPLES, REPO


def spans_of(value):
    """Every span object anywhere inside a JSON value."""
    if isinstance(value, dict):
        if set(value) == {"start", "end", "text"}:
            yield value
        for child in value.values():
            yield from spans_of(child)
    elif isinstance(value, list):
        for child in value:
            yield from spans_of(child)


def check(analysis: Analysis) -> dict:
    data = json.loads(analysis.to_json())
    jsonschema.validate(data, json_schema())
    text = data["document"]["text"]
    for span in spans_of({k: data[k] for k in RECORD_FIELDS}):
        assert text[span["start"]:span["end"]] == span["text"], span
    return data


def test_checked_in_schema_is_generated_from_the_models():
    on_disk = json.loads((REPO / "schema" / "peacewatch-1.schema.json").read_text())
    assert on_disk == json.loads(json.dumps(json_schema())), "run: peacewatch schema > schema/peacewatch-1.schema.json"


def test_output_has_the_fixed_top_level_fields(pipeline):
    data = check(pipeline.analyze("NATO said on Monday that it would meet."))
    assert data["schema"] == "peacewatch/1"
    assert set(RECORD_FIELDS) | {"schema", "document", "summary"} <= set(data)
    assert set(data["document"]) >= {"id", "source_id", "title", "outlet", "url", "published", "genre",
                                     "language", "text"}


def test_every_demo_document_validates_and_its_spans_check_out(demo_pipeline):
    from peacewatch.ingest import read_path

    docs = [d for p in sorted((EXAMPLES / "corpus").iterdir()) for d in read_path(p)]
    assert len(docs) >= 20
    for analysis in demo_pipeline.analyze_many(docs):
        check(analysis)


def test_seeds_validate(pipeline, seeds):
    from peacewatch.ingest import read_path

    for path in sorted(seeds.glob("*.txt")):
        (doc,) = read_path(path)
        check(pipeline.analyze(doc))


def test_same_text_same_id_and_different_text_different_id():
    a, b = make_document("Peace talks resumed."), make_document("Peace talks resumed.", title="x")
    assert a.id == b.id
    assert make_document("Peace talks stalled.").id != a.id


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from([
    "Putin", "Zelensky", "said", "“", "\"", "'", "—", " ", "\n", "\r\n", "a Ukrainian official", "on Tuesday",
    "NATO", "the end of August", ".", ",", "ü", "🙂", "\t", "two sources", "Washington", "’s",
]), max_size=40).map("".join))
def test_spans_check_out_on_arbitrary_text(pipeline, text):
    doc = make_document(text or "x", published="2025-08-20")
    check(pipeline.analyze(doc))
