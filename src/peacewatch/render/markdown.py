"""A readable Markdown report of analyses: for a person, not a program."""

from __future__ import annotations

from collections.abc import Iterable

from peacewatch.contract import Analysis, Span

_FICTION_NOTE = "Fictional demo text"


def _cell(text: object) -> str:
    """Table cells: one line, no pipes that would break the table."""
    return " ".join(str(text if text is not None else "").split()).replace("|", "\\|")


def _quote(span: Span | None, limit: int = 160) -> str:
    if span is None:
        return ""
    text = " ".join(span.text.split())
    return _cell(text if len(text) <= limit else text[: limit - 1] + "…")


def document_heading(analysis: Analysis) -> str:
    doc = analysis.document
    return doc.title or doc.source_id or doc.id


def render_document(analysis: Analysis, level: int = 1) -> str:
    doc = analysis.document
    h = "#" * level
    names = {a.id: a.name for a in analysis.actors}
    lines = [f"{h} {_cell(document_heading(analysis))}", ""]
    facts = [doc.outlet or "outlet unknown", doc.published or "date unknown"]
    if doc.genre:
        facts.append(doc.genre)
    lines.append(f"*{' · '.join(_cell(f) for f in facts)}* — id `{doc.id}`"
                 + (f", source `{_cell(doc.source_id)}`" if doc.source_id else ""))
    if doc.url:
        lines.append(f"<{doc.url}>")
    if _FICTION_NOTE in doc.text:
        lines += ["", "> This document is fictional: written for the peacewatch demo."]
    summary = analysis.summary
    counted = ", ".join(f"{n} {k}" for k, n in summary.counts.items() if n)
    lines += ["", f"{summary.sentences} sentences, {summary.tokens} tokens; found {counted or 'nothing'}.",
              ""]

    if analysis.actors:
        lines += [f"{h}# Actors", "", "| Actor | Kind | Affiliation | Mentions | Also called |",
                  "|---|---|---|---:|---|"]
        for actor in sorted(analysis.actors, key=lambda a: (-len(a.mentions), a.name)):
            affiliation = names.get(actor.affiliation or "", actor.affiliation or "")
            lines.append(f"| {_cell(actor.name)} | {actor.kind} | {_cell(affiliation)} | "
                         f"{len(actor.mentions)} | {_cell(', '.join(actor.aliases[:5]))} |")
        lines.append("")

    if analysis.times:
        lines += [f"{h}# Dates", "", "| Expression | Resolves to | Granularity |", "|---|---|---|"]
        for time in analysis.times:
            value = time.value or "unresolved"
            if time.granularity == "range" and time.start and time.end:
                value = f"{time.start} … {time.end}"
            lines.append(f"| {_quote(time.span)} | {value} | {time.granularity} |")
        lines.append("")

    if analysis.attributions or summary.sentences:
        lines += [f"{h}# Who said what", "", _voice_line(analysis), ""]
    if analysis.attributions:
        lines += ["| Source | Cue | What | Kind |", "|---|---|---|---|"]
        for attr in analysis.attributions:
            who = names.get(attr.source_actor or "") or (attr.source.text if attr.source else "—")
            if attr.anonymous:
                who += " (anonymous)"
            lines.append(f"| {_cell(who)} | {_quote(attr.cue)} | {_quote(attr.content)} | {attr.kind} |")
        lines.append("")
    lines += _claims_section(analysis, h, names)
    lines += _record_sections(analysis, h, names)
    lines += _events_section(analysis, h, names)
    lines += _persuasion_section(analysis, h)
    return "\n".join(lines)


CLAIMS_SHOWN = 10  # why: a report is for reading; the JSON keeps every claim


def _claims_section(analysis: Analysis, h: str, names: dict[str, str]) -> list[str]:
    """The most check-worthy claims, with who stands behind them and whether they are hedged."""
    if not analysis.claims:
        return []
    by_id = {a.id: a for a in analysis.attributions}
    top = sorted(analysis.claims, key=lambda c: (-c.checkworthy, c.span.start))[:CLAIMS_SHOWN]
    shown = f"top {len(top)} of {len(analysis.claims)}" if len(analysis.claims) > len(top) else "all"
    lines = [f"{h}# Claims", "",
             f"Statements worth checking ({shown}, by the model's calibrated check-worthiness).", "",
             "| Claim | Check-worthy | Sourcing | Hedged |", "|---|---:|---|---|"]
    for claim in top:
        sourcing = claim.sourcing
        attr = by_id.get(claim.attribution or "")
        if attr is not None and claim.sourcing == "named":
            sourcing += f": {names.get(attr.source_actor or '') or (attr.source.text if attr.source else '')}"
        lines.append(f"| {_quote(claim.span)} | {claim.checkworthy:.2f} | {_cell(sourcing)} | "
                     f"{'yes' if claim.hedged else 'no'} |")
    lines.append("")
    return lines


def _record_sections(analysis: Analysis, h: str, names: dict[str, str]) -> list[str]:
    """Stances, commitments and deadlines, grouped by actor, each with the sentence that proves it."""
    def who(actor_id: str | None) -> str:
        return names.get(actor_id or "", actor_id or "no one named")

    sections: list[tuple[str, list[tuple[str | None, str]]]] = [
        ("Stances", [(s.actor, f"{_shift(s.previous_polarity)}{s.polarity} on {s.topic.replace('_', ' ')} "
                               f"(strength {s.strength:.2f}): "
                               f"“{_quote(s.evidence)}”") for s in analysis.stances]),
        ("Commitments", [(c.actor, f"{c.modality}: {_cell(c.action)} ({c.topic.replace('_', ' ')}): "
                                   f"“{_quote(c.evidence)}”") for c in analysis.commitments]),
        ("Deadlines", [(d.actor, f"due {d.due}{' (hedged)' if d.hedged else ''}, “{_quote(d.expression)}”: "
                                 f"“{_quote(d.content)}”") for d in analysis.deadlines]),
    ]
    lines: list[str] = []
    for title, items in sections:
        if not items:
            continue
        lines += [f"{h}# {title}", ""]
        by_actor: dict[str, list[str]] = {}
        for actor_id, line in items:  # first-mention order of actors, records in text order
            by_actor.setdefault(who(actor_id), []).append(line)
        for actor, entries in by_actor.items():
            lines.append(f"**{_cell(actor)}**")
            lines += [f"- {entry}" for entry in entries]
            lines.append("")
    return lines


def _shift(previous: str | None) -> str:
    return f"reversal, was {previous}, now " if previous else ""


def _events_section(analysis: Analysis, h: str, names: dict[str, str]) -> list[str]:
    """What happened, as coded events in text order, each with the sentence that proves it."""
    if not analysis.events:
        return []
    lines = [f"{h}# Events", "", "| Type | Mode | Source → target | Date | Place | Evidence |",
             "|---|---|---|---|---|---|"]
    for event in analysis.events:
        parties = " → ".join(names.get(a or "", a or "—") for a in (event.source_actor, event.target_actor))
        lines.append(f"| {event.type} | {_cell(event.mode or '')} | {_cell(parties)} | {event.date or ''} | "
                     f"{_cell(event.place or '')} | “{_quote(event.evidence)}” |")
    lines.append("")
    return lines


def _persuasion_section(analysis: Analysis, h: str) -> list[str]:
    """Where the text tries to persuade rather than inform: every technique span, in text order."""
    if not analysis.techniques:
        return []
    summary = analysis.summary
    counts = ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in
                       sorted(summary.techniques.items(), key=lambda kv: (-kv[1], kv[0])))
    lines = [f"{h}# Persuasion", "",
             f"**Persuasion density:** {_percent(summary.persuasion_density)} of characters inside technique "
             f"spans ({counts}). Scores are the model's calibrated confidence.", "",
             "| Technique | Span | Score |", "|---|---|---:|"]
    for technique in sorted(analysis.techniques, key=lambda t: (t.span.start, t.span.end)):
        lines.append(f"| {technique.technique.replace('_', ' ')} | {_quote(technique.span)} | "
                     f"{technique.score:.2f} |")
    lines.append("")
    return lines


def _percent(share: float) -> str:
    return f"{round(share * 100)}%"


def _voice_line(analysis: Analysis) -> str:
    """Author voice vs reported voice, and on whose authority the reported part stands."""
    summary = analysis.summary
    line = (f"**Voice:** {_percent(summary.author_share)} of sentences in the author's own voice, "
            f"{_percent(summary.reported_share)} reported.")
    if analysis.attributions:
        line += (f" **Sourcing** of {len(analysis.attributions)} attributions: "
                 f"{_percent(summary.named_share)} named, {_percent(summary.anonymous_share)} anonymous, "
                 f"{_percent(summary.unresolved_share)} unresolved or unsourced.")
    return line


def render_index(analyses: Iterable[Analysis], links: dict[str, str] | None = None) -> str:
    """A table of contents for a run over many documents, then the outlets' persuasion profiles."""
    analyses = list(analyses)
    rows = ["# peacewatch report", "", "| Date | Outlet | Document | Actors | Dates |",
            "|---|---|---|---:|---:|"]
    for analysis in sorted(analyses, key=lambda a: (a.document.published or "", a.document.source_id or "")):
        doc = analysis.document
        title = _cell(document_heading(analysis))
        link = (links or {}).get(doc.id)
        rows.append(f"| {doc.published or '—'} | {_cell(doc.outlet or '—')} | "
                    f"{f'[{title}]({link})' if link else title} | {len(analysis.actors)} | "
                    f"{len(analysis.times)} |")
    rows += _outlet_section(analyses)
    return "\n".join(rows) + "\n"


def _outlet_section(analyses: list[Analysis]) -> list[str]:
    """Per outlet: documents, mean persuasion density and the techniques found most often."""
    from peacewatch.techniques.profile import outlet_profiles

    profiles = outlet_profiles(analyses)
    if not any(a.techniques for a in analyses):
        return []
    rows = ["", "## Persuasion by outlet", "",
            "| Outlet | Documents | Mean persuasion density | Technique spans | Most frequent techniques |",
            "|---|---:|---:|---:|---|"]
    for p in profiles:
        top = ", ".join(f"{name.replace('_', ' ')} ({n})" for name, n in
                        sorted(p.techniques.items(), key=lambda kv: (-kv[1], kv[0]))[:4])
        rows.append(f"| {_cell(p.outlet)} | {p.documents} | {_percent(p.mean_density)} | {p.spans} | "
                    f"{_cell(top or '—')} |")
    return rows
