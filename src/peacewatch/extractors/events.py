"""What happened: coded events {type (PLOVER), mode, source → target, date, place, quad_class, evidence}.

An event is a trigger from `data/event_lexicon.yaml`: a verb ("shelled", "called on", "pulled out"), or an
event noun ("strikes on", "talks with", "a visit to", "ceasefire") that a support verb carries ("made a visit",
"declared a truce"), that names its own parties ("Russian strikes on the capital", "a ceasefire between X and
Y", "the ceasefire, announced by X and Y") or that is reported happening ("the truce takes effect"). A trigger
is dropped when negated ("did not attack", "no ceasefire"), hypothetical ("would strike", "plans to attack")
or the content of a higher event ("threatened to attack" is THREATEN, "accused X of shelling" is ACCUSE).

Source and target come from the actor layer (`DocContext.actor_at`): the subject and the object or the
"on/against/with/to" phrase of a verb, the demonym/possessor and prepositional phrases of a noun. A truce and
an assault are coded at the level of the state an actor acts for (president, ministry, armed forces → the
state), so that the store's ceasefire monitor can pair a declaration with later strikes between the same two
sides. The date is the time expression governing the clause, else the document date when the clause is past or
present; the place a gazetteer place or a GPE/LOC/FAC after "in/at/on/near".

The learned layer (`peacewatch.events.model`, a sentence classifier for the CAMEO pentaclass trained on the
ConfliBERT benchmark, see `data/models/events/MODEL_CARD.md`) then reads each sentence with what the lexicon
found in it: it drops the verbal events of a sentence it judges a mere statement, gives each event its confidence
(which makes the surest one the sentence's main event), re-types the main event (a ceasefire excepted) when it
is confident the sentence is of another quad class, and adds a sentence-level event where the lexicon found
none but the model sees one (the most generic type of that quad class). See the model card for its effect.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from peacewatch.contract import Actor, Event, TimeExpression
from peacewatch.events.model import PentaclassModel, packaged_model
from peacewatch.extractors.base import Resources, context, embed_ahead, register, sentence_vectors
from peacewatch.extractors.record import Holders, _read_yaml, evidence_range, holders_of, phrase
from peacewatch.gazetteer import Gazetteer, Place
from peacewatch.spans import doc_text, sentence_starts, text_span

LEXICON_FILE = "event_lexicon.yaml"
NOUN_POS = {"NOUN", "PROPN"}
PARTY_DEPS = {"amod", "compound", "poss", "nmod"}  # "Russian strikes", "Kesh's attack"
#: dependencies along which a trigger is part of a higher trigger's content ("threatened to attack")
CONTENT_DEPS = {"xcomp", "ccomp", "dobj", "pobj", "pcomp", "prep", "nsubjpass", "attr", "oprd", "acomp"}
PAST_TAGS = {"VBD", "VBN", "VBZ", "VBP"}  # past or present: the event happened by the document's date
EARLIER_MARKS = {"since", "before", "after", "until", "once", "if", "unless", "when", "whether"}
PLACE_ENTS = {"GPE", "LOC", "FAC"}
LIFTED = {"ASSAULT"}  # and AGREE with a ceasefire mode: see the module docstring
# why: fixed a priori, not tuned on dev. Dropping a lexicon event loses an explicit trigger, so it takes a
# confident model (0.7); adding one where the lexicon saw none takes a majority of the five-way softmax (0.5)
STATEMENT_CUT = 0.7  # a sentence this likely a statement (class 0) keeps only its material events
SENTENCE_EVENT_CUT = 0.5  # a sentence without lexicon event this likely of a quad class gets a sentence-level event
RETYPE_CUT = 0.7  # a sentence this likely of a quad class none of its lexicon events has: its main event is re-typed


@dataclass(frozen=True)
class Cue:
    type: str
    mode: str | None = None
    quad_class: int | None = None


@dataclass(frozen=True)
class EventLexicon:
    types: dict[str, tuple[int, ...]]
    legacy: dict[str, str]
    sentence_types: dict[int, str]  # quad class → the type of a sentence-level event
    verbs: dict[str, dict[str | None, Cue]]  # lemma → {particle or object word (None: plain) → cue}
    verb_objects: dict[str, dict[str, str | None]]  # lemma → {object lemma → type, None: no event}
    nouns: dict[str, list[tuple[tuple[str, ...], Cue]]]  # last word → [(words, cue)], longest first
    support_verbs: frozenset[str]
    ceasefire_modes: dict[str, Cue]  # governing verb lemma → the ceasefire's type and mode
    hypothetical_aux: frozenset[str]
    intent_verbs: frozenset[str]
    capital_words: frozenset[str]
    target_preps: frozenset[str]
    place_preps: frozenset[str]
    conditional_marks: frozenset[str]
    speech_complements: frozenset[str]
    happening_verbs: frozenset[str]
    intent_adjectives: frozenset[str]
    negative_subjects: frozenset[str]

    @classmethod
    def load(cls) -> EventLexicon:
        text = resources.files("peacewatch.data").joinpath(LEXICON_FILE).read_text("utf-8")
        data = _read_yaml(LEXICON_FILE, text)
        types = {k: tuple(int(q) for q in v) for k, v in data["types"].items()}
        verbs: dict[str, dict[str | None, Cue]] = {}
        verb_objects: dict[str, dict[str, str | None]] = {}
        for key, entry in data["verbs"].items():
            words = str(key).lower().split()
            verbs.setdefault(words[0], {})[" ".join(words[1:]) or None] = _cue(entry, types, key)
            if entry.get("objects"):
                verb_objects[words[0]] = {str(o).lower(): str(t) if t else None for o, t in entry["objects"].items()}
        nouns: dict[str, list[tuple[tuple[str, ...], Cue]]] = {}
        for key, entry in data["nouns"].items():
            words = phrase(str(key))
            nouns.setdefault(words[-1], []).append((words, _cue(entry, types, key)))
        for entries in nouns.values():
            entries.sort(key=lambda e: -len(e[0]))
        modes = {str(verb): _cue({"type": entry["type"], "mode": mode}, types, mode)
                 for mode, entry in data["ceasefire_modes"].items() for verb in entry["verbs"]}

        def words(key: str) -> frozenset[str]:
            return frozenset(str(w).lower() for w in data.get(key) or ())

        return cls(types, {str(k): str(v) for k, v in (data.get("legacy_names") or {}).items()},
                   {int(k): str(v) for k, v in (data.get("sentence_types") or {}).items()}, verbs,
                   verb_objects, nouns, words("support_verbs"), modes, words("hypothetical_aux"),
                   words("intent_verbs"), words("capital_words"), words("target_preps"), words("place_preps"),
                   words("conditional_marks"), words("speech_complements"), words("happening_verbs"),
                   words("intent_adjectives"), words("negative_subjects"))

    def quad_class(self, cue: Cue) -> int:
        return cue.quad_class or self.types[cue.type][0]

    def verb_cue(self, token: Token) -> Cue | None:
        entries = self.verbs.get(token.lemma_.lower())
        if not entries:
            return None
        words = {c.lower_ for c in token.children if c.dep_ in {"prt", "prep", "advmod", "dobj"}} | \
            {c.lemma_.lower() for c in token.children if c.dep_ in {"prt", "prep", "advmod", "dobj"}}
        cue = next((c for w, c in entries.items() if w is not None and w in words), entries.get(None))
        objects = self.verb_objects.get(token.lemma_.lower(), {})
        # a participle's object is the noun it modifies ("the text released by …")
        candidates = [c for c in token.children if c.dep_ == "dobj"] + ([token.head] if token.dep_ == "acl" else [])
        obj = next((c.lemma_.lower() for c in candidates if c.lemma_.lower() in objects), None)
        if cue is not None and obj is not None:  # "strike a deal" is no strike; "released a statement" no release
            kind = objects[obj]
            return Cue(kind) if kind else None
        return cue

    def noun_cue(self, token: Token) -> Cue | None:
        doc = token.doc
        for words, cue in self.nouns.get(token.lemma_.lower(), []) + self.nouns.get(token.lower_, []):
            first = token.i - len(words) + 1
            if first >= 0 and all(doc[first + k].lower_ == w or doc[first + k].lemma_.lower() == w
                                  for k, w in enumerate(words)):
                return cue
        return None


def _cue(entry: dict, types: dict[str, tuple[int, ...]], key: object) -> Cue:
    kind = str(entry["type"])
    if kind not in types:
        from peacewatch.errors import ConfigError

        raise ConfigError(f"{LEXICON_FILE}: {key!r} has unknown type {kind!r}")
    quad = entry.get("quad_class")
    return Cue(kind, entry.get("mode"), int(quad) if quad is not None else None)


@lru_cache(maxsize=1)
def default_lexicon() -> EventLexicon:
    return EventLexicon.load()


@dataclass
class _Found:
    token: Token  # the trigger
    cue: Cue
    carrier: Token  # the verb whose clause the event is (the support verb of a noun, else the trigger)
    source: list[str]
    target: list[str]
    mode: str | None
    place: str | None = None
    confidence: float | None = None  # the learned layer's, when it ran
    evidence: tuple[int, int] | None = None  # character range, computed once


class EventExtractor:
    name = "events"

    def __init__(self, resources_: Resources, lexicon: EventLexicon | None = None, learned: bool = True,
                 classifier: PentaclassModel | None = None) -> None:
        self.lexicon = lexicon or default_lexicon()
        self.gazetteer: Gazetteer = resources_.gazetteer
        #: the learned layer; `learned=False` keeps the lexicon alone (the evaluation measures both)
        self.classifier = classifier or (packaged_model() if learned else None)

    def triggers(self, doc: Doc) -> dict[int, Cue]:
        """Every lexicon trigger (before the checks): token index → cue."""
        out: dict[int, Cue] = {}
        for token in doc:
            if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ == "ROOT"):
                cue = self.lexicon.verb_cue(token)
            elif token.pos_ in NOUN_POS and token.dep_ != "compound":
                cue = self.lexicon.noun_cue(token)
            else:
                cue = None
            if cue is not None:
                out[token.i] = cue
        return out

    def prepare(self, docs: list[Doc]) -> None:
        """Embeds the sentences of a whole batch ahead (reusing the shared MiniLM pass when claims ran it)."""
        if self.classifier is None:
            return
        from peacewatch.techniques.encoder import encode_docs

        encode_docs(docs)
        embed_ahead([(doc, [s.text.strip() for s in doc.sents if s.text.strip()]) for doc in docs])

    def __call__(self, doc: Doc) -> list[Event]:
        return [event for event, _ in self.find(doc)]

    def find(self, doc: Doc) -> list[tuple[Event, Token]]:
        """The events with their trigger tokens (the evaluation picks a sentence's main event by them)."""
        ctx = context(doc)
        holders = holders_of(doc)
        actors = {a.id: a for a in ctx.records.get("actors", []) if isinstance(a, Actor)}
        times = [t for t in ctx.records.get("times", []) if isinstance(t, TimeExpression) and t.value]
        published = ctx.document.published
        triggers = self.triggers(doc)
        text = doc_text(doc)
        out: list[tuple[Event, Token]] = []
        seen: set[tuple] = set()
        found_all: list[tuple[_Found, str | None, str | None]] = []
        sentence_of = sentence_starts(doc)  # (`token.sent` walks the document on every call)
        for i, cue in triggers.items():
            found = self._event(doc[i], cue, triggers, holders)
            if found is None:
                continue
            kind = found.cue.type
            lift = kind in LIFTED or (found.mode or "").startswith("ceasefire")
            source = [self._lift(a, actors) if lift else a for a in found.source]
            target = [self._lift(a, actors) if lift else a for a in found.target]
            if len(source) > 1 and not target:  # "X and Y agreed a ceasefire": the two parties
                source, target = source[:1], source[1:2]
            src = source[0] if source else None
            tgt = next((t for t in target if t != src), None)
            found.evidence = evidence_range(doc, found.token)
            key = (kind, src, tgt, found.evidence[0])
            if key not in seen:
                seen.add(key)
                found_all.append((found, src, tgt))
        if self.classifier is not None:
            found_all = self._arbitrate(doc, found_all, holders, sentence_of)
        for found, src, tgt in found_all:
            start, end = found.evidence or evidence_range(doc, found.token)
            out.append((Event(id=f"event-{len(out) + 1}", type=found.cue.type,  # type: ignore[arg-type]
                              mode=found.mode, source_actor=src, target_actor=tgt,
                              date=self._date(found, times, published, sentence_of), place=found.place,
                              quad_class=self.lexicon.quad_class(found.cue), confidence=found.confidence,
                              evidence=text_span(text, start, end)), found.token))
        return out

    def _arbitrate(self, doc: Doc, found: list[tuple[_Found, str | None, str | None]], holders: Holders,
                   sentence_of: list[int]) -> list[tuple[_Found, str | None, str | None]]:
        """The learned layer: one batched classification of the document's sentences, lexicon view included."""
        from peacewatch.events.model import lexicon_features

        sentences = [s for s in doc.sents if s.text.strip()]
        by_sentence: dict[int, list[tuple[_Found, str | None, str | None]]] = {s.start: [] for s in sentences}
        for item in found:
            by_sentence.setdefault(sentence_of[item[0].token.i], []).append(item)
        views = [[(self.lexicon.quad_class(f.cue), trigger_depth(f.token)) for f, _, _ in by_sentence[s.start]]
                 for s in sentences]
        texts = [s.text.strip() for s in sentences]
        # the vectors claims computed for the same sentences are reused (one MiniLM pass per sentence)
        vectors = sentence_vectors(doc, texts)
        probabilities = self.classifier.probabilities(texts, vectors, lexicon_features(views))  # type: ignore
        out: list[tuple[_Found, str | None, str | None]] = []
        for sentence, p in zip(sentences, probabilities, strict=True):
            items = by_sentence[sentence.start]
            if p[0] >= STATEMENT_CUT:  # a statement: its verbal events are what was said, not done
                items = [item for item in items if self.lexicon.quad_class(item[0].cue) in {2, 4}]
                if not items:
                    continue
            quad = int(p[1:].argmax()) + 1
            quads = {self.lexicon.quad_class(f.cue) for f, _, _ in items}
            if items and quad not in quads and p[quad] >= RETYPE_CUT and quad in self.lexicon.sentence_types:
                # the lexicon misread the sentence's main event ("agreed to send troops" read as talk, not aid)
                main = min(items, key=lambda item: trigger_depth(item[0].token))[0]
                if not (main.mode or "").startswith("ceasefire"):  # what the ceasefire monitor reads stays
                    main.cue, main.mode = Cue(self.lexicon.sentence_types[quad]), None
            for f, src, tgt in items:
                f.confidence = round(float(p[self.lexicon.quad_class(f.cue)]), 4)
                out.append((f, src, tgt))
            if not items and p[quad] >= SENTENCE_EVENT_CUT and quad in self.lexicon.sentence_types:
                extra = self._sentence_event(sentence.root, Cue(self.lexicon.sentence_types[quad]), holders)
                if extra is not None:
                    extra.confidence = round(float(p[quad]), 4)
                    source, target = extra.source[:1], [t for t in extra.target if t not in extra.source][:1]
                    out.append((extra, source[0] if source else None, target[0] if target else None))
        out.sort(key=lambda item: item[0].token.i)
        return out

    def _sentence_event(self, root: Token, cue: Cue, holders: Holders) -> _Found | None:
        """An event the model sees in a sentence whose verb the lexicon does not know: the root's parties."""
        if root.pos_ != "VERB" or _negated(root) or self._hypothetical(root) or self._denied_by_subject(root):
            return None
        source, target = self._verb_parties(root, holders)
        found = _Found(root, cue, root, source, target, None)
        found.place = self._place(root, found)
        return found

    # -- one trigger ------------------------------------------------------------------------------------

    def _event(self, token: Token, cue: Cue, triggers: dict[int, Cue], holders: Holders) -> _Found | None:
        if _negated(token) or self._governed(token, triggers):
            return None
        if token.pos_ in NOUN_POS:
            if token.i in context(token.doc).actor_at:
                return None  # a name ("the Minsk Agreements"), not an event
            return self._noun_event(token, cue, triggers, holders)
        if token.dep_ == "amod" or self._denied_by_subject(token):
            return None  # "damaged warehouses", "nobody fired"
        intent = None
        if self._hypothetical(token):
            intent = self._intent(token)
            if intent is None:
                return None  # "would strike", "plans to attack"
            cue = intent  # "is ready to send troops": an intent to cooperate; "ready to strike": a threat
        head = triggers.get(token.head.i)
        if head is not None and (token.dep_ == "acl" or (token.dep_ in {"advcl", "conj"} and head.type == cue.type)):
            return None  # "the ceasefire brokered by …", "shelled …, wounding two": one event, told once
        if cue.type == "REJECT" and any(c.dep_ == "xcomp" and c.lemma_.lower() in self.lexicon.speech_complements
                                        for c in token.children):
            return None  # "declined to comment"
        source, target = self._verb_parties(token, holders)
        if not target and cue.type in LIFTED:  # "attacked a depot in the Keshi border region": Kesh
            target = self._place_state(token)
        # "ready to agree a ceasefire" offers one: no ceasefire is declared (the monitor reads the mode)
        mode = cue.mode if intent is not None else self._object_mode(token, cue, triggers) or cue.mode
        found = _Found(token, cue, token, source, target, mode)
        found.place = self._place(token, found)
        return found

    def _noun_event(self, noun: Token, cue: Cue, triggers: dict[int, Cue], holders: Holders) -> _Found | None:
        if any(c.dep_ == "det" and c.lower_ in {"no", "any"} for c in noun.children):
            return None
        head = noun.head
        own_source, own_target = self._noun_parties(noun)
        acl = next((c for c in noun.children if c.dep_ == "acl" and c.pos_ == "VERB"), None)
        if acl is not None:  # "the ceasefire, announced by Putin and Trump"
            agent = [a for c in acl.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
                     for a in self._actors(p)]
            own_source = own_source or agent
        governor = None
        if noun.dep_ in {"dobj", "nsubjpass", "attr"} and head.pos_ in {"VERB", "AUX"} \
                and head.lemma_.lower() in self.lexicon.support_verbs:
            governor = head  # "made a visit", "a truce was declared"
        elif noun.dep_ == "nsubj" and head.i not in triggers and head.lemma_.lower() in self.lexicon.happening_verbs:
            governor = head  # "the truce takes effect", "the ceasefire lasted only a few days"
        if governor is None and not (own_source or own_target):
            return None  # a bare mention ("the first pause in fighting", "monitor the ceasefire")
        carrier = governor if governor is not None else _clause_verb(noun)
        if carrier.pos_ in {"VERB", "AUX"} and self._hypothetical(carrier):
            return None
        source, target = own_source, own_target
        if governor is not None and noun.dep_ == "dobj":  # the support verb's subject carries out the event
            verb_source, verb_target = self._verb_parties(governor, holders)
            source = verb_source or source
            target = target or verb_target
        if cue.mode == "ceasefire":  # declared, implemented or violated: by the verb that governs it
            cue = next((self.lexicon.ceasefire_modes[v.lemma_.lower()] for v in (acl, governor)
                        if v is not None and v.lemma_.lower() in self.lexicon.ceasefire_modes), cue)
        found = _Found(noun, cue, carrier, source, target, cue.mode)
        found.place = self._place(noun, found) or (self._place(governor, found) if governor is not None else None)
        return found

    def _object_mode(self, verb: Token, cue: Cue, triggers: dict[int, Cue]) -> str | None:
        """ "agreed a ceasefire", "signed a truce": the verb's event in its object's, more specific, mode."""
        objects = [c for c in verb.children if c.dep_ == "dobj"] + \
            [p for c in verb.children if c.dep_ == "prep" and c.lower_ in {"on", "to"}
             for p in c.children if p.dep_ == "pobj"]
        for obj in objects:
            inner = triggers.get(obj.i)
            if inner is not None and inner.type == cue.type and inner.mode:
                if inner.mode == "ceasefire":  # "agreed a truce": declared, whatever the verb
                    return "ceasefire-declared"
                return inner.mode
        return None

    def _governed(self, token: Token, triggers: dict[int, Cue]) -> bool:
        """Part of a higher trigger's content ("threatened to attack", "accused X of shelling", "welcomed
        the ceasefire") — that trigger is the event."""
        t, steps = token, 0
        while t.head.i != t.i and t.dep_ in CONTENT_DEPS and steps < 6:
            t, steps = t.head, steps + 1
            if t.i in triggers and t.i != token.i:
                return True
        return False

    def _denied_by_subject(self, verb: Token) -> bool:
        for subject in (c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}):
            words = " ".join(t.lower_ for t in subject.subtree)
            if words in self.lexicon.negative_subjects or any(c.dep_ == "det" and c.lower_ == "no"
                                                              for c in subject.children):
                return True
        return False

    def _intent(self, verb: Token) -> Cue | None:
        """ "ready/willing to <event>", not negated and not itself hypothetical: AGREE or THREATEN."""
        adjective = verb.head
        if verb.dep_ != "xcomp" or adjective.lemma_.lower() not in self.lexicon.intent_adjectives or \
                _negated(adjective) or any(c.dep_ == "aux" and c.lower_ in self.lexicon.hypothetical_aux
                                           for c in adjective.head.children):
            return None
        quad = self.lexicon.quad_class(self.lexicon.verb_cue(verb) or Cue("AGREE"))
        return Cue("AGREE") if quad <= 2 else Cue("THREATEN")

    def _hypothetical(self, verb: Token) -> bool:
        """Not (yet) happening: a modal ("would strike") or a verb of intent above it ("plans to attack")."""
        if any(c.dep_ == "aux" and c.lower_ in self.lexicon.hypothetical_aux for c in verb.children):
            return True
        if any(c.dep_ == "mark" and c.lower_ in self.lexicon.conditional_marks for c in verb.children):
            return True  # "once a deal is reached"
        t = verb
        while t.dep_ == "xcomp" and t.head.i != t.i:
            t = t.head
            if t.lemma_.lower() in self.lexicon.intent_verbs:
                return True
        return False

    # -- parties ----------------------------------------------------------------------------------------

    def _verb_parties(self, verb: Token, holders: Holders) -> tuple[list[str], list[str]]:
        if any(c.dep_ == "nsubjpass" for c in verb.children):  # "Calla was shelled by Kesh"
            target = [a for c in verb.children if c.dep_ == "nsubjpass" for a in self._actors(c)]
            # "by Kesh", or where the fire came from ("shells were fired from Keshi positions")
            source = [a for c in verb.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "from")
                      for p in c.children if p.dep_ == "pobj" for a in self._actors(p)]
            return source, target
        source = holders.subject_actors(verb)
        target = self._objects(verb)
        for content in (c for c in verb.children if c.dep_ in {"xcomp", "ccomp"} and not target):
            # "demanded that Kesh withdraw": the one asked; "threatened to shell Iraqi towns": the one threatened
            subject = [a for c in content.children if c.dep_ == "nsubj" for a in self._actors(c)]
            target = subject if content.dep_ == "ccomp" and subject else self._objects(content)
        return source, target

    def _objects(self, verb: Token) -> list[str]:
        objects = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
        return [a for c in objects for a in self._actors(c) or self._place_state(c)] or self._prep_targets(verb)

    def _noun_parties(self, noun: Token) -> tuple[list[str], list[str]]:
        source: list[str] = []
        for c in noun.children:
            if c.dep_ in PARTY_DEPS:
                source += self._actors(c)
            elif c.dep_ == "prep" and c.lower_ in {"by", "from"}:
                source += [a for p in c.children if p.dep_ == "pobj" for a in self._actors(p)]
        between = [a for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"
                   for p in c.children if p.dep_ == "pobj" for a in self._actors(p)]
        if between:  # "a ceasefire between X and Y"
            return between[:1], between[1:2]
        return source, self._prep_targets(noun, source)

    def _prep_targets(self, token: Token, exclude: list[str] | tuple[str, ...] = ()) -> list[str]:
        out: list[str] = []
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ not in self.lexicon.target_preps:
                continue
            for pobj in (p for p in prep.children if p.dep_ == "pobj"):
                out += self._actors(pobj) or self._place_state(pobj) or self._capital_state(pobj, exclude)
        return out

    def _place_state(self, token: Token) -> list[str]:
        """A place struck or visited stands for its state ("the port district of Calla" → Calla's country; "a fuel
        depot in the Keshi border region" → Kesh)."""
        inside = [p for c in token.children if c.dep_ == "prep" and c.lower_ in {"of", "in", "near", "inside"}
                  for p in c.children if p.dep_ == "pobj"]
        for t in [token, *inside]:
            place = self._gazetteer_place(t)
            if place is not None and place.country:
                return [place.country]
        for t in inside:
            states = [a for a in self._actors(t) if (e := self.gazetteer.entries.get(a)) and e.kind == "state"]
            if states:
                return states[:1]
        return []

    def _gazetteer_place(self, token: Token) -> Place | None:
        first = min([token.i] + [c.i for c in token.children if c.dep_ == "compound"])
        return self.gazetteer.places.get(token.doc[first:token.i + 1].text) or self.gazetteer.places.get(token.text)

    def _actors(self, head: Token) -> list[str]:
        """Actors a noun phrase names: its head and conjuncts, else their name-like modifiers ("Keshi positions")."""
        actor_at = context(head.doc).actor_at
        out: list[str] = []
        for t in [head, *head.conjuncts]:
            found = actor_at.get(t.i)
            if found is None:
                found = next((actor_at[c.i] for c in t.children if c.dep_ in PARTY_DEPS | {"appos"}
                              and c.i in actor_at), None)
            if found and found not in out:
                out.append(found)
        return out

    def _capital_state(self, token: Token, exclude: list[str] | tuple[str, ...] = ()) -> list[str]:
        """ "the capital": the capital of the state mentioned last before it, other than the event's source
        ("Russian strikes on the capital" strike another state's capital)."""
        if token.lemma_.lower() not in self.lexicon.capital_words or \
                not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            return []
        actor_at = context(token.doc).actor_at
        for i in range(token.i - 1, -1, -1):
            entry = self.gazetteer.entries.get(actor_at.get(i) or "")
            if entry is not None and entry.kind == "state" and entry.id not in exclude:
                return [entry.id]
        return []

    def _lift(self, actor_id: str, actors: dict[str, Actor]) -> str:
        """The state an actor acts for (president, ministry, armed forces), else the actor itself."""
        current, steps = actor_id, 0
        while steps < 4:
            record, entry = actors.get(current), self.gazetteer.entries.get(current)
            kind = record.kind if record else entry.kind if entry else None
            if kind == "state":
                return current
            parent = (record.affiliation if record else None) or (entry.affiliation if entry else None)
            if not parent:
                return actor_id
            current, steps = parent, steps + 1
        return actor_id

    # -- place and date ---------------------------------------------------------------------------------

    def _place(self, token: Token, found: _Found) -> str | None:
        doc = token.doc
        for obj in (c for c in token.children if c.dep_ == "dobj"):  # "struck the port district of Calla"
            for t in [obj, *(p for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                             for p in c.children if p.dep_ == "pobj")]:
                if (place := self._gazetteer_place(t)) is not None:
                    return place.name
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ not in self.lexicon.place_preps:
                continue
            for pobj in (p for p in prep.children if p.dep_ == "pobj"):
                name = self._place_name(doc, pobj)
                if name:
                    return name
                state = self._capital_state(pobj, found.source)
                entry = self.gazetteer.entries.get(state[0]) if state else None
                if entry is not None and entry.capitals:
                    return entry.capitals[0]
        return None

    def _place_name(self, doc: Doc, pobj: Token) -> str | None:
        """A gazetteer place or a GPE/LOC/FAC entity headed by `pobj`."""
        place = self._gazetteer_place(pobj)
        if place is not None:
            return place.name
        if pobj.ent_type_ in PLACE_ENTS:
            ent = next((e for e in doc.ents if e.start <= pobj.i < e.end), None)
            if ent is not None:
                return ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
        return None

    @staticmethod
    def _date(found: _Found, times: list[TimeExpression], published: str | None,
              sentence_of: list[int]) -> str | None:
        """The time expression governing the clause; else the document date for a past or present clause."""
        doc = found.token.doc
        anchors = {found.token.i, found.carrier.i}
        for time in times:
            span = doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
            if span is None or sentence_of[span.start] != sentence_of[found.token.i] or \
                    "\n" in doc_text(doc)[min(span.start_char, found.token.idx):max(span.start_char, found.token.idx)]:
                continue  # another line is another heading, dateline or list item, whatever the parse joined
            t, steps = span.root, 0
            while t.head.i != t.i and t.i not in anchors and steps < 5:
                if t.pos_ in {"VERB", "AUX"} and t.i != span.root.i:
                    break  # another clause's time
                t, steps = t.head, steps + 1
            if t.i in anchors and time.granularity in {"day", "week", "month", "year"}:
                return time.start or time.value
        verb = found.carrier
        if verb.pos_ not in {"VERB", "AUX"}:
            return None
        if verb.tag_ not in PAST_TAGS and not any(c.tag_ in PAST_TAGS for c in verb.children if c.dep_ == "aux"):
            return None
        if any(c.dep_ == "mark" and c.lower_ in EARLIER_MARKS for c in verb.children):
            return None  # "since Kesh invaded": an earlier event, not the document's
        return published


def _negated(token: Token) -> bool:
    if any(c.dep_ == "neg" for c in token.children):
        return True
    # "failed to …" / "did not agree to …": the negation sits on the verb this one depends on
    head = token.head
    return token.dep_ == "xcomp" and any(c.dep_ == "neg" for c in head.children)


def trigger_depth(token: Token) -> int:
    """How far a trigger sits below its sentence's root (0: the root); the main event is the highest."""
    n = 0
    while token.head.i != token.i and n < 50:
        token, n = token.head, n + 1
    return n


def _clause_verb(token: Token) -> Token:
    t, steps = token, 0
    while t.pos_ not in {"VERB", "AUX"} and t.head.i != t.i and steps < 8:
        t, steps = t.head, steps + 1
    return t


@register("events")
def make_event_extractor(resources_: Resources) -> EventExtractor:
    return EventExtractor(resources_)
