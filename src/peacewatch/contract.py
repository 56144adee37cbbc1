"""The JSON contract, as code: one typed model per record, one `Analysis` per document.

`schema/peacewatch-1.schema.json` is generated from these models (`peacewatch schema`), and every
output is validated against it in the tests. Field names are fixed by `DESIGN.md`; fields may be
added, never renamed.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

if TYPE_CHECKING:
    import numpy as np

SCHEMA_VERSION = "peacewatch/1"

ActorKind = Literal["person", "organization", "state", "group", "anonymous"]
Granularity = Literal["day", "week", "month", "year", "range"]
AttributionKind = Literal["direct", "indirect", "mixed"]
Sourcing = Literal["named", "anonymous", "author", "none"]
Polarity = Literal["support", "oppose", "conditional", "neutral"]
Modality = Literal["signed", "pledged", "offered", "ready", "considering", "refused", "demanded"]
EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]


class Record(BaseModel):
    """Base of every record: strict about unknown fields so that typos fail loudly."""

    model_config = ConfigDict(extra="forbid", frozen=False)


class Span(Record):
    """Character offsets into `document.text`: `text == document.text[start:end]`."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Document(Record):
    id: str = Field(description="sha256 of the text (first 16 hex digits): same text, same id")
    source_id: str | None = Field(default=None, description="the input's own identifier or path")
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = Field(default=None, description="ISO date (YYYY-MM-DD) or null")
    genre: str | None = None
    language: str = "en"
    text: str

    @staticmethod
    def content_id(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class Actor(Record):
    id: str
    name: str
    kind: ActorKind
    affiliation: str | None = Field(default=None, description="actor id of the state or body")
    aliases: list[str] = Field(default_factory=list)
    mentions: list[Span] = Field(default_factory=list)
    role: str | None = None
    in_gazetteer: bool = False


class TimeExpression(Record):
    id: str
    span: Span
    value: str | None = Field(description="ISO date, or null when it cannot be resolved")
    granularity: Granularity
    start: str | None = Field(default=None, description="first day of the period, if known")
    end: str | None = Field(default=None, description="last day of the period, if known")


class Attribution(Record):
    id: str
    kind: AttributionKind
    source: Span | None = None
    source_actor: str | None = None
    anonymous: bool = False
    cue: Span
    content: Span


class Claim(Record):
    id: str
    span: Span
    checkworthy: float = Field(ge=0.0, le=1.0)
    attribution: str | None = None
    hedged: bool = False
    sourcing: Sourcing = "none"


class Stance(Record):
    id: str
    actor: str
    topic: str
    polarity: Polarity
    strength: float = Field(ge=0.0, le=1.0)
    evidence: Span
    previous_polarity: Polarity | None = Field(
        default=None, description="what the actor held before, when the evidence reports a reversal")


class Commitment(Record):
    id: str
    actor: str
    action: str
    topic: str
    modality: Modality
    evidence: Span


class Event(Record):
    id: str
    type: EventType
    mode: str | None = None
    source_actor: str | None = None
    target_actor: str | None = None
    date: str | None = None
    place: str | None = None
    quad_class: int | None = Field(default=None, ge=1, le=4, description=(
        "GDELT-style quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, "
        "4 material conflict"))
    confidence: float | None = Field(default=None, ge=0.0, le=1.0, description=(
        "the learned layer's probability that the sentence is of this event's quad class; null without it"))
    evidence: Span


class Deadline(Record):
    id: str
    actor: str | None = None
    content: Span
    due: str
    expression: Span
    hedged: bool = False


class Technique(Record):
    id: str
    technique: str
    span: Span
    score: float = Field(ge=0.0, le=1.0)


class Summary(Record):
    counts: dict[str, int] = Field(default_factory=dict)
    anonymous_share: float = Field(default=0.0, ge=0.0, le=1.0,
                                   description="share of attributions with an anonymous source")
    named_share: float = Field(
        default=0.0, ge=0.0, le=1.0, description="share of attributions whose source is a named actor")
    unresolved_share: float = Field(
        default=0.0, ge=0.0, le=1.0,
        description="share of attributions whose source is no known actor, or absent")
    reported_share: float = Field(
        default=0.0, ge=0.0, le=1.0,
        description="share of sentences inside a reported content (reported voice)")
    author_share: float = Field(
        default=0.0, ge=0.0, le=1.0,
        description="share of sentences in the author's own voice (1 - reported_share)")
    persuasion_density: float = Field(default=0.0, ge=0.0, le=1.0,
                                      description="share of characters inside technique spans")
    techniques: dict[str, int] = Field(default_factory=dict,
                                       description="technique name → number of spans found")
    tokens: int = 0
    sentences: int = 0


class ClaimVectors:
    """Claim span text -> the float32 MiniLM vector (384) the analysis computed for it: a cache, not a record.

    Carried by `Analysis` as a private attribute so that the store clusters claims without embedding them a
    second time. It is never part of the JSON contract, and it compares equal to anything (two analyses with the
    same records are equal whether or not one still carries its vectors).
    """

    def __init__(self, by_text: dict[str, np.ndarray] | None = None) -> None:
        self.by_text: dict[str, np.ndarray] = dict(by_text or {})

    def __eq__(self, other: object) -> bool:
        return True  # why: pydantic compares private attributes in `Analysis.__eq__`; a cache must not count

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"ClaimVectors({len(self.by_text)} texts)"


class Analysis(Record):
    """Everything peacewatch found in one document."""

    schema_: str = Field(default=SCHEMA_VERSION, alias="schema")
    document: Document
    actors: list[Actor] = Field(default_factory=list)
    times: list[TimeExpression] = Field(default_factory=list)
    attributions: list[Attribution] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    stances: list[Stance] = Field(default_factory=list)
    commitments: list[Commitment] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)
    techniques: list[Technique] = Field(default_factory=list)
    summary: Summary = Field(default_factory=Summary)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    # why a private attribute rather than a side table keyed by document: it is left out of `model_dump` / JSON and
    # the schema, yet travels with the object, pickling included (`--workers`); JSON (Ray, a file) drops it, and the
    # store then embeds again, so nothing depends on it being there
    _claim_vectors: ClaimVectors | None = PrivateAttr(default=None)

    @property
    def claim_vectors(self) -> dict[str, Any]:
        """Claim span text -> MiniLM vector computed during the analysis; empty when unknown (loaded from JSON)."""
        return self._claim_vectors.by_text if self._claim_vectors is not None else {}

    @claim_vectors.setter
    def claim_vectors(self, by_text: dict[str, Any]) -> None:
        self._claim_vectors = ClaimVectors(by_text) if by_text else None

    def to_dict(self) -> dict:
        return self.model_dump(mode="json", by_alias=True)

    def to_json(self, indent: int | None = 2) -> str:
        return self.model_dump_json(by_alias=True, indent=indent)

    def actor(self, actor_id: str) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def actor_named(self, name: str) -> Actor | None:
        """The actor whose canonical name or alias is `name` (case-insensitive)."""
        wanted = name.casefold()
        for actor in self.actors:
            if actor.name.casefold() == wanted or any(a.casefold() == wanted for a in actor.aliases):
                return actor
        return None


#: Record lists of an `Analysis`, in output order; extractors register under these names.
RECORD_FIELDS: tuple[str, ...] = (
    "actors", "times", "attributions", "claims", "stances",
    "commitments", "events", "deadlines", "techniques",
)


def json_schema() -> dict:
    """The JSON Schema of one document's output (what `schema/peacewatch-1.schema.json` holds)."""
    schema = Analysis.model_json_schema(by_alias=True)
    schema["$id"] = "https://peacewatch.invalid/schema/peacewatch-1.schema.json"
    schema["title"] = "peacewatch/1 document analysis"
    return schema
