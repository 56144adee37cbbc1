"""Who said what: attributions (source, cue, content) over the dependency parse.

How, in three steps, because each needs a different kind of evidence:

1. **Cues.** Every verb, noun, adjective, "according" and colon is a candidate; a small logistic model
   (`data/attribution_model.json`, trained on PolNeAR, see its model card) scores it from parse features
   (lemma, dependents, subject type, nearby quote marks, the cue lexicon in `data/attribution_cues.yaml`).
   Without a model file the lexicon alone decides (a verb of saying/believing/intending with a complement).
2. **Spans.** The source is the cue's subject (or the object of "according to", an agent, a possessor,
   or the subject inherited from the verb it hangs on); the content is its clausal complement or object,
   or what follows a colon, or the clause around a parenthetical "he said". A content that touches a
   quotation grows to the whole quotation, across sentences and paragraphs.
3. **Who.** The source resolves to a canonical actor through `DocContext.actor_at`; a pronoun or a
   definite role noun ("the president", "the official") resolves to the latest fitting actor before it.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from spacy.tokens import Doc, Token

from peacewatch.contract import Actor, Attribution
from peacewatch.extractors.base import Resources, context, register
from peacewatch.spans import doc_text, sentence, text_span

MODEL_FILE = "attribution_model.json"
LEXICON_FILE = "attribution_cues.yaml"

OPENING = {"“", "«", "„"}
CLOSING = {"”", "»"}
STRAIGHT = {'"'}
QUOTE_CHARS = OPENING | CLOSING | STRAIGHT

CANDIDATE_POS = {"VERB", "AUX", "NOUN", "ADJ"}
CONTENT_DEPS = ("ccomp", "xcomp", "dobj", "oprd", "attr", "csubj")
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
INHERIT_DEPS = {"xcomp", "conj", "advcl", "acl", "pcomp", "ccomp", "relcl"}
CUE_MODIFIER_DEPS = {"aux", "auxpass", "neg", "prt"}
_NAME_POS = {"PROPN", "NOUN", "ADJ", "PART"}
#: a line break, then a list item marker ("- ", "– ", "— ", "• ", "* ") and the item's first character
_LIST_ITEM = re.compile(r"[ \t]*\n\s*[-–—•*][ \t]+(?=\S)")
_LIST_MARK = re.compile(r"[ \t]*[-–—•*][ \t]+(?=\S)")


# -- resources -------------------------------------------------------------------------------------

@dataclass
class CueLexicon:
    speech: set[str]
    belief: set[str]
    intention: set[str]
    nouns: set[str]
    adjectives: set[str]
    source_prepositions: set[str]
    pronouns: dict[str, set[str]]
    role_nouns: set[str]
    other_party_nouns: set[str]
    representing_nouns: set[str]

    @classmethod
    def load(cls) -> CueLexicon:
        data = yaml.safe_load(resources.files("peacewatch.data").joinpath(LEXICON_FILE).read_text("utf-8"))
        return cls(
            speech=set(data["speech"]), belief=set(data["belief"]),
            intention={w for w in data["intention"] if " " not in w},
            nouns=set(data["nouns"]), adjectives=set(data["adjectives"]),
            source_prepositions=set(data["source_prepositions"]),
            pronouns={k: set(v) for k, v in data["pronouns"].items()},
            role_nouns=set(data["role_nouns"]),
            other_party_nouns=set(data["other_party_nouns"]),
            representing_nouns=set(data["representing_nouns"]),
        )

    def classes(self, lemma: str) -> list[str]:
        return [name for name in ("speech", "belief", "intention", "nouns", "adjectives")
                if lemma in getattr(self, name)]


@dataclass
class CueModel:
    """A linear model over string features: a cue where sigmoid(bias + Σ weights) ≥ threshold."""

    weights: dict[str, float]
    bias: float = 0.0
    threshold: float = 0.5
    card: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls) -> CueModel | None:
        path = resources.files("peacewatch.data").joinpath(MODEL_FILE)
        if not path.is_file():
            return None
        data = json.loads(path.read_text("utf-8"))
        return cls(weights=data["weights"], bias=data["bias"], threshold=data["threshold"],
                   card=data.get("card", {}))

    def probability(self, features: list[str]) -> float:
        get = self.weights.get
        score = self.bias + sum(get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


@lru_cache(maxsize=1)
def default_lexicon() -> CueLexicon:
    return CueLexicon.load()


# -- quotations ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Quote:
    start: int  # character offsets, marks included
    end: int
    closed: bool  # False when the paragraph ended first (a quote running on, or an unbalanced mark)


def find_quotes(text: str) -> list[Quote]:
    """Quotations as character ranges, paragraph by paragraph; unbalanced marks never raise."""
    quotes: list[Quote] = []
    position = 0
    for paragraph in text.split("\n"):
        opened: int | None = None
        for i, ch in enumerate(paragraph):
            if ch not in QUOTE_CHARS:
                continue
            at = position + i
            if ch in STRAIGHT:  # direction from the neighbours: '"Word' opens, 'word."' closes
                before = paragraph[i - 1] if i else " "
                opening = before.isspace() or before in "([{-—–:" if opened is None else False
                if opened is None and not opening:
                    after = paragraph[i + 1] if i + 1 < len(paragraph) else " "
                    opening = not after.isspace() and after not in ".,;:!?)"
            else:
                opening = ch in OPENING
            if opening:
                if opened is not None:  # a second opening mark: the first never closed
                    quotes.append(Quote(opened, at, False))
                opened = at
            elif opened is not None:
                quotes.append(Quote(opened, at + 1, True))
                opened = None
            else:  # a closing mark with no opening in this paragraph: the quote began with it
                quotes.append(Quote(position, at + 1, False))
        if opened is not None:
            end = position + len(paragraph.rstrip())
            if end > opened + 1:
                quotes.append(Quote(opened, end, False))
        position += len(paragraph) + 1
    return quotes


class QuoteIndex:
    def __init__(self, text: str) -> None:
        self.text = text
        self.quotes = find_quotes(text)
        self.starts = [q.start for q in self.quotes]

    def containing(self, offset: int) -> Quote | None:
        i = bisect_right(self.starts, offset) - 1
        if i >= 0 and self.quotes[i].start <= offset < self.quotes[i].end:
            return self.quotes[i]
        return None

    def overlapping(self, start: int, end: int) -> list[Quote]:
        i = max(0, bisect_right(self.starts, start) - 1)
        out = []
        while i < len(self.quotes) and self.quotes[i].start < end:
            if self.quotes[i].end > start:
                out.append(self.quotes[i])
            i += 1
        return out

    def grow(self, start: int, end: int) -> tuple[int, int]:
        """The range grown to whole quotations, following a quotation that runs on into the next paragraph."""
        hit = self.overlapping(start, end)
        if not hit:
            return start, end
        first, last = self.quotes.index(hit[0]), self.quotes.index(hit[-1])
        # "“First paragraph … / “Second paragraph …,” he said": the paragraphs of one quotation
        while first > 0 and not self.quotes[first - 1].closed and self._adjacent(first - 1, first):
            first -= 1
        while last + 1 < len(self.quotes) and not self.quotes[last].closed and self._adjacent(last, last + 1):
            last += 1
        return min(start, self.quotes[first].start), max(end, self.quotes[last].end)

    def _adjacent(self, a: int, b: int) -> bool:
        between = self.text[self.quotes[a].end:self.quotes[b].start]
        return not between.strip() and "\n" in between

    def quoted_chars(self, start: int, end: int) -> int:
        return sum(min(end, q.end) - max(start, q.start) for q in self.overlapping(start, end))


# -- cue features (shared with training) -------------------------------------------------------------

def is_candidate(token: Token, lexicon: CueLexicon) -> bool:
    if token.lower_ in lexicon.source_prepositions or token.text == ":":
        return True
    if token.pos_ not in CANDIDATE_POS:
        return False
    return not (token.pos_ == "AUX" and token.dep_ in {"aux", "auxpass"})


def _kind_of(token: Token) -> str:
    if token.pos_ == "PRON":
        return "PRON:" + token.lower_
    if token.ent_type_:
        return "ENT:" + token.ent_type_
    return "POS:" + token.pos_


def cue_features(token: Token, lexicon: CueLexicon, quotes: QuoteIndex) -> list[str]:
    """String features of one candidate cue token; the names are the model's vocabulary."""
    lemma = token.lemma_.lower()
    feats = ["b", f"L={lemma}", f"P={token.pos_}", f"T={token.tag_}", f"D={token.dep_}",
             f"LD={lemma}|{token.dep_}", f"PD={token.pos_}|{token.dep_}"]
    for name in lexicon.classes(lemma):
        feats += [f"X={name}", f"XD={name}|{token.dep_}"]
    deps = set()
    for child in token.children:
        dep = child.dep_
        deps.add(dep)
        if dep in SUBJECT_DEPS or dep == "agent":
            kind = _kind_of(child)
            feats += [f"S={kind}", f"LS={lemma}|{child.pos_}", f"SD={dep}|{kind}"]
            if child.pos_ == "NOUN":
                feats.append(f"SL={child.lemma_.lower()}")
        elif dep in {"dobj", "ccomp", "xcomp"}:
            feats += [f"O={dep}|{_kind_of(child)}", f"LO={lemma}|{dep}|{child.pos_}"]
            if dep == "ccomp":
                mark = next((g.lower_ for g in child.children if g.dep_ == "mark"), "-")
                feats.append(f"MARK={mark}")
        elif dep == "prep":
            feats.append(f"PR={child.lower_}")
            feats.append(f"LPR={lemma}|{child.lower_}")
        elif dep == "punct" and child.text in ":":
            feats.append("colon")
    for dep in deps:
        feats += [f"C={dep}", f"LC={lemma}|{dep}", f"PC={token.pos_}|{dep}"]
    feats.append("DEPS=" + "+".join(sorted(d for d in deps if d in CONTENT_DEPS or d in SUBJECT_DEPS)))
    head = token.head
    if head.i != token.i:
        feats += [f"H={head.lemma_.lower()}|{token.dep_}", f"HP={head.pos_}|{token.dep_}"]
        for name in lexicon.classes(head.lemma_.lower()):
            feats.append(f"HX={name}|{token.dep_}")
    doc = token.doc
    prev = doc[token.i - 1].lower_ if token.i > 0 else "<s>"
    nxt = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else "</s>"
    feats += [f"B={prev}", f"N={nxt}", f"LN={lemma}|{nxt}"]
    if quotes.containing(token.idx) is not None:
        feats.append("inquote")
    # a quotation just before or just after the cue ("…,” she said" / "said: “…")
    text = quotes.text  # not doc.text: spaCy rebuilds that string on every access
    window = text[max(0, token.idx - 40):token.idx]
    if any(c in window for c in CLOSING | STRAIGHT):
        feats.append("quote_before")
    after = text[token.idx:token.idx + 40]
    if any(c in after for c in OPENING | STRAIGHT):
        feats.append("quote_after")
    if token.is_sent_start or (token.i > 0 and doc[token.i - 1].is_sent_start):
        feats.append("sent_start")
    if token.text == ":":  # a headline colon: "Name: what they said"
        feats += [f"CP={prev}|{doc[token.i - 1].pos_ if token.i else '-'}",
                  f"CE={doc[token.i - 1].ent_type_ if token.i else '-'}"]
    # "…,” she said": a closing quotation a few tokens before
    for back in doc[max(0, token.i - 4):token.i]:
        if back.text in CLOSING or back.text in STRAIGHT:
            feats.append(f"QC={token.i - back.i}")
            break
    grand = head.head
    if grand.i != head.i:
        feats.append(f"G={grand.lemma_.lower()}|{head.dep_}|{token.dep_}")
    return feats


# -- spans -----------------------------------------------------------------------------------------

def _subtree_range(token: Token) -> tuple[int, int]:
    return token.left_edge.i, token.right_edge.i


def _trim_tokens(doc: Doc, first: int, last: int) -> tuple[int, int]:
    """Without leading/trailing punctuation and spaces (but quote marks stay: they mark direct speech)."""
    def droppable(token: Token) -> bool:
        return token.is_space or token.is_punct and token.text not in QUOTE_CHARS

    while first <= last and droppable(doc[first]):
        first += 1
    while last >= first and droppable(doc[last]):
        last -= 1
    return first, last


@dataclass
class Found:
    cue: tuple[int, int]  # token ranges, inclusive
    content: tuple[int, int] | None  # character range
    source: tuple[int, int] | None
    source_token: int | None
    anchor: int


class SpanFinder:
    def __init__(self, doc: Doc, quotes: QuoteIndex, lexicon: CueLexicon) -> None:
        self.doc = doc
        self.quotes = quotes
        self.lexicon = lexicon

    def find(self, anchor: Token) -> Found | None:
        cue_first, cue_last = self._cue(anchor)
        source_token = self._source(anchor)
        content = self._content(anchor, cue_first, cue_last, source_token)
        if content is None:
            return None
        if content[0] > content[1]:
            return None
        if anchor.lower_ in self.lexicon.source_prepositions:
            to = next((c for c in anchor.children if c.dep_ == "prep"), None)
            if to is not None:
                cue_last = max(cue_last, to.i)
        doc = self.doc
        # "called for X", "pleaded to X": the preposition belongs to the cue when its object is the content
        for child in anchor.children:
            if (child.dep_ == "prep" and cue_last < child.i < content[0] and child.i - cue_last <= 3
                    and child.left_edge.i <= content[0] <= child.right_edge.i):
                cue_last = child.i
        start, end = doc[content[0]].idx, doc[content[1]].idx + len(doc[content[1]])
        start, end = self._within_paragraph(start, end, doc[cue_first].idx)
        start, end = self.quotes.grow(start, end)
        source = None
        if source_token is not None:
            s_first, s_last = _trim_tokens(doc, *_subtree_range(source_token))
            if anchor.text == ":":  # only the name right before the colon
                s_first = source_token.i
                while s_first > sentence(anchor).start and doc[s_first - 1].pos_ in _NAME_POS:
                    s_first -= 1
                s_last = source_token.i
            # a source never swallows its own cue or content
            if s_first <= anchor.i <= s_last:
                s_first, s_last = source_token.i, source_token.i
            if s_first <= s_last:
                source = (s_first, s_last)
        source = self._list_item_source(cue_first, source)
        return Found((cue_first, cue_last), (start, end), source, source_token.i if source_token else None,
                     anchor.i)

    def _list_item_source(self, cue_first: int, source: tuple[int, int] | None) -> tuple[int, int] | None:
        """In a list item ("- Norvane — has offered …") the source is what the item names before its verb;
        parses often join a list to the line above it and pick a subject from there."""
        doc, text = self.doc, self.quotes.text
        cue = doc[cue_first].idx
        line_start = text.rfind("\n", 0, cue) + 1
        mark = _LIST_MARK.match(text, line_start)
        if mark is None or (source is not None and doc[source[0]].idx >= mark.end()):
            return source
        span = doc.char_span(mark.end(), cue, alignment_mode="contract")
        if span is None:
            return source
        tokens = [t for t in span if not (t.is_punct or t.is_space)]
        return (tokens[0].i, tokens[-1].i) if tokens else source

    def _within_paragraph(self, start: int, end: int, cue: int) -> tuple[int, int]:
        """A content does not run past a blank line on the side away from its cue (parses do);
        a quotation across paragraphs is restored afterwards by `QuoteIndex.grow`."""
        text = self.quotes.text
        if start >= cue:
            cut = text.find("\n\n", start, end)
            line_start = text.rfind("\n", 0, cue) + 1
            if _LIST_MARK.match(text, line_start):  # a list item's content ends with its line
                line_end = text.find("\n", cue, end)
                cut = line_end if line_end >= 0 and (cut < 0 or line_end < cut) else cut
            if cut >= 0:
                end = len(text[:cut].rstrip())
        else:
            cut = text.rfind("\n\n", start, min(end, cue))
            if cut >= 0:
                start = cut + 2
                while start < end and text[start].isspace():
                    start += 1
        return start, max(start, end)

    def _cue(self, anchor: Token) -> tuple[int, int]:
        """The cue's tokens: the anchor with its auxiliaries, negation, particle and a following colon."""
        first = last = anchor.i
        for child in anchor.children:
            if child.dep_ in CUE_MODIFIER_DEPS and abs(child.i - anchor.i) <= 3:
                first, last = min(first, child.i), max(last, child.i)
        doc = self.doc
        if last + 1 < len(doc) and doc[last + 1].text == ":":
            last += 1
        return first, last

    def _source(self, anchor: Token) -> Token | None:
        if anchor.text == ":":  # "Name: …": the noun phrase before the colon
            before = anchor.doc[anchor.i - 1] if anchor.i > 0 else None
            return before if before is not None and before.pos_ in {"PROPN", "NOUN", "PRON"} else None
        if anchor.dep_ == "acl" and anchor.head.dep_ == "ROOT" and anchor.head.pos_ in {"NOUN", "PROPN"} and \
                any(c.dep_ == "ccomp" for c in anchor.children) and \
                not any(t.text == ":" for t in anchor.doc[anchor.head.i:anchor.i]):  # (not a turn's label)
            # "Its Foreign Minister, Arkady Maskal, repeated that …" parsed as a noun with a reduced relative: a
            # reporting verb with its own clause is the sentence's verb, and the noun (or the name beside it)
            # its subject
            return next((c for c in anchor.head.children if c.dep_ == "appos" and c.i < anchor.i), anchor.head)
        said = anchor.head.head
        if anchor.dep_ == "conj" and anchor.head.dep_ == "ccomp" and anchor.lemma_.lower() in self.lexicon.speech \
                and not any(c.dep_ in SUBJECT_DEPS for c in anchor.children) and said.lemma_.lower() in \
                self.lexicon.speech and (subject := self._source(said)) is not None:
            # "X said no soldier should serve … and called for a referendum": the parse joins the second report
            # to what was said; its speaker is X's
            return subject
        token = anchor
        for _ in range(4):  # climb through xcomp/conj/advcl chains to find an inherited subject
            subjects = [c for c in token.children if c.dep_ in {"nsubj", "csubj"}]
            if subjects:
                # "Q (Dresk Herald): The Varunian side insists …": a turn label the parse took for a second subject
                # (and a timeline entry's date: "13 March — Telvik calls for …")
                return next((c for c in subjects if not any(":" in t.text for t in c.subtree)
                             and c.ent_type_ not in {"DATE", "TIME"}), subjects[0])
            for child in token.children:
                if child.dep_ == "agent":
                    return next((c for c in child.children if c.dep_ == "pobj"), child)
            if any(c.dep_ in {"nsubjpass", "auxpass"} for c in token.children):
                return None  # a passive without "by X" has no source to inherit
            if token.lower_ in self.lexicon.source_prepositions:
                to = next((c for c in token.children if c.dep_ == "prep"), None)
                obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
                if obj is not None:
                    return obj
            if token.pos_ == "NOUN":
                return next((c for c in token.children if c.dep_ == "poss"), None)
            if token.dep_ == "relcl" and token is not anchor:
                return token.head
            if token.dep_ not in INHERIT_DEPS or token.head.i == token.i:
                return None
            if token.dep_ == "ccomp" and token is anchor:
                return None
            token = token.head
        return None

    def _content(self, anchor: Token, cue_first: int, cue_last: int,
                 source: Token | None) -> tuple[int, int] | None:
        doc = self.doc
        if anchor.lower_ in self.lexicon.source_prepositions:
            return self._around(anchor.head, anchor)
        children = [c for c in anchor.children if c.dep_ in CONTENT_DEPS]
        if not any(c.dep_ == "ccomp" and c.i > anchor.i for c in children):
            # "“…,” the minister told reporters": the quotation right before source and cue is the content
            left = anchor.i
            if source is not None and source.i < anchor.i:
                left = min(left, source.left_edge.i)
            quoted = self._quote_ending_before(left)
            if quoted is not None:
                return quoted
        after = [c for c in children if c.i > anchor.i]
        before = [c for c in children if c.i < anchor.i]
        chosen = after or before
        if any(c.dep_ == "ccomp" for c in chosen):  # "told the paper that …": the paper is the addressee
            chosen = [c for c in chosen if c.dep_ in {"ccomp", "xcomp"}]
        # "says it outright: …", "put it this way: …": the pronoun announces what follows the colon
        announced = [c for c in chosen if c.dep_ == "dobj" and c.lower_ in {"it", "this"}]
        colon = next((t.i for t in doc[cue_last + 1:cue_last + 5] if t.text == ":"), None)
        if announced and colon is not None and all(c.right_edge.i < colon for c in chosen):
            return self._after_colon(colon)
        if chosen:
            first = min(c.left_edge.i for c in chosen)
            last = max(c.right_edge.i for c in chosen)
            if chosen is after:
                first = max(first, cue_last + 1)
            if last + 1 < len(doc) and doc[last + 1].text == ":" and sentence(doc[last + 1]).end <= last + 3:
                # "listed its conditions:" and dash items on the lines below: the items are what was listed
                items = self._list_end(last + 1)
                if items > last + 1:
                    return _trim_tokens(doc, first, items)
            return _trim_tokens(doc, first, last)
        if anchor.text == ":":
            return self._after_colon(anchor.i)
        passive = next((c for c in anchor.children if c.dep_ == "nsubjpass"), None)
        if passive is not None and any(c.dep_ == "agent" for c in anchor.children):
            return _trim_tokens(doc, *_subtree_range(passive))  # "The meeting was reported by X"
        prep = next((c for c in anchor.children if c.dep_ == "prep" and c.i > anchor.i
                     and any(g.dep_ in {"pobj", "pcomp"} for g in c.children)), None)
        if prep is not None and prep.i <= cue_last + 3:
            obj = [g for g in prep.children if g.dep_ in {"pobj", "pcomp"}]
            return _trim_tokens(doc, min(g.left_edge.i for g in obj), max(g.right_edge.i for g in obj))
        if doc[cue_last].text == ":":
            return self._after_colon(cue_last)
        if anchor.dep_ in {"parataxis", "advcl", "ccomp", "conj"} and anchor.head.i != anchor.i:
            return self._around(anchor.head, anchor)
        if anchor.dep_ == "ROOT":
            # "“…,” he said." with the quotation parsed apart: the quotation just before
            # (only a quotation that ends the way one before its source does: ',”' '?”' '!”')
            sent = sentence(anchor)
            q = self.quotes.containing(doc[sent.start - 1].idx) if sent.start > 0 else None
            text = self.quotes.text
            if q is not None and q.end == doc[sent.start - 1].idx + 1 and text[q.end - 2] in ",?!—–-":
                span = doc.char_span(q.start, q.end, alignment_mode="expand")
                if span is not None:
                    return span.start, span.end - 1
        return None

    def _quote_ending_before(self, i: int) -> tuple[int, int] | None:
        """Token range of a quotation that closes right before token `i` (a comma between allowed)."""
        doc = self.doc
        j = i - 1
        if j >= 0 and doc[j].text in {",", "—", "–"}:
            j -= 1
        if j < 0 or doc[j].text not in CLOSING | STRAIGHT:
            return None
        quote = self.quotes.containing(doc[j].idx)
        if quote is None or quote.end != doc[j].idx + 1:
            return None
        if j == i - 1 and self.quotes.text[quote.end - 2] not in ",?!—–-":
            return None  # '….” The Kremlin said' is another sentence: '…,” she said' is the pattern
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        return (span.start, span.end - 1) if span is not None and len(span) > 2 else None

    def _after_colon(self, colon: int) -> tuple[int, int] | None:
        """What a colon introduces: the rest of its sentence, or the next sentence when the colon ends one
        ("He declared:" / "“…”"), and then any dash-introduced list items on the lines after it."""
        doc = self.doc
        if colon + 1 >= len(doc):
            return None
        sent = sentence(doc[colon])
        first, last = _trim_tokens(doc, colon + 1, sent.end - 1)
        if first > last and sent.end < len(doc):
            nxt = sentence(doc[sent.end])
            first, last = _trim_tokens(doc, nxt.start, nxt.end - 1)
        if first > last:
            return None
        return first, self._list_end(last)

    def _list_end(self, last: int) -> int:
        """The last token of the consecutive list items ("- …", "— …", "• …") that start after `last`."""
        doc, text = self.doc, self.quotes.text
        end = doc[last].idx + len(doc[last])
        while True:
            match = _LIST_ITEM.match(text, end)
            if match is None:
                break
            line_end = text.find("\n", match.end())
            end = len(text) if line_end < 0 else line_end
            end = len(text[:end].rstrip())
        if end == doc[last].idx + len(doc[last]):
            return last
        span = doc.char_span(doc[last].idx, end, alignment_mode="expand")
        return span.end - 1 if span is not None else last

    def _around(self, head: Token, inner: Token) -> tuple[int, int] | None:
        """The clause of `head` without the subtree of `inner` (a parenthetical cue or "according to X")."""
        doc = self.doc
        h_first, h_last = _subtree_range(head)
        i_first, i_last = _subtree_range(inner)
        if i_first <= h_first and i_last >= h_last:
            return None
        left = (h_first, i_first - 1)
        right = (i_last + 1, h_last)
        size = [max(0, left[1] - left[0] + 1), max(0, right[1] - right[0] + 1)]
        if size[0] and size[1] and head.i <= i_first:
            return _trim_tokens(doc, h_first, h_last)  # "The deal, he said, is dead": both sides
        return _trim_tokens(doc, *(left if size[0] >= size[1] else right))


# -- the extractor -----------------------------------------------------------------------------------

class AttributionExtractor:
    name = "attributions"

    def __init__(self, resources_: Resources | None = None, model: CueModel | None = None,
                 lexicon: CueLexicon | None = None) -> None:
        self.lexicon = lexicon or default_lexicon()
        self.model = model if model is not None else CueModel.load()

    def cues(self, doc: Doc, quotes: QuoteIndex) -> list[Token]:
        out = []
        for token in doc:
            if not is_candidate(token, self.lexicon):
                continue
            if self.model is not None:
                features = cue_features(token, self.lexicon, quotes)
                if self.model.probability(features) >= self.model.threshold:
                    out.append(token)
            elif self._rule_cue(token):
                out.append(token)
        return out

    def _rule_cue(self, token: Token) -> bool:
        """The lexicon alone: a verb of saying, believing or intending with something said or meant."""
        lemma = token.lemma_.lower()
        if token.lower_ in self.lexicon.source_prepositions:
            return True
        if token.pos_ != "VERB" or not (lemma in self.lexicon.speech or lemma in self.lexicon.belief
                                        or lemma in self.lexicon.intention):
            return False
        return any(c.dep_ in {"ccomp", "xcomp", "dobj"} for c in token.children) or \
            token.dep_ in {"parataxis"}

    def found(self, doc: Doc, quotes: QuoteIndex | None = None) -> list[Found]:
        """Attributions as token/character ranges, before they become records (the scorer uses these)."""
        quotes = quotes or QuoteIndex(doc_text(doc))
        finder = SpanFinder(doc, quotes, self.lexicon)
        out = []
        for anchor in self.cues(doc, quotes):
            try:
                hit = finder.find(anchor)
            except (IndexError, ValueError):  # a parse this code did not foresee must not sink the document
                continue
            if hit is not None:
                out.append(hit)
        return out

    def __call__(self, doc: Doc) -> list[Attribution]:
        ctx = context(doc)
        quotes = QuoteIndex(doc_text(doc))
        actors = {a.id: a for a in ctx.records.get("actors", []) if isinstance(a, Actor)}
        resolver = SourceResolver(doc, ctx.actor_at, actors, self.lexicon)
        records = []
        text = quotes.text
        turns = transcript_turns(doc, ctx.actor_at, actors)
        colons = {t.cue.start for t in turns}
        labelled = [r for r in labelled_quotes(doc, quotes, ctx.actor_at, actors) if r.cue.start not in colons]
        turns += labelled
        colons |= {r.cue.start for r in labelled}
        hits = [h for h in self.found(doc, quotes) if doc[h.cue[0]].idx not in colons and not any(
            r.content.start < h.content[1] and h.content[0] < r.content.end for r in labelled)]
        for n, hit in enumerate(hits, start=1):
            cue = text_span(text, doc[hit.cue[0]].idx, doc[hit.cue[1]].idx + len(doc[hit.cue[1]]))
            content = text_span(text, *hit.content)
            if not content.text or not cue.text:
                continue
            source = None
            actor_id = None
            if hit.source is not None:
                first, last = hit.source
                source = text_span(text, doc[first].idx, doc[last].idx + len(doc[last]))
                actor_id = resolver.resolve(first, last, hit.source_token, words=hit.content)
            actor = actors.get(actor_id or "")
            records.append(Attribution(
                id=f"attr-{n}", kind=attribution_kind(quotes, content.start, content.end),
                source=source if source and source.text else None, source_actor=actor_id,
                anonymous=bool(actor and actor.kind == "anonymous"), cue=cue, content=content,
            ))
        taken = {(r.content.start, r.content.end) for r in records}
        signed = [r for r in epigraph_attributions(doc, quotes, ctx.actor_at, actors)
                  if (r.content.start, r.content.end) not in taken]
        records = records + turns + signed
        records = records + continued_quotes(doc, quotes, records)
        records = sorted(records + quoted_lines(quotes, records), key=lambda r: r.cue.start)
        for n, record in enumerate(records, start=1):
            record.id = f"attr-{n}"
        return records


#: a speaker label opening a line of a transcript or interview: "Q:", "ROOK:", "Tomas Brecht:",
#: "RADU FELD (Minister of Defence):"
_TURN_LABEL = re.compile(r"^[ \t]*(?P<label>[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,3})"
                         r"(?:[ \t]*\([^)\n]{1,80}\))?(?P<colon>:)[ \t]+(?=\S)", re.MULTILINE)
MIN_TURNS = 3  # labels on fewer lines are headings ("Signed:", "Update:"), not a transcript


def transcript_turns(doc: Doc, actor_at: dict[int, str], actors: dict[str, Actor]) -> list[Attribution]:
    """Each turn of a transcript or interview is direct speech by its labelled speaker, to the end of its line.

    A label resolves to the actor named in it, or whose surname it is ("ROOK", "Brecht"); "A" is the
    interviewee of a Q/A interview: the person the document mentions most."""
    text = doc_text(doc)
    labels = list(_TURN_LABEL.finditer(text))
    if len(labels) < MIN_TURNS:
        return []
    surnames: dict[str, str] = {}
    for actor in actors.values():
        if actor.kind == "person":
            for form in [actor.name, *actor.aliases]:
                surnames.setdefault(form.split()[-1].lower(), actor.id)
                surnames.setdefault(form.lower(), actor.id)
    names = {m["label"] for m in labels}
    interviewee = None
    if {"Q", "A"} <= names:
        people = [a for a in actors.values() if a.kind == "person" and a.mentions]
        if people:
            interviewee = min(people, key=lambda a: a.mentions[0].start).id
    out = []
    for m in labels:
        label = m["label"]
        span = doc.char_span(m.start("label"), m.end("label"), alignment_mode="expand")
        named = [actor_at[t.i] for t in span or () if t.i in actor_at]
        actor_id = named[0] if named else surnames.get(label.lower()) or surnames.get(
            label.split()[-1].lower())
        if label == "A":
            actor_id = interviewee
        if actor_id is None:
            continue  # the interviewer, the chair, the programme: no actor speaks
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        content = text_span(text, m.end(), line_end)
        if not content.text.strip():
            continue
        out.append(_direct_speech(text, actors, actor_id, m.span("label"), m.span("colon"),
                                  (content.start, content.end)))
    return out


def _direct_speech(text: str, actors: dict[str, Actor], actor_id: str, source: tuple[int, int],
                   cue: tuple[int, int], content: tuple[int, int]) -> Attribution:
    """A quotation found by the layout of its lines (a turn, a labelled or signed quotation): direct speech."""
    actor = actors.get(actor_id)
    return Attribution(id="", kind="direct", source=text_span(text, *source), source_actor=actor_id,
                       anonymous=bool(actor and actor.kind == "anonymous"), cue=text_span(text, *cue),
                       content=text_span(text, *content))


#: a signature under a quotation ("— Mark Rutte, NATO Secretary General, February 3, 2026") or after it on its
#: line; a single hyphen only on the same line (on a line of its own it opens a list item)
_BYLINE_BELOW = re.compile(r"[ \t]*\n[ \t]*(?P<dash>[—–―]|--)[ \t]*(?P<by>[^\n,;(]{2,80})[^\n]{0,120}$", re.MULTILINE)
_BYLINE_AFTER = re.compile(r"[ \t]*(?P<dash>[—–―]|--?)[ \t]*(?P<by>[^\n,;(]{2,80})[^\n]{0,120}$", re.MULTILINE)


#: a line opened by a name, a colon and a quotation: "- Defence Secretary Priya Lockhart: “The force …”"
_NAMED_QUOTE = re.compile(r"^[ \t]*(?:[-*•–—][ \t]+)?(?P<by>[^\n:\"“”]{2,100}?)[ \t]*(?P<colon>:)[ \t]+(?=[\"“])",
                          re.MULTILINE)


def labelled_quotes(doc: Doc, quotes: QuoteIndex, actor_at: dict[int, str],
                    actors: dict[str, Actor]) -> list[Attribution]:
    """A quotation after a name and a colon at the start of a line (a list of reactions) is that actor's
    direct speech: the name ends at the colon and holds no verb, so "Rutte emphasized: “…”" is not one."""
    text = quotes.text
    out = []
    for m in _NAMED_QUOTE.finditer(text):
        quote = quotes.containing(m.end())
        span = doc.char_span(m.start("by"), m.end("by"), alignment_mode="expand")
        if quote is None or quote.start != m.end() or span is None or span[-1].i not in actor_at or \
                any(t.pos_ in {"VERB", "AUX"} for t in span):
            continue
        out.append(_direct_speech(text, actors, actor_at[span[-1].i], m.span("by"), m.span("colon"),
                                  (quote.start, quote.end)))
    return out


def epigraph_attributions(doc: Doc, quotes: QuoteIndex, actor_at: dict[int, str],
                          actors: dict[str, Actor]) -> list[Attribution]:
    """A quotation that fills its own line (an epigraph, a pull quote) and is signed with a dash, under it or
    after it, is direct speech by the actor named first in the signature."""
    text = quotes.text
    out = []
    for quote in quotes.quotes:
        line_start = text.rfind("\n", 0, quote.start) + 1
        if not quote.closed or text[line_start:quote.start].strip():
            continue  # a quotation inside a line of prose: the parse finds its speaker
        m = _BYLINE_BELOW.match(text, quote.end) or _BYLINE_AFTER.match(text, quote.end)
        if m is None:
            continue
        span = doc.char_span(m.start("by"), m.end("by"), alignment_mode="expand")
        named = [actor_at[t.i] for t in span or () if t.i in actor_at]
        if not named:
            continue
        out.append(_direct_speech(text, actors, named[0], m.span("by"), m.span("dash"), (quote.start, quote.end)))
    return out


def continued_quotes(doc: Doc, quotes: QuoteIndex, records: list[Attribution]) -> list[Attribution]:
    """ "“…,” Roos said after the meeting. “We are prepared to …”": a quotation that opens the sentence after
    a quoted speaker's, in the same paragraph, with no attribution of its own, goes on in that speaker's words
    (and so does the next such one). Same source, same cue."""
    text = quotes.text
    taken = [(r.content.start, r.content.end) for r in records] + [(r.cue.start, r.cue.end) for r in records]
    out: list[Attribution] = []
    for record in records:
        if record.source is None or record.kind == "indirect" or record.cue.start < record.content.start:
            continue  # (only a speaker named after the words: '“…,” she said.')
        last = doc.char_span(record.cue.start, record.cue.end, alignment_mode="expand")
        if last is None:
            continue
        said, end = record.cue.end, sentence(last[0]).end_char
        while True:
            at = bisect_left(quotes.starts, end)
            quote = quotes.quotes[at] if at < len(quotes.quotes) else None
            if quote is None or not quote.closed or text[end:quote.start].strip() or "\n" in text[said:quote.start] \
                    or any(s < quote.end and quote.start < e for s, e in taken):
                break
            after = doc.char_span(quote.start, quote.end, alignment_mode="expand")
            if after is None or text[quote.end:sentence(after[-1]).end_char].strip(" .,;:!?\n"):
                break  # ('“We are ready,” he added.': a sentence with its own cue)
            out.append(record.model_copy(update={"id": "", "kind": "direct",
                                                 "content": text_span(text, quote.start, quote.end)}))
            taken.append((quote.start, quote.end))
            said = end = quote.end
    return out


def quoted_lines(quotes: QuoteIndex, records: list[Attribution]) -> list[Attribution]:
    """ "X addressed the plenary. The key lines:" and then lines that hold nothing but a quotation: each such
    line is in the words of the last speaker on the line with the colon. Same source, same cue."""
    text = quotes.text
    taken = [(r.content.start, r.content.end) for r in records]
    out: list[Attribution] = []
    by_line: dict[int, Attribution] = {}
    for record in records:
        if record.source_actor is not None:
            by_line[text.find("\n", record.cue.start)] = record  # (the last speaker on each line)
    for line_end, record in by_line.items():
        if line_end < 0 or not text[:line_end].rstrip().endswith(":"):
            continue
        start = line_end + 1
        while start < len(text):
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
            quote = quotes.containing(start + len(text[start:end]) - len(text[start:end].lstrip()))
            if quote is None or not quote.closed or text[quote.end:end].strip(" .,;") or \
                    text[start:quote.start].strip():
                break
            if quote.start < record.content.end and record.content.start < quote.end:
                start = end + 1  # ('He added:' and its first line, already his)
                continue
            if any(s < quote.end and quote.start < e for s, e in taken):
                break
            out.append(record.model_copy(update={"id": "", "kind": "direct",
                                                 "content": text_span(text, quote.start, quote.end)}))
            start = end + 1
    return out


def attribution_kind(quotes: QuoteIndex, start: int, end: int) -> str:
    """direct: all quoted; mixed: partly quoted; indirect: no quotation."""
    text = quotes.text
    quoted = quotes.quoted_chars(start, end)
    if not quoted:
        return "indirect"
    body = text[start:end].rstrip(" .,;:!?")
    if body and body[0] in QUOTE_CHARS and quoted >= 0.9 * len(body):
        return "direct"
    return "mixed"


class SourceResolver:
    """Source tokens → canonical actor id, with pronouns and "the president"-style nouns sent back
    to their antecedent."""

    def __init__(self, doc: Doc, actor_at: dict[int, str], actors: dict[str, Actor], lexicon: CueLexicon):
        self.doc = doc
        self.actor_at = actor_at
        self.actors = actors
        self.lexicon = lexicon
        self.positions = sorted(actor_at)
        self.text = doc_text(doc)

    def resolve(self, first: int, last: int, head: int | None, words: tuple[int, int] | None = None) -> str | None:
        """`words`: the character range of what the source said, whose names a pronoun source never stands for
        ("'Sanctions stay until the Tarn is free,' she says": she is not the Tarn)."""
        if head is not None and head in self.actor_at:
            return self.actor_at[head]
        if head is not None and self.doc[head].lemma_.lower() in self.lexicon.other_party_nouns:
            return None  # "Ukraine's partners said": not Ukraine
        owner = next((c for c in self.doc[head].children if c.dep_ == "poss" and c.lower_ == "its"), None) \
            if head is not None else None
        if owner is not None and self.doc[head].lemma_.lower() in self.lexicon.nouns:
            # "Its answer states that …", "Its reply, which Plumbline has seen, says …": its maker's
            return self.resolve(owner.i, owner.i, owner.i, words)
        for i in range(first, last + 1):
            if i in self.actor_at:
                return self.actor_at[i]
        if head is None:
            return None
        token = self.doc[head]
        antecedent = self._relative_antecedent(token)
        if antecedent is not None:
            return antecedent
        kinds = self.lexicon.pronouns.get(token.lower_)
        if kinds is not None:
            if token.tag_ == "PRP" and token.lower_ in {"they", "them"} and self._plural_noun_subject(token):
                return None  # "Valdoria's partners set out what they are prepared to give": they are the partners
            if token.tag_ == "PRP$":  # "the statement by Fenn that his government …": the one named in the sentence
                start = sentence(token).start
                named = [i for i in self.positions if start <= i < token.i
                         and (actor := self.actors.get(self.actor_at[i])) is not None and actor.kind in kinds]
                if named:
                    return self.actor_at[named[-1]]
            return self._latest(first, lambda a: a.kind in kinds, subjects_first=True, skip=words)
        lemma = token.lemma_.lower()
        if lemma in self.lexicon.role_nouns and any(c.lower_ == "the" for c in token.children):
            return self._latest(first, lambda a: self._has_role(a, lemma))
        return None

    def _plural_noun_subject(self, pronoun: Token) -> bool:
        """Whether the sentence's last subject before a plural pronoun is an unnamed plural noun ("partners",
        "officials"), which the pronoun more likely continues than any actor named before it."""
        for t in reversed(pronoun.doc[sentence(pronoun).start:pronoun.i]):
            if t.dep_ in {"nsubj", "nsubjpass"} and t.tag_ not in {"WP", "WDT"}:
                return t.tag_ == "NNS" and t.i not in self.actor_at and not any(
                    c.i in self.actor_at for c in t.children if c.dep_ in {"compound", "amod"})
        return False

    def _relative_antecedent(self, token: Token) -> str | None:
        """ "Castellane, who said …", "the Foreign Ministry, which said …": a relative pronoun stands for the
        noun its clause modifies, not for the last subject before it."""
        if token.tag_ not in {"WP", "WDT"} or token.head.dep_ != "relcl":
            return None
        noun = token.head.head
        if noun.i in self.actor_at:
            return self.actor_at[noun.i]
        named = [self.actor_at[c.i] for c in noun.subtree if c.i in self.actor_at and c.i < token.i]
        return named[-1] if named else None

    def _represented(self, token: Token) -> bool:
        """ "The representative of Norway said …": the subject speaks for the one it represents, whom a later "it"
        continues."""
        subject = token.head.head
        return subject.dep_ in {"nsubj", "nsubjpass"} and token in represented_by(subject, self.lexicon)

    def _has_role(self, actor: Actor, lemma: str) -> bool:
        if actor.role and lemma in actor.role.lower():
            return True
        for mention in actor.mentions:
            before = self.text[max(0, mention.start - 40):mention.start].lower().split()
            if lemma in mention.text.lower().split() or (before and before[-1].rstrip(".,") == lemma):
                return True
        return lemma in {"official", "source", "sources", "officials"} and actor.kind == "anonymous"

    def _latest(self, before: int, fits, subjects_first: bool = False,
                skip: tuple[int, int] | None = None) -> str | None:
        """The latest fitting actor mentioned before token `before`; with `subjects_first`, the latest
        one that was a grammatical subject within the last 60 tokens wins ("When Trump called Putin,
        he told …": he is Trump), as a pronoun usually continues the subject."""
        end = bisect_right(self.positions, before - 1) - 1
        def ok(actor: Actor | None, i: int) -> bool:
            return actor is not None and fits(actor) and (skip is None or not skip[0] <= self.doc[i].idx < skip[1])

        if subjects_first:
            i = end
            while i >= 0 and self.positions[i] >= before - 60:
                token = self.doc[self.positions[i]]
                actor = self.actors.get(self.actor_at[token.i])
                # (not one of what another sentence reports or demands: "Vostral demands that Lavresse withdraw
                # … It says it is ready": it is Vostral)
                reported = sentence(token).start != sentence(self.doc[before]).start and any(
                    t.dep_ == "ccomp" for t in token.ancestors)
                if ok(actor, token.i) and not reported and \
                        (token.dep_ in {"nsubj", "nsubjpass"} or _names_a_heading(token) or self._represented(token)):
                    return actor.id
                i -= 1
        i = end
        while i >= 0:
            actor = self.actors.get(self.actor_at[self.positions[i]])
            if ok(actor, self.positions[i]):
                return actor.id
            i -= 1
        return None


def represented_by(subject: Token, lexicon: CueLexicon) -> list[Token]:
    """The names after "of" in a subject that speaks for them ("the representative of Norway", "the delegation of
    India"); none for another subject."""
    if subject.lemma_.lower() not in lexicon.representing_nouns:
        return []
    return [g for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children if g.dep_ == "pobj"]


def _names_a_heading(token: Token) -> bool:
    """ "Finally, Samarind. It refuses …": a sentence with no verb that names an actor opens a passage about it,
    which the next pronoun continues like a subject. (Not a speaker's label: "MARA LIND: From Kolvatia, …")"""
    sent = sentence(token)
    return token.dep_ == "ROOT" and sent[-1].text == "." and \
        not any(t.pos_ in {"VERB", "AUX"} or t.text == ":" for t in sent)


@register("attributions")
def make_attribution_extractor(resources_: Resources) -> AttributionExtractor:
    return AttributionExtractor(resources_)
