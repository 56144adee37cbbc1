"""Sentences → coded events with their triggers' depth, each sentence's pentaclass, and the model's lexicon view."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from peacewatch.contract import Actor, Event
from peacewatch.events import model
from peacewatch.extractors.base import DocContext
from peacewatch.extractors.events import EventExtractor, trigger_depth
from peacewatch.ingest.documents import make_document
from peacewatch.pipeline import Pipeline, Settings

#: what the events extractor reads from earlier extractors (attributions only refine who holds a clause)
PREREQUISITES = ["actors", "times"]


def code_sentences(texts: Iterable[str], pipeline: Pipeline | None = None, extractor: EventExtractor | None = None,
                   actor_forms: list[dict[str, set[str]]] | None = None) -> list[list[tuple[Event, int]]]:
    """Per text: its events with their trigger's depth in the parse (0: the root). Without `extractor`, the
    lexicon alone (no learned layer). `actor_forms`, if given, is filled with each text's actor id → the
    casefolded names it goes by (name, aliases, mentions)."""
    pipeline = pipeline or Pipeline(Settings(extractors=list(PREREQUISITES)))
    extractor = extractor or EventExtractor(pipeline.resources, learned=False)
    out = []
    for doc in pipeline.nlp.pipe(list(texts), batch_size=64):
        ctx = DocContext(make_document(doc.text))
        doc._.pw = ctx
        for earlier in pipeline.extractors:
            ctx.records[earlier.name] = earlier(doc)
        out.append([(event, trigger_depth(token)) for event, token in extractor.find(doc)])
        if actor_forms is not None:
            actor_forms.append({a.id: {f.casefold() for f in [a.name, *a.aliases, *(m.text for m in a.mentions)]}
                                for a in ctx.records.get("actors", []) if isinstance(a, Actor)})
    return out


def main_event(found: list[tuple[Event, int]]) -> Event | None:
    """The event the learned layer is surest of; without it, the one whose trigger sits highest in the parse
    (the sentence's own verb), first in text on a tie."""
    if not found:
        return None
    return min(found, key=lambda f: (-(f[0].confidence or 0.0), f[1]))[0]


def pentaclass(found: list[tuple[Event, int]]) -> int:
    """0 (no event: a statement) or the main event's quad class."""
    event = main_event(found)
    return (event.quad_class or 0) if event is not None else 0


def lexicon_features(coded: list[list[tuple[Event, int]]]) -> np.ndarray:
    return model.lexicon_features([[(e.quad_class or 0, d) for e, d in found if e.quad_class] for found in coded])
