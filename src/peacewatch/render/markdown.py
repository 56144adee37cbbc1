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
    lines += ["", f"{summary.sentences} sentences, {summary.tokens} tokens; found {counted or 'nothing'}.", ""]

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

    if analysis.attributions:
        lines += [f"{h}# Who said what", "", "| Source | Cue | What | Kind |", "|---|---|---|---|"]
        for attr in analysis.attributions:
            who = names.get(attr.source_actor or "", None) or (attr.source.text if attr.source else "—")
            if attr.anonymous:
                who += " (anonymous)"
            lines.append(f"| {_cell(who)} | {_quote(attr.cue)} | {_quote(attr.content)} | {attr.kind} |")
        lines.append("")
    return "\n".join(lines)


def render_index(analyses: Iterable[Analysis], links: dict[str, str] | None = None) -> str:
    """A table of contents for a run over many documents."""
    rows = ["# peacewatch report", "", "| Date | Outlet | Document | Actors | Dates |", "|---|---|---|---:|---:|"]
    for analysis in sorted(analyses, key=lambda a: (a.document.published or "", a.document.source_id or "")):
        doc = analysis.document
        title = _cell(document_heading(analysis))
        link = (links or {}).get(doc.id)
        rows.append(f"| {doc.published or '—'} | {_cell(doc.outlet or '—')} | "
                    f"{f'[{title}]({link})' if link else title} | {len(analysis.actors)} | {len(analysis.times)} |")
    return "\n".join(rows) + "\n"
