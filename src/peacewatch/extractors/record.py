"""Shared by the peace-process record extractors (stances, commitments, deadlines): the topic file, topic
matching over tokens, the record cue lexicon, and "who holds this clause" over the parse.

Topics (`data/topics.yaml`) match on token lemmas or surface forms, longest first, so that "ceasefire
monitoring" is monitoring rather than ceasefire. The actor of a clause is the speaker of the attribution
whose content holds it, else the clause's grammatical subject, resolved through `DocContext.actor_at` and
the attribution resolver (pronouns, "the minister").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from spacy.tokens import Doc, Token

from peacewatch.contract import Actor, Attribution, Commitment, Stance
from peacewatch.errors import ConfigError
from peacewatch.extractors.actors import BYLINE_KEY
from peacewatch.extractors.attributions import SourceResolver, default_lexicon, represented_by
from peacewatch.extractors.base import context
from peacewatch.spans import doc_text, sentence, sentences

TOPICS_FILE = "topics.yaml"
CUES_FILE = "record_cues.yaml"
_WORD = re.compile(r"\w+|[^\w\s]")
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
#: dependencies through which a clause inherits its subject from its head ("ready to provide", "and is open")
INHERIT_DEPS = {"conj", "xcomp", "advcl", "ccomp", "acomp", "pcomp", "prep", "pobj", "dobj", "acl", "relcl"}
#: a wire dateline opening a paragraph: "LIRSK/OSKAROV, April 1 (Harbor Wire) - "; names in it are places and
#: the outlet, never the holder of what follows
_DATELINE = re.compile(r"(?m)^[A-Z][A-Z/ .'-]+,[^\n]{0,40}?(?:\([^)\n]*\))?\s+[-–—]\s")
#: a byline: "By Ottavia Brun" on its own line, or before a sentence on it ("By Priya Lockhart. The author is …")
_BYLINE = re.compile(r"(?m)^By ([A-Z][\w'-]*(?: [A-Z][\w'-]*){1,3})(?:\.? *$|\. (?=[A-Z]))")
_LIST_MARK = re.compile(r"[ \t]*[-–—•*][ \t]+(?=\S)")
MAX_LEAD_WORDS = 6  # a list's lead that names the items' subject is a short noun phrase ("The guarantor states:")
_ITEM_SEPARATOR = re.compile(r"\s[—–-]\s|:\s")
#: from a subject's head, the dependents that still name the subject ("the UK and France", "Kyiv's army")
FIRST_PERSON = {"we", "i", "us"}
COORDINATORS = {"and", ",", ", and", "&", "as well as"}
NAME_DEPS = {"conj", "compound", "amod", "appos", "nmod"}  # not poss: "Valdoria's partners" are not Valdoria


def phrase(text: str) -> tuple[str, ...]:
    """A cue or term as the words spaCy would split it into ("no-fly zone" → no, -, fly, zone)."""
    return tuple(_WORD.findall(text.lower()))


@dataclass(frozen=True)
class Topic:
    name: str
    definition: str
    terms: tuple[tuple[str, ...], ...]
    examples: tuple[str, ...] = ()
    actions: tuple[Action, ...] = ()
    #: one-word terms that name the topic only as nouns ("a guarantee", not "guarantee the safety of …")
    noun_terms: frozenset[str] = frozenset()
    #: terms that name the topic's opposite: wanting neutrality is opposing membership
    opposite_terms: tuple[tuple[str, ...], ...] = ()
    #: nouns that alone, after the topic was named, mean undoing it: "any easing" of the sanctions
    undoing_nouns: frozenset[str] = frozenset()
    #: nouns that alone, after the topic was named, stand for it: "our application stands"
    standing_nouns: frozenset[str] = frozenset()
    #: terms that, counted or over a motion, are a tally: "approved by 341 votes to 227", "a vote on the plan"
    tally_nouns: frozenset[str] = frozenset()
    #: passive verbs of a clause of condition that make the act it conditions this topic: "should Lavresse be
    #: attacked again, we commit to consult immediately" is a guarantee
    answering: frozenset[str] = frozenset()
    #: verbs of attack: a term as their object ("fired missiles", "sent drones against our towns") is a weapon
    #: used, not the topic
    attacking: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def _negative_subjects() -> frozenset[str]:
    return frozenset(w.lower() for w in record_cues()["stances"]["negative_subjects"])


def names_no_one(subject: Token) -> bool:
    """ "nobody", "none", "no one", "no government I lead", "neither X nor Y", "not one soldier", "not a single
    soldier": a subject that negates its verb."""
    return subject.lower_ in _negative_subjects() or any(c.dep_ == "det" and c.lower_ == "no" or
                                                        c.dep_ == "preconj" and c.lower_ == "neither" or
                                                        subject.pos_ == "NOUN" and (c.dep_ == "neg" or
                                                                                    not_one(c))
                                                        for c in subject.children)


def not_one(token: Token) -> bool:
    """ "not one (soldier)": the parse hangs the "not" on the number."""
    return token.dep_ == "nummod" and token.lower_ == "one" and any(g.dep_ == "neg" for g in token.children)


def _names_person(token: Token) -> bool:
    """A person's name: so tagged, or resolved to a person actor (the tagger takes "meet Trump" for an ORG)."""
    if token.ent_type_ == "PERSON":
        return True
    ctx = context(token.doc)
    actor = ctx.actor_at.get(token.i)
    return actor is not None and any(isinstance(a, Actor) and a.id == actor and a.kind == "person"
                                     for a in ctx.records.get("actors", []))


def refuses(verb: Token) -> bool:
    """Whether the clause is negated: "will not sign", "there can be no ceasefire"."""
    return any(c.dep_ == "neg" or c.dep_ in {"attr", "dobj", "nsubj", "nsubjpass"} and
               any(d.dep_ == "det" and d.lower_ == "no" for d in c.children) for c in verb.children)


@dataclass(frozen=True)
class Action:
    """A verb that names the topic with its object: "exchange all prisoners", "withdraw from the highlands"."""

    verbs: tuple[tuple[str, ...], ...]  # lemma phrases ("hand", "over")
    objects: frozenset[str]  # object lemmas; PLACE: a named place; AMOUNT: a sum of money; PERSON: a named person
    preps: frozenset[str] = frozenset()  # the object comes through these prepositions (else: direct object)
    subjects: frozenset[str] = frozenset()  # if any, the verb's subject must be one of these lemmas
    intransitive: bool = False  # the verb takes no direct object ("forces withdrew to the bank")
    undoes: bool = False  # the act undoes the topic ("lift a measure"): a position on it is the reverse one
    not_for: frozenset[str] = frozenset()  # purposes that make it another act ("600 million for reconstruction")

    def object_of(self, verb: Token) -> Token | None:
        """The verb's object that makes it this action, if any."""
        # (a particle may be parsed as an adverb: "has to go back to its operators")
        if not any(verb.lemma_.lower() == v[0] and all(any(c.lower_ == w for c in verb.children
                                                           if c.dep_ in {"prt", "advmod"}) for w in v[1:])
                   for v in self.verbs):
            return None
        if not self.objects:  # the subject alone makes it the act: "both delegations agreed to meet again"
            subject = subject_of(verb)
            if subject is None or subject.lemma_.lower() not in self.subjects or \
                    any(c.dep_ == "dobj" for c in verb.children):
                return None
            return verb
        if self.subjects and not any(c.dep_ in {"nsubj", "nsubjpass"} and c.lemma_.lower() in self.subjects
                                     for c in verb.children):
            return None
        if self.subjects and verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in until_markers()
                                                          for c in verb.children) and not refuses(verb.head):
            # "keep sanctions until its forces have left": when the sanctions end, not a demand (but "no
            # ceasefire until your forces leave" asks for it)
            return None
        if self.intransitive and any(c.dep_ == "dobj" for c in verb.children):
            return None  # ("withdraw its application to the alliance")
        if self.preps:
            candidates = [g for c in verb.children if c.dep_ in {"prep", "prt"} and c.lower_ in self.preps
                          for g in c.children if g.dep_ == "pobj"]
            # "pull its forces out of the valley": the place hangs on "out of"
            candidates += [g for c in verb.children if c.dep_ in {"prep", "advmod", "prt"}
                           for p in c.children if p.dep_ == "prep" and f"{c.lower_} {p.lower_}" in self.preps
                           for g in p.children if g.dep_ == "pobj"]
            after = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
            if verb.pos_ == "NOUN" and after is not None and after.dep_ == "prep" and after.lower_ in self.preps:
                # "accepted a halt to strikes": the parse hangs the noun's complement on the verb above it
                candidates += [g for g in after.children if g.dep_ == "pobj"]
        else:
            candidates = [c for c in verb.children if c.dep_ in {"dobj", "xcomp"}]
            if verb.pos_ == "NOUN":  # the act named by its noun: "the release of 600 civilians"
                candidates += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "of"
                               for g in c.children if g.dep_ == "pobj"]
            if verb.dep_ not in {"relcl", "advcl", "acl"} or \
                    verb.dep_ == "acl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children):
                # a passive's subject is its object ("demand that the plant be returned to its operators"); not
                # in a clause that only says when or which ("until the ceasefire is verified")
                candidates += [c for c in verb.children if c.dep_ == "nsubjpass"]
        # (each of coordinated objects: "will provide its headquarters and up to 1,200 personnel", the parse
        # hanging the second on the object or on the verb)
        candidates += [g for c in candidates for g in c.children if g.dep_ == "conj"]
        if candidates and not self.preps:
            candidates += [c for c in verb.children if c.dep_ == "conj" and c.pos_ in {"NOUN", "PROPN"}]
        for obj in candidates:
            if self.not_for and any(c.dep_ == "prep" and c.lower_ == "for" and g.dep_ == "pobj" and
                                    {w.lemma_.lower() for w in g.subtree if w.i <= g.i} & self.not_for
                                    for t in (verb, obj) for c in t.children for g in c.children):
                continue  # ("for humanitarian aid", "for the energy grid": the words up to the purpose's noun)
            if obj.lemma_.lower() in self.objects or obj.lower_ in self.objects:
                return obj
            # AMOUNT: a sum of money ("pledged 600 million crowns", "offered us 4 billion")
            if "AMOUNT" in self.objects and any(t.lower_ in _AMOUNT_WORDS for t in obj.subtree
                                                if t.i <= obj.i):
                return obj
            # (not a passive's: "Belvo will be returned" says what becomes of it, not who gives it up)
            if "PLACE" in self.objects and obj.dep_ != "nsubjpass" and \
                    (obj.ent_type_ in {"GPE", "LOC", "FAC"} or obj.pos_ == "PROPN"):
                return obj
            if "PERSON" in self.objects and _names_person(obj):
                return obj
        return None


@dataclass(frozen=True)
class TopicMention:
    topic: str
    first: int  # token indices, inclusive
    last: int
    head: int  # the token of the match whose head lies outside it
    opposite: bool = False  # named by its opposite ("neutrality" for membership): a position on it flips


def _read_yaml(path: Path | str, text: str | None = None) -> dict:
    try:
        data = yaml.safe_load(text if text is not None else Path(path).read_text("utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping")
    return data


def load_topics(extra: tuple[str, ...] = ()) -> dict[str, Topic]:
    """The built-in topics, then each user file of the same shape (same name: replaced, or with
    `extend: true` given more terms and examples)."""
    builtin = resources.files("peacewatch.data").joinpath(TOPICS_FILE).read_text("utf-8")
    sources = [(TOPICS_FILE, _read_yaml(TOPICS_FILE, builtin))] + [(p, _read_yaml(p)) for p in extra]
    topics: dict[str, Topic] = {}
    for where, data in sources:
        entries = data.get("topics")
        if not isinstance(entries, dict):
            raise ConfigError(f"{where}: expected `topics:` mapping topic names to definitions")
        for name, entry in entries.items():
            if not isinstance(entry, dict) or not entry.get("terms"):
                raise ConfigError(f"{where}: topic {name!r} needs `terms`")
            terms = tuple(phrase(str(t)) for t in entry["terms"])
            examples = tuple(str(e) for e in entry.get("examples") or ())
            actions = tuple(_action(where, name, a) for a in entry.get("actions") or ())
            nouns = frozenset(str(t).lower() for t in entry.get("noun_terms") or ())
            opposites = tuple(phrase(str(t)) for t in entry.get("opposite_terms") or ())
            undoing = frozenset(str(t).lower() for t in entry.get("undoing_nouns") or ())
            standing = frozenset(str(t).lower() for t in entry.get("standing_nouns") or ())
            tally = frozenset(str(t).lower() for t in entry.get("tally_nouns") or ())
            answering = frozenset(str(t).lower() for t in entry.get("answering") or ())
            attacking = frozenset(str(t).lower() for t in entry.get("attack_verbs") or ())
            base = topics.get(name) if entry.get("extend") else None
            if entry.get("extend") and base is None:
                raise ConfigError(f"{where}: topic {name!r} extends no known topic")
            if base is not None:
                topics[name] = Topic(name=name, definition=str(entry.get("definition") or base.definition),
                                     terms=base.terms + terms, examples=base.examples + examples,
                                     actions=base.actions + actions, noun_terms=base.noun_terms | nouns,
                                     opposite_terms=base.opposite_terms + opposites,
                                     undoing_nouns=base.undoing_nouns | undoing,
                                     standing_nouns=base.standing_nouns | standing,
                                     tally_nouns=base.tally_nouns | tally, answering=base.answering | answering,
                                     attacking=base.attacking | attacking)
            else:
                topics[name] = Topic(name=name, definition=str(entry.get("definition", "")), terms=terms,
                                     examples=examples, actions=actions, noun_terms=nouns,
                                     opposite_terms=opposites, undoing_nouns=undoing, standing_nouns=standing,
                                     tally_nouns=tally, answering=answering, attacking=attacking)
    return topics


def _used_in_attack(noun: Token, attacking: frozenset[str]) -> bool:
    """ "fired missiles", "launched drones", "send missiles and drones against our towns": the object of
    a verb of attack, or of any verb that sends it against a target."""
    if not attacking:
        return False
    t = noun
    while t.dep_ == "conj" and t.head.i != t.i:  # ("missiles and drones")
        t = t.head
    if t.dep_ not in {"dobj", "nsubjpass"}:
        return False
    verb = t.head
    return verb.lemma_.lower() in attacking or any(
        c.dep_ == "prep" and c.lower_ == "against" for c in verb.children)


def _action(where: Path | str, topic: str, entry: Any) -> Action:
    if not isinstance(entry, dict) or not entry.get("verbs") or not (
            entry.get("objects") or entry.get("intransitive") and entry.get("subjects")):
        raise ConfigError(f"{where}: topic {topic!r}: each action needs `verbs` and `objects` (or, intransitive, "
                          "`subjects`)")
    for key in ("verbs", "objects", "preps", "subjects", "not_for"):
        if any(isinstance(w, bool) for w in entry.get(key) or ()):
            # YAML reads a bare on, off, yes or no as true/false: "preps: [to, on]" would lose "on"
            raise ConfigError(f"{where}: topic {topic!r}: an action's `{key}` holds true/false; write words such "
                              'as on, off, yes and no in quotes ("on")')
    return Action(verbs=tuple(phrase(str(v)) for v in entry["verbs"]),
                  objects=frozenset(str(o) if o in {"PLACE", "AMOUNT", "PERSON"} else str(o).lower()
                                    for o in entry.get("objects") or ()),
                  preps=frozenset(str(p).lower() for p in entry.get("preps") or ()),
                  subjects=frozenset(str(w).lower() for w in entry.get("subjects") or ()),
                  intransitive=bool(entry.get("intransitive", False)),
                  undoes=bool(entry.get("undoes", False)),
                  not_for=frozenset(str(w).lower() for w in entry.get("not_for") or ()))


class TopicMatcher:
    """Finds topic mentions in a Doc: each term's words against token lemma or lower-case text."""

    def __init__(self, topics: dict[str, Topic]) -> None:
        self.topics = topics
        # first word → [(term, topic)], longest terms first, so the longest match at a position wins
        self.index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self.opposites = {(term, topic.name) for topic in topics.values() for term in topic.opposite_terms}
        for topic in topics.values():
            for term in topic.terms + topic.opposite_terms:
                if term:
                    self.index.setdefault(term[0], []).append((term, topic.name))
        # phrases that contain a term but name no topic ("an exchange of fire"): as a match they hide the term
        for words in record_cues()["not_topic_phrases"]:
            self.index.setdefault(phrase(words)[0], []).append((phrase(words), ""))
        for entries in self.index.values():
            entries.sort(key=lambda e: -len(e[0]))
        self.action_verbs: dict[str, list[tuple[str, Action]]] = {}
        for topic in topics.values():
            for action in topic.actions:
                for verb in action.verbs:
                    self.action_verbs.setdefault(verb[0], []).append((topic.name, action))
        self.undoing = {word: topic.name for topic in topics.values() for word in topic.undoing_nouns}
        self.answering = {word: topic.name for topic in topics.values() for word in topic.answering}
        self.standing: dict[str, list[str]] = {}
        for topic in topics.values():
            for word in topic.standing_nouns:
                self.standing.setdefault(word, []).append(topic.name)
        votes = record_cues()["votes"]
        self.votes = {key: frozenset(w.lower() for w in votes[key])
                      for key in ("verbs", "objects", "words", "times", "abstaining")}

    def mentions(self, doc: Doc) -> list[TopicMention]:
        """The topic mentions, in text order; found once per document and matcher."""
        shared = context(doc).shared
        key = f"topics:{id(self)}"
        if key not in shared:
            shared[key] = self._find(doc)
        return shared[key]

    def outermost(self, doc: Doc) -> list[TopicMention]:
        """The mentions a position is about: "a mechanism for monitoring the ceasefire" is about monitoring,
        not the ceasefire it modifies; but a light noun ("the deployment of monitors") gives way to its
        complement."""
        shared = context(doc).shared
        key = f"outer-topics:{id(self)}"
        if key not in shared:
            shared[key] = _outermost(doc, self.mentions(doc), *_nesting_words())
        return shared[key]

    def standing_for(self, doc: Doc, mentions: list[TopicMention]) -> list[TopicMention]:
        """Nouns that stand alone for a topic named earlier in the document: "Karsavia's application stands"
        after its alliance membership was named (the latest named of the topics the noun can stand for), and
        nouns of undoing, "Estmark opposes any easing before a withdrawal" after the sanctions were named (a
        position on them is the reverse). Not one with its own complement or modifier ("easing of tensions",
        "humanitarian relief", "party membership"), nor one inside a mention."""
        out: list[TopicMention] = []
        for token in doc:
            if token.pos_ != "NOUN" or any(m.first <= token.i <= m.last for m in mentions):
                continue
            if token.dep_ == "compound":
                continue  # "a force generation conference": a word of another noun's name
            words = {token.lemma_.lower(), token.lower_}
            undone = next((self.undoing[w] for w in words if w in self.undoing), None)
            if undone is not None:
                if any(c.dep_ in _OWN_COMPLEMENT_DEPS or c.dep_ == "prep" and c.lower_ in _OWN_COMPLEMENT_PREPS
                       for c in token.children):
                    continue
                if any(m.topic == undone and m.last < token.i for m in mentions):
                    out.append(TopicMention(undone, token.i, token.i, token.i, opposite=True))
                continue
            # (a plural only as listed: "a force" stands for the reassurance force, "its forces" are its army;
            # nor an idiom's bare noun: "remain in force")
            if token.tag_ == "NNS" and token.lower_ not in self.standing or token.dep_ == "pobj" and \
                    token.head.lower_ == "in" and not list(token.children):
                continue
            topics = {t for w in words for t in self.standing.get(w, ())}
            # (a possessor names the party, not the thing: "Karsavia's application")
            if not topics or any(c.dep_ in {"compound", "nmod"} or c.dep_ == "prep" and c.lower_ == "of"
                                 for c in token.children):
                continue
            named = [m for m in mentions if m.topic in topics and m.last < token.i]
            if named:
                out.append(TopicMention(named[-1].topic, token.i, token.i, token.i))
        return out + self._votes(doc, mentions)

    def _votes(self, doc: Doc, mentions: list[TopicMention]) -> list[TopicMention]:
        """A vote cast on no topic of its own ("The opposition voted against", "we will vote against this
        motion", "Volmara votes against"), or an abstention, is on what was put to the vote (see
        `_put_to_the_vote`)."""
        out: list[TopicMention] = []
        for token in doc:
            if token.pos_ == "VERB" and token.lemma_.lower() in self.votes["abstaining"] and \
                    not any(c.dep_ == "prep" and c.lower_ == "from" for c in token.children):
                # "Baskaran and Tenmarra abstained": neither way, on what was put to the vote
                topic = self._put_to_the_vote(doc, token, mentions + out)
                if topic is not None:
                    out.append(TopicMention(topic, token.i, token.i, token.i))
                continue
            if token.pos_ != "VERB" or token.lemma_.lower() not in self.votes["verbs"]:
                continue
            way = [c for c in token.children if c.dep_ in {"prep", "prt", "advmod"} and
                   c.lower_ in {"against", "for", "in"}]
            objs = [g for c in way for g in c.children if g.dep_ == "pobj"]
            if not way or any(g.lower_ not in {"favour", "favor"} and g.lemma_.lower() not in self.votes["objects"]
                          for g in objs):
                continue  # (a vote on something named: "vote for more money for air defences")
            if any(c.left_edge.i <= m.head <= c.right_edge.i for c in way for m in mentions):
                continue
            # (a vote already read counts: "X voted in favour. Y voted against.")
            topic = self._put_to_the_vote(doc, token, mentions + out)
            if topic is not None:  # (at the word that says which way: the vote's own cue is read above it)
                out.append(TopicMention(topic, way[0].i, way[0].i, way[0].i))
        return out

    def _put_to_the_vote(self, doc: Doc, vote: Token, mentions: list[TopicMention]) -> str | None:
        """The topic named most (the latest of equals) in the sentences before `vote` that speak of a vote, or,
        where they name none, in the sentence before the latest of them."""
        before = [s for s in sentences(doc) if s.start < vote.i]
        words = self.votes["words"]
        voted = [n for n, s in enumerate(before) if any(t.lemma_.lower() in words for t in s if t.i < vote.i)]

        def named(sent: Any) -> list[TopicMention]:
            # (what is voted on, not when: "to send troops once a ceasefire is signed", "… after a ceasefire" is
            # on the troops)
            return [m for m in mentions if sent.start <= m.head < min(sent.end, vote.i)
                    and doc[m.head].lemma_.lower() not in words and not any(
                t.dep_ == "advcl" or t.dep_ == "pobj" and t.head.lower_ in self.votes["times"]
                for t in [doc[m.head], *doc[m.head].ancestors])]

        found = [m for n in voted for m in named(before[n])]
        if not found and voted and voted[-1] > 0:
            found = named(before[voted[-1] - 1])
        if not found:
            return None
        counts: dict[str, int] = {}
        for m in found:
            counts[m.topic] = counts.get(m.topic, 0) + 1
        return max(reversed(found), key=lambda m: counts[m.topic]).topic

    def _find(self, doc: Doc) -> list[TopicMention]:
        out: list[TopicMention] = []
        i, n = 0, len(doc)
        while i < n:
            match = None
            for key in {doc[i].lower_, doc[i].lemma_.lower()}:
                for term, name in self.index.get(key, ()):
                    end = _match_term(doc, i, term)
                    if end == i and doc[i].pos_ == "VERB" and term[0] in self.topics[name].noun_terms:
                        continue  # "to guarantee freedom of navigation" is no security guarantee
                    if end == i and term[0] in self.topics[name].tally_nouns and any(
                            c.dep_ == "nummod" or c.dep_ == "prep" and c.lower_ == "on" or c.dep_ == "prep" and
                            c.lower_ == "of" and any(g.like_num for g in c.children) for c in doc[i].children):
                        # "approved by 341 votes to 227", "a vote on the deployment", "by a recorded vote of 12 in
                        # favour": a count, a motion
                        continue
                    if end == i and doc[i].pos_ == "VERB" and any(c.dep_ == "prep" and c.lower_ in {"about", "over"}
                                                                  for c in doc[i].children):
                        continue  # "not going to negotiate about where people may live": what, not whether, talks
                    if end == i and _blocs_own(doc[i]):
                        continue  # "the alliance summit": the bloc's own meeting, not talks on the war
                    if end == i and (term, name) in self.opposites and doc[i].pos_ == "ADJ" and \
                            not _said_of_a_state(doc[i]):
                        continue  # "a neutral Ukraine", "declare itself neutral"; not "neutral observers"
                    if end is None and _coordinated_first(doc, i, term):
                        end = i  # "air and maritime support": "air" names air support, on its own
                    if end is not None:
                        if match is None or end - i + 1 > match[1]:
                            match = (name, end - i + 1, (term, name) in self.opposites)
                        break
            if match is None:
                i += 1
                continue
            first, last = i, i + match[1] - 1
            if not match[0]:
                i = last + 1
                continue
            head = next((t.i for t in doc[first:last + 1] if not first <= t.head.i <= last or t.head.i == t.i),
                        last)
            outer = doc[head].head
            if doc[head].dep_ == "compound" and not first <= outer.i <= last and \
                    outer.lemma_.lower() in _member_kinds() and doc[head].pos_ == "PROPN":
                i = last + 1  # "observers from Rampart Alliance states": which states, no topic
                continue
            if _used_in_attack(doc[head], self.topics[match[0]].attacking):
                i = last + 1  # "every night they still send missiles against our towns": weapons used
                continue
            out.append(TopicMention(match[0], first, last, head, opposite=match[2]))
            i = last + 1
        return sorted(out + self._actions(doc, out) + self._answers(doc), key=lambda m: m.first)

    def _answers(self, doc: Doc) -> list[TopicMention]:
        """The act a clause of condition on an attack conditions ("Should Lavresse be attacked again, we commit
        to consult", "help Arvenna defend itself if it is attacked"): the topic that answers the attack, headed
        by the conditioned verb."""
        out: list[TopicMention] = []
        for token in doc:
            topic = self.answering.get(token.lemma_.lower())
            if topic is None or token.dep_ != "advcl" or not any(c.dep_ == "auxpass" for c in token.children):
                continue
            # "if … is attacked", or the inverted "should … be attacked"
            if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in token.children) or \
                    any(c.dep_ == "aux" and c.lower_ == "should" and c.i < token.i for c in token.children):
                out.append(TopicMention(topic, token.head.i, token.head.i, token.head.i))
        return out

    def _actions(self, doc: Doc, terms: list[TopicMention]) -> list[TopicMention]:
        """Verbs that name a topic with their object ("ready to exchange all for all"), where no term of that
        topic already names the object; the verb heads the mention."""
        out: list[TopicMention] = []
        for token in doc:
            if token.pos_ not in {"VERB", "NOUN"} or token.lemma_.lower() not in self.action_verbs:
                continue
            for topic, action in self.action_verbs[token.lemma_.lower()]:
                obj = action.object_of(token)
                # (nor where a term already names it: "a meeting between the leaders" is one mention)
                if obj is None or any(m.topic == topic and (m.first <= obj.i <= m.last or m.first <= token.i <= m.last)
                                      for m in terms):
                    continue
                out.append(TopicMention(topic, token.i, token.i, token.i, opposite=action.undoes))
                break
        return out


@lru_cache(maxsize=1)
def _nesting_words() -> tuple[frozenset[str], frozenset[str]]:
    """Light topic nouns, and single-word commitment cues: "would guarantee the safety of monitors" has a
    commitment verb that is also a term, the cue and not an outer topic."""
    cues = record_cues()
    light = frozenset(w.lower() for w in cues["light_topic_nouns"])
    verbs = frozenset(w.lower() for words in cues["commitments"].values() for w in words if " " not in w)
    return light, verbs


#: what makes a noun of undoing name its own object: "easing of tensions", "debt relief", "humanitarian relief"
_OWN_COMPLEMENT_DEPS = {"compound", "amod", "poss", "nmod"}
_OWN_COMPLEMENT_PREPS = {"of", "on", "for", "from", "in"}
NESTING_CLIMB = 3  # how far above a mention its outer topic may be ("a mechanism [for [monitoring [the ceasefire]]]")
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}


def _outermost(doc: Doc, mentions: list[TopicMention], light: frozenset[str],
               cue_verbs: frozenset[str]) -> list[TopicMention]:
    at = {i: m for m in mentions for i in range(m.first, m.last + 1)}
    dropped: set[int] = set()
    for n, inner in enumerate(mentions):
        t = doc[inner.head]
        if any(c.dep_ == "conj" and at.get(c.i) not in {None, inner} for c in t.children):
            continue  # "air and maritime support": coordinated words, each naming its own topic
        for _ in range(NESTING_CLIMB):
            if t.head.i == t.i or t.tag_ in FINITE_TAGS or t.dep_ in {"ccomp", "xcomp", "advcl", "relcl", "conj"}:
                break  # a clause of its own: "agreed to extend their ceasefire" is about the ceasefire
            if t.dep_ == "prep" and t.lower_ in {"without", "besides", "beyond", "instead", "including"}:
                break  # "a ceasefire without guarantees", "a framework including a ceasefire" are about both
            if t.dep_ == "acl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children):
                break  # "guarantees that Ukraine would never join NATO": the content has its own topic
            if t.dep_ == "appos" or "\n" in doc_text(doc)[min(t.idx, t.head.idx):max(t.idx, t.head.idx)]:
                break  # items of a list, inline or one per line, are each about their own topic
            t = t.head
            outer = at.get(t.i)
            if outer is not None and outer is not inner:
                # (a verb naming a topic keeps a topic it acts on, unless that is its object: "guarantee the
                # ceasefire" is about guarantees)
                if doc[outer.head].pos_ == "VERB" and doc[outer.head].lemma_.lower() in cue_verbs and \
                        not (doc[inner.head].dep_ == "dobj" and doc[inner.head].head.i == outer.head):
                    break
                if outer.topic != inner.topic:
                    light_outer = doc[outer.head].lemma_.lower() in light
                    dropped.add(mentions.index(outer) if light_outer else n)
                break
    return [m for n, m in enumerate(mentions) if n not in dropped]


_AMOUNT_WORDS = {"million", "billion", "bn", "mn", "trillion"}
#: words a multi-word term may have inside it without changing what it names: "cessation of all
#: hostilities", "withdrawal of Valdorian troops", "exchange of the remaining prisoners"
_INSERTABLE_POS = {"DET", "ADJ", "NUM"}
_INSERTABLE_DEPS = {"det", "predet", "amod", "nummod"}  # "remaining" is a verb form, an adjective by use
_MAX_INSERTED = 2


def _match_term(doc: Doc, i: int, term: tuple[str, ...]) -> int | None:
    """The index of the last token of `term` matched from token i, or None; after a term's first word, up
    to two determiners, adjectives, numbers or hyphens ("air-defence systems") may come between its words."""
    if not _word_is(doc[i], term[0]):
        return None
    if len(term) == 1 and doc[i].lower_.endswith("ing") and not term[0].endswith("ing") and \
            (doc[i].pos_ == "NOUN" or i > 0 and doc[i - 1].pos_ == "DET"):
        return None  # "the shelling stops" is the act, not the "shell" it fires
    j, inserted = i, 0
    for word in term[1:]:
        j += 1
        while j < len(doc) and not _word_is(doc[j], word) and inserted < _MAX_INSERTED \
                and (doc[j].pos_ in _INSERTABLE_POS or doc[j].dep_ in _INSERTABLE_DEPS or doc[j].text in {"-", "–"}):
            j, inserted = j + 1, inserted + 1
        if j >= len(doc) or not _word_is(doc[j], word):
            return None
    if len(term) > 1 and doc[j].tag_ in {"VBN", "VBD"} and doc[j].lower_ != term[-1]:
        return None  # "a ceasefire monitored by the Covenant" is no "ceasefire monitor"
    return j


def _said_of_a_state(adjective: Token) -> bool:
    """ "a neutral Ukraine", "declare itself neutral", "Ukraine must remain neutral": an adjective of status on a
    named party or a party's "itself" (not "neutral observers", nor "monitors … could not be neutral")."""
    if adjective.dep_ == "amod":
        return adjective.head.pos_ == "PROPN"
    if adjective.dep_ not in {"acomp", "ccomp", "xcomp", "oprd"}:
        return False
    subjects = [c for c in adjective.children if c.dep_ == "nsubj"] or \
        [c for c in adjective.head.children if c.dep_ in {"nsubj", "dobj"}]
    return any(t.pos_ == "PROPN" or t.lower_ in {"itself", "it", "we"} for t in subjects)


def _coordinated_first(doc: Doc, i: int, term: tuple[str, ...]) -> bool:
    """Whether token i is a term's first word coordinated with another before the rest of the term: "air and
    maritime support", "naval or air patrols"."""
    if len(term) < 2 or not _word_is(doc[i], term[0]) or i + 3 >= len(doc):
        return False
    cc, conj = doc[i + 1], doc[i + 2]
    if cc.dep_ != "cc" or cc.lower_ not in {"and", "or"} or conj.dep_ != "conj" or conj.head.i != i:
        return False
    return _match_term(doc, i + 2, (conj.lower_, *term[1:])) is not None


def _word_is(token: Token, word: str) -> bool:
    if token.lower_ == word or token.lemma_.lower() == word:
        return True
    # the small model's lemmatizer misses some verbs ("hoped" → "hop"): a regular inflection of the word counts
    return token.tag_ in {"VBD", "VBN", "VBZ"} and token.lower_ in {word + "d", word + "ed", word + "s"}


def asks(token: Token) -> bool:
    """Whether the token's sentence is a question (it ends with "?", closing quotes aside); a sentence the
    parse ran on over a line break ends at it."""
    text, sent = doc_text(token.doc), sentence(token)
    end = text.find("\n", token.idx, sent.end_char)
    return text[sent.start_char:end if end >= 0 else sent.end_char].rstrip().rstrip("\"'”’»").endswith("?")


@lru_cache(maxsize=1)
def _question_verbs() -> frozenset[str]:
    return frozenset(w.lower() for w in record_cues()["question_verbs"])


def asked_clause(token: Token) -> tuple[Token, Token] | None:
    """For a `token` inside a question ("Asked whether Russia would accept peacekeepers, Lavrov said: …", "the
    minister asked whether …"), the verb that reports its answer ("said"; for an embedded question, the asking
    verb) and the question's own head ("accept"), else None. The question takes no position."""
    asking = _question_verbs()

    def fronted(t: Token) -> bool:  # "Asked whether …, X said"
        return t.dep_ == "advcl" and t.lemma_.lower() in asking and t.tag_ in {"VBN", "VBD"} and \
            not any(c.dep_ in {"nsubj", "nsubjpass"} for c in t.children)

    t, below = token, token
    while t.head.i != t.i:
        if fronted(t):
            return t.head, below
        # (an "if" clause the parse hung on "ask" as an adverbial is a condition: "if they will not, we ask them to")
        if t.head.lemma_.lower() in asking and not fronted(t.head) and \
                any(c.dep_ == "mark" and (c.lower_ == "whether" or c.lower_ == "if" and t.dep_ == "ccomp")
                    for c in t.children) and t.dep_ in {"ccomp", "advcl"}:
            return t.head, t  # "The minister asked whether Russia would accept …": a question, its answer unknown
        t, below = t.head, t
    return None


def bare_answer(verb: Token) -> str | None:
    """ "no" or "yes" when what `verb` reports is only a bare answer ("Lavrov said: 'Absolutely not.'"), else
    None."""
    words = " ".join(t.lower_ for t in sentence(verb) if t.i > verb.i and not t.is_punct and not t.is_quote)
    for answer, phrases in record_cues()["bare_answers"].items():
        if words in {" ".join(p.lower().replace(",", " ").split()) for p in phrases}:
            return str(answer)
    return None


@lru_cache(maxsize=1)
def _anaphora_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    words = record_cues()["stances"]
    return (frozenset(w.lower() for w in words["topic_anaphora"]),
            frozenset(w.lower() for w in words["anaphora_determiners"]),
            frozenset(w.lower() for w in words["topic_pronouns"]))


@lru_cache(maxsize=1)
def _subject_pronouns() -> frozenset[str]:
    return frozenset(w.lower() for w in record_cues()["stances"]["topic_subject_pronouns"])


@lru_cache(maxsize=1)
def _subject_acts() -> PhraseTable:
    """What a topic does as the subject of its clause: goes on ("must stay") or acts ("will deploy")."""
    words = record_cues()["stances"]
    return phrase_table({"support": words["continuing_verbs"] + words["topic_acts"]})


def _described_again(doc: Doc, mentions: list[TopicMention], determiners: frozenset[str],
                     generic: frozenset[str]) -> list[TopicMention]:
    """A definite noun that repeats the head of a topic named earlier in several words: "a reassurance force
    … the force would deploy", "the Mirrovo nuclear plant … hand the plant over". Not a word that names a topic
    alone (a ceasefire nested in "monitor the ceasefire"), nor one with its own "of" phrase."""
    named = sorted((m for m in mentions if m.last > m.first), key=lambda m: m.last)
    alone = {doc[m.head].lemma_.lower() for m in mentions if m.last == m.first}
    heads: dict[str, str] = {}  # head lemma of each topic named so far -> that topic, the latest winning
    out: list[TopicMention] = []
    seen = 0
    for token in doc:
        while seen < len(named) and named[seen].last < token.i:
            lemma = doc[named[seen].head].lemma_.lower()
            if lemma not in alone:
                heads[lemma] = named[seen].topic
            seen += 1
        lemma = token.lemma_.lower()
        if token.pos_ == "NOUN" and lemma in heads and lemma not in generic \
                and any(c.lower_ in determiners for c in token.children if c.dep_ in {"det", "predet"}) \
                and not any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children) \
                and not any(m.first <= token.i <= m.last for m in mentions):
            out.append(TopicMention(heads[lemma], token.i, token.i, token.i))
    return out


def relative_mentions(doc: Doc, mentions: list[TopicMention]) -> dict[TopicMention, Token]:
    """Relative pronouns that stand for a topic as what their clause acts on: "the ceasefire, which both sides
    agreed to extend", "the proposal that Kesh rejected". Each with the verb of its relative clause, where a
    reading of the pronoun must end (the clause's position is not the sentence's)."""
    out: dict[TopicMention, Token] = {}
    for mention in mentions:
        for clause in _relative_clauses(doc, mention):
            # (the tagger may take a relative "that" for a conjunction: "the escort that Turkey offered", but not
            # in "a truce that no one keeps", which only describes)
            named = any(c.dep_ == "nsubj" and c.pos_ == "PROPN" for c in clause.children)
            pronoun = next((t for t in clause.subtree
                            if (t.tag_ in {"WDT", "WP"} or named and t.i == clause.left_edge.i)
                            and t.lower_ in RELATIVE_PRONOUNS and t.dep_ in {"dobj", "nsubjpass", "pobj"}), None)
            if pronoun is not None:
                out[TopicMention(mention.topic, pronoun.i, pronoun.i, pronoun.i, mention.opposite)] = clause
    return out


def _relative_clauses(doc: Doc, mention: TopicMention) -> list[Token]:
    """The topic's relative clauses, and those the parse hung on the place that ends its phrase: "the ceasefire
    declared in Almere, which the two sides agreed to extend" extends the ceasefire, not Almere."""
    head = doc[mention.head]
    if head.dep_ in {"compound", "amod"} and head.head.i == mention.last + 1 and head.head.pos_ == "NOUN":
        head = head.head  # "the maritime support mission that Norvane offered": the noun the topic names a kind of
    clauses = [c for c in head.children if c.dep_ == "relcl"]
    for place in doc[mention.last + 1:mention.last + 4]:
        between = doc[mention.last + 1:place.i]
        if place.pos_ == "PROPN" and place.dep_ == "pobj" and all(
                t.tag_ in {"VBN", "VBD"} or t.pos_ == "ADP" or t.dep_ == "compound" for t in between):
            clauses += [c for c in place.children if c.dep_ == "relcl" and c.i > place.i]
            break
    return clauses


#: the relative pronouns that can stand for a thing acted on
RELATIVE_PRONOUNS = frozenset({"which", "that", "whom"})


@lru_cache(maxsize=1)
def _named_again_words() -> tuple[frozenset[str], frozenset[str]]:
    cues = record_cues()["stances"]
    anaphora, determiners = cues["demand_anaphora"], cues["demand_determiners"]
    return frozenset(w.lower() for w in anaphora), frozenset(w.lower() for w in determiners)


def demand_named_again(noun: Token) -> bool:
    """ "rejected that demand", "both conditions were turned down": a demand named again by a demonstrative, as
    the object of what answers it (not "the demand for sanctions", "Kesh's demand", "the new conditions", which
    name their own content or owner)."""
    anaphora, determiners = _named_again_words()
    return noun.pos_ == "NOUN" and noun.lemma_.lower() in anaphora and noun.dep_ in {"dobj", "nsubjpass"} and \
        any(c.dep_ in {"det", "predet"} and c.lower_ in determiners for c in noun.children) and \
        not any(c.dep_ in {"prep", "acl", "relcl", "compound", "poss", "amod"} for c in noun.children)


def latest_demands(wanted: Sequence[Stance | Commitment]) -> tuple[str, list[str]]:
    """Of the records a demand named again may stand for, the latest sentence's, by one actor: that actor and
    the topics it wanted there."""
    last = max(r.evidence.start for r in wanted)
    actor = next(r.actor for r in wanted if r.evidence.start == last)
    return actor, list(dict.fromkeys(r.topic for r in wanted if r.evidence.start == last and r.actor == actor))


def two_sentences_before(token: Token) -> int:
    """The first character of the sentence two before the token's: where a demand named again was made."""
    doc = token.doc
    previous = sentence(doc[max(sentence(token).start - 1, 0)])
    return sentence(doc[max(previous.start - 1, 0)]).start_char


def anaphoric_mentions(doc: Doc, mentions: list[TopicMention],
                       cues: dict[tuple[str, ...], str]) -> list[TopicMention]:
    """Words that stand for a topic named just before: "has come around to the idea" (a generic noun with a
    demonstrative, unless its own phrase names a topic: "the issue of sanctions") and "ready to support it"
    (an object pronoun of a verb in `cues` whose nearest noun of its number is the topic). The topic must be
    named in the same sentence or the one before. Also the definite descriptions of `_described_again`."""
    anaphora, determiners, pronouns = _anaphora_words()
    out = _described_again(doc, mentions, determiners, anaphora)
    subjects = _subject_pronouns()
    for token in doc:
        if token.lower_ in subjects and token.dep_ in {"nsubj", "nsubjpass"}:
            # "They must stay until …", "it will not be deployed": the subject of a verb under a modal or in
            # the passive, what a topic named as subject takes a position through
            verb = token.head
            if not any(c.tag_ == "MD" or c.dep_ == "auxpass" for c in verb.children) or \
                    cue_at(verb, cues) is None and cue_at(verb, _subject_acts()) is None:
                continue
        elif token.lower_ in pronouns:
            # the verb, or the cue it complements ("ready to support it")
            verbs = [token.head] + ([token.head.head] if token.head.dep_ == "xcomp" else [])
            # (or the subject of a participle the cue wants done: "Valdoria wants them kept")
            done_to = token.dep_ == "nsubj" and token.head.tag_ == "VBN" and token.head.dep_ in {"ccomp", "xcomp"} \
                and cue_at(token.head.head, cues) is not None
            if not done_to and (token.dep_ != "dobj" or all(cue_at(v, cues) is None for v in verbs)):
                continue
        elif token.pos_ != "NOUN" or token.lemma_.lower() not in anaphora or \
                not any(c.lower_ in determiners for c in token.children if c.dep_ in {"det", "predet", "amod"}):
            continue
        own = range(token.left_edge.i, token.right_edge.i + 1)
        if any(m.head in own for m in mentions):
            continue
        sent_start = sentence(token).start
        window = sentence(doc[sent_start - 1]).start if sent_start > 0 else 0
        end = sent_start
        for _ in range(2):  # over a bare answer and its label: "… drop the application? B: No. We will not …"
            words = [t for t in doc[window:end] if not t.is_space and not t.is_punct and not is_label(t)]
            bare = any(t.pos_ == "INTJ" for t in words) and not any(t.pos_ == "NOUN" for t in words)
            label = len(words) <= 3 and doc[window:end].text.rstrip().endswith(":")
            if window == 0 or not bare and not label:
                break
            window, end = sentence(doc[window - 1]).start, window
        before = [m for m in mentions if window <= m.first < token.i]
        if token.lower_ in pronouns | subjects:
            # "open sea lanes … keeping them open" is not about the frigates named before
            antecedent = _antecedent(doc, token, window)
            if antecedent is None:
                continue
            # the mention it is in, or one inside its phrase ("our application to join NATO … withdraw it")
            left, right = doc[antecedent].left_edge.i, doc[antecedent].right_edge.i
            before = [m for m in before if m.first <= antecedent <= m.last or left <= m.first and m.last <= right]
        if before:
            out.append(TopicMention(before[-1].topic, token.i, token.i, token.i))
    return out


#: a list item line: "1. ", "2) ", "- ", "• ", "(a) "
_NUMBERED_ITEM = re.compile(r"[ \t]*(?:\d{1,2}[.)]|\(?[a-z][.)]|[-–—•*])[ \t]+(?=\S)")


@lru_cache(maxsize=1)
def _stative_words() -> frozenset[str]:
    return frozenset(w.lower() for w in record_cues()["stative_participles"])


@lru_cache(maxsize=1)
def _demand_words() -> tuple[frozenset[str], dict[tuple[str, ...], str]]:
    cues = record_cues()["stances"]
    return frozenset(w.lower() for w in cues["demand_nouns"]), phrase_table({"support": cues["demand_verbs"]})


def demand_list_lead(head: Token) -> Token | None:
    """The word that introduces a list of demands the token is in ("its conditions: the withdrawal of …", "a
    settlement requires:" over numbered lines), or None."""
    doc, text = head.doc, doc_text(head.doc)
    nouns, verbs = _demand_words()
    line_start = text.rfind("\n", 0, head.idx) + 1
    colon = text.rfind(":", line_start, head.idx)
    if colon < 0 and _NUMBERED_ITEM.match(text, line_start):
        lead_line = _lead_line(text, line_start, _NUMBERED_ITEM)  # the list's lead line ends with the colon
        colon = lead_line[1] - 1 if lead_line is not None and text[lead_line[1] - 1] == ":" else -1
    elif colon >= 0 and re.search(r"[.!?]\s+[A-Z]", text[colon:head.idx]):
        colon = -1  # a new sentence began after the colon
    if colon < 0:
        return None
    before = doc.char_span(line_start if colon >= line_start else text.rfind("\n", 0, colon) + 1, colon,
                           alignment_mode="contract")
    words = [t for t in before or () if not t.is_punct and not t.is_quote]
    if not words:
        return None
    lead = words[-1]
    if lead.lemma_.lower() in nouns or cue_at(lead, verbs) is not None:
        return lead
    if lead.lemma_ in {"be", "include"} and lead.i > 0:  # "Our conditions are well known. They are: …"
        subject = next((c for c in lead.children if c.dep_ == "nsubj"), None)
        lead_start = sentence(lead).start
        earlier = sentence(doc[lead_start - 1]) if lead_start > 0 else None
        if subject is not None and subject.pos_ == "PRON" and earlier is not None:
            return next((t for t in earlier if t.dep_ in {"nsubj", "nsubjpass", "dobj"}
                         and t.lemma_.lower() in nouns), None)
    return None


def labelled_list_item(head: Token) -> tuple[tuple[int, int], Token] | None:
    """For a token in a list item labelled with a name ("- Germany: 2 billion euros for air defence") under a lead
    line that ends with a colon ("Key pledges:"), the label's character range and the lead's last word."""
    doc, text = head.doc, doc_text(head.doc)
    line_start = text.rfind("\n", 0, head.idx) + 1
    mark = _LIST_MARK.match(text, line_start)
    colon = text.find(":", mark.end(), head.idx) if mark is not None else -1
    if mark is None or colon < 0:
        return None
    lead_line = _lead_line(text, line_start, _LIST_MARK)
    if lead_line is None or text[lead_line[1] - 1] != ":":
        return None
    lead = doc.char_span(lead_line[0], lead_line[1] - 1, alignment_mode="contract")
    words = [t for t in lead or () if not t.is_punct and not t.is_quote]
    return ((mark.end(), colon), words[-1]) if words else None


def _lead_line(text: str, line_start: int, item: re.Pattern[str]) -> tuple[int, int] | None:
    """The character range (trailing blanks cut) of the first line above `line_start` that is neither blank nor
    a list item: the line that leads the list."""
    start = line_start
    while start > 0:
        previous = text.rfind("\n", 0, start - 1) + 1
        line = text[previous:start - 1]
        if line.strip() and not item.match(line):
            return previous, previous + len(line.rstrip())
        start = previous
    return None


def is_label(token: Token) -> bool:
    """A turn's label, the word before its colon ("Q: …", "VERRICK: …"): who speaks, not a referent."""
    doc = token.doc
    return token.i + 1 < len(doc) and doc[token.i + 1].text == ":" and (token.i == 0 or "\n" in doc[token.i - 1].text
                                                                      or doc[token.i - 1].is_sent_end is True)


def _antecedent(doc: Doc, pronoun: Token, window: int) -> int | None:
    """What `pronoun` stands for: the nearest noun of its number earlier in its sentence; else the subject
    of the sentence before, which a pronoun most often continues ("X's application is a loaded gun. We
    cannot accept it."); else the nearest noun of its number there (from token `window` on)."""
    plural = pronoun.lower_ in {"them", "they", "those", "these"}

    def fits(t: Token) -> bool:
        # the subject of the pronoun's own clause is not what it stands for ("the alliance … support it")
        if t.dep_ in {"nsubj", "nsubjpass"} and t.head.is_ancestor(pronoun) or t.ent_type_ == "PERSON":
            return False  # (nor is a person: "Zelensky said Ukraine applied. We will not withdraw it.")
        return t.pos_ in {"NOUN", "PROPN"} and t.dep_ not in {"compound", "poss"} \
            and ("Plur" in t.morph.get("Number")) == plural and not is_label(t)

    sent_start = sentence(pronoun).start
    for t in reversed(doc[sent_start:pronoun.i]):
        if fits(t):
            return t.i
    before = doc[window:sent_start] if sent_start > window else None
    if before is None:
        return None
    # (its main clause's: the shallowest subject, as a speaker's label can head the parse, "A: Our bid is …")
    subject = min((t for t in before if t.dep_ in {"nsubj", "nsubjpass"}),
                  key=lambda t: sum(1 for _ in t.ancestors), default=None)
    if subject is not None and fits(subject):
        return subject.i
    # (then, for an object, its main clause's object: "Will you drop the application? No. We will not …")
    obj = min((t for t in before if t.dep_ == "dobj"), key=lambda t: sum(1 for _ in t.ancestors), default=None)
    if obj is not None and fits(obj) and pronoun.dep_ == "dobj":
        return obj.i
    for t in reversed(before):
        if fits(t):
            return t.i
    return None


@lru_cache(maxsize=1)
def time_units() -> frozenset[str]:
    """Nouns of a span of time ("day", "week"), which a truce after "of" only dates."""
    return frozenset(w.lower() for w in record_cues()["stances"]["after_truce"]["time_units"])


def only_dates(head: Token) -> bool:
    """Whether a topic only dates something: "within two weeks of a ceasefire", "on the same day as the
    ceasefire", "from the first hour of a truce", "before the summit", "on the margins of the NATO summit"."""
    gatherings, _, settings = _gatherings()
    prep = head.head
    if head.dep_ == "pobj" and prep.dep_ == "prep" and prep.lower_ in {"before", "after", "until", "at"} and \
            head.lemma_.lower() in gatherings:
        return True
    place = head.head if head.dep_ == "compound" else head  # (the bloc that names the gathering)
    if place.dep_ == "pobj" and place.head.lower_ == "of" and place.head.head.lemma_.lower() in settings:
        return True
    if head.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lemma_.lower() in _moments() and \
            prep.head.dep_ == "pobj":
        head, prep = prep.head, prep.head.head  # "within 30 days of the opening of the conference"
    return head.dep_ == "pobj" and prep.dep_ == "prep" and prep.lower_ in {"of", "as"} and \
        (prep.head.lemma_.lower() in time_units() or prep.head.ent_type_ in {"DATE", "TIME"})


@lru_cache(maxsize=1)
def _gatherings() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    cues = record_cues()
    return tuple(frozenset(w.lower() for w in cues[key])  # type: ignore[return-value]
                 for key in ("gathering_nouns", "bloc_nouns", "setting_nouns"))


@lru_cache(maxsize=1)
def _member_kinds() -> frozenset[str]:
    return frozenset(w.lower() for w in record_cues()["member_kind_nouns"])


@lru_cache(maxsize=1)
def _event_names() -> frozenset[str]:
    return frozenset(w.lower() for w in record_cues()["event_name_nouns"])


def _a_kind_of_member(noun: Token) -> bool:
    """ "NATO countries", "an EU state": a kind of state a body's name narrows, not the body (nor a named state)."""
    return noun.lemma_.lower() in _member_kinds() and noun.pos_ == "NOUN" and \
        any(c.dep_ in {"compound", "amod"} and c.i < noun.i for c in noun.children)


@lru_cache(maxsize=1)
def _moments() -> frozenset[str]:
    return frozenset(w.lower() for w in record_cues()["moment_nouns"])


def _blocs_own(noun: Token) -> bool:
    """A gathering named by the bloc that holds it: "the NATO summit", "the alliance's meeting"."""
    gatherings, blocs, _ = _gatherings()
    return noun.lemma_.lower() in gatherings and any(
        c.dep_ in {"compound", "poss", "nmod"} and (c.ent_type_ == "ORG" or c.lemma_.lower() in blocs)
        for c in noun.children)


@lru_cache(maxsize=1)
def until_markers() -> frozenset[str]:
    """Words that end a time span: "until", "till", "before"."""
    return frozenset(w.lower() for w in record_cues()["stances"]["until_markers"])


def mandative(verb: Token) -> bool:
    """ "demanded that Valdoria abandon its bid": a base form after "that" (tagged VB, or VBP with a plural
    or ambiguous subject) is what the verb above wants, not a position of its own."""
    return verb.tag_ == "VB" or verb.tag_ == "VBP" and any(c.dep_ == "mark" for c in verb.children)


def asked_that(clause: Token, asking: set[str] | frozenset[str]) -> bool:
    """ "has asked that the return of the children be included": a clause in the base form under a verb of
    `asking` is what is asked for (not a question asked: "asks how long our soldiers will stay")."""
    return clause.dep_ == "ccomp" and clause.head.lemma_.lower() in asking and clause.head.pos_ == "VERB" and \
        (mandative(clause) or any(c.dep_ == "auxpass" and c.tag_ == "VB" for c in clause.children)) and \
        not any(c.tag_ in {"MD", "WRB", "WP", "WDT"} for c in clause.subtree if c.i < clause.i)


@lru_cache(maxsize=1)
def _condition_nouns() -> frozenset[str]:
    return frozenset(w.lower() for w in record_cues()["stances"]["condition_nouns"])


def speakers_aside(clause: Token) -> bool:
    """ "If I may add", "if we may say so": a clause of the speaker's own manners, which conditions nothing."""
    return any(c.dep_ == "nsubj" and c.lower_ in {"i", "we"} for c in clause.children) and \
        any(c.dep_ == "aux" and c.lower_ in {"may", "might"} for c in clause.children) and \
        any(c.dep_ == "mark" and c.lower_ == "if" for c in clause.children)


def condition_clause(token: Token) -> bool:
    """Whether the token is the "that" clause of a condition noun: "on condition that monitors are deployed"."""
    return token.dep_ in {"acl", "relcl"} and token.head.lemma_.lower() in _condition_nouns() and \
        token.head.dep_ == "pobj" and any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children)


@lru_cache(maxsize=1)
def _duration_words() -> tuple[list[tuple[str, ...]], frozenset[str]]:
    words = record_cues()["stances"]
    return [tuple(p.lower().split()) for p in words["open_ended"]], frozenset(w.lower() for w in words["lasting_verbs"])


def says_how_long(tokens: list[Token], k: int) -> bool:
    """Whether an "as long as" at or just before tokens[k] says how long, not on what condition: "for as long
    as it takes" (no end), "for as long as the Union keeps them", "as long as the occupation lasts"."""
    open_ended, lasting = _duration_words()
    first = max(k - 1, 0)  # (only the words around k: callers try every k of a clause)
    words = [t.lower_ for t in tokens[first:k + 8]]
    at = k - first
    if any(tuple(words[at:at + len(p)]) == p for p in open_ended) or \
            at > 0 and any(tuple(words[at - 1:at - 1 + len(p)]) == p for p in open_ended):
        return True
    return tuple(words[at:at + 3]) == ("as", "long", "as") and (
        at > 0 and words[at - 1] == "for" or
        any(t.lemma_.lower() in lasting for t in tokens[k + 3:k + 8] if t.pos_ in {"VERB", "AUX"}))


_JUDGED = "peacewatch.judged"  # `doc.user_data` key of `inside_predicates`


@lru_cache(maxsize=1)
def _predicates() -> PhraseTable:
    return phrase_table(record_cues()["stances"]["predicates"])


def inside_predicates(doc: Doc) -> set[int]:
    """Tokens inside a predicate phrase of several words ("up for negotiation", "subject of the talks"): a
    topic named there is part of a judgement on something else, not what the judgement is about. Found once
    per document, for stances and commitments alike."""
    inside = doc.user_data.get(_JUDGED)
    if inside is None:
        inside = doc.user_data[_JUDGED] = set()
        for token in doc:
            found = cue_at(token, _predicates())
            if found is not None and found[1] > 1:
                inside.update(range(token.i + 1, token.i + found[1]))
    return inside


@lru_cache(maxsize=8)
def default_topics(extra: tuple[str, ...] = ()) -> TopicMatcher:
    return TopicMatcher(load_topics(extra))


@lru_cache(maxsize=1)
def record_cues() -> dict:
    text = resources.files("peacewatch.data").joinpath(CUES_FILE).read_text("utf-8")
    return _read_yaml(CUES_FILE, text)


class PhraseTable(dict[tuple[str, ...], str]):
    """{cue words: label}, indexed by first word: `cue_at` looks only at the cues a token can start."""

    def __init__(self) -> None:
        super().__init__()
        self.by_first: dict[str, list[tuple[int, tuple[str, ...], str]]] = {}

    def add(self, words: tuple[str, ...], label: str) -> None:
        if words and words not in self:
            self.by_first.setdefault(words[0], []).append((len(self), words, label))
            self[words] = label


def _first_words(token: Token) -> set[str]:
    """The words a cue starting at `token` may begin with (see `_word_is`)."""
    out = {token.lower_, token.lemma_.lower()}
    if token.tag_ in {"VBD", "VBN", "VBZ"}:
        low = token.lower_
        out |= {low[:-1], low[:-2]} if low.endswith("ed") else {low[:-1]}
    return out


def cue_at(token: Token, cues: dict[tuple[str, ...], str]) -> tuple[str, int] | None:
    """The longest cue phrase starting at `token` (lemma or surface words): (label, its length in tokens)."""
    doc = token.doc
    if isinstance(cues, PhraseTable):  # why: scanning every cue for every token was a hot path
        # (in the table's order, as a full scan would meet them: of two cues as long, the first listed wins)
        candidates = [(words, label) for _, words, label in
                      sorted(c for w in _first_words(token) for c in cues.by_first.get(w, ()))]
    else:
        candidates = list(cues.items())
    best: tuple[str, int] | None = None
    for words, label in candidates:
        if token.i + len(words) > len(doc):
            continue
        if (best is None or len(words) > best[1]) and \
                all(_word_is(doc[token.i + k], w) for k, w in enumerate(words)):
            best = (label, len(words))
    return best


def phrase_table(groups: dict[str, list[str]]) -> PhraseTable:
    """{label: [cue, …]} → {cue words: label}; the first label listing a cue keeps it."""
    table = PhraseTable()
    for label, words in groups.items():
        for w in words:
            table.add(phrase(str(w)), label)
    return table


# -- clauses and their holders ----------------------------------------------------------------------

def _objects(verb: Token) -> set[str]:
    """Lemmas of a verb's object and prepositional objects, and of theirs ("set out its position for the talks
    in a series of posts" gives position, talk, series, post)."""
    found: set[str] = set()
    todo = [c for c in verb.children if c.dep_ in {"dobj", "prep"}]
    while todo:
        t = todo.pop()
        if t.dep_ in {"dobj", "pobj"}:
            found.add(t.lemma_.lower())
        todo += [c for c in t.children if c.dep_ in {"pobj", "prep"}]
    return found


def particle_cue(token: Token, cues: dict[tuple[str, ...], str], below: set[int] | frozenset[int] = frozenset()
                 ) -> tuple[str, int] | None:
    """Phrasal cues split by the object: "rules the deployment out", "calls for" with its preposition; "asks
    partners for" too, when the preposition parsed under the object is among the tokens `below` the cue (those
    on the way up from the topic); "make two aircraft available", with the adjective of a small clause."""
    objects = [c for c in token.children if c.dep_ == "dobj"]
    for child in [*token.children, *(g for o in objects for g in o.children if g.dep_ == "prep" and g.i in below)]:
        if child.dep_ in {"prt", "prep"} or child.dep_ in {"ccomp", "oprd"} and child.pos_ == "ADJ":
            words = (token.lemma_.lower(), child.lower_)
            if words in cues:
                return cues[words], 2
    return None


def asks_another(verb: Token) -> bool:
    """ "wants the Union to ease …": an infinitive clause with a doer of its own, not "wants to go"."""
    for c in verb.children:
        if c.dep_ in {"xcomp", "ccomp"} and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
            own_subject = any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children)
            # (not a relative pronoun: "talks that both sides wanted to continue" are their own wish)
            object_before = any(o.dep_ == "dobj" and o.i < c.i and o.tag_ not in {"WDT", "WP"}
                                for o in verb.children)
            if own_subject or object_before:
                return True
    return False


def opens_with(verb: Token) -> bool:
    """ "any truce must begin with a withdrawal", "let me begin with the talks": what comes first, not an act
    begun."""
    return verb.lemma_.lower() in {"begin", "start"} and verb.i + 1 < len(verb.doc) and verb.nbor().lower_ == "with"


def clause_verb(token: Token) -> Token:
    """The verb (or predicate adjective) whose clause holds `token`."""
    t = token
    while t.pos_ not in {"VERB", "AUX"} and t.head.i != t.i:
        if t.pos_ == "ADJ" and t.dep_ in {"acomp", "ROOT"}:
            return t
        if t.dep_ == "csubj" and any(c.dep_ == "aux" for c in t.children):
            return t  # "What Vantor did promise was …": a verb the tagger took for a noun
        t = t.head
    return t


def second_statement(token: Token) -> Token | None:
    """The verb of `token`'s clause where it is a second clause with its own subject, coordinated with a first
    that has one ("We will never recognise the occupation, and we reject the demand …"): a statement of its own."""
    verb = clause_verb(token)
    if verb.dep_ == "conj" and verb.pos_ in {"VERB", "AUX"} and \
            all(any(c.dep_ in {"nsubj", "nsubjpass"} for c in v.children) for v in (verb, verb.head)):
        return verb
    return None


def subject_of(verb: Token) -> Token | None:
    """The clause's nominal subject, inherited from the verbs it hangs on ("X said … and is open to …")."""
    t, seen = verb, 0
    while seen < 8:
        subjects = own_subjects(t)
        # ("The delegation has, however, proposed …": the parse may hang the subject on the auxiliary)
        subjects = subjects or [g for c in t.children if c.dep_ in {"aux", "auxpass"} and c.i < t.i
                                for g in c.children if g.dep_ in SUBJECT_DEPS]
        if subjects and (named := _clefted(t, subjects[0])) is not None:
            return named  # "It is Volmara that has not accepted the ceasefire": the name the cleft puts first
        if subjects:
            # "TORDEL, 11 March - President X addressed …", "13 March — Telvik calls …": the parse may take a
            # dateline's place or a timeline entry's date for a second subject, or a turn label ("Question
            # (Northstar Press Agency): The Union adopted …")
            return next((c for c in subjects if not c.is_upper and c.ent_type_ not in {"DATE", "TIME"} and
                         not (len(subjects) > 1 and any(":" in g.text for g in c.subtree))), subjects[0])
        if t.dep_ not in INHERIT_DEPS or t.head.i == t.i:
            return None
        if _beside_the_report(t):
            t = t.head  # "She says Drevania will not trade … and demands …": she demands
        t, seen = t.head, seen + 1
    return None


def _beside_the_report(verb: Token) -> bool:
    """A conjoined verb in the present or past that cannot share the modal of the verb it hangs on ("X will not
    trade … and demands …"), where that verb is a reported clause: it goes with the verb of saying above."""
    head = verb.head
    return verb.dep_ == "conj" and verb.tag_ in {"VBZ", "VBD"} and head.tag_ == "VB" and head.dep_ == "ccomp" and \
        any(c.dep_ == "aux" and c.tag_ == "MD" for c in head.children) and head.head.tag_ == verb.tag_


def _clefted(verb: Token, subject: Token) -> Token | None:
    """The name before "that" in a cleft sentence ("It is Volmara that …", "it was the Council who …")."""
    if subject.lower_ not in {"that", "who"} or verb.dep_ not in {"ccomp", "relcl"}:
        return None
    above = verb.head if verb.dep_ == "ccomp" else verb.head.head
    if above.lemma_ != "be" or not any(c.dep_ == "nsubj" and c.lower_ == "it" for c in above.children):
        return None
    return next((c for c in above.children if c.dep_ == "attr" and c.i < subject.i), None)


def own_subjects(verb: Token) -> list[Token]:
    """The verb's own nominal subjects (not an expletive "there", nor an item's label "(a)")."""
    return [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.lower_ != "there" and not _label(c)]


def _label(token: Token) -> bool:
    """ "(a)", "(ii)": an item's label in parentheses, which the parse may take for the subject."""
    doc = token.doc
    return 0 < token.i < len(doc) - 1 and doc[token.i - 1].text == "(" and doc[token.i + 1].text == ")"


def answers_alone(verb: Token) -> bool:
    """Whether a cue verb stands alone, as an answer to the clause before it: a subject of its own, no negation,
    and no object or complement after it but a pronoun ("Sarenne still refuses", "Morvath still demands it")."""
    children = list(verb.children)
    if not any(c.dep_ == "nsubj" for c in children) or any(c.dep_ == "neg" for c in children):
        return False
    for c in children:  # (a clause before the verb is the one answered, which the parse may hang on it)
        if c.i > verb.i and c.dep_ in {"dobj", "xcomp", "ccomp", "prep", "attr", "oprd", "acomp", "dative"} and \
                not (c.dep_ == "dobj" and c.lower_ in {"it", "this", "that", "so"}):
            return False
    return True


def stative_participle(verb: Token) -> bool:
    """ "Turkey is committed to the talks", "is determined to join": a passive form that is an adjective
    (`stative_participles` in `data/record_cues.yaml`)."""
    return verb.lemma_.lower() in _stative_words() and any(c.dep_ == "auxpass" for c in verb.children) and \
        any(c.dep_ in {"prep", "xcomp"} and (c.lower_ == "to" or any(g.lower_ == "to" for g in c.children))
            for c in verb.children)


@lru_cache(maxsize=1)
def _alternatives() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(w.lower().split()) for w in record_cues()["stances"]["alternatives"])


def introduces_alternative(token: Token) -> bool:
    """Whether `token` ends an "instead of" / "rather than" (`alternatives` in `data/record_cues.yaml`): what it
    introduces is what is not done."""
    return token.i > 0 and (token.doc[token.i - 1].lower_, token.lower_) in _alternatives()


@lru_cache(maxsize=1)
def _price_nouns() -> frozenset[str]:
    return frozenset(w.lower() for w in record_cues()["stances"]["price_nouns"])


def bought_by(prep: Token) -> bool:
    """ "as a condition for a ceasefire", "as the price of a pause", "in exchange for a pause": `prep` ("for",
    "of") names what an act would buy, which is no position or commitment of its own."""
    head = prep.head
    if prep.dep_ == "prep" and prep.lower_ == "for" and head.lower_ == "exchange" and head.dep_ == "pobj" and \
            head.head.lower_ == "in":
        return True  # "would not withdraw in exchange for a pause": what the act would be traded for
    return prep.dep_ == "prep" and prep.lower_ in {"for", "of"} and head.lemma_.lower() in _price_nouns() and \
        head.dep_ == "pobj" and head.head.lower_ == "as"


def sets_apart(token: Token) -> bool:
    """ "guarantees outside membership": a preposition (`set_apart` in `data/record_cues.yaml`) whose object is
    what the phrase is not."""
    return token.dep_ == "prep" and token.lower_ in _set_apart_words()


@lru_cache(maxsize=1)
def _set_apart_words() -> frozenset[str]:
    return frozenset(w.lower() for w in record_cues()["stances"]["set_apart"])


def names_a_kind(clause: Token) -> bool:
    """ "monitors from any State that supplies weapons", "escorts by ships flying a neutral flag": `clause` only says
    which doers are meant, so a topic in it is no one's position or commitment."""
    head = clause.head
    if clause.dep_ == "relcl" and any(c.dep_ == "prep" and c.lower_ in {"from", "by"} and c.i < clause.i and
                                      any(g.dep_ == "pobj" for g in c.children) for c in head.children):
        return True  # ("observers from States that were not members …": the parse hangs the clause on the doers)
    if clause.dep_ not in {"relcl", "acl"} or head.dep_ != "pobj" or head.head.lower_ not in {"from", "by"}:
        return False
    doers = head.head.head  # (or the verb, where the parse hangs "from" there: "accept monitors from any State …")
    return doers.pos_ == "NOUN" or doers.pos_ == "VERB" and any(c.dep_ == "dobj" and c.i < head.i
                                                               for c in doers.children)


def participle_agent(verb: Token) -> Token | None:
    """The doer of a participle on a noun ("the coastal pause floated by the Kolvatian delegation", "the
    moratorium proposed by Haldor"), if any: the noun is what the doer did."""
    if verb.dep_ != "acl" or verb.tag_ != "VBN":
        return None
    return next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)


def passive_agent(verb: Token) -> Token | None:
    """The doer in the "by" phrase of a passive verb ("guarantees were promised by Vantor"), if any."""
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    return next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)


def list_item_prefix(doc: Doc, token: Token) -> tuple[int, int] | None:
    """In a list item ("- Estmark — has offered …") the text between the item mark and `token`."""
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, token.idx) + 1
    mark = _LIST_MARK.match(text, line_start)
    if mark is None or mark.end() >= token.idx:
        return None
    sent_start = sentence(token).start_char
    if sent_start > mark.end() and text[mark.end():sent_start].rstrip().endswith((".", "!", "?")):
        return None  # "• Ilvane's counter. Foreign Minister Ilvane said …": a heading, then prose with subjects
    # the name ends at its separator: "- Estmark — despite X's doubts, has offered …" names Estmark only
    sep = _ITEM_SEPARATOR.search(text, mark.end(), token.idx)
    if sep:
        return mark.end(), sep.start()
    # without one, the item's subject ends at its first verb: "- Lunmark will provide air policing over
    # western Drevania …, and will not fly …" names Lunmark only
    span = doc.char_span(mark.end(), token.idx, alignment_mode="expand")
    verb = next((t for t in span or () if t.pos_ in {"VERB", "AUX"} and t.i < token.i), None)
    return mark.end(), verb.idx if verb is not None and verb.idx > mark.end() else token.idx


def in_heading(doc: Doc, token: Token) -> bool:
    """Whether the token is on a heading inside the text: a short paragraph of one line with no closing
    punctuation ("Brenmouth partners commit support for the Qasrin ceasefire"), which only announces what the
    paragraphs below say (not a list item, nor a label's line)."""
    text = doc_text(doc)
    start, end = line_of(doc, token)
    line = text[start:end].strip()
    alone = (start <= 1 or text[start - 2:start] == "\n\n") and text[end:end + 2] in {"\n\n", "\n", ""}
    return alone and 0 < len(line.split()) <= MAX_HEADING_WORDS and line[-1] not in '.!?:;"”’)' and \
        _LIST_MARK.match(text, start) is None and ":" not in line


#: the most words a heading inside a text has
MAX_HEADING_WORDS = 14


def in_checked_claim(doc: Doc, token: Token) -> bool:
    """Whether the token is on a line that quotes a claim a fact-check examines ("THE CLAIM: …")."""
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, token.idx) + 1
    head = text[line_start:token.idx].lstrip().lower()
    # (numbered too: "CLAIM 1: …", "Claim #2: …")
    head = re.sub(r"^([a-z ]+?)\s*(?:#?\d+|[ivx]+)\s*:", r"\1:", head)
    return any(head.startswith(label + ":") for label in _checked_claim_labels())


@lru_cache(maxsize=1)
def _checked_claim_labels() -> tuple[str, ...]:
    return tuple(str(w).lower() for w in record_cues()["checked_claim_labels"])


def in_item_label(doc: Doc, token: Token) -> bool:
    """Whether the token is in a list item's label ("* RAMPART ALLIANCE: The alliance as such …"): the label
    names whose item it is, not a topic."""
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, token.idx) + 1
    line_end = text.find("\n", token.idx)
    mark = _LIST_MARK.match(text, line_start)
    if mark is None or mark.end() > token.idx:
        return False
    sep = _ITEM_SEPARATOR.search(text, mark.end(), line_end if line_end >= 0 else len(text))
    return sep is not None and token.idx + len(token) <= sep.start() and \
        len(text[mark.end():sep.start()].split()) <= MAX_LEAD_WORDS


def paragraph_start(doc: Doc, offset: int) -> int:
    """Where the paragraph (text after the last blank line) holding `offset` starts."""
    cut = doc_text(doc).rfind("\n\n", 0, offset)
    return 0 if cut < 0 else cut + 2


def evidence_range(doc: Doc, token: Token) -> tuple[int, int]:
    """The sentence holding `token`, or its line in a list item (parses join list items to headings)."""
    if list_item_prefix(doc, token) is not None:
        return line_of(doc, token)
    sent = sentence(token)
    return max(sent.start_char, paragraph_start(doc, token.idx)), sent.end_char


def negated_between(doc: Doc, first: int, last: int, negations: set[str]) -> bool:
    """A negation word between two tokens ("ready to give assurances without committing troops")."""
    return any(t.lower_ in negations for t in doc[first + 1:last])


def line_of(doc: Doc, token: Token) -> tuple[int, int]:
    text = doc_text(doc)
    start = text.rfind("\n", 0, token.idx) + 1
    end = text.find("\n", token.idx)
    return start, len(text) if end < 0 else end


def holders_of(doc: Doc) -> Holders:
    """The document's `Holders`, built once for all the record extractors (it parses every attribution)."""
    shared = context(doc).shared
    if "holders" not in shared:
        shared["holders"] = Holders(doc)
    return shared["holders"]


class Holders:
    """Who holds a clause: attribution speaker, list-item name or grammatical subject → actor ids."""

    def __init__(self, doc: Doc) -> None:
        ctx = context(doc)
        self.doc = doc
        self.actor_at = ctx.actor_at
        self.actors = {a.id: a for a in ctx.records.get("actors", []) if isinstance(a, Actor)}
        self.attributions = [a for a in ctx.records.get("attributions", []) if isinstance(a, Attribution)]
        self.resolver = SourceResolver(doc, ctx.actor_at, self.actors, default_lexicon())
        self.pronouns = default_lexicon().pronouns
        self.datelines = [m.span() for m in _DATELINE.finditer(doc_text(doc))]
        self.collective = {phrase(p) for p in record_cues()["collective_parties"]}
        self.own_state = {w.lower() for w in record_cues()["own_state_nouns"]}
        self.unnamed_actor_nouns = {w.lower() for w in record_cues()["unnamed_others"]["nouns"]}
        self.counting_words = {w.lower() for w in record_cues()["unnamed_others"]["counting"]}
        self.own_forces = {w.lower() for w in record_cues()["own_forces_nouns"]}
        self.own_party = {w.lower() for w in record_cues()["own_party_nouns"]}
        self.representatives = {w.lower() for w in record_cues()["representative_nouns"]}
        self.head_nouns = {w.lower() for w in record_cues()["head_of_nouns"]}
        self.position_nouns = {w.lower() for w in record_cues()["position_nouns"]}
        self.dispositions = {w.lower() for w in record_cues()["disposition_nouns"]}
        self.own_body = {w.lower() for w in record_cues()["own_body_nouns"]}
        self.impersonal = {w.lower() for w in record_cues()["impersonal_requirements"]}
        self.member_nouns = {phrase(p) for p in record_cues()["member_nouns"]}
        self.spokesperson_roles = [w.lower() for w in record_cues()["spokesperson_roles"]]
        self.commentator_roles = {w.lower() for w in record_cues()["commentator_roles"]}
        self.voices = self._voices()
        # pronouns the record extractors read as standing for a topic ("They must stay until …"): no actor
        self.topic_pronouns: set[int] = set()

    def parties(self, actor_ids: list[str]) -> list[str]:
        """The parties holding a position: an unnamed source speaks for the body it belongs to ("a Morvathi
        diplomat", "officials of the Council"); one with no such body ("two sources familiar with the talks")
        is a source of claims, not a party to the record."""
        out = []
        for actor_id in actor_ids:
            actor = self.actors.get(actor_id)
            if actor is not None and actor.kind == "anonymous":
                actor_id = actor.affiliation or ""
            # (a name's head word comes before its "of"/"for": "Office of the Special Mediator for the … talks")
            if actor is not None and re.split(r" (?:of|for) ", actor.name)[0].split()[-1].lower() in _event_names():
                continue  # "the Sabou talks", "the Lusk Conference": a meeting holds no position, its parties do
            if actor_id and actor_id not in out:
                out.append(actor_id)
        return out

    def speaker(self, start: int, end: int) -> Attribution | None:
        """The innermost attribution whose content holds characters start..end and has a known source (or the
        two sides for one: "Both sides said they were ready …")."""
        best = None
        for a in self.attributions:
            known = bool(a.source_actor) or a.source is not None and \
                phrase(a.source.text) in self.collective
            inside = known and a.content.start <= start and end <= a.content.end
            if inside and (best is None or
                           a.content.end - a.content.start < best.content.end - best.content.start):
                best = a
        return best

    def subject_actors(self, verb: Token, labels: bool = True) -> list[str]:
        """Actor ids of the clause's subject (each conjunct: "the UK and France"); with `labels`, a list item's
        name before its verb."""
        prefix = list_item_prefix(self.doc, verb) if labels else None
        if prefix is not None:  # a list item names its holder before its verb
            found = self.actors_in_chars(*prefix)
            if found:
                return found
        # ("That is why Ardally will provide …": before a subject inherited from the clause above)
        subject = self._name_taken_for_adverb(verb) or subject_of(verb)
        if subject is None or subject.i in self.topic_pronouns:
            return []
        # "Each Party undertakes …": the parties, even where the parse took "Party" for a name
        if self._is_collective(subject):
            return self._collective(subject)
        if tuple(t.lower_ for t in subject.subtree) in self.member_nouns:
            return self._members_body(subject.i)
        if _a_kind_of_member(subject) and names_no_one(subject):
            return []  # "as long as no NATO country supplies them": no one, and not NATO
        short = self._short_name(subject)  # before names: the parse may take "the Federation" for a new one
        if short:
            return [short]
        found = self._actors_of_name(subject) or self._heads_of(subject)
        if found:
            return found
        if verb.dep_ == "ccomp" and verb.lemma_.lower() in self.impersonal and not self.is_pronoun(subject) \
                and not any(c.dep_ == "poss" for c in subject.children):
            # "The Federation reaffirms that a lasting settlement requires …": an unnamed thing's clause is
            # held by the one who says it
            above = self.subject_actors(verb.head)
            if above:
                return above
        state = self._own_state(subject)
        if state:
            return [state]
        leader = self._party_leader(subject)
        if leader:
            return [leader]
        owners = [self.actor_at[c.i] for c in subject.children if c.dep_ == "poss" and c.i in self.actor_at]
        if subject.pos_ == "NOUN" and owners:
            if subject.lemma_.lower() in self.resolver.lexicon.other_party_nouns:
                return []  # "Valdoria's partners are prepared to …": the partners, unnamed, not Valdoria
            return list(dict.fromkeys(owners))  # "Marivelle's aircraft will protect our skies": Marivelle
        # (not from a clause on it: "Governments backing Lavresse" are not Lavresse)
        end = min([c.left_edge.i - 1 for c in subject.children if c.dep_ in {"acl", "relcl"} and c.i > subject.i],
                  default=subject.right_edge.i)
        resolved = self.resolver.resolve(subject.left_edge.i, end, subject.i)
        return [resolved] if resolved and not self._only_in_datelines(resolved) else []

    def _name_taken_for_adverb(self, verb: Token) -> Token | None:
        """ "Ardally will provide …": a name the parse took for an adverb (by its "-ly") before a verb that has
        no subject is that verb's subject."""
        t = verb
        while t.dep_ in {"xcomp", "conj"} and t.head.i != t.i and not own_subjects(t):  # ("Ardally is ready to send …")
            t = t.head
        if own_subjects(t):
            return None
        return next((c for c in t.children if c.dep_ in {"advmod", "npadvmod"} and c.i < t.i
                     and c.i in self.actor_at), None)

    def position_owner(self, verb: Token) -> list[str]:
        """ "Kyiv's position is that sanctions must stay": the owner of the position a clause spells out (the
        parse may hang "Ostmere's demand is simple:" on the clause after the colon)."""
        copula = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i and c.lemma_ == "be" and
                       any(g.lower_ == ":" for g in self.doc[c.right_edge.i + 1:verb.i])), None)
        t = verb
        for _ in range(4):  # ("any ceasefire must be unconditional": from the predicate adjective up)
            if copula is not None or t.dep_ not in {"ccomp", "parataxis", "attr", "acomp"} or t.head.i == t.i:
                break
            t = t.head
            if t.lemma_ == "be" and any(c.dep_ == "nsubj" and c.lemma_.lower() in self.position_nouns
                                        for c in t.children):
                copula = t
        if copula is None:
            return []
        for subject in copula.children:
            if subject.dep_ == "nsubj" and subject.lemma_.lower() in self.position_nouns:
                return self.owner(subject)
        return []

    def _heads_of(self, noun: Token) -> list[str]:
        """ "the leaders of France, Germany and Britain", "the foreign ministers of the two states" naming them."""
        if noun.lemma_.lower() not in self.head_nouns and \
                " ".join(t.lemma_.lower() for t in noun.subtree if t.i <= noun.i and t.dep_ != "det") \
                not in self.head_nouns:
            return []
        return list(dict.fromkeys(a for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                                  for g in c.children if g.dep_ == "pobj" for a in self._actors_of_name(g)))

    def _possessor_of_others(self, token: Token) -> bool:
        """ "Ukraine's partners": the name owns a noun for other parties, who are the ones meant."""
        t = token
        while t.dep_ in {"compound", "flat"} and t.head.i != t.i:
            t = t.head
        return t.dep_ == "poss" and t.head.lemma_.lower() in self.resolver.lexicon.other_party_nouns

    def _only_in_datelines(self, actor_id: str) -> bool:
        """An actor named only in datelines (the wire service) is no one's antecedent."""
        actor = self.actors.get(actor_id)
        return actor is not None and bool(actor.mentions) and all(
            any(start <= m.start < end for start, end in self.datelines) for m in actor.mentions)

    def _party_leader(self, noun: Token) -> str | None:
        """ "Her party would vote against", "my party will support a ceasefire": the leader who speaks for it."""
        if noun.lemma_.lower() not in self.own_party:
            return None
        owner = next((c for c in noun.children if c.dep_ == "poss" and c.lower_ in {"my", "his", "her"}), None)
        if owner is None:
            return None
        if owner.lower_ == "my":
            said = self.speaker(owner.idx, owner.idx + 1)
            speakers = self.speaker_actors(said) if said is not None else list(self.voices)
            return speakers[0] if len(speakers) == 1 else None
        resolved = self.resolver.resolve(owner.i, owner.i, owner.i)
        return resolved if getattr(self.actors.get(resolved or ""), "kind", None) == "person" else None

    def _own_state(self, noun: Token, speaker: str | None = None) -> str | None:
        """ "her country would send troops": the state of the person "her" stands for (else of the speaker)."""
        forces = noun.lemma_.lower() in self.own_forces
        if noun.lemma_.lower() not in self.own_state and not forces:
            return None
        owner = next((c for c in noun.children if c.dep_ == "poss" and self.is_pronoun(c)), None)
        if forces and (owner is None or owner.lower_ in {"our", "my"}):
            return None
        if owner is None:
            # "the government promised …" in what a person says: the person's own state
            bare = all(c.dep_ in {"det", "punct"} for c in noun.children) and \
                any(c.lower_ in {"the", "this"} for c in noun.children)
            return self._state_of(speaker) if bare and speaker else None
        if owner.lower_ in {"our", "my"} and speaker:  # "our country will not …": the speaker's state
            return self._state_of(speaker)
        represented = self._represented_in(noun)
        if represented is not None:  # "The representative of India explained that her country had abstained"
            return represented
        # inside what a person said, "her country" is the speaker's first: the resolver's last subject may be
        # someone named earlier ("Sarre's president, Claire Dumont, said her country would send troops")
        for person in (speaker, self.resolver.resolve(owner.i, owner.i, owner.i)):
            actor = self.actors.get(person or "")
            if actor is not None and actor.kind in {"person", "anonymous"} and actor.affiliation:
                return self._state_of(actor.id) or actor.affiliation
        return None

    def _represented_in(self, noun: Token) -> str | None:
        """The state whose representative is the subject of the clause above `noun`'s ("The representative of X
        said her delegation …"): the one "her country", "his delegation" stand for."""
        for verb in noun.ancestors:
            subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < noun.i), None)
            if subject is None or subject.i == noun.i or noun in subject.subtree:
                continue
            named = [self.actor_at[g.i] for g in represented_by(subject, default_lexicon()) if g.i in self.actor_at]
            if named and getattr(self.actors.get(named[0]), "kind", None) == "state":
                return named[0]
            return None
        return None

    def _short_name(self, noun: Token) -> str | None:
        """ "the Pact", "the Federation": the one body of the document whose name ends with this word (as
        written: "the partners" for the "Brenmouth partners", a plural, never "the mission" for a "Mission")."""
        if not (noun.text[:1].isupper() or noun.tag_ == "NNS") or \
                not any(c.lower_ == "the" for c in noun.children if c.dep_ == "det"):
            return None
        if any(c.dep_ in {"compound", "amod", "poss"} for c in noun.children):
            return None  # "the Tidewater Pact" is matched by name; "the other Pact" is not this one
        # (or the one person of the document with a title alias ending with it: "the Mediator" for the "Special
        # Mediator")
        found = {a.id for a in self.actors.values() if a.kind != "anonymous"
                 and any(form.split()[-1] == noun.text and " of " not in form
                         for form in ([a.name, *a.aliases] if a.kind != "person" else
                                      [f for f in a.aliases if " " in f]) if form)}
        return found.pop() if len(found) == 1 else None

    def _state_of(self, actor_id: str) -> str | None:
        """The state a person belongs to, through their party or ministry if need be."""
        seen: set[str] = set()
        actor = self.actors.get(actor_id)
        if actor is None or actor.kind != "person":
            return None
        while actor is not None and actor.affiliation and actor.id not in seen:
            seen.add(actor.id)
            parent = self.actors.get(actor.affiliation)  # the actors extractor lists every affiliation
            if parent is not None and parent.kind == "state":
                return parent.id
            actor = parent
        return None

    def _own_body(self, noun: Token, speaker: str) -> str | None:
        """ "the alliance", "the ministry" said of by a person: the organisation the person belongs to."""
        if noun.lemma_.lower() not in self.own_body or not any(c.lower_ == "the" for c in noun.children):
            return None
        if any(c.dep_ in {"amod", "compound", "poss", "prep"} for c in noun.children):
            return None  # "the other alliance", "the ministry of defence": some other body
        return self._body_of_person(speaker)

    def _body_of_person(self, person_id: str) -> str | None:
        """The organisation a person is affiliated with, if the document names it (the affiliation may be outside
        this document's actors: a gazetteer lookup would be needed to know its kind)."""
        person = self.actors.get(person_id)
        if person is None or person.kind != "person" or not person.affiliation:
            return None
        body = self.actors.get(person.affiliation)
        return body.id if body is not None and body.kind not in {"state", "person"} else None

    def _members_body(self, before: int) -> list[str]:
        """The organisation "Allies" or "Member states" belong to: the one named most often before token
        `before` (outside datelines), the later one on a tie; a mission named in passing is not the alliance."""
        counts: dict[str, tuple[int, int]] = {}
        for t in self.doc[:before]:
            actor = self.actors.get(self.actor_at.get(t.i, ""))
            if actor is not None and actor.kind == "organization" and not self._in_dateline(t) and \
                    self.actor_at.get(t.i - 1) != actor.id:  # a name of several tokens counts once
                counts[actor.id] = (counts.get(actor.id, (0, 0))[0] + 1, t.i)
        return [max(counts, key=lambda a: counts[a])] if counts else []

    def _spoken_for(self, person_id: str) -> str | None:
        """The body a spokesperson speaks for: their affiliation when it is an organisation, else the body of
        the document their role names ("Spokesperson of the Karsavian Foreign Ministry")."""
        person = self.actors.get(person_id)
        role = (person.role or "").lower() if person is not None and person.kind == "person" else ""
        if not any(word in role for word in self.spokesperson_roles):
            return None
        if body := self._body_of_person(person_id):
            return body
        named = [a.id for a in self.actors.values() if a.kind not in {"state", "person", "anonymous"}
                 and any(form and form.lower() in role for form in [a.name, *a.aliases])]
        return named[0] if len(named) == 1 else None

    def _last_pair(self, before: int, people: bool = False) -> list[str]:
        """The last two states named together ("Valdoria and Kesh") before token `before`, else the two states the
        document names most, else the last two actors ("Marren and Vasko"): the sides of a peace process are
        states first. With `people`, the last two people named together."""
        pairs = []
        near = sentence(self.doc[before]).start if before < len(self.doc) else len(self.doc)
        near = sentence(self.doc[near - 1]).start if near > 0 else 0  # this sentence and the one before
        for t in reversed(self.doc[:before]):
            first = self.actor_at.get(t.i)
            if not first or self._in_dateline(t):
                continue
            second = next((self.actor_at.get(c.i) for c in t.children if c.dep_ == "conj"), None) or \
                self._joined_before(t)
            if second and second != first:
                kinds = {getattr(self.actors.get(a), "kind", None) for a in (first, second)}
                if people:
                    if kinds == {"person"}:
                        return [first, second]
                    continue
                if kinds == {"state"}:
                    # a pair named long before may be any two states: the sides are the two named most
                    return [first, second] if t.i >= near else self._main_pair([first, second])
                pairs.append([first, second])
        if people:
            return []
        # (no two states named together: the two states named most, before any other pair)
        return self._main_pair(pairs[0] if pairs else [])

    def _main_pair(self, fallback: list[str]) -> list[str]:
        """The two states the document names most often (the sides of its war), if they clearly lead."""
        counts: dict[str, int] = {}
        for i, actor in self.actor_at.items():
            if getattr(self.actors.get(actor), "kind", None) == "state" and self.actor_at.get(i - 1) != actor \
                    and not self._in_dateline(self.doc[i]):
                counts[actor] = counts.get(actor, 0) + 1
        ranked = sorted(counts, key=lambda a: -counts[a])
        if len(ranked) >= 2 and (len(ranked) == 2 or counts[ranked[1]] > counts[ranked[2]]):
            return ranked[:2]
        return fallback

    def _joined_before(self, token: Token) -> str | None:
        """The actor named just before the name ending at `token`, joined to it by "and" alone ("the Republic of
        Valdoria and the Kesh Federation", however the parse hangs the two)."""
        actor = self.actor_at.get(token.i)
        t = token
        while t.i > 0 and self.actor_at.get(t.i - 1) == actor:
            t = self.doc[t.i - 1]  # the name's first token
        between: list[str] = []
        for g in reversed(self.doc[max(0, t.i - 4):t.i]):
            if self.actor_at.get(g.i):
                break
            # (a modifier of the second name may come between: "… and the breakaway Republic of Ostmere")
            between.append("the" if g.i == t.i - 1 > 0 and g.is_lower and g.is_alpha and
                           self.doc[g.i - 1].lower_ == "the" else g.lower_)
        else:
            return None
        # (a count may come between: "300 Sarennese and 300 Kolvatian prisoners")
        if "and" not in between or not all(w in {"and", "the", ","} or w.isdigit() or w.replace(",", "").isdigit()
                                           for w in between) or len(between) == t.i:
            return None
        other = self.actor_at.get(t.i - len(between) - 1)
        return other if other != actor else None

    def is_pronoun(self, token: Token | None) -> bool:
        return token is not None and (token.lower_ in self.pronouns or token.pos_ == "PRON")

    def holders(self, verb: Token, start: int, end: int, at: Token | None = None) -> list[str]:
        """A named subject inside a reported content ("X said Y rejects …": Y), else the speaker, else the
        clause subject. A list item's name holds everything on its line (`at`: the token whose line counts,
        as parses join list items to the line above)."""
        found = self._holders(verb, start, end, at)
        if len(found) == 1 and (state := self._state_of(found[0])) and state != found[0]:
            # "Aubrac has promised that Marivelle's aircraft will protect our skies": his state's promise, as
            # "Aubrac said Marivelle would …" is
            said = [c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i]
            if said and all(self.subject_actors(c) == [state] for c in said):
                return [state]
        return found

    def _holders(self, verb: Token, start: int, end: int, at: Token | None = None) -> list[str]:
        if led := self.list_lead_actors(verb):
            return led  # "The guarantor states:" over "- reaffirm their full support for …"
        prefix = list_item_prefix(self.doc, at if at is not None else verb)
        if prefix is not None and (found := self.actors_in_chars(*prefix)):
            subject = subject_of(verb)
            if subject is not None and subject.idx >= prefix[1] and not self.is_pronoun(subject) and \
                    (own := self.subject_actors(verb, labels=False)):
                return own  # "* CASTAGNE: President Aurore Delacanne has pledged …": the one named after the label
            return found  # "- Estmark and Norvane — have signed …": every name of the item
        if owners := self.position_owner(verb):
            return owners  # "Ostmere's demand is simple: the Union must lift the embargo"
        said = self.speaker(start, end)
        subject = subject_of(verb)
        if said is not None and (reported := self._reported_within(said, verb)):
            return reported  # "according to two diplomats, the Russian delegation has said it could …"
        if said is not None:
            # (or a subject before a parenthetical or a partial quote whose verb is in what was said: "Turvan, she
            # added, has agreed …", 'Zavrin "will not sign any paper …", he said')
            inside = subject is not None and (said.content.start <= subject.idx < said.content.end or
                                              subject.head.i != subject.i and
                                              said.content.start <= subject.head.idx < said.content.end)
            speakers = self.speaker_actors(said)
            if inside and subject is not None and len(speakers) == 1:
                state = self._own_state(subject, speakers[0])  # "Castellane said his government would …"
                if state:
                    return [state]
                body = self._own_body(subject, speakers[0])  # "Aalto said the alliance was ready …"
                if body:
                    return [body]
            if inside and subject is not None and subject.lower_ in {"they", "it"} and len(speakers) == 1 \
                    and getattr(self.actors.get(speakers[0]), "kind", None) == "person" and \
                    subject.i not in self.topic_pronouns:  # (not one for a topic: "And sanctions? They must …")
                # "Okafor said they were considering air support": "they" is a group, not the speaker
                resolved = self.resolver.resolve(subject.i, subject.i, subject.i)
                if resolved and resolved != speakers[0] and \
                        getattr(self.actors.get(resolved), "kind", None) not in {"person", "anonymous"}:
                    return [resolved]
            if inside and subject is not None and subject.lower_ in {"he", "she"} and said.kind == "direct" and \
                    len(speakers) == 1:
                # "FENN: … and she is considering a small force": in one's own words, "she" is someone else
                resolved = self.resolver.resolve(subject.i, subject.i, subject.i)
                if resolved and resolved != speakers[0]:
                    return [resolved]
            if subject is not None and subject.lower_ in {"we", "us"} and len(speakers) == 1 and \
                    (body := self._spoken_for(speakers[0])):
                return [body]  # a spokesperson's "we" is the institution's position
            if inside and not self.is_pronoun(subject):
                own = self.subject_actors(verb)
                if own and self.obliged(verb) and len(speakers) == 1 and \
                        (not {speakers[0], self._state_of(speakers[0])} & set(own) or
                         subject.i not in self.actor_at and speakers[0] not in own):
                    # "Tavor says Drevania must give up its bid": Tavor's demand, not Drevania's; "Aasvang said no
                    # Brenlundish soldier should serve": his, though his state names the soldiers
                    return speakers
                if own:
                    return own
                if self._unnamed_others(subject):
                    return []  # "Armitage says fourteen states have pledged monitors": their pledge, not hers
            return speakers
        if subject is not None and subject.lower_ in FIRST_PERSON and self.voices:
            # "We categorically reject …", "I will not cede …" in a text the document reproduces
            return list(self.voices)
        if at is not None and at.i == verb.i and subject is not None and subject.dep_ == "nsubjpass" and \
                subject.head.i == verb.i and any(c.dep_ == "auxpass" for c in verb.children):
            # "Dansk remains firm that Ostvel will not be ceded": the act's passive subject is what it is done
            # to; the clause's holder is the one above it, if any
            if verb.dep_ in {"ccomp", "xcomp"} and verb.head.i != verb.i:
                return self._holders(verb.head, start, end)
            return list(self.voices)
        own = self.subject_actors(verb)
        if own and self.voices and self.obliged(verb) and not set(self.voices) & set(own):
            return list(self.voices)  # "Russia must withdraw" in a ministry's statement: the ministry's demand
        if own and not self.voices and self.obliged(verb):
            return []  # "Putin is going to have to make concessions" in a writer's own words: the writer's view
        if not own and self.voices and subject is not None and subject.pos_ == "NOUN" and \
                any(c.dep_ == "poss" and c.lower_ == "our" for c in subject.children):
            return list(self.voices)  # "our Governments have agreed to conclude …" in their joint statement
        if not own and self.voices and subject is not None and subject.pos_ == "NOUN" and \
                verb.lemma_.lower() in self.impersonal:
            return list(self.voices)  # "Any peace agreement must include guarantees" in a ministry's statement
        if not own and self.voices and subject is not None and names_no_one(subject) and \
                subject.lower_ in _negative_subjects() | {"one", "body"}:
            # "No one will recognise the occupation" in a leader's address (not "no other basis …")
            return list(self.voices)
        return own

    def _reported_within(self, said: Attribution, verb: Token) -> list[str]:
        """Under "according to X", a verb of saying whose subject names an actor ("according to diplomats,
        Russia has said it could …") is the speaker of what it governs: the diplomats report Russia's words."""
        if not said.cue.text.lower().startswith("according"):
            return []
        speech = default_lexicon().speech
        for t in [verb, *verb.ancestors]:
            if not said.content.start <= t.idx < said.content.end:
                break
            if t is not verb and t.lemma_.lower() in speech and (named := self.subject_actors(t)):
                subject = subject_of(verb)
                own = self.subject_actors(verb) if subject is not None and not self.is_pronoun(subject) else []
                # ("… Russia has said Ukraine is ready": Ukraine's; "… must withdraw": Russia's demand)
                return own if own and not self.obliged(verb) else named
        return []

    def _unnamed_others(self, subject: Token) -> bool:
        """ "fourteen states", "several governments", "other partners": actors counted but not named."""
        return subject.tag_ == "NNS" and subject.lemma_.lower() in self.unnamed_actor_nouns and any(
            c.dep_ == "nummod" or c.dep_ in {"det", "amod"} and c.lower_ in self.counting_words
            for c in subject.children)

    @staticmethod
    def obliged(verb: Token) -> bool:
        """ "must give up", "should withdraw", "has to leave": an obligation laid on the clause's subject."""
        t = verb
        if any(c.dep_ == "xcomp" and c.lemma_ in {"have", "need"} and any(g.dep_ == "xcomp" for g in c.children)
               for c in verb.children):
            return True  # "is going to have to make concessions"
        for _ in range(3):
            if any(c.dep_ == "aux" and c.lower_ in {"must", "should"} for c in t.children):
                return True
            if t.lemma_ in {"have", "need"} and any(c.dep_ == "xcomp" for c in t.children):
                return True
            if t.dep_ not in {"xcomp", "acomp"} or t.head.i == t.i:
                return False  # ("must be prepared to provide": through the adjective too)
            t = t.head
        return False

    def _voices(self) -> list[str]:
        """Whose words a document reproduces, when its introduction says so ("The Foreign Ministry published
        the following posts", "President X addressed parliament": the one actor that is the subject of such a
        verb in the first sentences), or when its first person names itself ("We, the Governments of A, B and
        C, …": a joint statement's signatories)."""
        one = self._voice()
        if one:
            return [self._speaking_as(one)]
        for sent in sentences(self.doc)[:6]:
            for t in sent:
                if t.lower_ == "we":
                    named = list(dict.fromkeys(self.actor_at[g.i] for c in t.children if c.dep_ == "appos"
                                               for g in c.subtree if g.i in self.actor_at))
                    if named:
                        return named
        byline = context(self.doc).shared.get(BYLINE_KEY)  # a leader's own channel ("Halina Dorsey (official …)")
        if byline:
            return [byline]
        # a signed piece: "By Ottavia Brun" on a line of its own at the top is the one whose "I" it is
        signed = _BYLINE.search(doc_text(self.doc)[:400])
        if signed:
            named = list(dict.fromkeys(self.actor_at[t.i] for t in self.doc if t.i in self.actor_at
                                       and signed.start(1) <= t.idx < signed.end(1)))
            author = self.actors.get(named[0]) if len(named) == 1 else None
            role = (author.role or "").lower() if author is not None and author.kind == "person" else ""
            if role and not set(re.findall(r"[a-z]+", role)) & self.commentator_roles:
                return named
        return []

    def _speaking_as(self, voice: str) -> str:
        """A state's organ whose text makes the state the subject of what it says ("Valdoria demands …, Valdoria
        rejects …" in its Foreign Ministry's statement) speaks as the state."""
        body = self.actors.get(voice)
        state = body.affiliation if body is not None and body.kind == "organization" else None
        if state is None or getattr(self.actors.get(state), "kind", None) != "state":
            return voice
        subjects = sum(1 for t in self.doc if t.dep_ == "nsubj" and self.actor_at.get(t.i) == state
                       and t.head.pos_ == "VERB")
        return state if subjects >= 3 else voice

    def _voice(self) -> str | None:
        """The one actor that is the subject of a verb of publishing or speaking in the first sentences."""
        verbs = {w.lower() for w in record_cues()["voice_verbs"]}
        nouns = {w.lower() for w in record_cues()["voice_nouns"]}
        titles = {w.lower() for w in record_cues()["voice_titles"]}
        text = doc_text(self.doc)
        first_line = text.lstrip().split("\n", 1)[0]
        # (or a title on a line of its own under an outlet's introduction: "… publishes below the full text of
        # the statement.\n\nStatement of the Ministry of Foreign Affairs of …")
        lines = [m.start() for m in re.finditer(r"^[^\n]", text[:1500], re.MULTILINE)][:3]
        for t in self.doc:
            if t.idx > lines[-1] + 300 if lines else t.idx > len(first_line) + 1:
                break
            if t.idx > len(first_line) + 1 and (t.idx not in lines or text[t.idx:].split("\n", 1)[0].endswith(".")):
                continue
            # a title that names whose text this is: "Statement by the Ministry of Foreign Affairs of …"
            if t.lemma_.lower() in titles and t.pos_ == "NOUN":
                found = list(dict.fromkeys(a for c in t.children if c.dep_ == "prep" and c.lower_ in {"by", "of"}
                                           for g in c.children if g.dep_ == "pobj"
                                           # ("Address by the President of Ukraine": the state he heads)
                                           # (a name with its title: "by Mr X, Minister … of Y" is X's)
                                           for a in ([self.actor_at[g.i]] if g.i in self.actor_at else
                                                     self._actors_of_name(g) or self._heads_of(g))
                                           if not self._is_outlet(a)))
                if len(found) == 1:
                    return found[0]
        for sent in sentences(self.doc)[:3]:
            for t in sent:
                if t.pos_ == "VERB" and (t.lemma_.lower() in verbs or nouns & _objects(t)):
                    # (every subject: the parse may take a dateline's place name for one)
                    # (not the outlet: "Northlight Wire publishes below the text of the declaration")
                    found = [a for c in t.children if c.dep_ == "nsubj" and not self._in_dateline(c)
                             for a in self._actors_of_name(c) if not self._is_outlet(a)]
                    if len(found) == 1:  # a body's statement, or a person's speech ("X addressed parliament")
                        return found[0]
        return None

    def _is_outlet(self, actor_id: str) -> bool:
        """Whether the actor is the outlet that publishes the document, which reports others' words."""
        outlet = (context(self.doc).document.outlet or "").casefold().removeprefix("the ").strip()
        actor = self.actors.get(actor_id)
        return bool(outlet) and actor is not None and any(
            name.casefold().removeprefix("the ").strip() == outlet for name in [actor.name, *actor.aliases])

    def speaker_actors(self, said: Attribution) -> list[str]:
        """The attribution's speakers; in a long source ("OSKAROV, 9 May - The Keshi Foreign Ministry") the
        actor named last, as an English noun phrase ends with its head, with those coordinated with it
        ("Estmark and Sarre said")."""
        if said.source is not None:
            span = self.doc.char_span(said.source.start, said.source.end, alignment_mode="expand")
            if span is not None and said.source_actor and any(c.dep_ == "poss" and c.lower_ == "its"
                                                              for c in span.root.children):
                return [said.source_actor]  # "Its reply, which Plumbline has seen, says": whose "its" is
            # the parse first: "The President of X, A, and the President of Y, B, with the mediation of Z"
            # names A and B, whatever its phrase ends with
            if span is not None and (named := self._actors_of_name(span.root, within=range(span.start, span.end))):
                return named
            runs: list[tuple[str, int, int]] = []  # (actor, first token, last token) per mention, in order
            for t in span or ():
                actor = None if self._in_dateline(t) or self._possessor_of_others(t) else self.actor_at.get(t.i)
                if actor and runs and runs[-1][0] == actor and runs[-1][2] == t.i - 1:
                    runs[-1] = (actor, runs[-1][1], t.i)
                elif actor:
                    runs.append((actor, t.i, t.i))
            if runs:
                out = [runs[-1][0]]
                for before, after in zip(reversed(runs[:-1]), reversed(runs[1:]), strict=True):
                    between = self.doc[before[2] + 1:after[1]].text.strip().lower()
                    if between not in COORDINATORS:
                        break
                    out.insert(0, before[0])
                return list(dict.fromkeys(out))
            if any(self._in_dateline(t) for t in span or ()):
                return []  # a source the parse took from the dateline ("LIRSK, March 10 (Harbor Wire) - …")
            if span is not None and tuple(t.lower_ for t in span) in self.collective:
                return self._collective(span.root)  # "the two governments agreed to …"
        return [said.source_actor] if said.source_actor else []

    def _actors_of_name(self, head: Token, within: range | None = None) -> list[str]:
        """Actors named by a subject phrase, not by its modifiers ("bases inside Ukraine" is no Ukraine); only
        tokens `within` count (a speaker label "BRELL (Civic Front):" ends before its parenthesis)."""
        out: list[str] = []
        stack = [head]
        while stack:
            t = stack.pop()
            outside = within is not None and t.i not in within
            actor = None if self._in_dateline(t) or outside else self.actor_at.get(t.i)
            if actor and actor not in out and not self._addressed(t):
                out.append(actor)
            # a named head keeps its title and affiliation ("Russian President Putin" is Putin only)
            deps = {"conj", "appos"} if actor else NAME_DEPS
            if not actor and t.lemma_.lower() in self.representatives:
                deps = deps | {"poss"}  # "Ostmere's delegation, led by …" is Ostmere (its partners are not)
            stack.extend(c for c in t.children if c.dep_ in deps)
        return out

    def _addressed(self, name: Token) -> bool:
        """ "President Verrick, Ostmere says …": a person named before a comma and a state or body in apposition
        is the one spoken to, not a speaker."""
        if getattr(self.actors.get(self.actor_at.get(name.i, "")), "kind", None) != "person":
            return False
        return any(c.dep_ == "appos" and c.i > name.i and self.doc[name.i + 1].text == "," and
                   getattr(self.actors.get(self.actor_at.get(c.i, "")), "kind", "person") not in {"person", "anonymous"}
                   for c in name.children)

    def named_by(self, phrase_head: Token) -> list[str]:
        """The actors a noun phrase names ("by Vantor and Brisa"), or a pronoun stands for."""
        found = self._actors_of_name(phrase_head)
        if found or not self.is_pronoun(phrase_head):
            return found
        resolved = self.resolver.resolve(phrase_head.i, phrase_head.i, phrase_head.i)
        return [resolved] if resolved else []

    def list_lead_actors(self, verb: Token) -> list[str]:
        """A list item that opens with its verb ("- reaffirm their full support for …") under a lead line that
        ends with a colon and names its subject ("The guarantor states:"): the actors the lead names, else, for a
        plural noun, the group of actors last named together in a sentence's subject ("The defence ministers of
        A, B and C met …")."""
        text = doc_text(self.doc)
        line_start = text.rfind("\n", 0, verb.idx) + 1
        mark = _LIST_MARK.match(text, line_start)
        if mark is None or mark.end() > verb.idx:
            return []
        # (read by lines, as the parse hangs such items on the lead: "states" taken for a verb)
        opening = self.doc.char_span(mark.end(), verb.idx + len(verb), alignment_mode="expand")
        if opening is None or any(t.pos_ in {"NOUN", "PROPN", "PRON"} for t in opening if t.i < verb.i):
            return []  # ("- Brisane will lead …": the item names its own subject)
        lead = _lead_line(text, line_start, _LIST_MARK)
        if lead is None or not text[lead[0]:lead[1]].endswith(":"):
            return []
        span = self.doc.char_span(lead[0], lead[1] - 1, alignment_mode="contract")
        words = [t for t in span or () if not t.is_punct]
        if not words or len(words) > MAX_LEAD_WORDS or words[0].pos_ not in {"DET", "NOUN", "PROPN", "ADJ", "NUM"} \
                or any(t.pos_ in {"VERB", "AUX"} for t in words[:-1]):
            # ("Under the plan:", "The partners call on Morvath to:": not the items' subject; the last word may be
            # a plural taken for a verb)
            return []
        if named := self.actors_in_chars(*lead):
            return named
        if not (words[-1].tag_ in {"NNS", "NNPS"} or words[-1].lower_.endswith("s")):
            return []  # (a plural noun, which the tagger may take for a verb: "The guarantor states:")
        return self._last_group(words[0].i)

    def _last_group(self, before: int) -> list[str]:
        """The states last named together (two or more) in the subject of a sentence's main verb before token
        `before` ("The defence ministers of A, B and C met …")."""
        for sent in reversed(sentences(self.doc)):
            if sent.start >= before:
                continue
            for subject in (t for t in sent if t.dep_ in {"nsubj", "nsubjpass"} and t.head.dep_ == "ROOT"):
                # the states it names, not a possessor ("Marvaine's Defence Minister Anouk Selvester")
                group = list(dict.fromkeys(self.actor_at[t.i] for t in subject.subtree
                                           if t.i in self.actor_at and t.dep_ != "poss" and not self._in_dateline(t)
                                           and getattr(self.actors.get(self.actor_at[t.i]), "kind", None) == "state"))
                if len(group) >= 2:
                    return group
        return []

    def actors_in_chars(self, start: int, end: int) -> list[str]:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return []
        out: list[str] = []
        for t in span:
            actor = None if self._in_dateline(t) else self.actor_at.get(t.i)
            if actor and actor not in out:
                out.append(actor)
        return out

    def owner(self, noun: Token) -> list[str]:
        """The possessor of a position noun ("Kesh's demand", "their offer": a pronoun resolved), or the actor it
        comes from ("an offer from Ambrin"), if any."""
        if noun.pos_ not in {"NOUN", "PROPN"}:
            return []
        for child in noun.children:
            if child.dep_ == "poss":
                found = self._actors_of_name(child)
                if not found and child.lower_ in {"their", "its"}:
                    found = self._thanked(noun) or self._nearest_subject_actors(noun)
                if not found and child.lower_ in {"our", "my"} and self.voices \
                        and self.speaker(child.idx, child.idx + 1) is None:
                    found = list(self.voices)  # "Our conditions are well known" in a body's own statement
                if not found and self.is_pronoun(child):
                    resolved = self.resolver.resolve(child.i, child.i, child.i)
                    found = [resolved] if resolved else []
                return found
        # "the Russian demand", "the Heltish demand that …": the adjective of a named party (a demand only: "the
        # Kolvatian proposal" may be discussed by others, "the Russian demand" is Russia's)
        named = [self.actor_at[c.i] for c in noun.children if c.dep_ in {"amod", "compound"} and c.i < noun.i
                 and c.i in self.actor_at and not self._in_dateline(c)]
        if named and noun.lemma_.lower() in _demand_words()[0] | {"insistence", "call", "ultimatum"}:
            return list(dict.fromkeys(named))
        # "an offer from Ambrin to provide the escort", "the offer by Zerakh", "the readiness of Norway"
        preps = {"by", "from", "of"} if noun.lemma_.lower() in self.dispositions else {"by", "from"}
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                # (not a kind: "observers from NATO countries" come from no one named)
                found = [a for g in child.children if g.dep_ == "pobj" and not _a_kind_of_member(g)
                         for a in self._actors_of_name(g) or self._collective(g)]
                if found:
                    return found
        return []

    def _is_collective(self, head: Token) -> bool:
        return tuple(t.lower_ for t in head.subtree if t.i <= head.i) in self.collective

    def _collective(self, head: Token) -> list[str]:
        """ "both parties", "the two delegations": the last pair of actors named together before them."""
        if not self._is_collective(head):
            return []
        # ("the two leaders", "both presidents": two people named together)
        return self._last_pair(head.left_edge.i, people=head.lemma_.lower() in {"leader", "president"})

    def _thanked(self, noun: Token) -> list[str]:
        """ "I thank the Norvik Isles for their offer": the object named before "for their …" is its owner
        (where "Estmark and Sarre said their offer stood" is the subject's)."""
        prep = noun.head
        if noun.dep_ != "pobj" or prep.lower_ != "for" or prep.head.pos_ != "VERB":
            return []
        return [a for o in prep.head.children if o.dep_ == "dobj" and o.i < noun.i for a in self._actors_of_name(o)]

    def _nearest_subject_actors(self, noun: Token) -> list[str]:
        """The named subject of the nearest clause above a noun: whom "their"/"its" most likely stands for."""
        t = noun
        for _ in range(4):
            if t.head.i == t.i:
                break
            t = t.head
            if t.pos_ in {"VERB", "AUX"}:
                subject = subject_of(t)
                if subject is not None and subject.i != noun.i and not noun.is_ancestor(subject):
                    found = self._actors_of_name(subject) or self._collective(subject)
                    if found:
                        return found
        return []

    def _in_dateline(self, token: Token) -> bool:
        return any(start <= token.idx < end for start, end in self.datelines)
