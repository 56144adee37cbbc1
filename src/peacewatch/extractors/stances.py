"""What each party wants and refuses: stances {actor, topic, polarity, strength, evidence}.

For each topic mention (`record.TopicMatcher`), the nearest position-taking word on the way up the parse
to the clause decides the polarity (lexicons in `data/record_cues.yaml`): "rejects a contingent" is
oppose, "open to providing air support" conditional, "backs the truce" support. Negation on that way
("there will be no troops", "did not accept") turns support into oppose; a condition ("if", "subject to")
makes it conditional. Without any cue or negation a mention is no stance: a topic merely named is not a
position. A few shapes carry a position without a cue word on the way: an act promised ("will exchange all
prisoners"), an item of a list of demands ("its conditions: the withdrawal of …"), what must come first
("must be preceded by the withdrawal of …"). Intensifiers ("categorically") raise the strength, hedges
("perhaps") lower it.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from peacewatch.contract import Commitment, Stance
from peacewatch.extractors.attributions import default_lexicon
from peacewatch.extractors.base import Resources, context, register
from peacewatch.extractors.record import (
    Holders,
    TopicMatcher,
    anaphoric_mentions,
    answers_alone,
    asked_clause,
    asked_that,
    asks,
    asks_another,
    bare_answer,
    bought_by,
    clause_verb,
    condition_clause,
    cue_at,
    default_topics,
    demand_list_lead,
    demand_named_again,
    evidence_range,
    holders_of,
    in_checked_claim,
    in_heading,
    in_item_label,
    inside_predicates,
    introduces_alternative,
    latest_demands,
    mandative,
    names_a_kind,
    names_no_one,
    not_one,
    only_dates,
    participle_agent,
    particle_cue,
    passive_agent,
    phrase,
    phrase_table,
    record_cues,
    refuses,
    relative_mentions,
    says_how_long,
    second_statement,
    sets_apart,
    speakers_aside,
    stative_participle,
    subject_of,
    time_units,
    two_sentences_before,
)
from peacewatch.spans import char_span, doc_text, sentence

BASE_STRENGTH = {"support": 0.6, "oppose": 0.6, "conditional": 0.5, "neutral": 0.3}
MAX_CLIMB = 6  # tokens walked up from a mention: beyond that the clause is about something else
OPPOSITE = {"support": "oppose", "oppose": "support"}


@dataclass
class Reading:
    """What the parse says about one topic mention."""

    polarity: str
    strength: float
    anchor: Token  # the token that carries the position
    previous: str | None = None  # a reported reversal: the polarity held before
    predicate: bool = False  # "X is a red line": held by the speaker or the predicate's owner, not by X
    earlier: bool = False  # inside "after months of refusing …": a position held before the clause
    cueless: bool = False  # a bare negation ("Ukraine won't be part of NATO"): the speaker's statement
    condition: bool = False  # the topic is a condition set by the clause above ("…, provided that monitors …")
    agent: Token | None = None  # "guarantees were promised by Vantor": the holder is the passive's agent


CLAUSE_DEPS = {"relcl", "ccomp", "acl", "advcl", "xcomp", "csubj", "parataxis"}


class StanceExtractor:
    name = "stances"

    def __init__(self, resources_: Resources, matcher: TopicMatcher | None = None) -> None:
        self.matcher = matcher or default_topics(tuple(resources_.topic_files))
        cues = record_cues()["stances"]
        groups = {k: list(cues[k]) for k in ("oppose", "conditional", "support", "neutral")}
        # a reversal cue takes the polarity opposite to the one it says was held before
        for before, words in cues["reversals"].items():
            groups[OPPOSITE[before]] += words
        self.cues = phrase_table(groups)
        self.reversals = phrase_table(cues["reversals"])
        self.predicates = phrase_table(cues["predicates"])
        self.readiness = {w.lower() for w in cues["readiness"]}
        self.judging = {w.lower() for w in cues["judging_verbs"]}
        self.requirements = phrase_table({"conditional": record_cues()["requirement_verbs"]
                                          + record_cues()["following_verbs"]})
        self.following = {w.lower() for w in record_cues()["following_verbs"]}
        self.impersonal = {w.lower() for w in record_cues()["impersonal_requirements"]}
        # (the verbs of need need no modal: "a settlement requires guarantees"; "include" does: "must include")
        self.needing = {w.lower() for w in cues["continuing_modals"]} | {"require", "demand"}
        self.continuing = phrase_table({"support": cues["continuing_verbs"]})
        self.starting = phrase_table({"support": cues["starting_verbs"]})
        self.promising = {w.lower() for w in cues["promising_modals"]}
        self.intention_nouns = {w.lower() for w in cues["intention_nouns"]}
        self.possible = {w.lower() for w in cues["possibility_modals"]}
        self.options = {w.lower() for w in cues["option_nouns"]}
        # (a possible act is announced too, and made conditional: "elections could be held within 90 days")
        self.announcing = {w.lower() for w in cues["announcing_modals"]} | self.possible
        self.continuing_modals = {w.lower() for w in cues["continuing_modals"]}
        self.object_only = {w.lower() for w in record_cues()["object_only_cues"]}
        self.sighting = {w.lower() for w in record_cues()["sighting_cues"]}
        self.captive_verbs = {w.lower() for w in record_cues()["captivity"]["verbs"]}
        self.captives = {w.lower() for w in record_cues()["captivity"]["objects"]}
        self.earlier_markers = {w.lower() for w in cues["earlier_markers"]}
        self.negations = {w.lower() for w in cues["negations"]}
        self.intensifiers = {w.lower() for w in cues["intensifiers"]}
        self.hedges = {w.lower() for w in cues["hedges"]}
        self.markers = {w.lower() for w in cues["condition_markers"]}
        self.fronted_time = {w.lower() for w in cues["fronted_time_markers"]}
        self.until_markers = {w.lower() for w in cues["until_markers"]}
        self.threats = phrase_table({"oppose": cues["threats"]})
        self.penalties = {w.lower() for w in cues["penalties"]}
        self.deferring = phrase_table({"oppose": cues["deferring_verbs"]})
        self.condemning = phrase_table({"oppose": cues["condemning_verbs"]})
        self.topic_acts = phrase_table({"support": cues["topic_acts"]})
        self.topic_act_modals = {w.lower() for w in cues["topic_act_modals"]}
        self.circumstances = {w.lower() for w in cues["circumstance_preps"]}
        self.time_preps = [phrase(p) for p in cues["time_preps"]]
        self.asserting = {w.lower() for w in cues["asserting_markers"]}
        self.condition_phrases = [phrase(p) for p in cues["conditional"] if len(phrase(p)) > 1]
        self.strict_conditions = [tuple(p.lower().split()) for p in cues["strict_conditions"]]
        self.only_markers = {w.lower() for w in cues["only_markers"]}
        self.open_when_negated = phrase_table({"conditional": cues["open_when_negated"]})
        self.only_preps = {w.lower() for w in cues["only_preps"]}
        self.from_commitments: dict[str, str] = dict(cues["from_commitments"])
        self.after_words = {w.lower() for w in cues["after_truce"]["markers"]}
        self.truce_words = {w.lower() for w in cues["after_truce"]["truces"]}
        self.after_topics = set(cues["after_truce"]["not_for_topics"])
        self.counted_from = {w.lower() for w in cues["after_truce"]["counted_from"]}
        self.keeping = {w.lower() for w in cues["after_truce"]["keeping_verbs"]}
        self.demanding = phrase_table({"support": record_cues()["commitments"]["demanded"]})
        self.asking = {w.lower() for w in record_cues()["asking_verbs"]}
        self.commitment_conditions = self.markers | {w.lower() for w in cues["commitment_conditions"]}
        self.granting = {w.lower() for w in record_cues()["deadlines"]["granting"]}
        self.request_nouns = {w.lower() for w in cues["request_nouns"]}
        self.dispositions = {w.lower() for w in record_cues()["disposition_nouns"]}
        self.thanking = {w.lower() for w in cues["thanking_verbs"]}
        self.contrasts = {w.lower() for w in record_cues()["contrast_conjunctions"]}
        self.excepting = {w.lower() for w in cues["excepting"]}
        self.non_complements = {w.lower() for w in record_cues()["non_commitment_complements"]}
        self.abstaining = self.matcher.votes["abstaining"]

    def __call__(self, doc: Doc) -> list[Stance]:
        holders = holders_of(doc)
        out: list[Stance] = []
        seen: dict[tuple[str, str, int], int] = {}
        earlier: dict[tuple[str, str, int], Stance] = {}
        mentions = self.matcher.outermost(doc)
        # a list item's label ("* RAMPART ALLIANCE: The alliance will not deploy") says whose item it is, not
        # what it is about; nor does a stand-in for it in the item's sentence
        labels = [(m.topic, sentence(doc[m.first]).start) for m in mentions if in_item_label(doc, doc[m.first])]
        heads = {m.head for m in mentions}
        taken: list[tuple[str, Reading, list[str]]] = []  # (topic, reading, holders) of each position read
        standing = self.matcher.standing_for(doc, mentions)
        pronouns = anaphoric_mentions(doc, mentions + standing, self.cues)
        holders.topic_pronouns.update(m.head for m in pronouns if doc[m.head].pos_ == "PRON")
        stand_ins = {m.head for m in standing + pronouns}
        relatives = relative_mentions(doc, mentions + standing)  # ("Aldwyn's force, which I welcome")
        mentions = mentions + standing + pronouns + list(relatives)
        judged = inside_predicates(doc)
        from_stand_in: set[tuple[str, str, int]] = set()
        anchors: dict[tuple[str, str, int], Token] = {}  # the word each stance kept was read at
        second: set[tuple[str, str, int, str]] = set()
        for mention in sorted(mentions, key=lambda m: m.first):
            if mention.head in judged:
                continue  # "is not a subject of the talks": the talks are part of the judgement, not its topic
            if asks(doc[mention.head]):
                continue  # "Should sanctions be eased?": a question takes no position
            if only_dates(doc[mention.head]) or _not_before(doc[mention.head], heads):
                continue  # "within two weeks of a ceasefire", "no force will deploy before a ceasefire": when
            if in_checked_claim(doc, doc[mention.head]) or in_heading(doc, doc[mention.head]):
                continue  # "THE CLAIM: 'Vantor has pledged soldiers'": under check; a heading: said below
            if in_item_label(doc, doc[mention.first]) or mention.head in stand_ins and \
                    (mention.topic, sentence(doc[mention.head]).start) in labels:
                continue
            question = asked_clause(doc[mention.head])
            if doc[mention.head].lemma_.lower() in self.abstaining and doc[mention.head].pos_ == "VERB":
                # (an abstention found on what was put to the vote: the verb is the position)
                reading: Reading | None = Reading("neutral", BASE_STRENGTH["neutral"], doc[mention.head])
            elif question is not None:  # "Asked whether Russia would accept peacekeepers, Lavrov said: 'No.'"
                reading = self._answered(doc[mention.head], *question)
            else:
                relative = relatives.get(mention)
                # "the ceasefire, which both sides agreed to extend": read within the relative clause only
                reading = self.polarity(doc[mention.head], stop=relative) if relative is not None else \
                    self._without(doc[mention.head], heads) or self.polarity(doc[mention.head], described=heads)
            if reading is None:
                continue
            if any(c.dep_ == "xcomp" and c.lemma_.lower() in self.non_complements for c in reading.anchor.children):
                continue  # "declined to comment on the proposal": nothing said about it
            if reading.condition and mention.topic in self.after_topics and reading.polarity == "support" and \
                    self._truce_kept(doc[mention.head]):
                continue  # "will not deploy unless a ceasefire is signed": the truce times the act, nobody asks it
            # (a time counted from the truce only limits an offer: "insists on observers from the first day of a
            # ceasefire" wants them)
            if reading.polarity == "support" and mention.topic not in self.after_topics \
                    and self._after_a_truce(doc[mention.head], counted=cue_at(reading.anchor, self.demanding) is None
                                            and not self._asked_for(reading.anchor)):
                reading.polarity = "conditional"  # "ready to patrol the skies after a ceasefire": not before it
            if mention.opposite and reading.polarity in OPPOSITE:  # "demands neutrality": against membership
                reading.polarity = OPPOSITE[reading.polarity]
                reading.previous = OPPOSITE.get(reading.previous or "")
            start, end = evidence_range(doc, doc[mention.head])
            m_start, m_end = doc[mention.first].idx, doc[mention.last].idx + len(doc[mention.last])
            if reading.condition:  # whoever sets the condition holds it, wherever their words end
                m_start, m_end = reading.anchor.idx, reading.anchor.idx + len(reading.anchor)
            owner = holders.owner(reading.anchor)
            if owner:  # "Kesh's demand that sanctions be lifted", "their offer of troops"
                actors = owner
            elif reading.agent is not None:
                actors = holders.named_by(reading.agent)
            elif reading.predicate or reading.cueless:
                actors = self._predicate_holders(holders, reading.anchor, m_start, m_end)
            else:
                actors = holders.holders(clause_verb(reading.anchor), m_start, m_end, at=doc[mention.head])
            if not owner:  # "we thank Turkey for hosting the exchange": Turkey's act as well
                actors = actors + [a for a in self._thanked_for(holders, doc[mention.head]) if a not in actors]
            actors = holders.parties(actors)
            if actors and not reading.earlier:
                taken.append((mention.topic, reading, actors))
            inner = [(party, r) for actor, r in self._owned_position(holders, doc[mention.head], reading)
                     for party in holders.parties([actor])]
            for actor, inner_reading in inner:
                key = (actor, mention.topic, start)
                if key not in seen and actor not in actors:
                    seen[key] = len(out)
                    out.append(Stance(id="", actor=actor, topic=mention.topic,
                                      polarity=inner_reading.polarity,  # type: ignore[arg-type]
                                      strength=inner_reading.strength, evidence=char_span(doc, start, end)))
            for actor in actors:
                stance = Stance(id="", actor=actor, topic=mention.topic,
                                polarity=reading.polarity,  # type: ignore[arg-type]
                                strength=reading.strength, evidence=char_span(doc, start, end),
                                previous_polarity=reading.previous)  # type: ignore[arg-type]
                key = (actor, mention.topic, start)
                if reading.earlier:
                    earlier.setdefault(key, stance)
                elif key not in seen:
                    seen[key] = len(out)
                    anchors[key] = reading.anchor
                    out.append(stance)
                    if mention.head in stand_ins:
                        from_stand_in.add(key)
                elif "neutral" not in (reading.polarity, out[seen[key]].polarity) and \
                        (reading.polarity != out[seen[key]].polarity or second_statement(reading.anchor) is not None) \
                        and mention.head not in stand_ins and \
                        key not in from_stand_in and (*key, reading.polarity) not in second and \
                        (_coordinated(anchors[key], reading.anchor) or _told_apart(anchors[key], reading.anchor) or
                         reading.anchor.i == anchors[key].i and
                         _coordinated(anchors[key], doc[mention.head])):
                    second.add((*key, reading.polarity))  # a coordinated clause's own, other position
                    clause = clause_verb(reading.anchor)  # (shown by its own words)
                    stance.evidence = char_span(doc, max(start, clause.left_edge.idx),
                                                min(end, clause.right_edge.idx + len(clause.right_edge)))
                    out.append(stance)
                elif out[seen[key]].polarity == "neutral" and reading.polarity != "neutral" or \
                        key in from_stand_in and mention.head not in stand_ins:
                    # one stance per actor and topic in a sentence: the clearest, and a topic named outright
                    # over a noun that only stands for it ("in support of the force; refused to commit troops")
                    out[seen[key]] = stance
                    from_stand_in.discard(key)
        for key, before in earlier.items():
            if key not in seen:
                out.append(before)  # "after rejecting the truce, X left": still a reported position
            elif out[seen[key]].polarity != before.polarity and out[seen[key]].previous_polarity is None:
                out[seen[key]].previous_polarity = before.polarity
        for reply in self._replies(holders, taken) + self._answered_demands(holders, out):
            key = (reply.actor, reply.topic, reply.evidence.start)
            if key not in seen:
                seen[key] = len(out)
                out.append(reply)
        out += self._shown_by_commitments(doc, out)
        out.sort(key=lambda st: st.evidence.start)
        for n, stance in enumerate(out, start=1):
            stance.id = f"stance-{n}"
        return out

    def _replies(self, holders: Holders, taken: list[tuple[str, Reading, list[str]]]) -> list[Stance]:
        """ "Drevania refuses to withdraw from the districts, and Morvath still demands it", "Kolvatia insists on
        a withdrawal; Sarenne refuses": a later clause of the sentence whose cue verb has no object of its own (or
        only "it") answers the position just read. Its subject takes the same topic, with the same polarity if
        its cue leans the same way as the first one, else the opposite."""
        doc = holders.doc
        out: list[Stance] = []
        for topic, reading, first in taken:
            if reading.polarity not in OPPOSITE:
                continue
            leaning = cue_at(reading.anchor, self.cues)
            before = leaning[0] if leaning is not None and leaning[0] in OPPOSITE else "support"
            sent = sentence(reading.anchor)
            for verb in sent:
                if verb.i <= reading.anchor.i or verb.pos_ != "VERB" or verb.dep_ not in {"conj", "ROOT"}:
                    continue
                found = cue_at(verb, self.cues)
                if found is None or found[0] not in OPPOSITE or not answers_alone(verb):
                    continue
                actors = [a for a in holders.parties(holders.subject_actors(verb)) if a not in first]
                polarity = reading.polarity if found[0] == before else OPPOSITE[reading.polarity]
                start, end = evidence_range(doc, verb)
                out += [Stance(id="", actor=actor, topic=topic, polarity=polarity,  # type: ignore[arg-type]
                               strength=BASE_STRENGTH[polarity], evidence=char_span(doc, start, end))
                        for actor in actors]
        return out

    def _answered_demands(self, holders: Holders, stances: list[Stance]) -> list[Stance]:
        """ "Varunia says there can be no ceasefire until Karsavian units leave. … That demand was rejected":
        a demand named again by a demonstrative ("that demand", "both conditions") is what another actor wanted
        in the sentences just before. Rejecting it opposes what was wanted; accepting it supports it."""
        doc = holders.doc
        out: list[Stance] = []
        for t in doc:
            if not demand_named_again(t):
                continue
            verb = t.head
            found = cue_at(verb, self.cues)
            if found is None or found[0] not in OPPOSITE:
                continue
            polarity = found[0]
            if any(c.dep_ == "neg" for c in verb.children):
                polarity = OPPOSITE[polarity]
            start, end = evidence_range(doc, verb)
            answering = holders.parties(holders.holders(verb, start, end))
            window = two_sentences_before(t)
            wanted = [s for s in stances if window <= s.evidence.start and s.evidence.end <= t.idx
                      and s.polarity == "support" and s.actor not in answering]
            if not answering or not wanted:
                continue
            actor, topics = latest_demands(wanted)
            out += [Stance(id="", actor=a, topic=topic, polarity=polarity,  # type: ignore[arg-type]
                           strength=BASE_STRENGTH[polarity], evidence=char_span(doc, start, end))
                    for a in answering for topic in topics]
        return out

    def _answered(self, head: Token, answered: Token, question: Token) -> Reading | None:
        """A topic in a question ("Asked whether Russia would accept peacekeepers, Lavrov said: …") is no one's
        position, unless the answer is a bare yes or no: then the question's own reading, turned round by a no.
        (An answer in words is read on its own.)"""
        answer = bare_answer(answered)
        if answer is None:
            return None
        reading = self.polarity(head, stop=question)  # without the "if" that asks it
        if reading is None or reading.polarity not in OPPOSITE:
            return None
        if answer == "no":
            reading.polarity = OPPOSITE[reading.polarity]
        return reading

    def _after_a_truce(self, head: Token, counted: bool = True) -> bool:
        """Whether the clause over `head` is timed after an end of fighting ("after a ceasefire", "once the
        ceasefire takes effect"), in the sentence after the head."""
        verb = clause_verb(head)
        while verb.dep_ in {"dobj", "pobj"} and verb.head.i != verb.i:
            verb = clause_verb(verb.head)  # "provide air policing after a ceasefire": a gerund tagged as a verb
        for t in _own_clause(verb):
            if t.i > head.i and t.lower_ in self.after_words and t.dep_ == "prep" and self._names_a_truce(t):
                return True
            if counted and t.i > head.i and t.dep_ == "prep" and t.lower_ in self.counted_from and \
                    self._counted_from_truce(t) and self._same_clause(t, verb):
                return True
            if t.i > head.i and t.dep_ == "advcl" and self._after_truce_clause(t):
                return True
        chain = [verb]
        while verb.dep_ in {"xcomp", "acomp"} and verb.head.i != verb.i:
            verb = verb.head  # "ready to provide guarantees, once a deal is reached": the time is on "be ready"
            chain.append(verb)
            if any(c.i > head.i and c.dep_ == "advcl" and self._after_truce_clause(c) for c in verb.children):
                return True
        # ... or fronted: "After a ceasefire, we are prepared to put a force around Kelmora"
        return any(c.i < head.i and c.i < v.i and c.dep_ == "prep" and c.lower_ in self.after_words and
                   self._names_a_truce(c) for v in chain for c in v.children)

    def _truce_kept(self, head: Token) -> bool:
        """Whether a truce in a condition is said to exist or hold ("if the ceasefire holds", "unless a ceasefire
        is signed", "if there is a real ceasefire", "if Kesh respects the ceasefire"), not asked of a party
        ("if Moscow agrees to a ceasefire")."""
        return head.dep_ in {"nsubj", "nsubjpass", "attr"} or \
            head.dep_ == "dobj" and head.head.lemma_.lower() in self.keeping

    def _asked_for(self, token: Token) -> bool:
        """Whether `token` lies in what a verb of asking asks for ("asked the Council to send inspectors within
        two weeks of a ceasefire")."""
        return any(a.pos_ == "VERB" and (a.lemma_.lower() in self.asking or cue_at(a, self.demanding) is not None)
                   for a in token.ancestors)

    @staticmethod
    def _same_clause(token: Token, verb: Token) -> bool:
        """Whether `token` hangs in `verb`'s own clause, through its infinitives ("ready to patrol … from the first
        hour") but not a coordinated or reported one ("…, and we asked the Council to send …")."""
        t = token
        while t.i != verb.i and t.head.i != t.i:
            if t.dep_ in {"conj", "ccomp", "advcl", "relcl", "parataxis", "csubj"}:
                return False
            t = t.head
        return t.i == verb.i

    def _counted_from_truce(self, prep: Token) -> bool:
        """ "within six weeks of a signed agreement", "from the first hour of a ceasefire": a time counted from a
        truce (not "within days", nor "from the war")."""
        return any(g.dep_ == "pobj" and (g.lemma_.lower() in time_units() or g.ent_type_ in {"DATE", "TIME"})
                   and any(o.dep_ == "prep" and o.lower_ == "of" and self._names_a_truce(o) for o in g.children)
                   for g in prep.children)

    def _after_truce_clause(self, clause: Token) -> bool:
        """ "once a peace agreement is concluded", "after the ceasefire takes effect": a truce is the clause's own
        subject or object (not a word deeper down: "after calls with leaders who argued that a ceasefire …")."""
        if not any(g.dep_ in {"mark", "advmod"} and g.lower_ in self.after_words for g in clause.children):
            return False
        return any(self._names_a_truce(c) for c in clause.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"})

    def _names_a_truce(self, phrase: Token) -> bool:
        """Whether the phrase names a truce in its own words, not in a clause inside it ("after calls with
        leaders who argued that a ceasefire …")."""
        stack = [phrase]
        while stack:
            t = stack.pop()
            names = {t.lemma_.lower()} | {f"{c.lower_} {t.lemma_.lower()}" for c in t.children  # "martial law"
                                          if c.dep_ in {"amod", "compound"}}
            if names & self.truce_words:
                return True
            stack.extend(c for c in t.children if c.dep_ not in CLAUSE_DEPS)
        return False

    def _shown_by_commitments(self, doc: Doc, stances: list[Stance]) -> list[Stance]:
        """A commitment is a position too: "Tessaly will keep its good offices available" supports the talks,
        though no stance word was found. Only where the commitment's sentence has no stance of its holder on
        its topic, and only if the commitments extractor ran first."""
        shown: list[Stance] = []
        for c in context(doc).records.get("commitments", []):
            if not isinstance(c, Commitment) or c.modality not in self.from_commitments:
                continue
            if any(s.actor == c.actor and s.topic == c.topic and s.evidence.start < c.evidence.end
                   and c.evidence.start < s.evidence.end for s in stances + shown):
                continue
            polarity = self.from_commitments[c.modality]
            span = doc.char_span(c.evidence.start, c.evidence.end, alignment_mode="expand") or ()
            if polarity == "support" and ({t.lower_ for t in span} & self.commitment_conditions or any(
                    t.dep_ == "prep" and t.lower_ in self.counted_from and self._counted_from_truce(t)
                    and not self._asked_for(t) for t in span)):
                # "would lead a force after a ceasefire", "elections within six months of a ceasefire": promised
                # on a condition
                polarity = "conditional"
            shown.append(Stance(id="", actor=c.actor, topic=c.topic, polarity=polarity,  # type: ignore[arg-type]
                                strength=BASE_STRENGTH[polarity], evidence=c.evidence))
        return shown

    def _owned_position(self, holders: Holders, head: Token, reading: Reading) -> list[tuple[str, Reading]]:
        """ "rejects Varunia's demand to withdraw from Ostvel": below the rejecter's position, the owner of
        the position noun holds one of their own (Varunia wants the withdrawal)."""
        for clause in head.children:  # "the coastal pause floated by the Kolvatian delegation": theirs
            doer = participle_agent(clause)
            found = cue_at(clause, self.cues) if doer is not None else None
            if doer is not None and found is not None and found[0] == "support":
                return [(actor, Reading("support", BASE_STRENGTH["support"], clause))
                        for actor in holders.named_by(doer)]
        path, _ = self._path(head)
        for t in (path or [])[1:]:
            if t.i == reading.anchor.i:
                break
            if t.pos_ == "NOUN" and cue_at(t, self.cues) is not None:
                owners = holders.owner(t)
                inner = self.polarity(head, stop=t) if owners else None
                if inner is not None:
                    return [(actor, inner) for actor in owners]
        return []

    def _thanked_for(self, holders: Holders, head: Token) -> list[str]:
        """The actors thanked or praised for what holds the mention: "thank Turkey for hosting the exchange",
        "praised Norway for the new sanctions package"."""
        t = head
        for _ in range(MAX_CLIMB):
            if t.head.i == t.i or t.dep_ in {"ccomp", "parataxis", "relcl"}:
                return []
            if t.dep_ in {"pcomp", "pobj"} and t.head.lower_ == "for" and t.head.dep_ == "prep":
                verb = t.head.head
                if verb.lemma_.lower() not in self.thanking:
                    return []
                return [a for o in verb.children if o.dep_ == "dobj" for a in holders.named_by(o)]
            t = t.head
        return []

    def _predicate_holders(self, holders: Holders, predicate: Token, start: int, end: int) -> list[str]:
        """A statement about the topic rather than an act on it is the speaker's: "any troop presence is a red
        line", "Ukraine won't be part of NATO"; without a speaker, the owner of the predicate or the subject."""
        verb = clause_verb(predicate)
        if owners := holders.position_owner(verb):
            return owners  # "Kyiv's position is that sanctions must stay"
        # (or the quotation of the predicate alone: 'Sanctions on Zavrin "stay until the troops leave", she said')
        said = holders.speaker(start, end) or holders.speaker(predicate.idx, predicate.idx + len(predicate))
        if said is not None:
            return holders.speaker_actors(said)
        # "For Moscow, any Western military presence is a red line": whom the judgement is for
        judge = [a for c in verb.children if c.dep_ == "prep" and c.lower_ == "for" and c.i < verb.i
                 for g in c.children if g.dep_ == "pobj" for a in holders.named_by(g)]
        if judge:
            return judge
        subject = subject_of(verb)
        if holders.voices and subject is not None and subject.i not in holders.actor_at and \
                any(c.dep_ == "poss" for c in subject.children):
            return list(holders.voices)  # "Lavresse's future lies in the alliance" in their joint statement
        if subject is not None and subject.i not in holders.actor_at and subject.left_edge.idx <= start and \
                end <= subject.right_edge.idx + len(subject.right_edge) and \
                not any(c.dep_ == "poss" for c in subject.children):
            found = []  # "Free elections in Arvenna must come before any settlement": Arvenna only says where
        elif predicate.pos_ in {"VERB", "AUX"} or predicate.dep_ not in {"attr", "acomp"}:
            # ("Putin is going to have to make concessions" in a writer's own words: the writer's view, no party's)
            found = [] if not holders.voices and Holders.obliged(verb) else holders.subject_actors(verb)
        else:  # "Russia's red line", "a key Ukrainian demand"
            found = [a for a in dict.fromkeys(holders.actor_at.get(c.i) for c in predicate.children
                                              if c.dep_ in {"poss", "amod", "compound"}) if a]
        # "Sanctions must stay until the last soldier has gone" in a leader's address: the one whose words they are
        # (a clause of its own, not one under "the partners agreed that …" nor "the partners agreed to …")
        return found or (list(holders.voices) if verb.dep_ == "ROOT" and cue_at(verb, self.cues) is None else [])

    @staticmethod
    def _without(head: Token, heads: set[int]) -> Reading | None:
        """ "A ceasefire without guarantees would be an intermission": said of one topic lacking another, the
        lacking one is wanted and the first made conditional on it (the speaker's position)."""
        if head.dep_ == "pobj" and head.head.lower_ == "without":
            outer = head.head.head
            if outer.i in heads and outer.dep_ in {"nsubj", "nsubjpass"}:
                return Reading("support", BASE_STRENGTH["support"], outer.head, predicate=True)
            # "Without guarantees, a ceasefire is a countdown to the next war": the same, fronted
            if outer.lemma_ == "be" and any(c.dep_ == "nsubj" and c.i in heads for c in outer.children):
                return Reading("support", BASE_STRENGTH["support"], outer, predicate=True)
            # "without security guarantees there can be no lasting peace": what nothing good comes without
            if outer.lemma_ == "be" and any(c.dep_ == "expl" for c in outer.children) and \
                    any(c.dep_ == "attr" and any(g.dep_ == "det" and g.lower_ == "no" for g in c.children)
                        for c in outer.children):
                return Reading("support", BASE_STRENGTH["support"], outer, predicate=True)
        lacking = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "without"
                   for g in c.children if g.dep_ == "pobj" and g.i in heads]
        if head.dep_ in {"nsubj", "nsubjpass"} and lacking:
            return Reading("conditional", BASE_STRENGTH["conditional"], head.head, predicate=True)
        if head.dep_ == "nsubj" and head.head.lemma_ == "be" and any(
                c.dep_ == "prep" and c.lower_ == "without" and any(g.dep_ == "pobj" and g.i in heads
                                                                   for g in c.children) for c in head.head.children):
            return Reading("conditional", BASE_STRENGTH["conditional"], head.head, predicate=True)
        return None

    def polarity(self, head: Token, stop: Token | None = None, described: set[int] | None = None) -> Reading | None:
        """How the clause above a mention headed by `head` positions its holder on the topic, or None.

        Every support/oppose word and every negation on the way up flips or keeps the sign, so that
        "refuses to lift sanctions" supports sanctions and "ready to help without sending troops" opposes
        troops; a conditional word or clause on the way makes it conditional. With `stop`, the climb ends
        there ("Varunia's demand to withdraw": Varunia's own position, below the "rejects" over it).
        """
        path, earlier = self._path(head, stop)
        if path is not None and described and any(
                t.dep_ == "relcl" and t.head.i in described and t.head.i != head.i for t in path[:-1]):
            # "a guarantee that outlasts the next election": the election only describes the guarantee wanted
            return None
        if path is None or self._beside_the_act(path):
            return None
        path = _cleft(path)
        sign, negations, bare, denied = 1, 0, False, False
        counted: list[Token] = []  # the path's tokens whose cue has counted
        sibling_acts: set[int] = set()  # verbs on the way that are another act of the same demand
        intense = hedged = conditional = ready = predicate = no_longer = in_condition = until = False
        qualifies = -1  # the negations below a noun that a relative clause holding the topic narrows
        depended_on = False  # the topic is what another depends on ("a ceasefire could only follow a withdrawal")
        kinds: list[str] = []
        previous: str | None = None
        anchor = setter = head
        agent: Token | None = None
        marker = ""  # the word that opens the condition the topic is in, if it is in one
        condition_verb: Token | None = None
        read = path  # the words read: a condition is read on its own, without the clause that sets it
        for n, t in enumerate(path):
            if in_condition:
                read = path[:n]
                break  # "would not extend the truce unless X froze its bid"
            # (and "until" under a refusal: "no ceasefire until your forces leave" asks for the leaving)
            # ("only once", "only after": "can be considered only once Sarennese forces have withdrawn")
            marks = [g.lower_ for g in path[n - 1].children if g.dep_ == "mark" and (
                g.lower_ in self.markers or g.lower_ in self.until_markers and refuses(t)
                or g.lower_ in self.only_markers and g.i > 0 and g.doc[g.i - 1].lower_ == "only")
                or self._fronted_when(g, t)] if n > 0 and path[n - 1].dep_ in {"advcl", "ccomp"} else []
            # (the parse may take a clause of condition for a complement: "considered only once forces have …")
            if marks:  # the topic is the condition itself: what the holder asks for
                in_condition, setter, marker, condition_verb = True, t, marks[0], path[n - 1]
                read = path[:n]
                break
            if n > 0 and path[n - 1].dep_ == "conj" and path[n - 1].pos_ in {"VERB", "AUX"} and \
                    any(c.dep_ in {"nsubj", "nsubjpass"} for c in path[n - 1].children):
                break  # "would not discuss X, and that elections would be called …": a clause with its own subject
            if n > 0 and path[n - 1].dep_ == "conj" and path[n - 1].pos_ in {"VERB", "AUX", "ADJ"} and \
                    any(c.dep_ == "cc" and c.lower_ in self.contrasts and c.i < path[n - 1].i
                        for c in [*t.children, *path[n - 1].children]):
                break  # "would not send troops but could help with demining": the contrast has its own position
            if t.i != head.i and t.dep_ == "prep" and t.lower_ in self.negations:
                negations += 1  # "without committing troops"
            if t.i != head.i and sets_apart(t):
                return None  # "backs guarantees outside membership": no position on membership
            if t.lemma_ == "be" and any(c.dep_ == "attr" and c.tag_ in {"WP", "WDT"} for c in t.children):
                return None  # "Second, what the force is not": the answer comes later, not in these words
            if t.i != head.i and introduces_alternative(t):
                negations += 1  # "will train soldiers instead of sending troops", "rather than sending troops"
            if t.dep_ == "conj" and t.pos_ in {"VERB", "AUX"} and any(
                    c.dep_ == "cc" and c.i < t.i and introduces_alternative(c) for c in t.head.children):
                negations += 1  # "will provide logistics rather than send soldiers"
            # (a position named as subject is judged, not denied: "our offer of a ceasefire is not a trick")
            # (but "my call for a referendum is not a call for elections" denies the second)
            judged = n > 0 and path[n - 1].dep_ == "nsubj" and bool(kinds) and t.lemma_ == "be" and \
                any(c.dep_ == "attr" and cue_at(c, self.cues) is None for c in t.children)
            for child in t.children:
                low = child.lower_
                if judged and child.dep_ == "neg":
                    continue
                # "no" negates the topic noun itself ("no troops"), not a noun on the way ("no choice but")
                neg_deps = {"neg", "det", "advmod", "preconj"} if t.i == head.i else {"neg", "advmod"}
                if t.i == head.i and child.dep_ == "neg" and child.i > t.i and any(
                        c.dep_ in {"appos", "conj"} and c.i > child.i for c in t.children):
                    continue  # "real guarantees, not words on paper": the "not" is the contrast's
                if child.dep_ in neg_deps and low in self.negations or child.dep_ == "det" and low == "no" \
                        and (t.lemma_.lower() in self.intention_nouns or  # "has no plans to deploy forces"
                             t.pos_ == "NOUN" and cue_at(t, self.cues) is not None):  # "has no objection to"
                    negations += 1
                    # a bare negation is a position only on the topic itself, on "there will be no …", or on
                    # "sees no basis for a ceasefire"
                    denied = denied or n > 0 and path[n - 1].dep_ == "prep" and \
                        path[n - 1].lower_ in {"for", "of"} and t.lemma_.lower() in self.intention_nouns
                    bare = bare or t.i == head.i or t.lemma_ in {"be", "have"} or denied
                if t.i == head.i and not_one(child):
                    negations += 1  # "not one sanction will be eased"
                if child.dep_ == "advmod" and low == "longer" and any(g.lower_ == "no" for g in child.children):
                    negations, no_longer = negations + 1, True  # "no longer opposes": a reversal
                if child.dep_ == "nsubj" and t.pos_ in {"VERB", "AUX"} and child.i != head.i and \
                        names_no_one(child):
                    negations += 1  # "Nobody in Ambrin is going to send a soldier", "no government will": no one will
                if child.dep_ == "advmod" and low in self.intensifiers:
                    intense = True
                if low in self.hedges and child.dep_ in {"aux", "advmod"}:
                    hedged = True
                marks = {g.lower_ for g in child.children if g.dep_ == "mark"} if child.dep_ == "advcl" else set()
                if t.i == head.i and child.lemma_.lower() in self.matcher.answering:
                    marks = set()  # ("… if it is attacked again": what a guarantee answers, not a condition on it)
                if marks and speakers_aside(child):
                    marks = set()  # ("If I may add, …": the speaker's manners, no condition)
                if marks & self.markers:
                    conditional, anchor = True, t
                if child not in path and any(self._fronted_when(g, t) for g in child.children):
                    conditional, anchor = True, t  # "When their units leave, we will stop firing": not before
                if child.dep_ == "prep" and child.lower_ == "without" and child not in path and (
                        any(g.dep_ == "neg" or g.dep_ == "nsubj" and names_no_one(g) for g in t.children)
                        # "without military presence, there will be no guarantees"
                        or t.lemma_ == "be" and any(g.dep_ == "det" and g.lower_ == "no" for g in head.children)):
                    # "would not provide guarantees without a ceasefire": only with one
                    conditional, anchor = True, t
                if marks & self.until_markers or child.dep_ == "prep" and child.lower_ in self.until_markers and \
                        child not in path and child.i > t.i and t.pos_ in {"VERB", "AUX"}:
                    # "no ceasefire until your forces leave", "no troops will deploy before a ceasefire": refused
                    # only for now
                    until = True
                if child.dep_ == "prep" and child.lower_ == "under" and child not in path and child.i > t.i and \
                        t.pos_ == "VERB" and any(g.dep_ == "neg" for g in t.children) and not any(
                        d.dep_ == "det" and d.lower_ in {"any", "no"} for g in child.children for d in g.children):
                    # "would not negotiate under deadlines invented abroad": not so (but "under any flag": never)
                    conditional, anchor = True, t
            if n > 0 and path[n - 1].dep_ == "relcl" and t.pos_ == "NOUN" and \
                    not any(c.dep_ == "det" and c.lower_ == "any" for c in t.children):
                qualifies = negations  # ("any deal that freezes the occupation": none of that kind at all)
            # a passive verb, or one the topic is the subject of ("troops sent there would …"), says what
            # happens to or by the topic, not what its holder wants
            from_subject = n > 0 and path[n - 1].dep_ in {"nsubj", "nsubjpass", "csubj", "csubjpass"}
            coordinated = n > 0 and path[n - 1].dep_ == "conj" and t.pos_ in {"NOUN", "PROPN"}
            if coordinated and kinds:
                break  # "… and the lifting of sanctions": an item with its own word is not under its sibling's
            if t.i == head.i:  # "lifting sanctions" parsed as a modifier of the topic
                for child in t.children:
                    # (a tagger error can make the verb a "compound": "that Valdoria renounce membership")
                    if child.i < t.i and (child.dep_ == "amod" and child.pos_ == "VERB" or child.dep_ == "compound"):
                        found = cue_at(child, self.cues)
                        if found is not None and found[0] in OPPOSITE:
                            kinds.append(found[0])
                            sign = -sign if found[0] == "oppose" else sign
            required = cue_at(t, self.requirements) or particle_cue(t, self.requirements)
            if required and _said_next(t):
                required = None  # (nor is "begin with" there a requirement)
            if not kinds and n > 0 and path[n - 1].dep_ == "dobj" and t.lemma_.lower() in self.impersonal and \
                    (t.lemma_.lower() in self.needing or any(c.dep_ == "aux" and c.lower_ in self.needing
                                                                for c in t.children)):
                kinds.append("support")  # "any agreement must include security guarantees": what it must have
                anchor = t
            # (under a modal or a demand: "the sanctions were backed by France" reports who backed them)
            if from_subject and not kinds and required and \
                    any(c.tag_ == "MD" or c.dep_ == "auxpass" and c.tag_ == "VB" for c in t.children):
                conditional, anchor = True, t  # "any ceasefire must be accompanied by guarantees"
            elif required and not kinds and (n > 1 and path[n - 1].dep_ in {"agent", "prep"} or n > 0 and
                                             path[n - 1].dep_ == "dobj" and t.lemma_.lower() in self.following) \
                    and any(c.dep_ in {"nsubj", "nsubjpass"} for c in t.children):
                kinds.append("support")  # "… must be preceded by the withdrawal of forces": what is required
                anchor, depended_on = t, True
            if n > 0 and t.dep_ == "conj" and any(c.dep_ == "mark" and c.lower_ in self.markers
                                                  for c in t.children):
                in_condition = True  # "…, but only if monitors were in place": the condition itself
                setter = t.head
            elif n > 0 and t.dep_ == "prep" and t.lower_ in self.markers and path[n - 1].dep_ in {"pcomp", "pobj"}:
                in_condition = True  # "…, provided that observers are deployed" parsed as a preposition
                setter = t.head
                continue  # the condition word is no cue over its own condition
            elif n > 1 and t.dep_ == "prep" and condition_clause(path[n - 2]):
                in_condition, setter = True, t.head  # "…, on condition that monitors are deployed"
                continue
            elif from_subject and not kinds and self._continuing(t):
                kinds.append("support")  # "sanctions must stay until …", "talks will resume": the speaker's wish
                anchor, predicate = t, True
            elif from_subject and path[n - 1].dep_ in {"nsubj", "csubj"} and \
                    cue_at(t, self.condemning) is not None and any(c.tag_ == "MD" for c in t.children):
                if any(c.lower_ == "alone" for c in path[n - 1].subtree):
                    conditional, anchor = True, t  # "a ceasefire alone would reward aggression": not on its own
                else:
                    kinds.append("oppose")  # "any easing of sanctions would reward aggression"
                    anchor, predicate, sign = t, True, -sign
            elif from_subject and not kinds and cue_at(t, self.deferring) is not None and \
                    any(c.dep_ == "aux" and c.tag_ == "MD" for c in t.children):
                kinds.append("oppose")  # "elections should wait until 2031" (not a report: "was postponed")
                anchor, predicate, sign = t, True, -sign
            elif from_subject and not kinds and path[n - 1].dep_ == "nsubj" and cue_at(t, self.topic_acts) and \
                    any(c.dep_ == "aux" and c.lower_ in self.topic_act_modals for c in t.children):
                kinds.append("support")  # "a reassurance force could deploy within days": what the force will do
                anchor, predicate = t, True
            elif from_subject and not kinds and any(c.dep_ == "auxpass" for c in t.children) and \
                    any(c.dep_ == "aux" and c.tag_ == "MD" for c in t.children) and \
                    cue_at(t, self.cues) is not None and self._strict_condition_after(t, head):
                conditional, anchor = True, t  # "a ceasefire can be considered only once forces have withdrawn"
            elif from_subject and not kinds and (announced := self._announced(t)) is not None:
                kinds.append(announced)  # "troops will be deployed", "sanctions will be lifted": the act announced
                anchor, predicate = t, True
                sign = -sign if announced == "oppose" else sign
            # the predicate judges the whole subject: "the proposal to send peacekeepers is unacceptable"
            if from_subject and t.lemma_ in {"be", "remain", "become"}:  # "accession remains our goal"
                found_predicate = self._predicate(t)
                if found_predicate is not None:
                    kinds.append(found_predicate[0])
                    anchor, predicate = found_predicate[1], True
                    sign = -sign if found_predicate[0] == "oppose" else sign
            judged = self._judged(t) if n > 0 and path[n - 1].dep_ in {"dobj", "nsubjpass", "csubjpass"} else None
            # "Moscow considers the deployment of foreign troops unacceptable": the adjective below has judged it
            small_clause = n > 1 and path[n - 1].pos_ == "ADJ" and path[n - 1].dep_ in {"ccomp", "oprd", "xcomp"} \
                and path[n - 2].dep_ == "nsubj" and t.lemma_.lower() in self.judging and bool(kinds)
            if small_clause:
                anchor = t
            # ... unless that clause is what a cue verb wants: "wants sanctions lifted", "demanded that
            # sanctions be lifted", "insists that monitors be deployed"
            wanted = t.dep_ in {"ccomp", "xcomp", "oprd", "acl"} and cue_at(t.head, self.cues) is not None
            # ... or the second act of a demanded clause: "demands that Ukraine withdraw … and accept neutrality"
            second = t.dep_ == "conj" and t.head.dep_ == "ccomp" and mandative(t.head) and mandative(t) and \
                cue_at(t.head.head, self.cues) is not None
            if second:
                sibling_acts.add(t.head.i)  # (whose own word is no cue over this act: "withdraw … and accept")
            passive = any(c.dep_ == "auxpass" for c in t.children) and not stative_participle(t)
            # "guarantees were promised by Vantor": a passive cue with its agent takes a position after all
            by = passive_agent(t) if passive and from_subject and not kinds else None
            if judged is not None:  # the subject judges the topic: its holder is the verb's subject
                kinds.append(judged)
                anchor = t
                sign = -sign if judged == "oppose" else sign
            # a coordinated sibling's own word is not over this mention: in "the withdrawal of …, a renunciation
            # of X and the lifting of sanctions" only "lifting" is over the sanctions
            elif t.i != head.i and (wanted or not from_subject and not passive or by is not None) \
                    and not coordinated and not small_clause and t.i not in sibling_acts:
                found = cue_at(t, self.cues) or particle_cue(t, self.cues, {p.i for p in path[:n]}) or \
                    _phrase_ending_at(t, self.cues)
                if found is None and not kinds and t.lemma_.lower() in self.asking and t.pos_ == "VERB" and \
                        path[n - 1].dep_ == "xcomp" and asks_another(t):
                    found = ("support", 1)  # "asked its partners to combine their promises into one guarantee"
                if found is None and not kinds and asked_that(path[n - 1], self.asking):
                    found = ("support", 1)  # "has asked that the return of the children be included"
                if found is not None and _said_next(t):
                    found = None  # "Let me begin with the talks in Lindhaven": what the speaker turns to
                if found is not None and t.ent_type_ in {"DATE", "TIME"}:
                    found = None  # "until the end of the week to agree to a ceasefire": a time ends, not the truce
                if found is not None and t.lemma_.lower() in self.captive_verbs and \
                        path[n - 1].lemma_.lower() in self.captives and path[n - 1].dep_ == "dobj":
                    found = None  # "still hold several hundred prisoners": captivity, not an exchange
                if found is not None and t.lemma_.lower() in self.sighting and \
                        any(c.dep_ == "nummod" for c in path[n - 1].children):
                    found = None  # "observed 14 howitzers": seen, not kept
                if found is not None and t.lemma_.lower() in self.object_only and path[n - 1].dep_ != "dobj":
                    found = None  # "declared: any troop presence is …" reports; "declared a ceasefire" takes
                if found is not None and found[0] == "oppose" and \
                        any(p.dep_ == "prep" and p.lower_ in self.circumstances for p in path[1:n]):
                    found = None  # "freeze the line under a ceasefire": the truce is when, not what is undone
                if found is not None and found[1] > 2 and t.i < head.i < t.i + found[1] - 1 and \
                        head.right_edge.i >= t.i + found[1]:
                    found = None  # "stay out of NATO": the mention ("out of NATO") holds the phrase's last words
                if found is not None and found[1] > 1 and any(t.i < p.i < t.i + found[1] for p in counted):
                    found = None  # "warned against sanctions": the phrase's "against" has already counted
                if found is not None:
                    kinds.append(found[0])
                    counted.append(t)
                    anchor, agent = t, by
                    if found[0] == "oppose":
                        sign = -sign
                    conditional = conditional or found[0] == "conditional"
                    ready = ready or (found[0] == "support" and t.lemma_.lower() in self.readiness)
                    reversal = cue_at(t, self.reversals)
                    if reversal is not None and reversal[1] == found[1]:
                        previous = reversal[0]
            if t.pos_ in {"VERB", "AUX"} and (t.dep_ in {"ROOT", "conj", "ccomp"} or _content_clause(t) and
                                                  cue_at(t.head, self.cues) is None) and kinds \
                    and not (wanted and (from_subject or t.dep_ == "ccomp" and mandative(t))) and not second:
                # "wants [sanctions lifted]", "demanded [that X abandon Y]" (a mandative base form): the wanting
                # is above
                break  # the clause that holds the cue is complete
        own_cue = cue_at(head, self.cues) if head.pos_ == "VERB" else None
        answered = any(c.dep_ == "advcl" and c.lemma_.lower() in self.matcher.answering for c in head.children)
        if not kinds and head.pos_ == "VERB" and (any(c.dep_ == "aux" and c.lower_ in self.promising
                                                      for c in head.children) or
                                                  head.dep_ == "xcomp" and Holders.obliged(head) or
                                                  answered and own_cue is not None and own_cue[0] == "support"):
            # "we will exchange all prisoners", "shall withdraw from": the act promised; "the plant has to go
            # back to its operators": the act required; "should Lavresse be attacked, we commit to consult": a
            # promise that answers an attack
            kinds.append("support")
        elif not kinds and head.dep_ in {"ROOT", "ccomp", "conj"} and own_cue is not None and own_cue[0] == "support" \
                and own_cue[1] > 1:
            kinds.append("support")  # a cue phrase the topic's words begin with: "its future lies in the alliance"
            predicate = True  # (a statement: the speaker's, not the owner's of the future)
        elif not kinds and head.lemma_ == "be" and head.dep_ in {"ROOT", "ccomp", "conj"}:
            kinds.append("support")  # a term that holds its own verb: "our place is in the alliance"
            predicate = True
        elif not kinds and (attr := _what_it_will_be(head)) is not None:
            # "Ukraine will be a member of NATO": what its subject will be, said as a statement (not "is not a
            # member", a fact)
            kinds.append("support")
            anchor, predicate = attr.head, True
        if not conditional and "oppose" not in kinds and self._condition_phrase(anchor if kinds else path[-1]):
            conditional = True  # "supports a truce on condition that …"
        if not conditional and kinds and "oppose" not in kinds and self._strict_condition_after(anchor, head):
            conditional = True  # "ready to sign a ceasefire, but only if monitors …", wherever the parse hangs it
        if ready and "neutral" in kinds and "oppose" not in kinds and not negations:
            conditional = True  # "willing to discuss territorial issues": open to it, not for it
        if not kinds and not conditional and not negations:
            lead = demand_list_lead(head)
            if lead is not None:  # "its minimum conditions: the withdrawal of …, a renunciation of …"
                kinds, anchor = ["support"], lead
        if in_condition:  # "ready to agree a ceasefire if it came with an exchange of prisoners"
            # held by whoever sets the condition: the clause above it; a condition the parse hung on "said"
            # qualifies what was said ("said his government was ready …, but only if …"). Wanted as it is, or as
            # its own words say ("unless Caldera froze its bid": against the bid)
            while setter.dep_ in {"xcomp", "acomp"} and setter.head.i != setter.i:
                setter = setter.head  # "was ready to agree … if": the clause whose subject sets it
            # (or a "that" clause the parse hung lower, as a relative clause: "told reporters on arrival that …")
            reported = [c for c in setter.subtree if c.i < head.i and (c.dep_ == "ccomp" and c.head.i == setter.i
                        or c.dep_ == "relcl" and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children))]
            passive_act = cue_at(condition_verb, self.cues) if condition_verb is not None and any(
                c.dep_ == "auxpass" for c in condition_verb.children) else None
            if not kinds and passive_act is not None and passive_act[0] == "oppose":
                kinds = ["oppose"]  # "… only if arms deliveries were halted": the halt is what is asked
                sign = -sign
            if not kinds:
                kinds, negations = ["support"], 0
            if marker == "if" and (cue_at(setter, self.threats) or particle_cue(setter, self.threats)
                                   # "called for new sanctions if Moscow does not agree to a ceasefire"
                                   # (but "could ease sanctions if Moscow agrees to a ceasefire" rewards it)
                                   or (cue_at(setter, self.cues) or ("",))[0] != "oppose"
                                   and any(o.lemma_.lower() in self.penalties for c in setter.children
                                           if c.dep_ in {"dobj", "prep"} for o in [c, *c.children]
                                           if o.dep_ in {"dobj", "pobj"})):
                sign = -sign  # "will walk out if troops are deployed": the condition is what they threaten over
            conditional = False
            anchor = reported[-1] if reported else setter
        if not kinds and not conditional and not bare:
            return None
        if bare and not denied and not kinds and not conditional and (_states_a_fact(path) or self._described(path)):
            return None  # "which has no nuclear weapons", "there had been no artillery": a fact, not a position
        if negations % 2:
            sign = -sign
        if sign > 0 and not negations and not depended_on and any(c.dep_ == "aux" and c.lower_ in self.possible
                                              for t in read if t.pos_ in {"VERB", "AUX"} for c in t.children):
            conditional = True  # "Pellonia could send troops": an act possible, not promised
        if conditional:
            polarity = "conditional"
        elif kinds and all(k == "neutral" for k in kinds):
            auxes = [c for c in anchor.children if c.dep_ == "aux"]
            if not negations and (anchor.tag_ == "VBD" and not auxes or anchor.tag_ == "VBN" and auxes and
                                  all(c.lemma_ == "have" for c in auxes)):
                return None  # "We discussed air policing", "has talked about soldiers": a conversation reported
            polarity = "oppose" if negations % 2 else "neutral"  # "will not discuss": a refusal
        else:
            polarity = "support" if sign > 0 else "oppose"
        if polarity == "oppose" and negations and until and "neutral" not in kinds:
            # "will not sign a ceasefire until monitors are deployed" (but "will not talk about troops until …" is
            # a refusal to talk)
            polarity = "conditional"
        if polarity in {"support", "oppose"} and self._excepted(head):
            polarity = "conditional"  # "accepts monitors, minus Rampart nationals": all but some
        if (polarity == "oppose" or polarity == "support" and _only(anchor)) and _restricted(head):
            # "will not accept monitors from any state that arms Sarenne", "will only accept escorts from countries
            # outside the alliance": some, not all
            polarity = "conditional"
        up_to_cue = [*path[:path.index(anchor) + 1], anchor.head] if anchor in path else []
        if polarity == "oppose" and not negations and "oppose" in kinds and any(
                c.dep_ == "prep" and c.lower_ == "without" and c not in path and c.i > t.i
                for t in up_to_cue for c in t.children):
            # "rejects any deployment without a mandate", "will vote against the force without a mandate": only
            # without it
            polarity = "conditional"
        if polarity == "oppose" and 0 <= qualifies < negations and "oppose" not in kinds:
            # "would not sign a mandate that kept the monitors' findings secret": not that kind, another may do
            polarity = "conditional"
        if any(cue_at(t, self.open_when_negated) and any(c.dep_ == "neg" for c in t.children) for t in counted):
            polarity = "conditional"  # "has not ruled out sending troops": possible, not promised
        if no_longer and polarity in OPPOSITE:
            previous = OPPOSITE[polarity]
        if previous == polarity:
            previous = None  # "did not come around to it": no change reported
        strength = BASE_STRENGTH[polarity] + (0.3 if intense else 0.0) - (0.2 if hedged else 0.0)
        if negations and polarity == "oppose" and any(c.lower_ == "never" for t in path for c in t.children):
            strength += 0.2
        if negations and polarity == "support":
            strength -= 0.2  # "did not rule out": a weak yes
        # "Ukraine won't be part of NATO" is the speaker's statement; "Valdoria would make no concessions" the
        # subject's own refusal
        cueless = not kinds and not conditional and any(t.lemma_ == "be" for t in path)
        return Reading(polarity, round(max(0.1, min(1.0, strength)), 2), anchor, previous, predicate, earlier,
                       cueless=cueless, condition=in_condition, agent=agent)

    def _beside_the_act(self, path: list[Token]) -> bool:
        """A topic that only says when another act happens ("seek approval before any deployment"; but "no
        ceasefire before withdrawal", "would not sign before a ceasefire" refuse), or what a verb that takes no
        position speaks of ("want to hear about the talks")."""
        # (through the noun phrase it heads: "before any deployment of troops")
        k = next((k for k, t in enumerate(path) if t.pos_ not in {"NOUN", "PROPN"} and
                  not (t.dep_ == "prep" and t.lower_ == "of")), len(path))
        if k == 0 or k + 1 >= len(path) or path[k].dep_ != "prep" or path[k - 1].dep_ != "pobj":
            return False
        words = tuple(t.lower_ for t in path[k].doc[max(0, path[k].i - 1):path[k].i + 1])
        act = path[k + 1]
        if words[-1] == "about":  # ("talked about sanctions" is a cue of its own)
            return cue_at(act, self.cues) is None and particle_cue(act, self.cues) is None
        if not any(p == words[-len(p):] for p in self.time_preps):
            return False
        return act.pos_ in {"VERB", "NOUN"} and not any(
            c.dep_ == "neg" or c.dep_ == "det" and c.lower_ == "no" or c.dep_ == "nsubj" and names_no_one(c)
            for c in act.children)

    def _described(self, path: list[Token]) -> bool:
        """ "a ceasefire is not a destination": the topic, as subject of a copula, denied a noun that is not one
        of its options ("is not an option" refuses it)."""
        if len(path) < 2 or path[0].dep_ != "nsubj" or path[1].lemma_ != "be" or \
                any(c.dep_ == "aux" and c.lower_ in {"will", "wo", "would", "shall"} for c in path[1].children):
            return False  # ("our soldiers will not be a tripwire": a role refused)
        # (nor itself: "observers who come from countries that arm them are not observers")
        attrs = [c for c in path[1].children if c.dep_ == "attr" and c.pos_ == "NOUN"]
        if any(c.lemma_ == path[0].lemma_ for c in attrs):
            return False
        return bool(attrs) and not any(c.lemma_.lower() in self.options or
                                       " ".join(t.lower_ for t in c.subtree if t.dep_ != "det") in self.options
                                       for c in attrs)

    def _continuing(self, verb: Token) -> bool:
        """ "must stay", "will resume", "stay until the islands are free", "could only take place after …": the
        topic subject is to go on."""
        if cue_at(verb, self.continuing) is None:
            return False
        if any(c.tag_ == "MD" for c in verb.children):
            # "would remain in the sea for as long as they are needed", "would stay as long as the occupation
            # lasts": to go on for all that time
            after = [t for t in verb.subtree if t.i > verb.i]
            if any(says_how_long(after, k) for k in range(len(after))):
                return True
        starting = cue_at(verb, self.starting) is not None
        return any(c.dep_ == "aux" and (c.lemma_.lower() in self.continuing_modals or c.tag_ == "MD" and _only(verb) or
                                        starting and c.lower_ in {"will", "'ll"}) or
                   c.dep_ in {"prep", "mark", "advcl"} and c.lower_ == "until" or
                   c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == "until" for g in c.children)
                   for c in verb.children)

    def _announced(self, verb: Token) -> str | None:
        """ "troops will be deployed", "sanctions shall be lifted": a passive act promised with no agent is the
        speaker's announcement ("could be held": a possibility, made conditional below); the act's own cue says
        for or against the topic. (With an agent, the agent holds it: see `passive_agent`.)"""
        children = list(verb.children)
        # (or under way: "a second exchange is being prepared")
        if verb.pos_ != "VERB" or not any(c.dep_ == "auxpass" for c in children) or \
                not any(c.dep_ == "aux" and c.lower_ in self.announcing or c.dep_ == "auxpass" and c.lower_ == "being"
                        for c in children) or \
                any(c.dep_ == "agent" for c in children):
            return None
        found = cue_at(verb, self.cues)
        return found[0] if found is not None and found[0] in OPPOSITE else None

    def _judged(self, verb: Token) -> str | None:
        """ "regard X as a direct threat", "treated as parties to the conflict": the predicate after "as" (or
        with no "as": "calls the escorts an unnecessary militarisation")."""
        if verb.lemma_.lower() not in self.judging:
            return None
        # (the parse may hang "as" on the object's participle: "regard any troops deployed there as targets")
        hung = [g for c in verb.children if c.dep_ == "dobj" for a in c.children if a.dep_ == "acl"
                for g in a.children if g.dep_ == "prep" and g.lower_ == "as"]
        # ... or on a place phrase: "treat foreign troops on the islands as legitimate targets"
        hung += [g for c in verb.children if c.dep_ == "prep" and c.i > verb.i for o in c.children if o.dep_ == "pobj"
                 for g in o.children if g.dep_ == "prep" and g.lower_ == "as"]
        for child in [*verb.children, *hung]:
            if child.dep_ == "prep" and child.lower_ == "as" or \
                    child.dep_ in {"oprd", "xcomp"} and child.pos_ == "NOUN":
                for t in child.subtree:
                    found = cue_at(t, self.predicates)
                    if found is not None:
                        return found[0]
        return None

    def _predicate(self, copula: Token) -> tuple[str, Token] | None:
        """ "is a red line", "are a key demand": the predicate cue of a copula and its head word."""
        for child in copula.children:
            if child.dep_ == "prep" and child.i > copula.i and (found := cue_at(child, self.predicates)) is not None:
                return found[0], child  # "is out of the question", parsed as a preposition
            if child.dep_ in {"attr", "acomp"}:
                for t in child.subtree:
                    found = cue_at(t, self.predicates)
                    if found is not None:
                        return found[0], child
                # "is not something we will trade": what the relative clause on a light noun does to the subject
                if child.lemma_.lower() in {"something", "thing", "one"}:
                    for clause in child.children:
                        found = cue_at(clause, self.cues) if clause.dep_ == "relcl" else None
                        if found is not None and found[0] in OPPOSITE:
                            return found[0], child
        return None

    def _path(self, head: Token, stop: Token | None = None) -> tuple[list[Token] | None, bool]:
        """The mention's head and the tokens above it within its clause (None for a circumstance), and
        whether the climb stopped at an earlier time ("after months of refusing …"); up to `stop` if given."""
        path = [head]
        t = head
        text = doc_text(head.doc)
        while len(path) <= MAX_CLIMB and t.head.i != t.i and (stop is None or t.i != stop.i):
            # a clausal complement ends the climb ("X said …"), unless its verb takes a position itself
            # ("insists that any ceasefire be …", "demands that …")
            if t.dep_ == "parataxis" or t.dep_ == "ccomp" and cue_at(t.head, self.cues) is None and \
                    particle_cue(t.head, self.cues) is None and not asked_that(t, self.asking):
                break
            lo, hi = sorted((t.idx, t.head.idx))
            # a line is a paragraph or list item, and a semicolon ends a clause: parses that join them are wrong
            if "\n" in text[lo:hi] or ";" in text[lo:hi] and t.dep_ in {"ccomp", "conj", "parataxis"}:
                break
            if t.dep_ == "prep" and t.lower_ in self.earlier_markers and t.head.pos_ in {"VERB", "AUX"}:
                return path, True
            if bought_by(t) or names_a_kind(t):
                # "stop arms supplies as a condition for a ceasefire": what it would buy; "monitors from any State
                # that supplies weapons": which states
                return None, False
            t = t.head
            path.append(t)
            marks = {g.lower_ for g in t.children if g.dep_ == "mark"}
            # "… once the force deploys" is a circumstance, not a position on it; "if" is a condition and
            # "calls for an exchange to be agreed" an object that the parse made a clause
            if t.dep_ == "advcl" and not marks and t.tag_ == "VBG" and t.i > t.head.i and \
                    cue_at(t.head, self.cues) is not None:
                # "has ruled out sending soldiers": a gerund the parse took for a circumstance (not a fronted one:
                # "Adopting the resolution by a vote of 12 …, the Council requested …")
                continue
            if t.dep_ == "advcl" and not marks and t.tag_ == "VBG" and t.i > t.head.i and \
                    cue_at(t, self.cues) is not None and t.head.lemma_.lower() in default_lexicon().speech:
                continue  # "she said, urging both parties to sign the ceasefire": the speaker's own act, said aloud
            if t.dep_ == "advcl" and not marks and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children) \
                    and any(c.dep_ == "dobj" and c.i == t.left_edge.i - 1 and c.lemma_.lower() in self.request_nouns
                            for c in t.head.children):
                continue  # "resisted calls to provide missiles": what is called for (the parse's clause is the noun's)
            if t.dep_ == "advcl" and not marks and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children) \
                    and (t.head.lemma_.lower() in self.asking or cue_at(t.head, self.demanding) is not None):
                continue  # "called on the Union to open accession talks": what it is asked to do
            if t.dep_ == "advcl" and not marks and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
                noun = next((c for c in t.head.children if c.dep_ == "dobj" and c.right_edge.i == t.left_edge.i - 1
                             and c.lemma_.lower() in self.dispositions), None)
                if noun is not None:  # "welcomed the readiness of Norway to keep its escorts": the noun's clause
                    path[-1] = t = noun
                    continue
            if t.dep_ == "advcl" and not marks and t.head.lemma_.lower() in self.granting and \
                    any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
                continue  # "gave Putin 50 days to agree to a ceasefire": what the time is granted for is wanted
            if t.dep_ == "advcl" and not marks & (self.markers | {"for"}):
                if marks & self.asserting and cue_at(t, self.cues) is not None:
                    return path, False  # "even as the two sides agreed to extend the ceasefire": its own clause
                return None, False
        return path, False

    def _excepted(self, noun: Token) -> bool:
        """ "monitors except those from NATO states", "accepts monitors, minus Rampart nationals" (the parse may hang
        the exception on the verb): the topic with some of its kind left out."""
        if noun.pos_ not in {"NOUN", "PROPN"}:
            return False
        after = [c for c in noun.head.children if c.i > noun.i] if noun.dep_ == "dobj" else []
        return any(c.dep_ in {"prep", "cc"} and c.lower_ in self.excepting for c in [*noun.children, *after])

    def _fronted_when(self, word: Token, verb: Token) -> bool:
        """ "When their units leave the valley, we will stop firing", "once the guns are silent we should hold
        elections": a time clause before a promise or a duty sets the promise's condition."""
        return word.lower_ in self.fronted_time and word.dep_ in {"mark", "advmod"} and \
            word.head.dep_ == "advcl" and word.head.head.i == verb.i and word.i < verb.i and \
            any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)

    def _strict_condition_after(self, cue: Token, head: Token) -> bool:
        """A condition that can only restrict ("only if", "provided that") after the cue in its sentence, or an
        "only" on the cue over a clause or phrase of when ("will only agree to a ceasefire once Ukraine stops",
        "could only take place at the final stage"), unless the topic is in that clause: then it is what the
        holder asks for ("will only sign with a government formed after new elections")."""
        if _only(cue) and any(
                c.i > cue.i and not c.left_edge.i <= head.i <= c.right_edge.i
                and (c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in self.only_markers for g in c.children)
                     or c.dep_ == "prep" and c.lower_ in self.only_preps) for c in cue.children):
            return True
        tokens = list(cue.doc[cue.i + 1:sentence(cue).end])
        words = [t.lower_ for t in tokens]
        for k in range(len(words)):
            if says_how_long(tokens, k):
                continue
            for p in self.strict_conditions:
                if tuple(words[k:k + len(p)]) == p:
                    return True
        return False

    def _condition_phrase(self, verb: Token) -> bool:
        """'subject to', 'on condition that' inside the verb's own clause (not its conjuncts)."""
        skip = {i for c in verb.children if c.dep_ == "conj" for i in range(c.left_edge.i, c.right_edge.i + 1)}
        words = [t for t in verb.subtree if t.i not in skip]
        for k in range(len(words)):
            if says_how_long(words, k):
                continue
            for p in self.condition_phrases:
                if all(k + j < len(words) and (words[k + j].lower_ == w or words[k + j].lemma_.lower() == w)
                       for j, w in enumerate(p)):
                    return True
        return False


DEFINITE = {"the", "this", "that", "these", "those"}


def _restricted(noun: Token) -> bool:
    """A topic noun narrowed to some of its kind: "monitors from NATO states", "observers who are citizens of …"
    (not "foreign troops disguised as peacekeepers", which only describes them)."""
    if noun.pos_ not in {"NOUN", "PROPN"}:
        return False  # "withdraw from the highlands" is a place, not a kind
    if _who_is(noun):
        return True
    # "will not accept monitors from states that arm its enemy", "objection to observers from Rampart Alliance
    # states": the "from" parsed under the verb or noun the topic is the object of
    above = noun.head if noun.dep_ == "dobj" else noun.head.head if noun.dep_ == "pobj" else None
    if above is not None and any(c.dep_ == "prep" and c.lower_ == "from" and c.i > noun.i and any(
            g.dep_ == "pobj" and g.pos_ == "NOUN" and (_who_is(g) or any(d.dep_ == "compound" and d.pos_ == "PROPN"
                                                                        for d in g.children))
            for g in c.children) for c in above.children):
        return True
    for c in noun.children:
        # a kind of state ("from NATO states", "from any country that arms …"), not a named provider ("from the
        # OSCE", "from Poland"): the named one is all there is
        if c.dep_ == "prep" and c.lower_ == "from" and any(g.dep_ == "pobj" and g.pos_ == "NOUN" for g in c.children):
            return True
        # "escorts by ships of countries that have no stake": a doer narrowed by what it is or does
        if c.dep_ == "prep" and c.lower_ == "by" and any(g.dep_ == "pobj" and g.pos_ == "NOUN"
                                                         and any(d.dep_ == "relcl" for d in g.subtree)
                                                         for g in c.children):
            return True
        # "a ceasefire backed by security guarantees", "monitors vetted by both sides": a kind, by what is done to it
        # (but "the truce announced by Moscow" is the one truce it names)
        if c.dep_ == "acl" and c.tag_ == "VBN" and any(g.dep_ == "agent" for g in c.children) and \
                not any(d.dep_ == "poss" or d.dep_ == "det" and d.lower_ in DEFINITE for d in noun.children):
            return True
    return False


def _said_next(verb: Token) -> bool:
    """ "Let me begin with …", "let us turn to …": the order of a speech, not a position."""
    return verb.head.lemma_ == "let" and verb.head.i != verb.i and \
        any(c.dep_ == "nsubj" and c.lower_ in {"me", "us"} for c in verb.children)


def _content_clause(verb: Token) -> bool:
    """ "the statement … that his government is willing to exchange all detainees": a clause that says what a
    noun says, complete in itself."""
    return verb.dep_ == "acl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children)


def _coordinated(first: Token, second: Token) -> bool:
    """Whether two positions are read in coordinated clauses of one sentence ("has pledged air policing, and is
    considering jets once a truce holds"): each clause holds its own."""
    a, b = clause_verb(first), clause_verb(second)
    if a.i == b.i:
        return False
    for low, high in ((a, b), (b, a)):
        t = low
        while t.head.i != t.i and t.i != high.i:
            if t.dep_ == "conj" and t.pos_ in {"VERB", "AUX"} and t.head.i == high.i:
                return True
            t = t.head
    return False


def _not_before(head: Token, heads: set[int]) -> bool:
    """ "no troops will deploy before a ceasefire": the topic times a refused act on another topic, whose
    position it is (the truce makes it conditional); but in "will not sign anything before a ceasefire" the
    truce is what is wanted."""
    prep = head.head
    if head.dep_ != "pobj" or prep.lower_ != "before" or prep.dep_ != "prep":
        return False
    verb = prep.head
    return verb.pos_ in {"VERB", "AUX"} and any(
        c.dep_ == "neg" or c.dep_ in {"nsubj", "nsubjpass"} and names_no_one(c) for c in verb.children) and \
        any(c.dep_ in {"nsubj", "nsubjpass", "dobj"} and c.i in heads for c in verb.children)


def _what_it_will_be(head: Token) -> Token | None:
    """The predicate noun of "X will be [a member of NATO]" that the topic is or names ("will be a member of the
    Rampart Alliance"), under a modal, or None."""
    attr = head.head.head if head.dep_ == "pobj" and head.head.lower_ == "of" else head
    copula = attr.head
    if attr.dep_ != "attr" or copula.lemma_ != "be" or copula.dep_ not in {"ROOT", "ccomp", "conj"}:
        return None
    if not any(c.dep_ == "nsubj" for c in copula.children) or \
            not any(c.dep_ == "aux" and c.tag_ == "MD" for c in copula.children):
        return None
    return attr


def _told_apart(first: Token, second: Token) -> bool:
    """Whether two positions are given in two acts of saying ("is expected to provide air policing, the officials
    said, adding that it had ruled out combat missions"): each says its own."""
    speech = default_lexicon().speech

    def said_by(token: Token) -> Token | None:
        # (the verb that reports the clause, not the clause's own: "dismissed the proposal, saying …" is one act)
        return next((t for t in clause_verb(token).ancestors if t.lemma_.lower() in speech), None)

    a, b = said_by(first), said_by(second)
    return a is not None and b is not None and a.i != b.i


def _own_clause(verb: Token) -> list[Token]:
    """The tokens of `verb`'s clause, without a verb coordinated with it: in "has pledged air policing, and is
    considering jets once a truce holds" the truce times the jets only."""
    out: list[Token] = []
    stack = [verb]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if not (c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"} and t.i == verb.i))
    return sorted(out, key=lambda t: t.i)


def _cleft(path: list[Token]) -> list[Token]:
    """ "What we cannot accept is a pause …", "What we are not prepared to do is reward the invasion with land":
    the topic after "is" is read under the clause that "what" opens, as if it were its object."""
    for n, t in enumerate(path[1:], start=1):
        if t.lemma_ == "be" and path[n - 1].dep_ in {"attr", "xcomp"}:
            clause = next((c for c in t.children if c.dep_ == "csubj" and c.left_edge.lower_ == "what"), None)
            if clause is None:
                return path
            chain = [clause]  # ("are not prepared to do": through the readiness to the verb "what" is done by)
            while (below := next((g for g in chain[-1].children if g.dep_ in {"acomp", "xcomp"}), None)) is not None:
                chain.append(below)
            return path[:n] + chain[::-1]
        if t.pos_ in {"VERB", "AUX"} and not (t.dep_ == "xcomp" and t.head.lemma_ == "be"):
            return path  # (but "What we will not do is send soldiers": the act after "is")
    return path


def _who_is(noun: Token) -> bool:
    """A noun with a relative clause on what it is or does: "states that arm Sarenne", "observers who …"."""
    return any(c.dep_ == "relcl" and any(g.lower_ in {"who", "that", "which"} and g.dep_ in {"nsubj", "nsubjpass"}
                                         for g in c.children) for c in noun.children)


def _phrase_ending_at(prep: Token, cues: dict[tuple[str, ...], str]) -> tuple[str, int] | None:
    """A cue phrase whose last word is the preposition the path came through, where the parse hung it apart
    from the words before it ("spoke [in favour] [of a meeting]")."""
    if prep.dep_ != "prep":
        return None
    for k in (1, 2):
        if prep.i - k >= 0 and not prep.i - k <= prep.head.i < prep.i and \
                (found := cue_at(prep.doc[prep.i - k], cues)) is not None and found[1] == k + 1:
            return found
    return None


def _only(verb: Token) -> bool:
    """ "will only accept …", "would cooperate only with …": the verb is limited to what follows."""
    limited = [verb, *(c for c in verb.children if c.dep_ == "prep")]
    return any(c.dep_ == "advmod" and c.lower_ == "only" for t in limited for c in t.children)


def _states_a_fact(path: list[Token]) -> bool:
    """A bare "no X" in a relative clause, in the past, or under a present "have" describes; "there will be no
    troops" and "no troops" on their own declare."""
    verb = next((t for t in path if t.pos_ in {"VERB", "AUX"}), None)
    if verb is None:
        return False
    if verb.dep_ == "relcl":
        return True
    modal = any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)
    if modal:
        return False
    past = verb.tag_ in {"VBD", "VBN"} or any(c.dep_ == "aux" and c.tag_ == "VBD" for c in verb.children)
    return past or verb.lemma_ == "have"


@register("stances")
def make_stance_extractor(resources_: Resources) -> StanceExtractor:
    return StanceExtractor(resources_)
