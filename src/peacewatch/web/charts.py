"""Tiny server-side SVG charts: stacked bars, horizontal bars, a step chart. No JavaScript, no styles.

Colours are presentation attributes (fill/stroke), which the page's Content-Security-Policy allows;
every label goes through `escape`, since outlet and actor names come from documents.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from markupsafe import Markup, escape

PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
           "#bab0ac", "#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02")
POLARITY_COLOURS = {"support": "#2e7d32", "conditional": "#f9a825", "neutral": "#9e9e9e", "oppose": "#c62828"}


def _svg(width: int, height: int, label: str, body: list[str]) -> Markup:
    return Markup(f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
                  f'width="{width}" height="{height}" role="img" aria-label="{escape(label)}">'
                  f'<title>{escape(label)}</title>{"".join(body)}</svg>')


def _text(x: float, y: float, value: object, anchor: str = "start", size: int = 11) -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
            f'fill="#333">{escape(str(value))}</text>')


def colours(keys: Sequence[str]) -> dict[str, str]:
    return {k: PALETTE[i % len(PALETTE)] for i, k in enumerate(keys)}


def stacked_bars(columns: dict[str, Counter[str]], label: str, width: int = 900, height: int = 240) -> Markup:
    """One bar per column key (e.g. a day), stacked by category (e.g. event type), with a legend."""
    if not columns:
        return _svg(width, 40, label, [_text(8, 24, "nothing to chart")])
    categories = sorted({c for counts in columns.values() for c in counts})
    colour = colours(categories)
    top = max(sum(c.values()) for c in columns.values()) or 1
    left, bottom, plot_h = 36, height - 60, height - 80
    step = (width - left - 10) / len(columns)
    body = [f'<line x1="{left}" y1="{bottom}" x2="{width - 10}" y2="{bottom}" stroke="#999"/>',
            _text(left - 4, bottom - plot_h + 4, top, "end"), _text(left - 4, bottom, 0, "end")]
    for i, (key, counts) in enumerate(columns.items()):
        y = float(bottom)
        for category in categories:
            n = counts.get(category, 0)
            if not n:
                continue
            h = n / top * plot_h
            y -= h
            body.append(f'<rect x="{left + i * step:.1f}" y="{y:.1f}" width="{max(step - 1, 1):.1f}" '
                        f'height="{h:.1f}" fill="{colour[category]}"><title>{escape(key)}: '
                        f'{escape(category)} {n}</title></rect>')
    keys = list(columns)
    body.append(_text(left, bottom + 14, keys[0]))
    if len(keys) > 1:
        body.append(_text(width - 10, bottom + 14, keys[-1], "end"))
    body += _legend(categories, colour, left, height - 22, width)
    return _svg(width, height, label, body)


def _legend(categories: Sequence[str], colour: dict[str, str], x0: float, y: float, width: int) -> list[str]:
    body, x = [], x0
    for category in categories:
        if x > width - 90:
            break
        body.append(f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="10" height="10" fill="{colour[category]}"/>')
        body.append(_text(x + 13, y, category))
        x += 20 + 8 * len(category)
    return body


def hbars(rows: Sequence[tuple[str, float]], label: str, fmt: str = "{:.1%}", width: int = 640) -> Markup:
    """Horizontal bars, one per row (label, value), longest value at full width."""
    if not rows:
        return _svg(width, 40, label, [_text(8, 24, "nothing to chart")])
    bar_h, left = 18, 200
    height = len(rows) * (bar_h + 4) + 8
    top = max(v for _, v in rows) or 1
    body = []
    for i, (name, value) in enumerate(rows):
        y = 4 + i * (bar_h + 4)
        w = value / top * (width - left - 70)
        short = name if len(name) <= 28 else name[:27] + "…"
        body.append(_text(left - 6, y + 13, short, "end"))
        body.append(f'<rect x="{left}" y="{y}" width="{max(w, 1):.1f}" height="{bar_h}" fill="{PALETTE[0]}">'
                    f'<title>{escape(name)}: {escape(fmt.format(value))}</title></rect>')
        body.append(_text(left + w + 4, y + 13, fmt.format(value)))
    return _svg(width, height, label, body)


def stance_steps(history: dict[str, list[tuple[str, str]]], label: str, width: int = 900) -> Markup:
    """Stance over time: one row per topic, a dot per stance at its date, coloured by polarity."""
    dated = sorted({day for points in history.values() for day, _ in points if day})
    if not dated:
        return _svg(width, 40, label, [_text(8, 24, "no dated stances")])
    row_h, left, right = 24, 190, 20
    height = len(history) * row_h + 46
    first, last = dated[0], dated[-1]
    span = max(len(dated) - 1, 1)
    position = {day: left + i / span * (width - left - right) for i, day in enumerate(dated)}
    body = []
    for r, (topic, points) in enumerate(history.items()):
        y = 14 + r * row_h
        body.append(_text(left - 8, y + 4, topic.replace("_", " "), "end"))
        body.append(f'<line x1="{left}" y1="{y}" x2="{width - right}" y2="{y}" stroke="#ddd"/>')
        previous: tuple[float, str] | None = None
        for day, polarity in points:
            if not day:
                continue
            x = position[day]
            if previous and previous[1] != polarity:  # a shift: a connector between the two positions
                body.append(f'<line x1="{previous[0]:.1f}" y1="{y}" x2="{x:.1f}" y2="{y}" stroke="#555" '
                            f'stroke-width="2"/>')
            body.append(f'<circle cx="{x:.1f}" cy="{y}" r="6" fill="{POLARITY_COLOURS.get(polarity, "#999")}">'
                        f'<title>{escape(day)}: {escape(polarity)} {escape(topic)}</title></circle>')
            previous = (x, polarity)
    base = height - 26
    body.append(_text(left, base, first))
    body.append(_text(width - right, base, last, "end"))
    body += _legend(list(POLARITY_COLOURS), POLARITY_COLOURS, left, height - 6, width)
    return _svg(width, height, label, body)
