"""The guarantee ledger: commitments {actor, action, topic, modality, evidence}.

A commitment is a verb (or "ready"/"prepared" adjective) from the modality lexicon in
`data/record_cues.yaml` ("signed", "has offered", "is ready to", "ruled out", "called for", "confirmed
participation"), not negated, in the active voice, whose object side names a topic of `data/topics.yaml`.
The actor is the clause's subject, or for a list item ("- Estmark — has offered two frigates") every
actor the item names before its verb. One record per actor and topic.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from peacewatch.contract import Commitment
from peacewatch.extractors.base import Resources, register
from peacewatch.extractors.record import (
    FIRST_PERSON,
    Holders,
    TopicMatcher,
    TopicMention,
    anaphoric_mentions,
    answers_alone,
    asked_clause,
    asked_that,
    asks,
    asks_another,
    bare_answer,
    bought_by,
    condition_clause,
    cue_at,
    default_topics,
    demand_list_lead,
    demand_named_again,
    evidence_range,
    holders_of,
    in_checked_claim,
    in_heading,
    inside_predicates,
    introduces_alternative,
    labelled_list_item,
    latest_demands,
    line_of,
    list_item_prefix,
    mandative,
    names_a_kind,
    names_no_one,
    negated_between,
    only_dates,
    opens_with,
    participle_agent,
    particle_cue,
    passive_agent,
    phrase_table,
    record_cues,
    relative_mentions,
    says_how_long,
    second_statement,
    sets_apart,
    stative_participle,
    subject_of,
    two_sentences_before,
    until_markers,
)
from peacewatch.spans import doc_text, sentence, text_span

CUE_POS = {"VERB", "AUX", "ADJ"}
#: what a list of labelled items under "Key pledges:" or "What each country offered:" commits each label to
LABELLED_MODALITIES = {"pledged", "offered", "signed", "ready", "considering"}
MAX_ACTION_TOKENS = 12  # `action` is a short verb phrase, not the clause


class CommitmentExtractor:
    name = "commitments"

    def __init__(self, resources_: Resources, matcher: TopicMatcher | None = None) -> None:
        self.matcher = matcher or default_topics(resources_.topic_files)
        self.cues = phrase_table(record_cues()["commitments"])
        self.negations = {w.lower() for w in record_cues()["stances"]["negations"]}
        self.non_complements = {w.lower() for w in record_cues()["non_commitment_complements"]}
        self.topic_acts = phrase_table({"pledged": record_cues()["stances"]["topic_acts"]})
        self.hoping = {w.lower() for w in record_cues()["hoping_verbs"]}
        self.unsigned = {str(t) for t in record_cues()["unsigned_topics"]}
        self.enacting = {str(w).lower() for w in record_cues()["enacting"]}
        self.declared = {str(t) for t in record_cues()["declared_by_treaty"]}
        self.treaty_parties = {str(w).lower() for w in record_cues()["treaty_parties"]}
        # phrase tables, as some of these are phrases ("take part in")
        self.future_pledges = phrase_table({"pledged": record_cues()["future_pledges"]})
        self.renewing = {w.lower() for w in record_cues()["renewing_verbs"]}
        self.obliged_acts = phrase_table({"demanded": record_cues()["future_pledges"] + record_cues()["obliged_acts"]})
        self.future_aux = {w.lower() for w in record_cues()["future_auxiliaries"]}
        self.future_verbs = {w.lower() for w in record_cues()["future_verbs"]}
        self.expected_verbs = {w.lower() for w in record_cues()["expected_verbs"]}
        self.refusal_nouns = {w.lower() for w in record_cues()["refusal_nouns"]}
        self.asking = {w.lower() for w in record_cues()["asking_verbs"]}
        self.refusable = phrase_table({"refused": record_cues()["refusal_when_negated"]})
        self.refused_now = {w.lower() for w in record_cues()["refusal_when_negated_now"]}
        self.open_when_negated = phrase_table({"considering": record_cues()["stances"]["open_when_negated"]})
        self.object_only = {w.lower() for w in record_cues()["object_only_cues"]}
        self.mutual = {w.lower() for w in record_cues()["mutual_agreement"]}
        self.requirements = phrase_table({"demanded": record_cues()["requirement_verbs"]
                                          + record_cues()["following_verbs"]})
        self.following = {w.lower() for w in record_cues()["following_verbs"]}
        kept = record_cues()["kept_topics"]
        self.kept_verbs = {w.lower() for w in kept["verbs"]}
        self.demanding_modals = {w.lower() for w in kept["demanding_modals"]}
        self.pledging_modals = {w.lower() for w in kept["pledging_modals"]}
        self.assurances = {w.lower() for w in record_cues()["assurance_nouns"]}
        self.judging = {w.lower() for w in record_cues()["stances"]["judging_verbs"]}
        self.talking = {w.lower() for w in record_cues()["stances"]["neutral"]}
        # what undoes a position: "dropped", "abandoned", and the reversals away from one ("backed away from")
        self.undoing = phrase_table({"oppose": record_cues()["stances"]["oppose"]
                                     + record_cues()["stances"]["reversals"]["support"]})
        # ("will not apply them", "will send them": a pronoun after a verb that refuses or pledges when said of
        # it, but not one that undoes it: "we will not withdraw it" keeps the application)
        self.pronoun_cues = {**{k: v for k, v in {**self.refusable, **self.future_pledges}.items()
                                if k not in self.undoing}, **self.cues}

    def __call__(self, doc: Doc) -> list[Commitment]:
        holders = holders_of(doc)
        judged = inside_predicates(doc)  # ("is not open to negotiation": no talks are refused)
        found = [m for m in self.matcher.outermost(doc) if m.head not in judged]
        # (and a noun standing for a topic named before: "Aldwyn has promised a force")
        found += [m for m in self.matcher.standing_for(doc, found) if m.head not in judged and not m.opposite]
        found.sort(key=lambda m: m.first)
        pronouns = anaphoric_mentions(doc, found, self.pronoun_cues)
        holders.topic_pronouns.update(m.head for m in pronouns if doc[m.head].pos_ == "PRON")
        # ("ready to patrol from the first hour of a ceasefire" commits to no ceasefire)
        # (and a relative pronoun for what its clause acts on: "the ceasefire, which the two sides agreed to extend")
        relatives = list(relative_mentions(doc, found))
        mentions = sorted((m for m in found + pronouns + relatives if not only_dates(doc[m.head])),
                          key=lambda m: m.first)
        out: list[Commitment] = []
        seen: set[tuple[str, str, int, bool]] = set()
        text = doc_text(doc)
        for token in doc:
            owner = holders.owner(token)  # "Kesh's demand that …", "their offer of troops"
            if token.pos_ not in CUE_POS and not owner or token.dep_ in {"amod", "compound"} and \
                    not _predicate_after_dash(token):
                continue
            if owner and self._own_position_undone(token, holders, owner):
                continue  # "Washington dropped its demand for a ceasefire": no longer demanded
            if token.dep_ == "acl" and token.head.lemma_.lower() in self.assurances and \
                    any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children):
                continue  # "wants guarantees that Ukraine will never join NATO": what another wants assured
            if in_checked_claim(doc, token) or in_heading(doc, token):
                continue  # "THE CLAIM: 'Vantor has pledged soldiers'": under check; a heading: said below
            if _describes_unnamed(token, holders):
                continue  # "would not accept any plan that required it to give up Donbas": what the plan says
            modality = self._modality(token)
            if modality is not None and (question := asked_clause(token)) is not None:
                # "Asked whether Russia would accept peacekeepers, Lavrov said: 'No.'": the question commits no one
                if bare_answer(question[0]) != "no" or modality not in {"ready", "pledged", "offered", "signed"}:
                    continue
                modality = "refused"
            if modality != "refused" and token.dep_ == "xcomp" and any(c.lower_ == "to" for c in token.children) \
                    and (above := cue_at(token.head, self.cues)) is not None and above[0] == "refused":
                continue  # "refused to commit troops", "declined to discuss": the refusal is the commitment
            if modality not in {None, "refused", "demanded"} and self._demanded_clause(token):
                continue  # "demands that Ukraine withdraw and accept neutral status": asked of Ukraine, not promised
            obliged = modality is None and self._obliged_act(token)
            if obliged:
                modality = "demanded"  # "the Union must lift the embargo": asked of the Union by whoever says so
            if modality is None or asks(token):
                continue  # (a question commits no one: "Will Pellonia also provide air defence?")
            if modality == "considering" and any(c.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ == "that"
                                                                          for g in c.children)
                                                 for c in token.children):
                continue  # "considers that a presence at the plant is essential": a judgement, nothing weighed
            if any(c.dep_ == "xcomp" and c.lemma_.lower() in self.non_complements for c in token.children):
                continue  # "declined to say …": a statement about speaking, not a commitment
            if modality == "offered" and token.dep_ == "xcomp" and token.head.lemma_.lower() in self.hoping:
                continue  # "hopes to table a ceasefire text": not yet offered
            # (what is demanded may be a negation: "calls on the Union not to ease any sanctions")
            topics = [m for m in self._topics(doc, token, mentions, self.cues)
                      if modality in {"refused", "demanded"} or not negated_between(doc, token.i, m.first,
                                                                                    self.negations)]
            agent = passive_agent(token)
            if agent is None and (doer := participle_agent(token)) is not None and modality in {"offered", "pledged"}:
                agent = doer  # "the moratorium proposed by Haldor": what Haldor offered
                topics += [m for m in mentions if m.head == token.head.i]
            # ("a vote could be held within six months": an act weighed, announced as a possibility)
            announced = agent is None and _announced_passive(token, self.negations, ANNOUNCING_MODALS)
            # "the stabilisation force will deploy after a ceasefire": a topic's own act, announced
            acting = agent is None and not announced and self._topic_acts_announced(token, mentions)
            announced = announced or acting
            if agent is not None or announced or obliged:
                # "guarantees were promised by Vantor", "elections would be held": the topic is the passive's subject
                # (or the acting one's: "the force will deploy")
                subjects = {"nsubjpass", "nsubj"} if obliged or acting else {"nsubjpass"}  # ("Belvo must return")
                topics += [m for m in mentions if any(c.dep_ in subjects and c.left_edge.i <= m.head <= c.i
                                                      for c in token.children)]
            if modality == "refused" and not topics:
                # "no Ardallian soldier will deploy": the refused act's topic is its own negated subject
                topics = [m for m in mentions if any(c.dep_ == "nsubj" and names_no_one(c) and c.i == m.head
                                                     for c in token.children)]
            if token.lemma_.lower() in self.object_only:
                # (or the cue's own action: "announced a 500 million euro package")
                topics = [m for m in topics if m.head == token.i or doc[m.head].dep_ == "dobj"
                          and doc[m.head].head.i == token.i]
            replied_to: list[Commitment] = []
            if not topics and modality in {"refused", "demanded"} and token.pos_ == "VERB" and \
                    token.dep_ in {"conj", "ROOT"} and answers_alone(token):
                # "Russia insists on a withdrawal; Ukraine refuses": the answer is about what was just committed
                replied_to = [c for c in out if c.evidence.start == evidence_range(doc, token)[0]]
                topics = [TopicMention(c.topic, token.i, token.i, token.i) for c in replied_to]
            if not topics:
                continue
            if _unnamed_in_circumstance(token) and not holders.subject_actors(token):
                continue  # "…, a day after two dozen countries pledged troops": not the speaker's pledge
            start, end = evidence_range(doc, token)
            if announced and not owner:
                # the announcer, not a name in the subject ("elections in Karsavia will be held")
                said = holders.speaker(token.idx, token.idx + len(token))
                actors = holders.parties(holders.speaker_actors(said) if said is not None else list(holders.voices))
            else:
                actors = holders.parties(owner or (holders.named_by(agent) if agent is not None else
                                                   holders.holders(token, token.idx, token.idx + len(token), at=token)))
            if obliged and (set(actors) & set(holders.subject_actors(token)) or
                            getattr(subject_of(token), "lower_", None) in FIRST_PERSON):
                continue  # "we must send troops", or a narrator's "Karsavia must …": nobody else asks it
            if modality in {"ready", "pledged", "offered"} and not owner and agent is None and \
                    holders.obliged(token) and not set(actors) & set(holders.subject_actors(token)):
                modality = "demanded"  # "Merz said Europe must be prepared to provide guarantees": asked of others
            elif modality in {"ready", "pledged", "offered"} and not owner and agent is None and \
                    holders.obliged(token) and getattr(subject_of(token), "lower_", None) not in FIRST_PERSON:
                continue  # "Karsavia must accept a non-nuclear status", unattributed: an obligation, not its pledge
            mutual = False  # an agreement the parties concluded together (talks are held, not signed)
            if modality == "pledged" and token.lemma_.lower() in self.mutual:
                concluded = len(actors) > 1 and (token.tag_ in {"VBD", "VBN"}
                                                 or any(c.tag_ in {"VBZ", "VBP"} for c in token.children))
                # ... but "agreed to conclude a treaty", "agreed to sign": the signing is still to come
                concluded = concluded and not any(c.dep_ == "xcomp" and (c.lemma_.lower() in self.mutual or (
                    cue_at(c, self.cues) or ("",))[0] == "signed") for c in token.children)
                # ... and "agreed to establish a working group", "agreed that barges may pass": acts to come, each
                # side's pledge (but "agreed to extend their ceasefire" renews what they concluded)
                concluded = concluded and not any(
                    c.dep_ == "xcomp" and c.lemma_.lower() not in self.renewing or c.dep_ == "ccomp"
                    for c in token.children)
                if concluded:
                    modality = "signed"  # "the two sides agreed to extend their ceasefire": a concluded agreement
                    mutual = True
                elif not any(c.dep_ == "xcomp" for c in token.children):
                    continue  # "the parties shall agree on a mechanism": an agenda until it is agreed
            for mention in topics:
                for actor in actors:
                    key = (actor, mention.topic, sentence(token).start, modality == "refused")
                    on_topic = self._topic_modality(token, mention.topic, modality, mutual)
                    shown = (start, end)
                    if key in seen and (own := second_statement(token)) is not None and any(
                            c.actor == actor and c.topic == mention.topic and c.modality == on_topic and
                            c.evidence.start == start for c in out):
                        # "We will never recognise X, and we reject Y": two statements of it, the second shown by
                        # its own words
                        key = (*key, own.i)
                        shown = max(start, own.left_edge.idx), min(end, own.right_edge.idx + len(own.right_edge))
                    if key in seen or any(c.actor == actor for c in replied_to):
                        continue
                    seen.add(key)
                    # (a passive names its topic first: "maritime support will be provided by …")
                    first = token if mention.first > token.i else doc[max(mention.first, token.i - MAX_ACTION_TOKENS)]
                    last = doc[max(token.i, min(mention.last, token.i + MAX_ACTION_TOKENS))]
                    action = text_span(text, first.idx, last.idx + len(last)).text
                    out.append(Commitment(id=f"commitment-{len(out) + 1}", actor=actor,
                                          action=" ".join(action.split()), topic=mention.topic,
                                          modality=on_topic,  # type: ignore[arg-type]
                                          evidence=text_span(text, *shown)))
        for mention in mentions:  # "Key pledges:" over "- Germany: 2 billion euros for air defence"
            item = labelled_list_item(doc[mention.head])
            found = cue_at(item[1], self.cues) if item is not None else None
            if item is None or found is None or found[0] not in LABELLED_MODALITIES or any(
                    t.dep_ in {"nsubj", "nsubjpass"} for t in sentence(doc[mention.head]) if t.idx > item[0][1]):
                continue  # (an item that is a sentence with its own subject says who does what itself)
            self._listed(doc, out, seen, mention, holders.parties(holders.actors_in_chars(*item[0])), found[0])
        for mention in mentions:  # "any ceasefire must be preceded by the withdrawal of forces"
            verb = self._requiring(doc[mention.head])
            if verb is not None and not negated_between(doc, verb.i, verb.i, self.negations):
                said = holders.speaker(verb.idx, verb.idx + len(verb))
                actors = holders.parties(holders.speaker_actors(said) if said is not None else
                                         holders.subject_actors(verb.head) if verb.dep_ == "ccomp" else
                                         list(holders.voices))
                self._listed(doc, out, seen, mention, actors, "demanded")
        for mention in mentions:  # "sanctions must stay until …", "the sanctions would stay in place until …"
            kept = self._kept(doc[mention.head])
            if kept is not None:
                verb, modality = kept
                said = holders.speaker(verb.idx, verb.idx + len(verb))
                # (the voice's own clause, not one under "the partners agreed that …")
                actors = holders.speaker_actors(said) if said is not None else \
                    list(holders.voices) if verb.dep_ == "ROOT" else []
                self._listed(doc, out, seen, mention, holders.parties(actors), modality)
        for mention in mentions:  # "its minimum conditions: the withdrawal of …, a renunciation of …"
            head = doc[mention.head]
            lead = demand_list_lead(head)
            if lead is not None:
                self._listed(doc, out, seen, mention, holders.parties(
                    holders.owner(lead) or holders.holders(lead, head.idx, head.idx + len(head), at=head)), "demanded")
        out += self._answered_demands(doc, holders, out, seen)
        return out

    def _answered_demands(self, doc: Doc, holders: Holders, out: list[Commitment],
                          seen: set[tuple[str, str, int, bool]]) -> list[Commitment]:
        """ "Kesh demands that Valdoria leave the valley. … Valdoria rejected the demand": a demand named again
        by a demonstrative is what another actor demanded in the sentences just before, and rejecting it refuses
        that. (Accepting it is left alone: "then it can accept these conditions" promises nothing.)"""
        answers: list[Commitment] = []
        text = doc_text(doc)
        for noun in doc:
            if not demand_named_again(noun):
                continue
            verb = noun.head
            found = cue_at(verb, self.cues)
            if found is None or found[0] != "refused" or any(c.dep_ == "neg" for c in verb.children):
                continue
            start, end = evidence_range(doc, verb)
            answering = holders.parties(holders.holders(verb, start, end))
            window = two_sentences_before(noun)
            wanted = [c for c in out if c.modality == "demanded" and window <= c.evidence.start
                      and c.evidence.end <= noun.idx and c.actor not in answering]
            if not wanted:
                continue
            _, topics = latest_demands(wanted)
            first, final = sorted((verb, noun), key=lambda t: t.i)
            action = " ".join(text[first.idx:final.idx + len(final)].split())
            for actor in answering:
                for topic in topics:
                    key = (actor, topic, sentence(verb).start, True)
                    if key in seen:
                        continue
                    seen.add(key)
                    answers.append(Commitment(id=f"commitment-{len(out) + len(answers) + 1}", actor=actor,
                                              action=action, topic=topic, modality="refused",
                                              evidence=text_span(text, start, end)))
        return answers

    def _kept(self, head: Token) -> tuple[Token, str] | None:
        """A topic said to stay as it is, under a modal, until something happens or for as long as it lasts: its
        verb, and the modality: under "must" or "should" what the speaker demands ("sanctions must stay until the
        last soldier has gone"), under "will" or "would" what they pledge ("would stay in place until the
        islands are returned"); not negated."""
        verb = head.head
        if head.dep_ not in {"nsubj", "nsubjpass"} or verb.lemma_.lower() not in self.kept_verbs or \
                negated_between(head.doc, verb.i, verb.i, self.negations):
            return None
        modals = {c.lower_ for c in verb.children if c.dep_ == "aux" and c.tag_ == "MD"}
        after = [t for t in verb.subtree if t.i > verb.i]
        lasting = any(t.lower_ in until_markers() for t in after) or \
            any(says_how_long(after, k) for k in range(len(after)))
        if not lasting:
            return None
        if modals & self.demanding_modals:
            return verb, "demanded"
        if modals & self.pledging_modals:
            return verb, "pledged"
        return None

    def _requiring(self, head: Token) -> Token | None:
        """The verb that makes a topic what something else must have, under a modal: "any ceasefire must be
        preceded by the withdrawal of forces", "an extension must come with monitors and with the exchange", "a
        ceasefire can only follow a withdrawal"."""
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head  # "… the withdrawal of marines and the handover of the barrage"
        t = head.head
        if head.dep_ == "pobj" and t.dep_ in {"agent", "prep", "conj"}:
            while t.dep_ == "conj" and t.head.i != t.i:
                t = t.head  # ("with monitors and with the exchange": the second "with" hangs on the first)
            t = t.head
        elif not (head.dep_ == "dobj" and t.lemma_.lower() in self.following):
            return None
        if cue_at(t, self.requirements) is None or not any(c.tag_ == "MD" for c in t.children) or \
                not any(c.dep_ in {"nsubj", "nsubjpass"} for c in t.children):
            return None
        return t

    @staticmethod
    def _listed(doc: Doc, out: list[Commitment], seen: set[tuple[str, str, int, bool]], mention: TopicMention,
                actors: list[str], modality: str) -> None:
        """One commitment per actor for a topic named in a list under its lead: the topic's words are the action."""
        head, first, last = doc[mention.head], doc[mention.first], doc[mention.last]
        text = doc_text(doc)
        start, end = evidence_range(doc, head)
        for actor in actors:
            key = (actor, mention.topic, sentence(head).start, modality == "refused")
            if key not in seen:
                seen.add(key)
                out.append(Commitment(id=f"commitment-{len(out) + 1}", actor=actor, topic=mention.topic,
                                      action=" ".join(text[first.idx:last.idx + len(last)].split()),
                                      modality=modality,  # type: ignore[arg-type]
                                      evidence=text_span(text, start, end)))

    def _topic_modality(self, token: Token, topic: str, modality: str, mutual: bool) -> str:
        """The modality on this topic: talks agreed are pledged, not signed; a treaty's "The Parties shall cease
        all hostilities" declares the truce it is (signed), where its other "shall" clauses are pledges."""
        if mutual and topic in self.unsigned:
            return "pledged"
        if modality == "pledged" and topic in self.declared and any(
                c.dep_ == "aux" and c.lower_ == "shall" for c in token.children) and \
                (subject := subject_of(token)) is not None and subject.lemma_.lower() in self.treaty_parties:
            return "signed"
        return modality

    def _topic_acts_announced(self, verb: Token, mentions: list[TopicMention]) -> bool:
        """ "the stabilisation force will deploy", "the frigates will patrol": what a topic named as the subject
        will do, under "will" and not negated, is announced by whoever says it (not "Germany's brigade": a named
        subject pledges it itself)."""
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return subject is not None and cue_at(verb, self.topic_acts) is not None and \
            any(m.head == subject.i for m in mentions) and not names_no_one(subject) and \
            not any(c.dep_ == "poss" or c.pos_ == "PROPN" or c.dep_ == "amod" and c.text[:1].isupper()
                    for c in subject.children) and \
            any(c.dep_ == "aux" and c.lower_ in {"will", "shall", "'ll"} for c in verb.children) and \
            not any(c.dep_ == "neg" or c.lower_ in self.negations for c in verb.children)

    def _demanded_clause(self, token: Token) -> bool:
        """Whether the verb (or the verb it is coordinated with) is the "that" clause of a demand: "Moscow demands
        that Ukraine withdraw and accept neutral status" asks both acts of Ukraine."""
        t = token
        while t.dep_ == "conj" and t.head.i != t.i:
            t = t.head
        if t.dep_ != "ccomp" or not mandative(t):
            return False
        above = cue_at(t.head, self.cues)
        return above is not None and above[0] == "demanded"

    def _modality(self, token: Token) -> str | None:
        """The cue's modality; a future or "never" refusal ("would never accept"); a future pledge ("would send")."""
        lemma = token.lemma_.lower()
        if (done := _what_is_done(token)) is not None:
            # "What I will not do is send soldiers": the act after "is", negated or promised in the clause before
            if any(c.dep_ == "neg" or c.lower_ == "never" for c in done.children):
                return "refused" if cue_at(token, self.refusable) else None
            if any(c.dep_ == "aux" and c.lower_ in self.future_aux for c in done.children) and \
                    cue_at(token, self.future_pledges):
                return "pledged"
        if lemma in self.judging and (any(c.dep_ == "dobj" for c in token.children) or any(
                g.dep_ == "nsubj" for c in token.children if c.dep_ == "ccomp" for g in c.children)) and any(
                c.dep_ in {"ccomp", "oprd", "xcomp"} and c.pos_ in {"ADJ", "NOUN"}
                or c.dep_ == "prep" and c.lower_ == "as" for c in token.children):
            return None  # "considers the deployment unacceptable", "considers it a threat": a judgement
        # "is going to provide": the future and its negation sit on "going"
        going = token.dep_ == "xcomp" and (
            token.head.lemma_.lower() in self.future_verbs and token.head.tag_ == "VBG"
            # "is expected to provide", "is due to deliver"
            or token.head.lemma_.lower() in self.expected_verbs and token.head.tag_ in {"VBN", "JJ"})
        verbs = [token, token.head] if going else [token]
        future = going or any(c.dep_ == "aux" and c.lower_ in self.future_aux for c in token.children)
        if cue_at(token, self.refusable) and token.pos_ in {"VERB", "AUX"}:
            if _supposed(token):
                return None
            if self._no_intention(token):
                return "refused"  # "has no intention of sending troops", "no plans to deploy forces"
            never = any(c.lower_ == "never" for v in verbs for c in v.children)
            # "nobody is going to send troops", "no government I lead will trade land"
            negated = never or any(c.dep_ == "neg" or c.dep_ == "nsubj" and names_no_one(c)
                                   for v in verbs for c in v.children)
            # "would make no territorial concessions": the negation on the object
            negated = negated or any(c.dep_ == "dobj" and any(g.dep_ == "det" and g.lower_ == "no" for g in c.children)
                                     for c in token.children)
            able = any(c.dep_ == "aux" and c.lemma_.lower() in {"can", "could"} for c in token.children)
            if negated and (future or never or able):  # "would never accept", "cannot accept"
                return "refused"
            # "does not accept the ceasefire in its present form", "it does not apply them": a position held now
            now = token.tag_ in {"VBZ", "VBP"} or token.tag_ == "VB" and any(
                c.dep_ == "aux" and c.lemma_ == "do" and c.tag_ in {"VBZ", "VBP"} for c in token.children)
            if negated and now and lemma in self.refused_now:
                return "refused"
        if lemma in self.asking and token.pos_ == "VERB" and asks_another(token):
            # (but "does not want the Union to ease sanctions" wants it not done)
            if any(c.dep_ == "neg" and lemma != "want" or c.dep_ == "nsubj" and names_no_one(c)
                   for c in token.children):
                return None  # "Nobody is asking Marvaine to give up land", "we are not asking …": no demand made
            return "demanded"  # "wants the Union to ease sanctions", "asked the Council to send inspectors"
        if any(asked_that(c, self.asking) for c in token.children) and self._asserted(token, self.negations):
            return "demanded"  # "has asked that the return of the children be included": a subjunctive asked for
        if lemma in self.asking and token.pos_ == "VERB" and any(
                c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
                for c in token.children):
            return None  # "wants to exchange prisoners": the subject's own wish, no demand
        found = cue_at(token, self.cues)
        if found is None and token.pos_ == "VERB":  # "has asked partners for a treaty": the phrase split by its object
            found = particle_cue(token, self.cues, {g.i for o in token.children if o.dep_ == "dobj"
                                                    for g in o.children if g.dep_ == "prep"})
        if found is not None and found[0] == "ready" and any(
                c.dep_ in {"xcomp", "acl"} and c.lemma_.lower() not in self.talking and
                (cue_at(c, self.cues) or ("",))[0] == "considering" for c in token.children):
            return "considering"  # "ready to consider a force": to weigh it, not to do it
        if found is not None and cue_at(token, self.open_when_negated) and any(c.dep_ == "neg" for c in token.children):
            return "considering"  # "has not ruled out sending troops"
        if found is not None and found[0] == "considering" and token.tag_ == "VBD" and lemma in self.talking:
            return None  # "We discussed air policing": a conversation reported, nothing weighed by anyone
        if found is not None and token.tag_ == "VBG" and not any(c.dep_ == "aux" for c in token.children) \
                and list_item_prefix(token.doc, token) is None:  # "- Isles — considering air support" commits
            return None  # "accepting a ceasefire would be the concession": a gerund names an act, commits no one
        if found is not None and token.pos_ == "NOUN":
            return found[0]  # a position noun with its owner: "Kesh's demand", "her offer"
        if found is not None and found[0] == "ready" and token.dep_ == "acomp" and not _supposed(token) and \
                any(c.dep_ == "neg" for c in [*token.children, *token.head.children]):
            return "refused"  # "Ukraine was not ready to give up territory": a refusal, not a readiness
        # (an enacting verb needs no cue of its own: "the Council established the mission")
        if lemma in self.enacting and token.pos_ == "VERB" and (
                token.tag_ in {"VBD", "VBZ"} and not any(c.dep_ == "aux" for c in token.children)
                or token.tag_ == "VBN" and token.dep_ == "acl"
                # "parliament voted by 402 to 171 to approve the force"
                or token.head.lemma_ == "vote" and token.head.tag_ in {"VBD", "VBZ"}
                and token.dep_ in {"xcomp", "advcl"}
        ) and self._asserted(token, self.negations):
            return "signed"  # "the Union extended its sanctions", "the package, adopted on Wednesday": enacted
        if found is not None and lemma in self.enacting and any(
                c.dep_ == "aux" and c.lower_ in {"might", "may", "could"} for c in token.children):
            return "considering"  # "Montevar might extend air policing to the coast": weighed, not promised
        if found is not None and self._asserted(token, self.negations):
            # "will sign" is a promise and "would sign", "could accept" a readiness, not a signature or a pledge
            if found[0] == "signed" or found[0] == "pledged" and lemma in {"accept", "agree"}:
                modals = {c.lower_ for c in token.children if c.dep_ == "aux"}
                if "could" in modals and lemma in {"accept", "agree"}:
                    return "considering"  # "it could accept monitors": possible, as "could send troops" is
                if modals & {"would", "could", "'d"}:
                    return "ready"
                if modals & {"will", "shall", "'ll"}:
                    return "pledged"
            return found[0]
        pledge = (cue_at(token, self.future_pledges) or particle_cue(token, self.future_pledges)) is not None and \
            not opens_with(token)
        if pledge and future and self._asserted(token, self.negations):
            return "pledged"
        if pledge and token.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in token.children) \
                and any(c.dep_ == "dobj" for c in token.children) and self._asserted(token, self.negations):
            return "pledged"  # "is preparing a new package of sanctions": under way (not "preparing for …")
        if pledge and (future or any(c.dep_ == "auxpass" and c.lower_ == "being" for c in token.children)) and \
                _announced_passive(token, self.negations):
            # "elections would be held within six months", "a second exchange is being prepared": the act announced
            return "pledged"
        if pledge and self._asserted(token, self.negations) and any(
                c.dep_ == "aux" and c.lower_ in {"could", "might"} for c in token.children):
            return "considering"  # "Pellonia could send troops": an act weighed, not promised
        if pledge and _announced_passive(token, self.negations, frozenset({"could", "might"})):
            return "considering"  # "a vote could be held within six months": weighed, by whoever says so
        return None

    def _obliged_act(self, verb: Token) -> bool:
        """ "must lift the embargo", "should hold elections", "must be held by June": an act under an obligation
        (a question is left to the caller)."""
        return verb.pos_ == "VERB" and cue_at(verb, self.obliged_acts) is not None and Holders.obliged(verb) and \
            not _supposed(verb) and not opens_with(verb)

    def _own_position_undone(self, noun: Token, holders: Holders, owner: list[str]) -> bool:
        """ "dropped its demand", "has backed away from its offer": the verb over the position noun undoes it, and
        its subject is the position's owner ("Kyiv rejected Moscow's demand" leaves Moscow's demand standing)."""
        verb = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else noun.head
        if verb.dep_ in {"advmod", "prt"} and verb.head.pos_ == "VERB":
            verb = verb.head  # "backed away from its demand"
        if noun.dep_ not in {"dobj", "pobj"} or verb.pos_ != "VERB":
            return False
        return cue_at(verb, self.undoing) is not None and bool(set(holders.subject_actors(verb)) & set(owner))

    def _no_intention(self, verb: Token) -> bool:
        """ "has no intention of sending", "no plans to deploy": a refusal noun with "no" over the verb."""
        t = verb
        for _ in range(3):
            if t.head.i == t.i:
                return False
            t = t.head
            if t.lemma_.lower() in self.refusal_nouns:
                return any(c.dep_ == "det" and c.lower_ == "no" for c in t.children)
        return False

    @staticmethod
    def _asserted(token: Token, negations: set[str]) -> bool:
        """Not negated ("did not sign", "without committing"), not passive ("was considered a threat") and not
        supposed ("if the Isles will not patrol the skies …": no one refused anything)."""
        if token.head.i != token.i and token.head.dep_ == "prep" and token.head.lower_ in negations:
            return False
        if _supposed(token):
            return False
        if any(c.dep_ == "neg" or c.dep_ == "advmod" and c.lower_ == "longer" and
               any(g.lower_ == "no" for g in c.children) for c in token.children):
            return False  # "did not sign", "no longer insists on"
        if token.dep_ in {"xcomp", "advcl"} and any(c.dep_ == "neg" for c in token.head.children):
            return False  # "we did not come here to sign a pause": the purpose is denied with its verb
        # a passive with its doer asserts the act: "guarantees were promised by Vantor"
        return passive_agent(token) is not None or stative_participle(token) or \
            not any(c.dep_ in {"auxpass", "nsubjpass"} for c in token.children)

    @staticmethod
    def _topics(doc: Doc, cue: Token, mentions: list[TopicMention], cues: dict) -> list[TopicMention]:
        """The topics on the cue's object side, one mention per topic, in text order."""
        clause = _noun_clause(cue)
        subtree = range(cue.left_edge.i, (clause or cue).right_edge.i + 1)
        line_start, line_end = line_of(doc, cue)
        # a topic on another line is another paragraph or list item, whatever the parse joined
        # (a topic verb is its own cue: "we will exchange all prisoners")
        on_line = [m for m in mentions if (m.first > cue.i or m.head == cue.i or _relative_in(doc[m.head], cue))
                   and doc[m.last].idx < line_end]
        # not in an adverbial clause ("… when the force deploys", "because the monitors …"): a circumstance

        def top(m: TopicMention) -> Token:  # (the noun's own clause stands in for the noun)
            return clause if clause is not None and clause.left_edge.i <= m.head <= clause.right_edge.i else cue

        inside = [m for m in on_line if m.head in subtree and not _through_advcl(doc[m.head], top(m))
                  and not _through_conj_verb(doc[m.head], top(m)) and not _through_time(doc[m.head], top(m))
                  and not _through_alternative(doc[m.head], top(m))
                  and not any(bought_by(t) or names_a_kind(t) or sets_apart(t)
                              for t in _on_the_way(doc[m.head], top(m)))
                  # "refused to sign, arguing that Quillan would arm Karsavia": what was argued is not refused
                  and not any(t.dep_ == "ccomp" and t.head.dep_ == "advcl" and t.head.tag_ == "VBG"
                              and cue_at(t.head, cues) is None for t in _on_the_way(doc[m.head], top(m)))]
        if not inside and (done := _cleft_object(cue)) is not None:
            # "What we cannot accept is a pause …": what the clause that "what" opens is about follows "is"
            inside = [m for m in mentions if done.left_edge.i <= m.head <= done.right_edge.i]
        if not inside and list_item_prefix(doc, cue) is not None:  # list items parse badly: the line ...
            # ... up to the next cue: "- Qadira — pledged $600 million … and offered to host a ceasefire commission"
            later = [t.i for t in doc[cue.i + 1:] if t.idx < line_end and t.pos_ in CUE_POS and cue_at(t, cues)]
            # (within its sentence: "The alliance will not deploy. Its door to membership remains open")
            inside = [m for m in on_line if (not later or m.first < later[0]) and m.first < sentence(cue).end]
        out: list[TopicMention] = []
        for m in inside:
            if all(o.topic != m.topic for o in out):
                out.append(m)
        return out



def _noun_clause(noun: Token) -> Token | None:
    """ "welcomed the readiness of Norway to give guarantees": the "to" clause the parse hung on the verb above
    belongs to the noun just before it."""
    if noun.pos_ != "NOUN" or noun.dep_ != "dobj":
        return None
    return next((c for c in noun.head.children if c.dep_ == "advcl" and c.left_edge.i == noun.right_edge.i + 1
                 and c.left_edge.lower_ == "to" and c.left_edge.dep_ == "aux"), None)


def _what_is_done(verb: Token) -> Token | None:
    """ "What I will not do is send soldiers": for "send", the "do" of the clause "what" opens."""
    if verb.dep_ not in {"xcomp", "attr", "ccomp"} or verb.head.lemma_ != "be":
        return None
    return next((c for c in verb.head.children if c.dep_ == "csubj" and c.lemma_ == "do" and c.i < verb.i
                 and c.left_edge.lower_ == "what"), None)


def _cleft_object(cue: Token) -> Token | None:
    """ "What we cannot accept is a pause …", "What we are not prepared to do is reward the invasion with land":
    the phrase after "is" when the cue is in the clause "what" opens (through "prepared to do")."""
    t = cue
    while t.dep_ in {"acomp", "xcomp"} and t.head.i != t.i:
        t = t.head
    if t.dep_ != "csubj" or t.left_edge.lower_ != "what" or t.head.lemma_ != "be":
        return None
    return next((c for c in t.head.children if c.dep_ in {"attr", "xcomp", "ccomp"} and c.i > t.i), None)


def _relative_in(pronoun: Token, cue: Token) -> bool:
    """A relative pronoun that is the object of the cue's own clause ("which both sides agreed to extend")."""
    verb = pronoun.head
    while verb.i != cue.i and verb.dep_ == "xcomp" and verb.head.i != verb.i:
        verb = verb.head  # ("which Germany has declined to supply": what the refusal is of)
    return pronoun.tag_ in {"WDT", "WP"} and verb.i == cue.i and pronoun.dep_ in {"dobj", "nsubjpass"}


def _unnamed_in_circumstance(verb: Token) -> bool:
    """ "a day after more than two dozen countries pledged …": a clause of time whose doer is a common noun
    reports what others did; the speaker of the sentence did not commit to it."""
    subject = subject_of(verb)
    return verb.dep_ == "advcl" and subject is not None and subject.pos_ == "NOUN" and \
        any(c.dep_ == "mark" and c.lower_ in CIRCUMSTANCE_PREPOSITIONS | {"when", "as", "since"} for c in verb.children)


def _supposed(token: Token) -> bool:
    """Whether the token's clause is a supposition: "if …", "unless …" (its verb or the verb it hangs on)."""
    t = token
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in t.children):
            return True
        if t.dep_ not in {"xcomp", "aux", "acomp"} or t.head.i == t.i:
            return False
        t = t.head
    return False


#: a topic through these dates or conditions the act ("after a ceasefire", "not … without a ceasefire")
CIRCUMSTANCE_PREPOSITIONS = {"after", "before", "until", "since", "during", "following", "within", "without"}


def _on_the_way(token: Token, top: Token) -> Iterator[Token]:
    """The tokens from `token` up to (not including) `top`."""
    t = token
    while t.i != top.i and t.head.i != t.i:
        yield t
        t = t.head


def _through_advcl(token: Token, top: Token) -> bool:
    """ "once …", "because …", "to begin when …": a circumstance; but "calls for an exchange to be agreed" is an
    object, and so is a bare gerund under the cue ("ruled out sending soldiers")."""
    return any(t.dep_ == "advcl" and not any(c.dep_ == "mark" and c.lower_ == "for" for c in t.children)
               and not (t.tag_ == "VBG" and t.head.i == top.i and not any(c.dep_ == "mark" for c in t.children))
               and not _called_on_to(t, top)
               for t in _on_the_way(token, top))


def _called_on_to(clause: Token, top: Token) -> bool:
    """ "called on the Union to open accession talks": the infinitive after "on X" is what is asked of X."""
    return clause.head.i == top.i and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children) and \
        any(c.dep_ == "prep" and c.lower_ == "on" and c.i < clause.i for c in top.children)


def _through_time(token: Token, top: Token) -> bool:
    """ "would lead a force after a ceasefire", "will not send troops without a ceasefire": a topic that dates or
    conditions the act is not what is committed."""
    # (and "now that a mechanism has been agreed", which the parse may hang on "now")
    return any(t.dep_ == "pobj" and t.head.lower_ in CIRCUMSTANCE_PREPOSITIONS or condition_clause(t)
               or t.dep_ == "ccomp" and t.head.dep_ == "advmod" and t.head.lower_ == "now"
               for t in _on_the_way(token, top))


def _through_alternative(token: Token, top: Token) -> bool:
    """ "will send instructors instead of sending troops", "rather than send soldiers": not what is committed."""
    way = list(_on_the_way(token, top))
    if any(introduces_alternative(t) for t in way if t.i != token.i):
        return True
    # "rather than send soldiers" parsed as a verb coordinated with the cue
    return any(t.dep_ == "conj" and any(c.dep_ == "cc" and c.i < t.i and introduces_alternative(c)
                                        for c in t.head.children) for t in way)


def _through_conj_verb(token: Token, top: Token) -> bool:
    """ "demanded a withdrawal and refused any concessions": the concessions belong to "refused" (but in "calls
    on its partners to maintain and strengthen sanctions" both acts are called for)."""
    t = token
    while t.i != top.i and t.head.i != t.i:
        # (nor "wants them to open accession talks and to adopt sanctions": an infinitive the parse made a clause)
        infinitive = t.head.dep_ == "xcomp" or t.head.dep_ == "ccomp" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in t.head.children)
        if t.dep_ == "conj" and t.pos_ in {"VERB", "AUX"} and (t.head.i == top.i or not infinitive):
            return True
        t = t.head
    return False


@register("commitments")
def make_commitment_extractor(resources_: Resources) -> CommitmentExtractor:
    return CommitmentExtractor(resources_)


def _describes_unnamed(token: Token, holders: Holders) -> bool:
    """A cue in a relative clause whose subject is "that"/"which" standing for a thing no actor is named in:
    the clause describes the thing ("any plan that required Ukraine to cede land") and commits no one."""
    if token.dep_ != "relcl" or not any(c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in {"that", "which"}
                                        for c in token.children):
        return False
    thing = token.head
    return not holders.actors_in_chars(thing.left_edge.idx, thing.idx + len(thing))


FUTURE_MODALS = frozenset({"will", "would", "shall", "'ll"})
ANNOUNCING_MODALS = FUTURE_MODALS | {"could", "might"}


def _announced_passive(verb: Token, negations: set[str] | frozenset[str],
                       modals: frozenset[str] = FUTURE_MODALS) -> bool:
    """A passive with no doer under "will"/"would" (or `modals`), not negated ("no troops will be deployed"), whose
    subject the act is announced for ("elections would be held within six months", "the troops will be
    deployed")."""
    return passive_agent(verb) is None and any(c.dep_ == "auxpass" for c in verb.children) and \
        any(c.dep_ == "nsubjpass" and not names_no_one(c) for c in verb.children) and \
        any(c.dep_ == "aux" and c.lower_ in modals
            or c.dep_ == "auxpass" and c.lower_ == "being" for c in verb.children) and \
        not any(c.dep_ == "neg" or c.lower_ in negations for c in verb.children)


def _predicate_after_dash(token: Token) -> bool:
    """ "Continental Security Organisation — ready to field 400 monitors": an adjective the parse hangs on the
    name before the dash says what that name is ready to do."""
    return token.dep_ == "amod" and token.head.i < token.i and \
        any(t.text in {"\u2014", "\u2013", "-", ":"} for t in token.doc[token.head.i + 1:token.i]) and \
        any(c.dep_ == "xcomp" for c in token.children)
