"""A document's text with its records' spans highlighted, built server-side and always escaped.

Spans overlap freely (a claim inside an attribution's content, a technique across both), so the text is
cut at every span boundary into segments; each segment is wrapped in one element per span covering it,
outermost (longest) first, and every element closes at the segment's end, so the markup is always
well-formed however the spans cross.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from peacewatch.contract import Analysis, Span

#: Record type → (label, what its colour marks); the legend and the checkboxes follow this order.
KINDS: dict[str, tuple[str, str]] = {
    "attributions": ("Attributions", "who said it (source), the speech verb (cue), what was said (content)"),
    "claims": ("Claims", "check-worthy statements"),
    "stances": ("Stances", "an actor's position on a topic"),
    "commitments": ("Commitments", "offers, pledges, signatures, refusals"),
    "events": ("Events", "coded events (PLOVER)"),
    "deadlines": ("Deadlines", "what is due, and the time expression"),
    "techniques": ("Techniques", "persuasion techniques"),
}


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str
    part: str  # which span of the record: "source", "cue", "content", "expression" or "evidence"
    ref: int  # the record's number in the side panel


@dataclass
class Item:
    """One record in the side panel."""

    ref: int
    kind: str
    label: str
    detail: str
    quote: str
    marks: list[Mark] = field(default_factory=list)


def _span_marks(span: Span | None, kind: str, part: str, ref: int, length: int) -> list[Mark]:
    if span is None:
        return []
    start, end = max(0, span.start), min(length, span.end)
    return [Mark(start, end, kind, part, ref)] if start < end else []


def items(analysis: Analysis, names: dict[str, str]) -> list[Item]:
    """The side panel's records, numbered, with the marks each puts on the text."""
    n = len(analysis.document.text)
    out: list[Item] = []

    def name(actor_id: str | None) -> str:
        return names.get(actor_id or "", actor_id or "") or "—"

    def add(kind: str, label: str, detail: str, spans: list[tuple[str, Span | None]]) -> None:
        ref = len(out)
        marks = [m for part, span in spans for m in _span_marks(span, kind, part, ref, n)]
        quote = next((s.text for part, s in spans if s is not None and part in ("content", "evidence")), "")
        out.append(Item(ref, kind, label, detail, quote or next((s.text for _, s in spans if s), ""), marks))

    for a in analysis.attributions:
        who = "anonymous source" if a.anonymous else name(a.source_actor) if a.source_actor else (
            a.source.text if a.source else "unknown source")
        add("attributions", f"{who} — {a.cue.text}", a.kind,
            [("source", a.source), ("cue", a.cue), ("content", a.content)])
    for c in analysis.claims:
        add("claims", f"claim ({c.checkworthy:.2f})", f"sourcing {c.sourcing}{', hedged' if c.hedged else ''}",
            [("evidence", c.span)])
    for s in analysis.stances:
        add("stances", f"{name(s.actor)}: {s.polarity} {s.topic}", f"strength {s.strength:.2f}",
            [("evidence", s.evidence)])
    for c in analysis.commitments:
        add("commitments", f"{name(c.actor)}: {c.modality} {c.action}", c.topic, [("evidence", c.evidence)])
    for e in analysis.events:
        target = f" → {name(e.target_actor)}" if e.target_actor else ""
        add("events", f"{e.type}: {name(e.source_actor)}{target}", " ".join(x for x in (e.mode, e.date, e.place) if x),
            [("evidence", e.evidence)])
    for dl in analysis.deadlines:
        add("deadlines", f"due {dl.due}" + (f" ({name(dl.actor)})" if dl.actor else ""),
            "hedged" if dl.hedged else "", [("content", dl.content), ("expression", dl.expression)])
    for t in analysis.techniques:
        add("techniques", t.technique.replace("_", " "), f"score {t.score:.2f}", [("evidence", t.span)])
    return out


@dataclass
class Segment:
    text: str
    marks: list[Mark]  # outermost first


def segments(text: str, marks: list[Mark]) -> list[Segment]:
    """The text cut at every span boundary; each piece with the marks that cover it."""
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    pending = sorted(marks, key=lambda m: m.start)
    active: list[Mark] = []  # a sweep: the marks open at the current cut, so cost follows overlap, not mark count
    i = 0
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        while i < len(pending) and pending[i].start <= a:
            active.append(pending[i])
            i += 1
        active = [m for m in active if m.end > a]
        out.append(Segment(text[a:b], sorted(active, key=lambda m: (-(m.end - m.start), m.ref))))
    return out


def render(text: str, marks: list[Mark]) -> Markup:
    """The highlighted text as HTML; the text and every attribute are escaped."""
    parts: list[str] = []
    anchored: set[int] = set()
    for segment in segments(text, marks):
        opened = 0
        for m in segment.marks:
            anchor = ""
            if m.ref not in anchored:  # the first piece of a record's spans: where a click scrolls to
                anchor = f' id="ev-{m.ref}"'
                anchored.add(m.ref)
            parts.append(f'<span class="hl hl-{escape(m.kind)} part-{escape(m.part)}" data-ref="{m.ref}"{anchor}>')
            opened += 1
        parts.append(str(escape(segment.text)))
        parts.append("</span>" * opened)
    return Markup("".join(parts))


def legend() -> list[dict[str, Any]]:
    return [{"kind": k, "label": label, "meaning": meaning} for k, (label, meaning) in KINDS.items()]
