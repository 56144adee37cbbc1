"""What each party wants and refuses: stances {actor, topic, polarity, strength, evidence}.

For each topic mention (`record.TopicMatcher`), the nearest position-taking word on the way up the parse
to the clause decides the polarity (lexicons in `data/record_cues.yaml`): "rejects a contingent" is
oppose, "open to providing air support" conditional, "backs the truce" support. Negation on that way
("there will be no troops", "did not accept") turns support into oppose; a condition ("if", "subject to")
makes it conditional. Without any cue or negation a mention is no stance: a topic merely named is not a
position. Intensifiers ("categorically") raise the strength, hedges ("perhaps") lower it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from peacewatch.contract import Stance
from peacewatch.extractors.base import Resources, register
from peacewatch.extractors.record import (
    Holders,
    TopicMatcher,
    clause_verb,
    cue_at,
    default_topics,
    evidence_range,
    phrase,
    phrase_table,
    record_cues,
)
from peacewatch.spans import char_span

BASE_STRENGTH = {"support": 0.6, "oppose": 0.6, "conditional": 0.5, "neutral": 0.3}
MAX_CLIMB = 6  # tokens walked up from a mention: beyond that the clause is about something else


class StanceExtractor:
    name = "stances"

    def __init__(self, resources_: Resources, matcher: TopicMatcher | None = None) -> None:
        self.matcher = matcher or default_topics(tuple(resources_.topic_files))
        cues = record_cues()["stances"]
        self.cues = phrase_table({k: cues[k] for k in ("oppose", "conditional", "support", "neutral")})
        self.negations = {w.lower() for w in cues["negations"]}
        self.intensifiers = {w.lower() for w in cues["intensifiers"]}
        self.hedges = {w.lower() for w in cues["hedges"]}
        self.markers = {w.lower() for w in cues["condition_markers"]}
        self.condition_phrases = [phrase(p) for p in cues["conditional"] if len(phrase(p)) > 1]

    def __call__(self, doc: Doc) -> list[Stance]:
        holders = Holders(doc)
        out: list[Stance] = []
        seen: dict[tuple[str, str, int], int] = {}
        for mention in self.matcher.mentions(doc):
            found = self.polarity(doc[mention.head])
            if found is None:
                continue
            polarity, strength, anchor = found
            verb = clause_verb(anchor)
            start, end = evidence_range(doc, doc[mention.head])
            m_start, m_end = doc[mention.first].idx, doc[mention.last].idx + len(doc[mention.last])
            for actor in holders.holders(verb, m_start, m_end, at=doc[mention.head]):
                stance = Stance(id="", actor=actor, topic=mention.topic, polarity=polarity,  # type: ignore[arg-type]
                                strength=strength, evidence=char_span(doc, start, end))
                key = (actor, mention.topic, start)
                if key not in seen:
                    seen[key] = len(out)
                    out.append(stance)
                elif out[seen[key]].polarity == "neutral" and polarity != "neutral":
                    out[seen[key]] = stance  # one stance per actor and topic in a sentence: the clearest
        for n, stance in enumerate(out, start=1):
            stance.id = f"stance-{n}"
        return out

    def polarity(self, head: Token) -> tuple[str, float, Token] | None:
        """(polarity, strength, the token that carries it) for a mention headed by `head`, or None.

        Every support/oppose word and every negation on the way up flips or keeps the sign, so that
        "refuses to lift sanctions" supports sanctions and "ready to help without sending troops" opposes
        troops; a conditional word or clause on the way makes it conditional.
        """
        path = self._path(head)
        if path is None:
            return None
        sign, negations, bare = 1, 0, False
        intense = hedged = conditional = False
        kinds: list[str] = []
        anchor = head
        for n, t in enumerate(path):
            if t.i != head.i and t.dep_ == "prep" and t.lower_ in self.negations:
                negations += 1  # "without committing troops"
            for child in t.children:
                low = child.lower_
                # "no" negates the topic noun itself ("no troops"), not a noun on the way ("no choice but")
                neg_deps = {"neg", "det", "advmod", "preconj"} if t.i == head.i else {"neg", "advmod"}
                if child.dep_ in neg_deps and low in self.negations:
                    negations += 1
                    # a bare negation is a position only on the topic itself or on "there will be no …"
                    bare = bare or t.i == head.i or t.lemma_ in {"be", "have"}
                if child.dep_ == "advmod" and low in self.intensifiers:
                    intense = True
                if low in self.hedges and child.dep_ in {"aux", "advmod"}:
                    hedged = True
                if child.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in self.markers
                                                 for g in child.children):
                    conditional, anchor = True, t
            # a passive verb, or one the topic is the subject of ("troops sent there would …"), says what
            # happens to or by the topic, not what its holder wants
            from_subject = n > 0 and path[n - 1].dep_ in {"nsubj", "nsubjpass", "csubj", "csubjpass"}
            if t.i != head.i and not from_subject and not any(c.dep_ == "auxpass" for c in t.children):
                found = cue_at(t, self.cues) or _particle_cue(t, self.cues)
                if found is not None:
                    kinds.append(found[0])
                    anchor = t
                    if found[0] == "oppose":
                        sign = -sign
                    conditional = conditional or found[0] == "conditional"
            if t.pos_ in {"VERB", "AUX"} and t.dep_ in {"ROOT", "conj", "ccomp"} and kinds:
                break  # the clause that holds the cue is complete
        if not conditional and "oppose" not in kinds and self._condition_phrase(anchor if kinds else path[-1]):
            conditional = True  # "supports a truce on condition that …"
        if not kinds and not conditional and not bare:
            return None
        if negations % 2:
            sign = -sign
        if conditional:
            polarity = "conditional"
        elif kinds and all(k == "neutral" for k in kinds):
            polarity = "oppose" if negations % 2 else "neutral"  # "will not discuss": a refusal
        else:
            polarity = "support" if sign > 0 else "oppose"
        strength = BASE_STRENGTH[polarity] + (0.3 if intense else 0.0) - (0.2 if hedged else 0.0)
        if negations and polarity == "oppose" and any(c.lower_ == "never" for t in path for c in t.children):
            strength += 0.2
        if negations and polarity == "support":
            strength -= 0.2  # "did not rule out": a weak yes
        return polarity, round(max(0.1, min(1.0, strength)), 2), anchor

    def _path(self, head: Token) -> list[Token] | None:
        """The mention's head and the tokens above it within its clause; None for a circumstance."""
        path = [head]
        t = head
        text = head.doc.text
        while len(path) <= MAX_CLIMB and t.head.i != t.i:
            # a clausal complement ends the climb ("X said …"), unless its verb takes a position itself
            # ("insists that any ceasefire be …", "demands that …")
            if t.dep_ == "parataxis" or t.dep_ == "ccomp" and cue_at(t.head, self.cues) is None:
                break
            lo, hi = sorted((t.idx, t.head.idx))
            if "\n" in text[lo:hi]:  # a line is a paragraph or list item: parses that join them are wrong
                break
            t = t.head
            path.append(t)
            marks = {g.lower_ for g in t.children if g.dep_ == "mark"}
            # "… once the force deploys" is a circumstance, not a position on it; "if" is a condition and
            # "calls for an exchange to be agreed" an object that the parse made a clause
            if t.dep_ == "advcl" and not marks & (self.markers | {"for"}):
                return None
        return path

    def _condition_phrase(self, verb: Token) -> bool:
        """'subject to', 'on condition that' inside the verb's own clause (not its conjuncts)."""
        skip = {i for c in verb.children if c.dep_ == "conj" for i in range(c.left_edge.i, c.right_edge.i + 1)}
        words = [t for t in verb.subtree if t.i not in skip]
        for k in range(len(words)):
            for p in self.condition_phrases:
                if all(k + j < len(words) and (words[k + j].lower_ == w or words[k + j].lemma_.lower() == w)
                       for j, w in enumerate(p)):
                    return True
        return False


def _particle_cue(token: Token, cues: dict[tuple[str, ...], str]) -> tuple[str, int] | None:
    """Phrasal cues split by the object: "rules the deployment out", "calls for" with its preposition."""
    for child in token.children:
        if child.dep_ in {"prt", "prep"}:
            words = (token.lemma_.lower(), child.lower_)
            if words in cues:
                return cues[words], 2
    return None


@register("stances")
def make_stance_extractor(resources_: Resources) -> StanceExtractor:
    return StanceExtractor(resources_)
