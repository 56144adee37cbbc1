"""Briefings: what changed in a period, every line linked to its evidence (document id + quoted span)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import Any

from peacewatch.store import views
from peacewatch.store.db import Store


@dataclass
class Line:
    text: str
    evidence: list[dict[str, Any]]


@dataclass
class Briefing:
    since: str
    until: str
    actor: str | None = None
    topic: str | None = None
    sections: dict[str, list[Line]] = field(default_factory=dict)


def _in(day: str | None, since: str, until: str) -> bool:
    return bool(day) and since <= day[:10] <= until  # type: ignore[index]


def build_briefing(store: Store, since: str, until: str, actor: str | None = None,
                   topic: str | None = None) -> Briefing:
    brief = Briefing(since, until, actor, topic)
    ids = views.actor_ids(store, actor) if actor else None

    def keep(who: str | None, what: str | None = None) -> bool:
        return (ids is None or who in ids) and (topic is None or what == topic)

    brief.sections["New commitments"] = [
        Line(f"{line['actor']} — {h['modality']}: {h['action']} ({line['topic']}), {h['date']}", [h["evidence"]])
        for line in views.guarantee_ledger(store) if keep(line["actor"], line["topic"])
        for h in line["history"] if _in(h["date"], since, until)]
    brief.sections["Stance shifts"] = [
        Line(f"{s['actor']} on {s['topic']}: {s['from']} → {s['to']} ({s['date']})", [s["before"], s["after"]])
        for s in views.stance_shifts(store) if keep(s["actor"], s["topic"]) and _in(s["date"], since, until)]
    brief.sections["Ceasefire violations"] = [
        Line(f"{v['source_actor']} → {v['target_actor']}, {v['date']}, during the ceasefire of {cf['start']}",
             [cf["declared"], v["evidence"]])
        for cf in views.ceasefire_monitor(store, as_of=until) for v in cf["violations"]
        if _in(v["date"], since, until) and (ids is None or ids & set(cf["parties"])) and topic is None]
    deadlines = []
    for dl in views.deadlines_ledger(store, as_of=until):
        if not keep(dl["actor"]) or topic is not None:
            continue
        verdict = dl["verdict"]
        if verdict and _in(verdict["published"], since, until):
            deadlines.append(Line(f"deadline of {dl['due']} {dl['status']}", [dl["set"], verdict]))
        elif _in(dl["due"], since, until):
            deadlines.append(Line(f"deadline of {dl['due']}: {dl['status']}", [dl["set"]]))
    brief.sections["Deadlines due or missed"] = deadlines
    brief.sections["Contested claims"] = [
        Line(f"{c['reason']}: {c['claim']}", [c["a"], c["b"]])
        for c in views.contradictions(store) if topic is None and ids is None
        and (_in(c["a"]["published"], since, until) or _in(c["b"]["published"], since, until))]
    return brief


def _cite_md(ev: dict[str, Any]) -> str:
    quoted = " ".join((ev.get("text") or "").split())
    return f"[{ev['doc_id']} {ev.get('start')}–{ev.get('end')}] “{quoted}”"


def render_markdown(brief: Briefing) -> str:
    scope = "".join(f", {k} {v}" for k, v in (("actor", brief.actor), ("topic", brief.topic)) if v)
    out = [f"# Briefing {brief.since} – {brief.until}{scope}", ""]
    for title, lines in brief.sections.items():
        out += [f"## {title}", ""]
        if not lines:
            out += ["Nothing in this period.", ""]
            continue
        for line in lines:
            out.append(f"- {line.text}")
            out += [f"  - {_cite_md(ev)}" for ev in line.evidence]
        out.append("")
    return "\n".join(out)


def render_html(brief: Briefing) -> str:
    """The same briefing as HTML; every piece of text from the store is escaped."""
    scope = "".join(f", {k} {v}" for k, v in (("actor", brief.actor), ("topic", brief.topic)) if v)
    title = escape(f"Briefing {brief.since} – {brief.until}{scope}")
    out = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">', f"<title>{title}</title></head><body>",
           f"<h1>{title}</h1>"]
    for section, lines in brief.sections.items():
        out.append(f"<h2>{escape(section)}</h2>")
        if not lines:
            out.append("<p>Nothing in this period.</p>")
            continue
        out.append("<ul>")
        for line in lines:
            cites = "".join(
                f'<li><code>{escape(ev["doc_id"])} {ev.get("start")}–{ev.get("end")}</code> '
                f'<q>{escape(" ".join((ev.get("text") or "").split()))}</q></li>' for ev in line.evidence)
            out.append(f"<li>{escape(line.text)}<ul>{cites}</ul></li>")
        out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
