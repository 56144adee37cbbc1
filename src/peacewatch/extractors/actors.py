"""Who is who: spaCy's entity mentions and the gazetteer, joined into canonical actors.

Priority, because each source is wrong in its own way:
1. a multi-word gazetteer form ("Russian Foreign Ministry") beats spaCy's label for the same words;
2. a longer spaCy entity beats a one-word gazetteer form inside it ("Trump Tower" is not Trump);
3. within a document a surname joins the full name seen elsewhere ("Putin" → "Vladimir Putin");
4. unnamed sources ("two sources with knowledge of the discussions") become `anonymous` actors.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from peacewatch.contract import Actor
from peacewatch.extractors.attributions import default_lexicon
from peacewatch.extractors.base import Resources, context, register
from peacewatch.gazetteer import Entry, Gazetteer
from peacewatch.spans import doc_text, slug, token_span

ENTITY_KINDS = {"PERSON": "person", "ORG": "organization", "NORP": "group", "FAC": "organization"}
_STRIP_LEADING = {"the", "a", "an"}
_STRIP_TRAILING = {"'s", "’s", "'", "’"}
_TITLE_HEADS = {"secretary", "minister", "ministry", "department", "head", "chief", "office"}
#: `shared` key of the person whose own channel a document is (its outlet names them): their "I" and "we"
BYLINE_KEY = "byline"
AFFILIATING_PREPS = {"of", "for", "from"}  # "officials of X", "a spokesman for X", "diplomats from X"


@dataclass
class AnonymousLexicon:
    heads: set[str]
    weak_heads: set[str]
    indefinite: set[str]
    qualifiers: list[tuple[str, ...]]
    anonymity_markers: list[tuple[str, ...]]
    descriptive: set[str]

    @classmethod
    def load(cls) -> AnonymousLexicon:
        data = yaml.safe_load(
            resources.files("peacewatch.data").joinpath("anonymous_sources.yaml").read_text("utf-8")
        )
        return cls(
            heads={h for h in data["heads"] if " " not in h},
            weak_heads=set(data["weak_heads"]),
            indefinite=set(data["indefinite"]),
            qualifiers=[tuple(q.split()) for q in data["qualifiers"]],
            anonymity_markers=[tuple(q.split()) for q in data["anonymity_markers"]],
            descriptive=set(data["descriptive"]),
        )


@lru_cache(maxsize=1)
def _not_actors() -> dict:
    return yaml.safe_load(resources.files("peacewatch.data").joinpath("not_actors.yaml").read_text("utf-8"))


def _document_heads() -> frozenset[str]:
    return frozenset(w.lower() for w in _not_actors()["document_heads"])


@lru_cache(maxsize=1)
def _generic_words() -> frozenset[str]:
    return frozenset(w.lower() for w in _not_actors()["generic_body_words"])


@dataclass
class _Candidate:
    first: int  # token indices, inclusive
    last: int
    priority: int
    entry: Entry | None = None
    how: str = ""
    label: str = ""

    @property
    def length(self) -> int:
        return self.last - self.first + 1


@dataclass
class _Found:
    actor: Actor
    first_token: int
    tokens: set[int] = field(default_factory=set)


class ActorExtractor:
    name = "actors"

    def __init__(self, resources_: Resources) -> None:
        self.gazetteer: Gazetteer = resources_.gazetteer
        self.lexicon = AnonymousLexicon.load()
        self.matcher = PhraseMatcher(resources_.nlp.vocab, attr="ORTH")
        forms: dict[str, list[str]] = {}
        for form, (entry_id, how) in self.gazetteer.forms.items():
            key = f"{entry_id}|{how}"
            forms.setdefault(key, []).append(form)
            if not form.isupper() and len(form) > 4:  # headlines in capitals
                forms[key].append(form.upper())
            if form[:1].islower():  # "the Isles" opening a sentence
                forms[key].append(form[:1].upper() + form[1:])
        for key, values in forms.items():
            self.matcher.add(key, list(resources_.nlp.tokenizer.pipe(values)))

    # -- candidates -------------------------------------------------------------------------------

    def _gazetteer_candidates(self, doc: Doc) -> list[_Candidate]:
        out = []
        for match_id, start, end in self.matcher(doc):
            entry_id, how = doc.vocab.strings[match_id].split("|")
            if how == "capital" and not _acts(doc[start:end].root):
                continue  # "talks in Almere": a place, not the state speaking
            length = end - start
            # multi-word names and aliases outrank spaCy; single words and demonyms do not
            priority = 3 if length > 1 and how in {"name", "alias"} else 1
            out.append(_Candidate(start, end - 1, priority, self.gazetteer.entries[entry_id], how))
        return out

    def _entity_candidates(self, doc: Doc) -> list[_Candidate]:
        out = []
        for ent in doc.ents:
            if ent.label_ not in ENTITY_KINDS:
                continue
            first, last = _trim(ent)
            while ent.label_ == "PERSON" and first < last and not _name_like(doc[first].text):
                first += 1  # "t. Putin": a stray initial or sign-off mark is not part of the name
            if first > last or not any(t.pos_ == "PROPN" or t.is_upper for t in doc[first:last + 1]):
                continue
            span = doc[first:last + 1]
            # a name in capitals ("LASZ:" opening a transcript turn) is the gazetteer's name in title case
            hit = self.gazetteer.lookup(span.text) or (self.gazetteer.lookup(span.text.title())
                                                       if span.text.isupper() else None) or self._body_of(span)
            if hit is not None:  # spaCy found a gazetteer form: keep the gazetteer's identity
                out.append(_Candidate(first, last, 3, hit[0], hit[1], ent.label_))
                continue
            if any(t.text == "," for t in span):
                continue  # "Fjellmar and Loramar, Ardally": a list the parse ran together, not one name
            if self._is_place(span.text) or doc[last].lower_ in _document_heads() or \
                    ent.label_ == "PERSON" and first == last and _named_as_place(doc, doc[first].text):
                continue  # a place ("in Carrowmere", whatever the tagger says), or a document: neither acts
            if all(t.lower_ in _generic_words() or not t.is_alpha for t in span):
                continue  # "the Federation", "Its Foreign Ministry": a body named by kind, not a new actor
            words = [t for t in span if t.is_alpha]
            if len(words) > 1 and all(t.is_upper for t in words):
                continue  # a heading in capitals ("SOURCES & REFERENCES"), not a name
            if first >= 2 and doc[first - 1].lower_ == "of" and doc[first - 2].lower_ in _TITLE_HEADS:
                continue  # "Secretary of State": part of a title, not an organization
            out.append(_Candidate(first, last, 2, None, "", ent.label_))
        return out

    def _body_of(self, span: SpacySpan) -> tuple[Entry, str] | None:
        """ "Varunia's Foreign Ministry", "the Karsavian Defence Ministry": a state's body named another way
        than the gazetteer does ("Varunian Foreign Ministry"): the one entry affiliated with that state whose
        name is the same words once the state's name is taken away."""
        words = [t for t in span if t.is_alpha and t.lower_ not in {"the", "'s"}]
        state = next((e for t in words[:1] for e in [self._state_named(t.text)] if e is not None), None)
        if state is None or len(words) < 2:
            return None
        rest = " ".join(t.text for t in words[1:])
        found = [e for e in self.gazetteer.entries.values() if e.affiliation == state.id
                 and any(_without_state(form, state) == rest for form in (e.name, *e.aliases))]
        return (found[0], "alias") if len(found) == 1 else None

    def _state_named(self, word: str) -> Entry | None:
        hit = self.gazetteer.lookup(word)
        if hit is not None and hit[0].kind == "state":
            return hit[0]
        return self.gazetteer.demonym_state(word)

    def _is_place(self, text: str) -> bool:
        places = self.gazetteer.places
        return text in places or (text.isupper() and text.title() in places)

    # -- the extractor ----------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> list[Actor]:
        ctx = context(doc)
        candidates = self._gazetteer_candidates(doc) + self._entity_candidates(doc)
        chosen: list[_Candidate] = []
        taken: set[int] = set()
        for cand in sorted(candidates, key=lambda c: (-c.priority, -c.length, c.first)):
            span_tokens = set(range(cand.first, cand.last + 1))
            if span_tokens & taken:
                continue
            chosen.append(cand)
            taken |= span_tokens

        found: dict[str, _Found] = {}
        people = self._people(doc, chosen)
        # spaCy often misses a bare surname that the document introduced with the full name
        for token in doc:
            if token.i not in taken and token.text in people and token.pos_ == "PROPN":
                chosen.append(_Candidate(token.i, token.i, 2, None, "", "PERSON"))
                taken.add(token.i)
        # "the Compact" after "the Northern Compact": a one-word entity that ends the name of a body the
        # document names in full is that body
        bodies = {}
        for cand in chosen:
            if cand.entry is not None and cand.entry.kind not in {"person", "state"}:
                for form in (cand.entry.name, *cand.entry.aliases):
                    if len(form.split()) > 1:
                        bodies.setdefault(form.split()[-1], set()).add(cand.entry.id)
        for n, cand in enumerate(chosen):
            word = doc[cand.first].text
            if cand.entry is None and cand.length == 1 and len(bodies.get(word, ())) == 1:
                entry = self.gazetteer.entries[next(iter(bodies[word]))]
                chosen[n] = _Candidate(cand.first, cand.last, cand.priority, entry, "alias", cand.label)
        chosen.sort(key=lambda c: c.first)
        for cand in chosen:
            actor_id, make = self._identify(doc, cand, people)
            if actor_id not in found:
                found[actor_id] = _Found(make(), cand.first)
            self._mention(doc, found[actor_id], cand.first, cand.last)

        for first, last, actor_id in list(self._titled(doc, found)):
            for key, item in list(found.items()):  # spaCy took the title for an organization's name
                if item.actor.kind != "person" and not item.actor.in_gazetteer and first in item.tokens:
                    item.actor.mentions = [m for m in item.actor.mentions if m.start != doc[first].idx]
                    item.tokens -= set(range(first, last + 1))
                    if not item.actor.mentions:
                        del found[key]
            self._mention(doc, found[actor_id], first, last)
            taken.update(range(first, last + 1))

        for i, actor_id in list(self._body_by_noun(doc, chosen, taken)):
            if actor_id in found:
                self._mention(doc, found[actor_id], i, i)
                taken.add(i)

        for first, last, actor in self._anonymous(doc, taken, found):
            if actor.id not in found:
                found[actor.id] = _Found(actor, first)
            self._mention(doc, found[actor.id], first, last)

        for item in found.values():
            for i in item.tokens:
                ctx.actor_at[i] = item.actor.id
        actors = [f.actor for f in sorted(found.values(), key=lambda f: (f.first_token, f.actor.id))]
        for actor in actors:  # the names the document uses, and the gazetteer's
            actor.aliases = sorted(({m.text for m in actor.mentions} | set(actor.aliases)) - {actor.name})
        byline = self._byline(ctx.document.outlet)
        if byline is not None:  # "Halina Dorsey (official channel)": her own posts, whose "I" and "we" are hers
            ctx.shared[BYLINE_KEY] = byline.id
            if byline.id not in found:
                actors.append(_from_entry(byline))
        return actors + self._affiliations_of(actors)

    def _byline(self, outlet: str | None) -> Entry | None:
        """The person whose own channel or account the document comes from, when its outlet names one."""
        if not outlet:
            return None
        name = re.sub(r"\s*\([^)]*\)\s*$", "", outlet).strip()  # "Name (official channel)"
        hit = self.gazetteer.lookup(name)
        return hit[0] if hit is not None and hit[0].kind == "person" and hit[1] in {"name", "alias"} else None

    def _affiliations_of(self, actors: list[Actor]) -> list[Actor]:
        """Unmentioned bodies that mentioned actors belong to, so every `affiliation` id is in the list."""
        known = {a.id for a in actors}
        extra: list[Actor] = []
        pending = [a.affiliation for a in actors if a.affiliation]
        while pending:
            actor_id = pending.pop()
            entry = self.gazetteer.entries.get(actor_id)
            if actor_id in known or entry is None:
                continue
            known.add(actor_id)
            extra.append(_from_entry(entry))
            if entry.affiliation:
                pending.append(entry.affiliation)
        return sorted(extra, key=lambda a: a.id)

    @staticmethod
    def _mention(doc: Doc, item: _Found, first: int, last: int) -> None:
        item.actor.mentions.append(token_span(doc, first, last))
        item.tokens.update(range(first, last + 1))

    # -- naming -----------------------------------------------------------------------------------

    def _people(self, doc: Doc, chosen: list[_Candidate]) -> dict[str, str]:
        """Surname → full name, for the multi-word person names of this document."""
        people: dict[str, str] = {}
        for cand in chosen:
            tokens = doc[cand.first:cand.last + 1]
            if (cand.label == "PERSON" and cand.entry is None and cand.length > 1
                    and all(_name_like(t.text) for t in tokens)):
                people.setdefault(doc[cand.last].text, tokens.text)
        return people

    def _identify(self, doc: Doc, cand: _Candidate, people: dict[str, str]):
        text = doc[cand.first:cand.last + 1].text
        if cand.entry is not None:
            if cand.length == 1 and cand.how == "alias" and text in people:
                # A surname this document gives another full name for ("Clinton" after "Hillary Clinton").
                return self._unlisted(doc, cand, people[text], "person")
            entry = cand.entry
            return entry.id, lambda: _from_entry(entry)
        kind = ENTITY_KINDS[cand.label]
        name = people.get(text, text) if kind == "person" and cand.length == 1 else text
        return self._unlisted(doc, cand, name, kind)

    def _unlisted(self, doc: Doc, cand: _Candidate, name: str, kind: str):
        actor_id = slug(name)
        if actor_id in self.gazetteer.entries:
            actor_id = f"{actor_id}-{kind}"
        affiliation = self._affiliation(doc, cand)
        return actor_id, lambda: Actor(id=actor_id, name=name, kind=kind, affiliation=affiliation)

    def _affiliation(self, doc: Doc, cand: _Candidate) -> str | None:
        """A state or body named in the words before a name ("Keshi Defence Minister Pavel Rusk")."""
        tokens = list(doc[cand.first:cand.last + 1])
        root = doc[cand.first:cand.last + 1].root
        tokens += [t for t in doc[root.left_edge.i:cand.first]]
        return next((hit for hit in map(self._body_named, tokens) if hit), None)

    def _body_named(self, token: Token) -> str | None:
        """The state or body a single word names ("Ukrainian", "NATO"), for affiliations."""
        hit = self.gazetteer.lookup(token.text)
        # a capital inside a name is a place ("Budapest Memorandum"), not an affiliation
        if hit and hit[1] != "capital" and hit[0].kind in {"state", "organization", "group"}:
            return hit[0].id
        return None

    @staticmethod
    def _body_by_noun(doc: Doc, chosen: list[_Candidate], taken: set[int]) -> Iterator[tuple[int, str]]:
        """ "the alliance" after "the Rampart Alliance" (or after NATO, the North Atlantic Alliance): the common
        noun that ends the name of the one body of the document so named stands for that body (the noun before
        "of": "the council" after "the Council of Nations"; role nouns only: not "the summit", "the partners")."""
        bodies: dict[str, set[str]] = {}
        named_at: dict[str, int] = {}
        # (a state so named only makes the noun ambiguous: "the Union" of Zavrin)
        states = {c.entry.id for c in chosen if c.entry is not None and c.entry.kind == "state"}
        for cand in chosen:
            if cand.entry is None or cand.entry.kind == "person":
                continue
            named_at.setdefault(cand.entry.id, cand.first)
            for form in (cand.entry.name, *cand.entry.aliases):
                words = form.lower().split(" of ")[0].split()
                if words and words[-1] in default_lexicon().role_nouns:
                    bodies.setdefault(words[-1], set()).add(cand.entry.id)
        for token in doc[1:]:
            named = bodies.get(token.lower_, set())
            # (not a modifier: "the alliance summit")
            if len(named) != 1 or token.i in taken or doc[token.i - 1].lower_ != "the" or \
                    token.dep_ == "compound" or token.pos_ not in {"NOUN", "PROPN"}:
                continue
            body = next(iter(named))
            if named_at[body] < token.i and body not in states:
                yield token.i, body

    # -- people named by their title -------------------------------------------------------------

    def _titled(self, doc: Doc, found: dict[str, _Found]):
        """ "The Secretary-General welcomes…" after "Secretary-General Adaeze Whitford": a definite title
        names the one person of the document who holds it, by the gazetteer's role or by the words the
        document put before the name. A title two people hold, or nobody, names nobody."""
        text = doc_text(doc)
        holders: dict[str, dict[str, bool]] = {}  # title or its last words → person id → whole title?
        for item in found.values():
            if item.actor.kind != "person":
                continue
            for title in _role_titles(item.actor.role) | self._titles_before(text, item):
                words = title.lower().split()
                for k in range(len(words)):
                    whole = holders.setdefault(" ".join(words[k:]), {})
                    whole[item.actor.id] = whole.get(item.actor.id, False) or k == 0
        if not holders:
            return
        person_tokens = {i for f in found.values() if f.actor.kind == "person" for i in f.tokens}
        # tokens spaCy alone made an organization of may still be a title
        named = {i for f in found.values() if f.actor.kind == "person" or f.actor.in_gazetteer for i in f.tokens}
        # (a title in lower case too, when it is a role noun: "the mediator's proposal")
        lower = [m for m in _TITLE_LOWER.finditer(text) if m.group(1) in default_lexicon().role_nouns]
        for match in sorted([*_TITLE_AFTER_THE.finditer(text), *lower], key=lambda m: m.start()):
            words = match.group(1).split()
            n = next((n for n in range(len(words), 0, -1) if " ".join(words[:n]).lower() in holders), 0)
            if not n:
                continue
            span = doc.char_span(match.start(1), match.start(1) + len(" ".join(words[:n])),
                                 alignment_mode="expand")
            if span is None or any(t.i in named for t in span) or span.end in person_tokens:
                continue  # already a name, or a title before one ("the President Noemi Farrant")
            held = holders[" ".join(words[:n]).lower()]
            people = [p for p in held if found[p].first_token < span.start]
            body = self._of_body(doc, span.end, found)
            if body is not None:  # "the Foreign Minister of Cendra"
                people = [p for p in people if _serves(found[p].actor, body)]
            whole = [p for p in people if held[p]]
            people = whole or people
            if len(people) == 1:
                yield span.start, span.end - 1, people[0]

    def _titles_before(self, text: str, item: _Found) -> set[str]:
        """ "Foreign Minister Jasper Kell", "Kolvatian Deputy Foreign Minister Gleb Arshin": the capitalised
        words just before a mention of the name, without a state or body named first."""
        out = set()
        for mention in item.actor.mentions:
            before = _TITLE_BEFORE.search(text, max(0, mention.start - 80), mention.start)
            if before is None:
                continue
            words = before.group(1).split()
            while words and (words[0] in {"The", "the"} or self.gazetteer.lookup(words[0]) is not None
                             or self.gazetteer.demonym_state(words[0]) is not None):
                words.pop(0)
            if words:
                out.add(" ".join(words))
        return out

    @staticmethod
    def _of_body(doc: Doc, i: int, found: dict[str, _Found]) -> Actor | None:
        """The state or body named just after a title by "of"."""
        if i + 1 >= len(doc) or doc[i].lower_ != "of":
            return None
        for token in doc[i + 1:i + 6]:
            if token.is_punct:
                break
            actor = next((f.actor for f in found.values() if token.i in f.tokens), None)
            if actor is not None:
                return actor if actor.kind != "person" else None
        return None

    # -- anonymous actors -------------------------------------------------------------------------

    def _anonymous(self, doc: Doc, taken: set[int], found: dict[str, _Found]):
        lex = self.lexicon
        latest: dict[str, str] = {}  # head lemma → id of the latest anonymous actor with that head
        named_at = {i: f.actor for f in found.values() for i in f.tokens}
        for token in doc:
            if token.i in taken or token.pos_ not in {"NOUN", "PROPN"}:
                continue
            lemma = token.lemma_.lower()
            weak = lemma in lex.weak_heads
            if lemma not in lex.heads and not weak:
                continue
            if any(c.dep_ in {"compound", "appos", "poss"} and c.ent_type_ == "PERSON" for c in token.children):
                continue  # "spokeswoman Dina Sorel": named
            if token.head.i in taken and token.dep_ in {"compound", "appos"}:
                continue
            left = list(token.lefts)
            words = {t.lower_ for t in left}
            qualifier_end = self._qualifier_end(doc, token)
            definite = any(t.lower_ in {"the", "this", "that"} for t in left)
            plural = token.tag_ in {"NNS", "NNPS"}
            named_owner = any(t.dep_ == "poss" for t in left)
            if named_owner:
                continue
            if definite:
                if lemma in latest and qualifier_end is None:
                    first = min(t.i for t in left) if left else token.i
                    yield first, token.i, found[latest[lemma]].actor
                continue
            indefinite = bool(words & lex.indefinite) or any(t.like_num for t in left)
            descriptive = plural and (
                bool(words & lex.descriptive)
                or any(self.gazetteer.lookup(t.text) for t in left)
                or not left
            )
            if weak and qualifier_end is None:
                continue
            if not (indefinite or descriptive or qualifier_end is not None):
                continue
            first = min([t.i for t in left] + [token.i])
            named_end = qualifier_end if qualifier_end is not None else token.i
            marker_end = self._qualifier_end(doc, doc[named_end], lex.anonymity_markers)
            last = marker_end if marker_end is not None else named_end
            description = [t for t in doc[first:named_end + 1]
                           if not (t.i < token.i and (t.lower_ in lex.indefinite or t.like_num or t.pos_ == "DET"))]
            name = " ".join(doc_text(doc)[description[0].idx:description[-1].idx + len(description[-1])].split())
            actor_id = "anon-" + slug(name)
            affiliation = self._affiliation_among(doc[first:last + 1]) or self._body_after(token, named_at)
            latest[lemma] = actor_id
            yield first, last, Actor(id=actor_id, name=name, kind="anonymous", affiliation=affiliation)

    def _qualifier_end(self, doc: Doc, head: Token,
                       phrases: list[tuple[str, ...]] | None = None) -> int | None:
        """Last token of a qualifier that follows `head` ("… with knowledge of the discussions")."""
        i = head.i + 1
        if i < len(doc) and doc[i].is_punct and doc[i].text == ",":
            i += 1
        for qualifier in self.lexicon.qualifiers if phrases is None else phrases:
            words = [t.lower_ for t in doc[i:i + len(qualifier)]]
            if tuple(words) == qualifier:
                last_q = doc[i + len(qualifier) - 1]
                end = max((t.i for t in last_q.subtree), default=last_q.i)
                # the object of "of"/"with"/"to" completes the phrase
                stop = next((t.i for t in doc[last_q.i + 1:end + 1]
                             if t.is_punct or t.dep_ in {"relcl", "ccomp"}), end + 1)
                if stop == last_q.i + 1 and end > last_q.i:
                    stop = end + 1
                return max(last_q.i, _noun_phrase_end(doc, last_q.i + 1, stop))
        return None

    @staticmethod
    def _body_after(head: Token, named_at: dict[int, Actor]) -> str | None:
        """ "officials of the Provisional Council", "a spokesman for the ministry": the body named after the
        noun ("in" is left out: "diplomats in Brussels" are not all of Belgium)."""
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in AFFILIATING_PREPS:
                for obj in prep.children:
                    actor = named_at.get(obj.i) if obj.dep_ == "pobj" else None
                    if actor is not None and actor.kind in {"state", "organization", "group"}:
                        return actor.id
        return None

    def _affiliation_among(self, span: SpacySpan) -> str | None:
        ids = {hit for hit in map(self._body_named, span) if hit}
        return ids.pop() if len(ids) == 1 else None


_TITLE_AFTER_THE = re.compile(r"\b[Tt]he ([A-Z][\w-]*(?: [A-Z][\w-]*){0,3})\b")
_TITLE_LOWER = re.compile(r"\b[Tt]he ([a-z][a-z-]*)\b")
_TITLE_BEFORE = re.compile(r"((?:[A-Z][\w-]* )+)$")


def _role_titles(role: str | None) -> set[str]:
    """ "Foreign Minister of Lunemark, Special Mediator of the Vaire talks" → Foreign Minister, Special
    Mediator: each part of a gazetteer role up to what it is the title of."""
    out = set()
    for part in re.split(r"[,;(]", role or ""):
        title = re.split(r"\s+(?:of|for|to|in|at)\s+", part.strip())[0]
        if title.replace("-", " ").replace(" ", "").isalpha():
            out.add(title)
    return out


def _serves(person: Actor, body: Actor) -> bool:
    """Whether a person belongs to a state or body, by affiliation or by the gazetteer's role."""
    return person.affiliation == body.id or body.name in (person.role or "")


def _noun_phrase_end(doc: Doc, start: int, stop: int) -> int:
    """Last token of the noun phrase starting at `start`, not beyond `stop` (exclusive)."""
    end = start - 1
    for t in doc[start:min(stop, len(doc))]:
        if t.is_punct or t.pos_ in {"VERB", "AUX"} and t.dep_ not in {"amod"}:
            break
        end = t.i
    return end


def _acts(token: Token) -> bool:
    """Whether a capital's name stands for its state ("Moscow said", "Kyiv's offer", "for Kyiv")."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ in {"nsubj", "nsubjpass", "poss", "agent"}:
        return True
    return token.dep_ == "pobj" and token.head.lower_ in {"for", "by", "with", "against", "between"}


def _named_as_place(doc: Doc, word: str) -> bool:
    """Whether a one-word name stands where places stand somewhere in the document ("the shelling in
    Carrowmere"): a person is not "in" or "near" anyone."""
    return any(t.text == word and t.dep_ == "pobj" and t.head.lower_ in LOCATIVE_PREPS for t in doc)


LOCATIVE_PREPS = {"in", "at", "near", "inside", "outside", "around"}


def _name_like(word: str) -> bool:
    """A word that can be part of a person's name: capitalised letters, maybe a hyphen or apostrophe."""
    core = word.replace("-", "").replace("'", "").replace("’", "")
    return len(core) >= 2 and core.isalpha() and word[0].isupper()


def _trim(ent: SpacySpan) -> tuple[int, int]:
    """Token range of an entity without a leading article, a trailing possessive or a line break."""
    first, last = ent.start, ent.end - 1
    doc = ent.doc
    while first <= last and doc[first].lower_ in _STRIP_LEADING:
        first += 1
    while last >= first and (doc[last].text in _STRIP_TRAILING or doc[last].is_space):
        last -= 1
    for i in range(first, last + 1):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            last = i
            break
    return first, last


def _without_state(form: str, state: Entry) -> str:
    """ "Varunian Foreign Ministry" → "Foreign Ministry": a body's name without its state's name or demonym."""
    words = form.split()
    names = {state.name, *state.aliases, *state.demonyms}
    return " ".join(words[1:]) if words and words[0] in names else form


def _from_entry(entry: Entry) -> Actor:
    # (a mentioned actor's aliases become the forms the document uses; an affiliation keeps the gazetteer's)
    return Actor(id=entry.id, name=entry.name, kind=entry.kind, affiliation=entry.affiliation,
                 role=entry.role, in_gazetteer=True, aliases=list(entry.aliases))


@register("actors")
def make_actor_extractor(resources_: Resources) -> ActorExtractor:
    return ActorExtractor(resources_)

