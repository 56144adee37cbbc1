"""Claims: sentences (or an attribution's content inside one sentence) that assert something checkable.

Each sentence is scored once by the shipped check-worthiness model (hashed TF-IDF + MiniLM sentence embedding,
calibrated; see `data/models/claims/MODEL_CARD.md`); all of a document's candidates are embedded in one batch.
Kept claims carry their sourcing from the attributions found earlier: `named`, `anonymous`, `author` (no
attribution: the writer's own voice) or `none` (an attribution whose source is unresolved).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Doc

from peacewatch.claims.model import CheckworthyModel, packaged_model
from peacewatch.contract import Attribution, Claim, Sourcing, Span
from peacewatch.errors import ConfigError
from peacewatch.extractors.base import Resources, context, embed_ahead, register, sentence_vectors
from peacewatch.spans import doc_text, text_span

HEDGES_FILE = "hedges.yaml"
MIN_CHARS = 12  # why: fragments ("Yes.", "He said:") are never checkable claims
MIN_WORDS = 3
CANDIDATES_KEY = "claims.candidates"  # DocContext.shared: the candidates `prepare` found, used once


@dataclass(frozen=True)
class HedgeLexicon:
    words: frozenset[str]
    phrases: tuple[re.Pattern[str], ...]

    @classmethod
    def load(cls) -> HedgeLexicon:
        try:
            data = yaml.safe_load(resources.files("peacewatch.data").joinpath(HEDGES_FILE).read_text("utf-8"))
            words = frozenset(w.casefold() for w in data["words"])
            phrases = tuple(re.compile(rf"(?<!\w){re.escape(p.casefold())}(?!\w)") for p in data["phrases"])
        except (OSError, KeyError, TypeError, yaml.YAMLError) as exc:
            raise ConfigError(f"{HEDGES_FILE}: cannot read the hedge lexicon: {exc}") from None
        return cls(words, phrases)

    def hedged(self, text: str) -> bool:
        lowered = text.casefold()
        if any(w in self.words for w in re.findall(r"\w+", lowered)):
            return True
        return any(p.search(lowered) for p in self.phrases)


@lru_cache(maxsize=1)
def default_hedges() -> HedgeLexicon:
    return HedgeLexicon.load()


def sourcing_of(attribution: Attribution | None) -> Sourcing:
    if attribution is None:
        return "author"
    if attribution.anonymous:
        return "anonymous"
    return "named" if attribution.source_actor else "none"


def _covering(attributions: list[Attribution], start: int, end: int) -> Attribution | None:
    """The attribution whose content covers most of `start:end` (at least half of it), if any."""
    best, best_overlap = None, 0
    for attr in attributions:
        overlap = min(end, attr.content.end) - max(start, attr.content.start)
        if overlap * 2 >= end - start and overlap > best_overlap:
            best, best_overlap = attr, overlap
    return best


_COMPLEMENTIZER = re.compile(r"(?:that|whether)\s+", re.IGNORECASE)


def _content_span(text: str, content: Span) -> Span:
    """An attribution's content without a leading "that"/"whether" (it introduces the claim, is not part of it)."""
    start = content.start
    lead = _COMPLEMENTIZER.match(text, start, content.end)
    if lead and lead.end() < content.end:
        start = lead.end()
    return text_span(text, start, content.end)


class ClaimExtractor:
    name = "claims"

    def __init__(self, model: CheckworthyModel | None = None, hedges: HedgeLexicon | None = None,
                 threshold: float | None = None) -> None:
        self.model = model or packaged_model()
        self.hedges = hedges or default_hedges()
        self.threshold = self.model.threshold if threshold is None else threshold

    def candidates(self, doc: Doc, attributions: list[Attribution]) -> list[tuple[Span, Attribution | None]]:
        """One candidate per sentence: the attribution's content when it lies inside that sentence."""
        text = doc_text(doc)
        out: list[tuple[Span, Attribution | None]] = []
        for sent in doc.sents:
            span = text_span(text, sent.start_char, sent.end_char)
            inside = [a for a in attributions
                      if span.start <= a.content.start and a.content.end <= span.end
                      and a.content.end - a.content.start >= MIN_CHARS]
            attr: Attribution | None
            if inside:  # "X said that …": the claim is what was said, not the saying
                attr = max(inside, key=lambda a: a.content.end - a.content.start)
                span = _content_span(text, attr.content)
            else:  # a sentence inside a longer (e.g. multi-sentence) quotation carries that attribution
                attr = _covering(attributions, span.start, span.end)
            if len(span.text) >= MIN_CHARS and len(span.text.split()) >= MIN_WORDS:
                out.append((span, attr))
        return out

    def prepare(self, docs: list[Doc]) -> None:
        """Embeds the candidates of a whole batch ahead: one shared MiniLM pass over its sentences (techniques
        and events reuse it), then one batched call for the candidates that are not a whole sentence."""
        from peacewatch.techniques.encoder import encode_docs

        encode_docs(docs)
        for doc in docs:
            context(doc).shared[CANDIDATES_KEY] = self._candidates(doc)
        embed_ahead([(doc, [span.text for span, _ in context(doc).shared[CANDIDATES_KEY]]) for doc in docs])

    def _candidates(self, doc: Doc) -> list[tuple[Span, Attribution | None]]:
        attributions = [r for r in context(doc).records.get("attributions", []) if isinstance(r, Attribution)]
        return self.candidates(doc, attributions)

    def __call__(self, doc: Doc) -> list[Claim]:
        candidates = context(doc).shared.pop(CANDIDATES_KEY, None)
        if candidates is None:
            candidates = self._candidates(doc)
        if not candidates:
            return []
        # why: one batched pass per document; each candidate is embedded exactly once
        texts = [span.text for span, _ in candidates]
        scores = self.model.probabilities(texts, sentence_vectors(doc, texts))
        claims: list[Claim] = []
        for (span, attr), score in zip(candidates, scores, strict=True):
            if score < self.threshold:
                continue
            claims.append(Claim(id=f"c{len(claims) + 1}", span=span, checkworthy=round(float(score), 4),
                                attribution=attr.id if attr else None, hedged=self.hedges.hedged(span.text),
                                sourcing=sourcing_of(attr)))
        return claims


@register("claims")
def make_claims(resources: Resources) -> ClaimExtractor:
    return ClaimExtractor()
