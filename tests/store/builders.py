"""Constructed analyses for the store tests: real records with spans into real text, no extractor run."""

from __future__ import annotations

from peacewatch.contract import Analysis, Claim, Commitment, Deadline, Document, Event, Span, Stance


def span(text: str, quote: str) -> Span:
    start = text.index(quote)
    return Span(start=start, end=start + len(quote), text=quote)


def document(text: str, published: str, outlet: str, title: str | None = None) -> Document:
    return Document(id=Document.content_id(text), text=text, published=published, outlet=outlet, title=title,
                    source_id=f"{outlet}/{published}")


def stance(text: str, i: int, actor: str, topic: str, polarity: str, quote: str) -> Stance:
    return Stance(id=f"s{i}", actor=actor, topic=topic, polarity=polarity, strength=0.8, evidence=span(text, quote))


def commitment(text: str, i: int, actor: str, topic: str, modality: str, quote: str) -> Commitment:
    return Commitment(id=f"c{i}", actor=actor, action=f"provide {topic}", topic=topic, modality=modality,
                      evidence=span(text, quote))


def event(text: str, i: int, type_: str, source: str, target: str, day: str, quote: str,
          mode: str | None = None) -> Event:
    return Event(id=f"e{i}", type=type_, mode=mode, source_actor=source, target_actor=target, date=day,
                 evidence=span(text, quote))


def claim(text: str, i: int, quote: str) -> Claim:
    return Claim(id=f"cl{i}", span=span(text, quote), checkworthy=0.9)


def deadline(text: str, i: int, due: str, content: str, expression: str, actor: str | None = None) -> Deadline:
    return Deadline(id=f"d{i}", actor=actor, due=due, content=span(text, content), expression=span(text, expression))


T0 = "Kesh shelled the suburbs of Lirsk overnight, officials said."
T1 = ("Kesh rejects foreign monitors, its foreign ministry said. Lirsk is considering guarantees for the deal. "
      "Kesh and Valdoria declared a ceasefire on Monday. The prisoner exchange must be agreed by March 31. "
      "The reform law must pass by March 10. Officials said 40 prisoners would be freed in the first exchange.")
T2 = ("Kesh shelled Calla overnight in breach of the truce. Kesh now accepts the monitors, its envoy said. "
      "Lirsk signed the <final> guarantees on Friday. "
      "Officials said 12 prisoners would be freed in the first exchange.")
T3 = "The deadline for the prisoner exchange passed without a deal, both sides said on Wednesday."
T4 = T2.replace("on Friday", "on Friday afternoon")  # the same wire story on another site


def timeline_corpus() -> list[Analysis]:
    """Five documents over two months: a ceasefire, a violation, a stance shift, a deadline missed."""
    a0 = Analysis(document=document(T0, "2026-02-20", "Harbor Wire"),
                  events=[event(T0, 1, "ASSAULT", "kesh", "valdoria", "2026-02-20", "Kesh shelled the suburbs")])
    a1 = Analysis(
        document=document(T1, "2026-03-01", "Harbor Wire", "Kesh rejects monitors"),
        stances=[stance(T1, 1, "kesh", "monitors", "oppose", "Kesh rejects foreign monitors")],
        commitments=[commitment(T1, 1, "lirsk", "guarantees", "considering", "Lirsk is considering guarantees")],
        events=[event(T1, 1, "AGREE", "kesh", "valdoria", "2026-03-02", "declared a ceasefire", mode="ceasefire")],
        deadlines=[deadline(T1, 1, "2026-03-31", "The prisoner exchange must be agreed", "by March 31"),
                   deadline(T1, 2, "2026-03-10", "The reform law must pass", "by March 10", actor="valdoria")],
        claims=[claim(T1, 1, "Officials said 40 prisoners would be freed in the first exchange.")])

    def second(text: str, published: str, outlet: str) -> Analysis:
        return Analysis(
            document=document(text, published, outlet, "Shelling in Calla"),
            events=[event(text, 1, "ASSAULT", "kesh", "valdoria", "2026-03-14", "Kesh shelled Calla overnight")],
            stances=[stance(text, 1, "kesh", "monitors", "support", "Kesh now accepts the monitors")],
            commitments=[commitment(text, 1, "lirsk", "guarantees", "signed", "Lirsk signed the <final> guarantees")],
            claims=[claim(text, 1, "Officials said 12 prisoners would be freed in the first exchange.")])

    a3 = Analysis(document=document(T3, "2026-04-01", "Harbor Wire", "Prisoner deadline passes"))
    return [a0, a1, second(T2, "2026-03-14", "Kestrel Daily"), a3, second(T4, "2026-03-15", "Pale Sea Observer")]
