"""Extractors: each turns a parsed spaCy `Doc` into one kind of typed record.

- `actors`: who is who (names, the gazetteer, anonymous sources)
- `times`: when (dates resolved against the publication date)
- `attributions`: who said what (source, cue, content; direct, indirect or mixed)
- `claims`: check-worthy statements with their sourcing and hedging (a trained scorer)
- `stances`, `commitments`, `deadlines`: the peace-process record (what each party wants, refuses,
  offers and promises, and by when), over the topics of `data/topics.yaml`
- `events`: what happened, as PLOVER-coded events (type, mode, source → target, date, place)
- `techniques`: how the text tries to persuade (14 PTC techniques, a trained tagger plus patterns)

Importing this package registers them; `peacewatch.extractors.base.register` adds your own.
"""

from peacewatch.extractors import (  # noqa: F401  (registration)
    actors,
    attributions,
    claims,
    commitments,
    deadlines,
    events,
    stances,
    techniques,
    times,
)
from peacewatch.extractors.base import REGISTRY, DocContext, Extractor, Resources, context, register

__all__ = ["REGISTRY", "DocContext", "Extractor", "Resources", "context", "register"]
