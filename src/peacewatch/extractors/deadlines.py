"""By when: deadlines {actor|null, content, due, expression, hedged}.

A deadline is a resolved `times` record introduced as a limit ("by the end of August", "within two
weeks", "no later than Friday", "in the next few weeks", "until"), in a clause that speaks of the future
or of an obligation (will, must, should, needs to, is expected to, is to). `due` is the time's value
(unresolved times are skipped: no guessed dates); `hedged` when the clause says maybe, perhaps, likely,
could, hope, expected. Words live in `data/record_cues.yaml`.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc, Token

from peacewatch.contract import Deadline, TimeExpression
from peacewatch.extractors.attributions import default_lexicon
from peacewatch.extractors.base import Resources, context, register
from peacewatch.extractors.record import Holders, clause_verb, holders_of, paragraph_start, phrase, record_cues
from peacewatch.extractors.times import Resolved, entry_labels, reference_date, resolve
from peacewatch.spans import char_span, doc_text, sentence, text_span

#: a clause inherits the modality of the verb it hangs on through these ("must agree … and settle …")
CLIMB_DEPS = {"xcomp", "conj", "advcl", "ccomp", "acl", "relcl", "pcomp", "dobj", "pobj", "prep"}
#: a text that takes effect as it is signed: its "entry into force" is its date
_IN_FORCE_ON_SIGNATURE = re.compile(r"\benters? into force (?:up)?on (?:its )?signature", re.IGNORECASE)
#: a current or coming period named without "by" that a future act falls in ("next week", "later this month")
_CURRENT_PERIOD = re.compile(r"(?:as (?:early|soon) as )?(?:later |early |by the end of )?(?:this|next) "
                             r"(?:week|month|year)")
LOOK_BACK = 4  # tokens before a time expression searched for its introducer ("no later than")


class DeadlineExtractor:
    name = "deadlines"

    def __init__(self, resources_: Resources) -> None:
        del resources_
        cues = record_cues()["deadlines"]
        self.introducers = sorted((phrase(p) for p in cues["introducers"]), key=len, reverse=True)
        self.forward = {w.lower() for w in cues["forward_words"]}
        self.modal_aux = {w.lower() for w in cues["modal_aux"]}
        self.obligation = {w.lower() for w in cues["obligation"]}
        # the inflected forms too: the small model's lemmatizer can miss one ("hoped" → "hop")
        self.obligation_forms = {w + end for w in self.obligation for end in ("", "s", "d", "ed", "ing")}
        self.hedges = {w.lower() for w in cues["hedges"]}
        self.hedges |= {w + end for w in self.hedges if " " not in w for end in ("s", "d", "ed")}
        self.setting = {w.lower() for w in cues["setting"]}
        self.deadline_nouns = {w.lower() for w in cues["deadline_nouns"]}
        self.scheduled = {phrase(w) for w in cues["scheduled_verbs"]}
        self.scheduled_nouns = {w.lower() for w in cues["scheduled_nouns"]}
        self.fixing = {w.lower() for w in cues["fixing_participles"]}
        self.lapsing = {w.lower() for w in cues["lapsing_verbs"]}
        self.deadline_verbs = {w.lower() for w in cues["deadline_verbs"]}
        self.granting = {w.lower() for w in cues["granting"]}
        self.forward_states = {w.lower() for w in cues["forward_states"]}

    def __call__(self, doc: Doc) -> list[Deadline]:
        ctx = context(doc)
        holders = holders_of(doc)
        out: list[Deadline] = []
        labelled: list[tuple[int, int]] = []
        for label in entry_labels(doc_text(doc)) if ctx.published is not None else []:
            entry = self._entry_to_come(doc, label, ctx.published, holders, len(out) + 1)
            if entry is not None:  # "13 June - The assembly votes on the force": an entry of what comes next
                out.append(entry)
                labelled.append(label[:2])
        for time in ctx.records.get("times", []):
            if not isinstance(time, TimeExpression):
                continue
            span = doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
            if span is None:
                continue
            if any(lo <= time.span.start < hi for lo, hi in labelled):
                continue  # (the entry's own date, read above)
            first = self._introducer(doc, span.start, span.text)
            if first is None and _CURRENT_PERIOD.fullmatch(span.text.lower()) and not self._negated(span) \
                    and not span.text.lower().endswith("year") and \
                    not (span.start > 0 and doc[span.start - 1].lower_ in {"from", "since", "starting"}):
                # "will meet next week", "later this month": the period is the limit (but a bare year is the period
                # a budget falls in: "will fund 80 million this year")
                first = span.start
            if first is None and time.granularity == "day" and span.start > 0 and doc[span.start - 1].lower_ == "from":
                first = span.start - 1  # "will provide air policing from 1 May": the day it is due to start
            granted = first is None and self._granted(span)
            if granted:  # "gave Putin two weeks to agree": the span runs from today, as "within two weeks"
                first = span.start
            named = first is None and self._names_a_deadline(span)
            if named:  # "the April 15 deadline", "the deadline of April 15": a limit set elsewhere, named
                first = span.start
            clause = clause_verb(span.root)
            event = None
            if first is None and time.granularity == "day":
                event = self._scheduled(span, clause)
                if event is not None:  # "the plenary resumes on 12 May": on the day, or before
                    first = span.start - 1 if span.start > 0 and doc[span.start - 1].lower_ == "on" else span.start
            if first is None:
                continue
            # "required an agreement by March 31", "had agreed to …" looked back; "must be held" looks ahead
            ahead = not (clause.tag_ == "VBD" or any(c.dep_ in {"aux", "auxpass"} and c.tag_ == "VBD"
                                                     for c in clause.children)) \
                or any(c.dep_ == "aux" and c.tag_ == "MD" for c in clause.children)
            if named and clause.lemma_.lower() in self.setting:
                ahead = True  # "Trump set a deadline of Thursday": a limit set looks ahead from its setting
            elif named and clause.dep_ == "acl" and clause.tag_ in {"VBD", "VBN"}:
                ahead = False  # "The deadline passed on Friday", parsed as a participle: in the past
            ref = reference_date(doc_text(doc), time.span.start, ctx.published)  # a timeline entry's own date
            if event is not None and ref is not None and (event.pos_ == "NOUN" or event.tag_ in {"VBZ", "VBP"}):
                # "a summit on Friday", "talks resume on Monday": a dated event announced is still to come
                ahead = True
                due = _limit(resolve(span.text, ref, future=True))
            elif granted:
                due = _limit(resolve(f"within {span.text}", ref, future=True)) if ref else None
            else:
                due = self._due(time, ref if ahead else None) or self._from_now(doc, first, span, ref)
            if not due:  # no guessed dates: an unresolved limit is no deadline
                continue
            if named and any(d.due == due for d in out):
                continue  # "the April 15 deadline" again: the same deadline, already recorded
            if event is not None and (not ahead or ref is None or due < ref.isoformat()):
                continue  # a dated event in the past is a report, not a deadline
            verb = self._modal_verb(clause) or (clause if named or granted else None) or event
            if verb is None:
                continue
            if doc[first].lower_ in {"until", "till"} and not self._sets_a_limit(verb):
                continue  # "keep the frigates there until the end of the year", "run until July 30": a duration
            top = verb
            # "needs to happen": the clause of "needs"; "wants Kyiv to sign off by …": of whoever wants it
            while (top.dep_ in {"xcomp", "aux"} or top.dep_ == "acomp" and top.head.lemma_ == "be"
                   or top.dep_ == "ccomp" and top.head.lemma_.lower() in self.setting
                   and any(a.dep_ == "aux" and a.lower_ == "to" for a in top.children)) and top.head.i != top.i:
                top = top.head
            sent = sentence(span[0])
            lo = max(top.left_edge.i, sent.start)
            hi = min(top.right_edge.i, sent.end - 1)
            if top.dep_ == "ROOT":  # fronted adverbials ("Maybe by …") belong to the clause too
                lo, hi = sent.start, sent.end - 1
            para = paragraph_start(doc, span.start_char)
            while lo < hi and doc[lo].idx < para:  # a sentence the parse ran across a blank line
                lo += 1
            content = char_span(doc, doc[lo].idx, doc[hi].idx + len(doc[hi]))
            # "May 31" is no hedge: only words outside the time expression, and not names
            hedged = any((t.lower_ in self.hedges or t.lemma_.lower() in self.hedges) and t.pos_ != "PROPN"
                         and not span.start <= t.i < span.end for t in doc[lo:hi + 1])
            actors = holders.parties(holders.holders(top, time.span.start, time.span.end))
            out.append(Deadline(id=f"deadline-{len(out) + 1}", actor=actors[0] if actors else None,
                                content=content, due=due,
                                expression=text_span(doc_text(doc), doc[first].idx, time.span.end),
                                hedged=hedged))
        return out

    def _entry_to_come(self, doc: Doc, label: tuple[int, int, int], published: dt.date,
                       holders: Holders, n: int) -> Deadline | None:
        """A timeline entry dated after the document whose sentence is an event in the present ("21 June - Leaders
        meet in Vianelle") or a deadline ("15 June - Deadline for the advance team to deploy")."""
        text = doc_text(doc)
        day = resolve(text[label[0]:label[1]], published)  # (the nearest such day: an entry above reports the past)
        if day is None or day.value is None or day.granularity != "day" or day.value <= published:
            return None
        first = doc.char_span(label[2], label[2] + 1, alignment_mode="expand")
        if first is None or not len(first):
            return None
        line_end = text.find("\n", label[2])
        line_end = len(text) if line_end < 0 else line_end
        words = [t for t in sentence(first[0]) if label[2] <= t.idx < line_end and not t.is_space]
        # (a root plural may be the verb the parse took for a noun: "The Folkhall votes on the force")
        event = next((t for t in words if (t.pos_ in {"VERB", "AUX"} and t.tag_ in {"VBZ", "VBP"} or
                                           t.dep_ == "ROOT" and t.tag_ == "NNS") and
                      ((t.lemma_.lower(),) in self.scheduled or any(
                          (t.lemma_.lower(), c.lemma_.lower()) in self.scheduled for c in t.children))), None)
        named = next((t for t in words if t.pos_ in {"NOUN", "PROPN"}), None)
        if event is None and (named is None or named.lemma_.lower() not in self.deadline_nouns):
            return None
        anchor = event or named
        content = char_span(doc, words[0].idx, words[-1].idx + len(words[-1]))
        actors = holders.parties(holders.holders(anchor, label[0], label[1])) if event else []
        return Deadline(id=f"deadline-{n}", actor=actors[0] if actors else None, content=content,
                        due=day.value.isoformat(), expression=text_span(text, label[0], label[1]),
                        hedged=False)

    def _introducer(self, doc: Doc, start: int, text: str) -> int | None:
        """The first token of the limit word before the time ("by", "no later than"), or of the time
        itself when spaCy put the word inside it; None when the time is no limit."""
        words = [t.lower_ for t in doc[start:start + 3]]
        for p in self.introducers:  # "by the end of August" as one entity
            if tuple(words[:len(p)]) == p and p != ("in",):
                return start
        for p in self.introducers:
            begin = start - len(p)
            if begin < max(0, start - LOOK_BACK):
                continue
            if tuple(t.lower_ for t in doc[begin:start]) != p:
                continue
            if p[-1] == "in" and not (set(text.lower().split()[:2]) & self.forward
                                      or text.split()[0].isdigit() and len(text.split()[0]) <= 3
                                      and len(text.split()) > 1 or text.lower().split()[0] in
                                      {"a", "one", "two", "three", "four", "few", "several"}):
                continue  # "in March" is a date, not a limit; "in the next weeks", "in two weeks" are
            return begin
        return None

    def _scheduled(self, span, verb: Token) -> Token | None:
        """The time's clause `verb` if it is a dated event to come ("opens on 24 September", "will meet on
        8 October", "is scheduled to open on …"); not a report of it ("met on Monday")."""
        root = span.root
        dated = root.head.head if root.dep_ == "pobj" and root.head.lower_ in {"on", "for"} else \
            root.head if root.dep_ in {"npadvmod", "poss"} else None  # ("Sunday's exchange")
        if root.dep_ == "poss" and (verb.tag_ in {"VBD", "VBN"} or any(
                c.dep_ in {"aux", "auxpass"} and c.tag_ == "VBD" for c in verb.children)):
            return None  # "Tuesday's conference was a success", "read out at the close of Monday's meeting": past
        if dated is not None and dated.pos_ == "NOUN" and dated.lemma_.lower() in self.scheduled_nouns:
            return dated  # "a leaders' summit in Nahr Alun on April 19", "a meeting … next Thursday"
        if dated is not None and _looks_ahead(dated, self.forward_states):
            # "the summit is due on 26 April" (not "was due": a report), "the vote is scheduled for 13 June"
            return dated.head if dated.dep_ in {"acomp", "xcomp"} else dated
        if dated is not None and dated.lemma_ == "be" and dated.tag_ in {"VBZ", "VBP"} and any(
                c.dep_ == "acomp" and c.lemma_.lower() in self.fixing for c in dated.children):
            return dated  # "the exchange is due at Ayvalin on 26 May" (the parse hangs the day on "is")
        if dated is not None and dated.dep_ in {"amod", "acl"} and dated.pos_ == "ADJ" and \
                dated.lemma_.lower() in self.fixing:
            return dated  # "the second exchange, due at Ayvalin on Saturday"
        if dated is not None and dated.tag_ == "VBN" and dated.dep_ in {"acl", "advcl"} and \
                dated.lemma_.lower() in self.fixing and root.head.lower_ == "for":
            return dated  # "the next stage, set for 26 May", "a vote scheduled for Thursday"
        if dated is not None and dated.dep_ == "xcomp" and _looks_ahead(dated.head, self.fixing) and \
                dated.lemma_.lower() not in self.lapsing:
            # "the moratorium is due to take effect on Saturday" (not "the truce is due to expire on 1 April",
            # nor "we are ready to sign today": a readiness)
            return dated
        if root.dep_ not in {"pobj", "npadvmod", "nmod"} or root.head.i not in {verb.i} | {
                c.i for c in verb.children if c.dep_ == "prep"}:
            return None  # the time must date the verb itself, not a noun ("the talks of 3 March")
        lemma = (verb.lemma_.lower(),)
        particle = tuple(c.lemma_.lower() for c in verb.children if c.dep_ in {"prt", "dobj"} and c.i > verb.i)[:1]
        if lemma not in self.scheduled and lemma + particle not in self.scheduled and \
                not (any(c.dep_ == "aux" and (c.lower_ in {"will", "shall", "'ll"} or c.lower_ == "would" and
                                              _reported_future(verb)) for c in verb.children)
                     and not any(c.dep_ == "neg" for c in verb.children)):
            return None  # (any act announced for a day is scheduled: "the vote will be taken on Thursday")
        if verb.tag_ in {"VBD", "VBN"} and not any(c.dep_ in {"aux", "auxpass"} and c.tag_ == "MD"
                                                    for c in verb.children):
            return None  # "resumed on Monday", "had met on 3 March": reported
        if verb.tag_ == "VBG" and verb.dep_ == "advcl" and verb.head.tag_ == "VBD" and \
                not any(c.dep_ == "aux" for c in verb.head.children):  # (simple past: not "has proposed")
            return None  # "Addressing the Diet on 14 January, the President said …": when it was said
        return verb

    def _granted(self, span) -> bool:
        """A span of time granted to act: "gave Putin two weeks to agree", "was given 50 days to make a deal"."""
        root = span.root
        if root.dep_ not in {"dobj", "npadvmod"} or root.head.lemma_.lower() not in self.granting:
            return False
        return any(c.dep_ in {"relcl", "acl", "xcomp", "advcl"} and
                   any(g.lower_ == "to" and g.dep_ == "aux" for g in c.children)
                   for c in [*root.children, *root.head.children])

    def _names_a_deadline(self, span) -> bool:
        """A time that modifies a deadline noun: "the April 15 deadline", "the deadline of April 15", that is set
        as one ("set Thursday as the deadline"), or that a deadline passes on ("the deadline expires on Friday")."""
        root = span.root
        head = root.head
        verb = head.head if root.dep_ == "pobj" and head.dep_ == "prep" else head
        if verb.pos_ in {"VERB", "AUX"} and verb.lemma_.lower() in self.deadline_verbs and \
                any(c.dep_ == "nsubj" and c.lemma_.lower() in self.deadline_nouns for c in verb.children):
            return True
        if verb.dep_ == "acl" and verb.lemma_.lower() in self.deadline_verbs and \
                verb.head.lemma_.lower() in self.deadline_nouns:
            return True  # "The deadline passed on Friday" parsed as a noun with a participle
        if root.dep_ in {"dobj", "npadvmod"} and any(
                c.dep_ == "prep" and c.lower_ == "as" and g.dep_ == "pobj" and g.lemma_.lower() in self.deadline_nouns
                for c in head.children for g in c.children):
            return True  # "set Thursday as the deadline"
        if root.dep_ == "pobj" and head.lower_ == "of":
            head = head.head
        elif root.dep_ not in {"compound", "nmod", "amod", "npadvmod"}:
            return False
        return head.lemma_.lower() in self.deadline_nouns and not span.start <= head.i < span.end

    def _sets_a_limit(self, verb: Token) -> bool:
        """ "gave them until the end of the month": "until" is a limit only under a verb that sets one."""
        t = verb
        for _ in range(4):
            if t.lemma_.lower() in self.setting:
                return True
            if _has_until_to(t):
                return True  # "Kyiv has until September 1 to submit its proposals"
            if t.head.i == t.i:
                break
            t = t.head
        return False

    @staticmethod
    def _negated(span) -> bool:
        """ "not this year", "will not come this year": no act falls in the period."""
        doc = span.doc
        if span.start > 0 and doc[span.start - 1].lower_ in {"not", "never"}:
            return True
        verb = clause_verb(span.root)
        return any(c.dep_ == "neg" for c in verb.children)

    @staticmethod
    def _due(time: TimeExpression, published: dt.date | None) -> str | None:
        """A limit looks ahead ("no later than 30 September" said in March is this September; `published` is
        None for a clause in the past) and runs to the end of a month or year it names ("by October", "this
        year")."""
        resolved = resolve(time.span.text, published, future=True) if published else None
        return _limit(resolved) or time.value

    @staticmethod
    def _from_now(doc: Doc, first: int, span, published: dt.date | None) -> str | None:
        """"within two weeks": times.py sees only "two weeks", a duration; with its "within" it is a date."""
        if published is None or first >= span.start:
            return None
        after = [t.lower_ for t in doc[span.end:span.end + 7]]
        if after[:6] == ["of", "the", "entry", "into", "force", "of"] and after[6:7] == ["this"]:
            # "within 14 days of the entry into force of this Declaration": from the day the text says it does
            if not _IN_FORCE_ON_SIGNATURE.search(doc_text(doc)):
                return None
        elif after[:1] and after[0] in {"of", "after", "from"} and after[1:2] not in (["this"], ["signature"]):
            # "within ninety days of its signature": counted from another event, not from today ("within 30 days
            # of this summit" and a signed text's "of signature" are today)
            return None
        verb = clause_verb(span.root)
        if any(c.dep_ == "advcl" and any(g.dep_ in {"mark", "advmod"} and g.lower_ in {"when", "once", "after", "if"}
                                         for g in c.children) for c in verb.children):
            # "When the last ship has left, I will call elections within six months", "If both sides sign, we can
            # have monitors on the line within three weeks": from then
            return None
        return _limit(resolve(doc[first:span.end].text, published, future=True))

    def _modal_verb(self, verb: Token) -> Token | None:
        """The verb itself or the one it hangs on, if it is future or obligation; else None."""
        t = verb
        for _ in range(6):  # "settle on a mechanism to monitor it by …" climbs through the object
            aux = [c for c in t.children if c.dep_ in {"aux", "auxpass"}]
            if any(a.lower_ in self.modal_aux for a in aux):
                return t
            # ("tasked their staffs to present …": the parse may hang the to-clause after an object as an advcl)
            asked = t.dep_ in {"xcomp", "ccomp"} or t.dep_ == "advcl" and any(
                c.dep_ == "dobj" and c.i < t.i for c in t.head.children)
            if any(a.lower_ == "to" for a in aux) and asked and \
                    (t.head.lemma_.lower() in self.obligation or t.head.lower_ in self.obligation_forms):
                return t  # "needs to happen", "is expected to sign", "is to meet"
            if t.lemma_.lower() in {"must", "need"} and t.pos_ in {"AUX", "VERB"} and t.dep_ == "ROOT":
                return t
            if t.lemma_.lower() in self.setting and t.pos_ == "VERB":
                return t  # "gave them until the end of the month"
            if (t.lemma_.lower() in self.forward_states or t.lower_ in self.forward_states) and \
                    (t.pos_ == "ADJ" or t.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in t.children)) or \
                    t.lemma_ == "be" and any(c.dep_ == "acomp" and c.lower_ in self.forward_states
                                             for c in t.children):
                return t  # "deliveries are scheduled before the end of March", "ready for an exchange before …"
            if _has_until_to(t):
                return t  # "has until September 1 to submit"
            if t.dep_ not in CLIMB_DEPS or t.head.i == t.i:
                return None
            t = t.head
        return None


def _has_until_to(verb: Token) -> bool:
    """ "has until September 1 to submit": "have" with a to-clause, whichever of the two the parse made the head
    (it often takes "has" for an auxiliary of "submit")."""
    if verb.dep_ == "aux" and verb.lemma_.lower() == "have" and verb.head.i != verb.i:
        verb = verb.head
    if verb.lemma_.lower() == "have":
        return any(c.dep_ in {"xcomp", "advcl"} and any(g.lower_ == "to" for g in c.children) for c in verb.children)
    aux = [c for c in verb.children if c.dep_ == "aux"]
    return any(a.lemma_.lower() == "have" for a in aux) and any(a.lower_ == "to" for a in aux)


def _limit(resolved: Resolved | None) -> str | None:
    """The last day a resolved limit allows: a week, month or year runs to its end ("by October", "within the
    month"), a day or a range is its value."""
    if resolved is None or resolved.value is None:
        return None
    if resolved.granularity in {"week", "month", "year"}:
        return (resolved.end or resolved.value).isoformat()
    return resolved.value.isoformat()


@register("deadlines")
def make_deadline_extractor(resources_: Resources) -> DeadlineExtractor:
    return DeadlineExtractor(resources_)


def _looks_ahead(word: Token, states: set[str]) -> bool:
    """ "is due", "are scheduled", "is set": a state that looks ahead, said in the present."""
    if word.lemma_.lower() not in states:
        return False
    if word.dep_ in {"acomp", "xcomp"}:
        return word.head.lemma_ == "be" and word.head.tag_ in {"VBZ", "VBP"}
    return word.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.tag_ in {"VBZ", "VBP"} for c in word.children)


def _reported_future(verb: Token) -> bool:
    """ "He said he would present the plan on 4 April": the future of a past report."""
    return verb.dep_ == "ccomp" and verb.head.tag_ == "VBD" and verb.head.lemma_.lower() in default_lexicon().speech
