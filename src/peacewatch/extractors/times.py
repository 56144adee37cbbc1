"""When: time expressions, resolved against the document's publication date.

spaCy finds the DATE mentions; `resolve` turns each into a date or a period. Relative expressions
("Tuesday", "the end of the week", "the next few weeks") resolve only when the document has a
`published` date; without one they stay `value: null` rather than guessed. Conventions:
a bare weekday points back (news reports the past) unless its verb is future ("will meet on
Friday"), and "next Friday" is the Friday of next week; a week runs Monday–Sunday, so "the end of
the week" is its Sunday; "few" is three.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from peacewatch.contract import TimeExpression
from peacewatch.extractors.base import Resources, context, register
from peacewatch.spans import char_span, doc_text

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "fifteen": 15,
           "eighteen": 18, "twenty": 20, "thirty": 30, "forty": 40, "forty-five": 45, "sixty": 60, "ninety": 90,
           "few": 3, "couple of": 2, "a few": 3, "a couple of": 2, "several": 3}
UNITS = {"day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
         "months": "month", "year": "year", "years": "year"}
_FUTURE_AUX = {"will", "'ll", "shall", "wo"}
_NUM = (r"(?P<n>\d+|a couple of|couple of|a few|few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten"
        r"|eleven|twelve|fourteen|fifteen|eighteen|twenty|thirty|forty-five|forty|sixty|ninety)")
_UNIT = r"(?P<unit>days?|weeks?|months?|years?)"
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_YEAR = r"(?:,? (?P<y>\d{4}))?"
_MONTH_DAY = re.compile(rf"(?:the )?(?P<mon>{_MONTH_NAMES})\.? (?P<d>\d{{1,2}})(?:st|nd|rd|th)?{_YEAR}")
_DAY_MONTH = re.compile(rf"(?:the )?(?P<d>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<mon>{_MONTH_NAMES})\.?{_YEAR}")
_FULL_DATE = re.compile(rf"\b(?:\d{{1,2}} (?:{_MONTH_NAMES}) \d{{4}}|(?:{_MONTH_NAMES}) \d{{1,2}},? \d{{4}})\b",
                        re.IGNORECASE)
_FULL_MONTHS = "|".join(name for name in calendar.month_name if name)
#: a date with a capitalised month name, with or without its year ("15 April", "April 15, 2026")
_SPELLED_DATE = re.compile(rf"\b(?:\d{{1,2}} (?:{_FULL_MONTHS})(?: \d{{4}})?"
                           rf"|(?:{_FULL_MONTHS}) \d{{1,2}}\b(?:,? \d{{4}})?)(?![\d:])")
#: relative periods the small model does not always tag ("before the end of the month", "in the coming days")
_RELATIVE_PHRASE = re.compile(r"\b(?:the (?:end|beginning|middle) of (?:the |this |next )?(?:week|month|year)"
                              r"|the (?:coming|next) (?:few )?(?:days|weeks|months))\b")
_MONTH_POSITION = re.compile(
    rf"(?:the )?(?P<pos>end|beginning|start|middle|mid|early|late)(?: of|-)? ?(?P<mon>{_MONTH_NAMES}){_YEAR}")
_WEEKDAY = re.compile(r"(?:(?P<rel>last|next|this|past|coming) )?"
                      r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                      r"(?: (?:morning|afternoon|evening|night))?")
_PERIOD_POSITION = re.compile(r"(?:the )?(?P<pos>end|beginning|start|middle) of (?:the |this )?"
                              r"(?P<rel>next |last |current )?(?P<unit>week|month|year)"
                              # "early next month", "later this year", "mid-next week"
                              r"|(?P<pos2>early|late|later|mid)[- ](?:this )?(?P<rel2>next |last )?"
                              r"(?P<unit2>week|month|year)")
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_SEASON = re.compile(r"(?:(?:the )?(?P<pos>end|beginning|start|middle) of )?(?:the |this |next )?"
                     r"(?P<season>spring|summer|autumn|fall|winter)")
_RELATIVE_PERIOD = re.compile(r"(?P<rel>this|last|next|the past|the coming|the current|the previous|the following)"
                              r" (?P<unit>week|month|year)")


@dataclass(frozen=True)
class Resolved:
    value: dt.date | None
    granularity: str
    start: dt.date | None = None
    end: dt.date | None = None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: dt.date, months: int) -> dt.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _period(unit: str, ref: dt.date, offset: int = 0) -> tuple[dt.date, dt.date]:
    """The week/month/year containing `ref`, shifted by `offset` units."""
    if unit == "day":
        day = ref + dt.timedelta(days=offset)
        return day, day
    if unit == "week":
        monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=offset)
        return monday, monday + dt.timedelta(days=6)
    if unit == "month":
        first = _add_months(ref.replace(day=1), offset)
        return first, _month_end(first.year, first.month)
    year = ref.year + offset
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _shift(ref: dt.date, n: int, unit: str) -> dt.date:
    if unit == "day":
        return ref + dt.timedelta(days=n)
    if unit == "week":
        return ref + dt.timedelta(weeks=n)
    if unit == "month":
        return _add_months(ref, n)
    return _add_months(ref, 12 * n)


#: named days that deadlines are set by ("a deal by Thanksgiving", "before Christmas"): Western-calendar dates
_HOLIDAY = re.compile(r"(?P<name>christmas eve|christmas|new year's eve|new year's day|new year's|new year"
                      r"|thanksgiving|easter|orthodox easter|orthodox christmas|victory day)(?: day)?")


_HOLIDAY_IN_TEXT = re.compile(r"\b(?:Orthodox )?(?:Christmas|Easter)(?: Eve| Day)?\b|\bNew Year(?:'s)?(?: Eve| Day)?\b"
                              r"|\bThanksgiving\b|\bVictory Day\b")


def _easter(year: int, orthodox: bool = False) -> dt.date:
    """Easter Sunday: the Gregorian computus (Meeus/Jones/Butcher), or the Julian one shifted to the
    Gregorian calendar (13 days, valid 1900-2099) for the Orthodox date."""
    if orthodox:
        a, b, c = year % 4, year % 7, year % 19
        d = (19 * c + 15) % 30
        e = (2 * a + 4 * b - d + 34) % 7
        month, day = divmod(d + e + 114, 31)
        return dt.date(year, month, day + 1) + dt.timedelta(days=13)
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    lw = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * lw) // 451
    month, day = divmod(h + lw - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _holiday_in(name: str, year: int) -> dt.date:
    if name == "easter":
        return _easter(year)
    if name == "orthodox easter":
        return _easter(year, orthodox=True)
    if name == "thanksgiving":  # the fourth Thursday of November (the United States')
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    fixed = {"christmas eve": (12, 24), "christmas": (12, 25), "new year's eve": (12, 31),
             "orthodox christmas": (1, 7), "victory day": (5, 9)}
    month, day = fixed.get(name, (1, 1))  # New Year
    return dt.date(year, month, day)


def _holiday(name: str, ref: dt.date, future: bool) -> dt.date:
    """The holiday nearest the reference date; with `future` (or for the New Year, always looked forward to),
    the next one on or after it."""
    candidates = [_holiday_in(name, year) for year in (ref.year - 1, ref.year, ref.year + 1)]
    if future or name.startswith("new year"):
        return min(c for c in candidates if c >= ref)
    return min(candidates, key=lambda c: abs((c - ref).days))


def _closest_year(month: int, day: int, ref: dt.date, future: bool = False) -> dt.date | None:
    """A month-day without a year: the occurrence nearest to the reference date (with `future`, the
    nearest on or after it: "no later than 30 September" said in March is this September)."""
    best = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if future and candidate < ref:
            continue
        if best is None or abs((candidate - ref).days) < abs((best - ref).days):
            best = candidate
    return best


LIMIT_WORDS = {"no", "not", "later", "than", "by", "before", "until", "till"}


def _clean(text: str) -> str:
    text = text.lower().replace("’", "'").strip(" .,;:")
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"^(?:by|on|until|till|before|after|since|from|in|within|during|at|of)\s+", "", text)
    # "as early as next week", "about two weeks": the time is the same, only approximate
    text = re.sub(r"^(?:as (?:early|soon|late) as|about|around|roughly|approximately|some)\s+", "", text)
    return text.strip("\"'“”")


def resolve(text: str, ref: dt.date | None, future: bool = False) -> Resolved | None:
    """Resolve one time expression; None when it is not a time expression we understand."""
    within = re.match(r"^\s*(?:within|in)\s+", text.lower())  # "within two weeks": from now on
    t = _clean(text)
    if within and re.fullmatch(rf"(?:the )?(?:next )?{_NUM} {_UNIT}", t):
        t = "next " + t.removeprefix("the ").removeprefix("next ")
    if within and t in {"the week", "the month", "the year"}:  # "within the month": before this one ends
        t = "this " + t.removeprefix("the ")
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t)
    if m:
        try:
            day = dt.date(*(int(g) for g in m.groups()))
        except ValueError:
            return None
        return Resolved(day, "day", day, day)

    m = _MONTH_DAY.fullmatch(t) or _DAY_MONTH.fullmatch(t)
    if m:
        month, day_n = MONTHS[m["mon"]], int(m["d"])
        try:
            if m["y"]:
                day = dt.date(int(m["y"]), month, day_n)
            elif ref is not None:
                day = _closest_year(month, day_n, ref, future)
            else:
                return Resolved(None, "day")
        except ValueError:
            return None
        return Resolved(day, "day", day, day) if day else None

    m = _MONTH_POSITION.fullmatch(t)
    if m:
        month = MONTHS[m["mon"]]
        year = int(m["y"]) if m["y"] else (_closest_year(month, 15, ref).year if ref else None)
        if year is None:
            return Resolved(None, "day")
        found = _position(m["pos"], dt.date(year, month, 1), _month_end(year, month))
        if future and not m["y"] and ref is not None and (found.end or found.value or ref) < ref:
            # (with `future`, the next one: "before the end of May" said in August is next May's)
            found = _position(m["pos"], dt.date(year + 1, month, 1), _month_end(year + 1, month))
        return found

    m = re.fullmatch(rf"(?P<mon>{_MONTH_NAMES})(?:,? (?P<y>\d{{4}}))?", t)
    if m:
        month = MONTHS[m["mon"]]
        # (with `future`, a month not yet over counts: "no later than October")
        year = int(m["y"]) if m["y"] else (_closest_year(month, _month_end(ref.year, month).day if future else 15,
                                                         ref, future).year if ref else None)
        if year is None:
            return Resolved(None, "month")
        first = dt.date(year, month, 1)
        return Resolved(first, "month", first, _month_end(year, month))

    m = re.fullmatch(r"(?:the year )?(?P<y>(?:19|20)\d{2})", t)
    if m:
        year = int(m["y"])
        return Resolved(dt.date(year, 1, 1), "year", dt.date(year, 1, 1), dt.date(year, 12, 31))

    m = _WEEKDAY.fullmatch(t)
    if m:
        if ref is None:
            return Resolved(None, "day")
        target = WEEKDAYS[m["wd"]]
        rel = m["rel"]
        if rel == "next":  # "next Thursday": the Thursday of next week (said on a Monday, not three days on)
            delta = 7 - ref.weekday() + target
        elif rel == "coming" or (rel is None and future):
            delta = (target - ref.weekday()) % 7 or 7
        elif rel == "this":
            delta = target - ref.weekday()
        else:
            delta = -((ref.weekday() - target) % 7)
            if rel in {"last", "past"} and delta == 0:
                delta = -7
        day = ref + dt.timedelta(days=delta)
        return Resolved(day, "day", day, day)

    simple = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
              "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2, "the day after tomorrow": 2,
              "last night": -1}
    if t in simple:
        if ref is None:
            return Resolved(None, "day")
        day = ref + dt.timedelta(days=simple[t])
        return Resolved(day, "day", day, day)

    m = _SEASON.fullmatch(t)
    if m:  # "by the summer", "before the winter": the season now or next (northern hemisphere)
        if ref is None:
            return Resolved(None, "range")
        first_month = SEASONS[m["season"]]
        start = dt.date(ref.year, first_month, 1)
        end = _shift(start, 3, "month") - dt.timedelta(days=1)
        if end < ref:
            start, end = dt.date(ref.year + 1, first_month, 1), _shift(dt.date(ref.year + 1, first_month, 1), 3,
                                                                          "month") - dt.timedelta(days=1)
        return _position(m["pos"], start, end) if m["pos"] else Resolved(start, "range", start, end)

    m = re.fullmatch(r"(?:the )?end of (?:the |this )?quarter", t)
    if m and ref is not None:
        last_month = (ref.month - 1) // 3 * 3 + 3
        end = _month_end(ref.year, last_month)
        return Resolved(end, "day", end, end)

    m = _PERIOD_POSITION.fullmatch(t)
    if m:
        if ref is None:
            return Resolved(None, "day")
        offset = {"next ": 1, "last ": -1}.get(m["rel"] or m["rel2"] or "", 0)
        start, end = _period(m["unit"] or m["unit2"], ref, offset)
        pos = m["pos"] or m["pos2"]
        return _position("late" if pos == "later" else pos, start, end)

    m = _HOLIDAY.fullmatch(t)
    if m:
        if ref is None:
            return Resolved(None, "day")
        day = _holiday(m["name"], ref, future)
        return Resolved(day, "day", day, day)

    m = _RELATIVE_PERIOD.fullmatch(t)
    if m:
        if ref is None:
            return Resolved(None, m["unit"])
        offset = {"last": -1, "the previous": -1, "the past": -1, "next": 1, "the coming": 1,
                  "the following": 1}.get(m["rel"], 0)
        start, end = _period(m["unit"], ref, offset)
        return Resolved(start, m["unit"], start, end)

    m = re.fullmatch(rf"(?:the )?(?:next|coming|following|upcoming) (?:{_NUM} )?{_UNIT}", t) \
        or re.fullmatch(rf"(?:the )?{_NUM} (?:coming|next) {_UNIT}", t) \
        or re.fullmatch(rf"{_NUM} {_UNIT}(?: from now| time)", t)
    if m:
        if ref is None:
            return Resolved(None, "range")
        n = _count(m["n"]) if m["n"] else (1 if not m["unit"].endswith("s") else 7 if m["unit"] == "days" else 3)
        end = _shift(ref, n, UNITS[m["unit"]])
        return Resolved(end, "range", ref, end)

    m = re.fullmatch(rf"(?:the )?(?:past|last|previous) (?:{_NUM} )?{_UNIT}", t) \
        or re.fullmatch(rf"{_NUM} {_UNIT} ago", t)
    if m:
        if ref is None:
            return Resolved(None, "range")
        n = _count(m["n"]) if m["n"] else 1
        start = _shift(ref, -n, UNITS[m["unit"]])
        if t.endswith("ago"):
            return Resolved(start, "day" if UNITS[m["unit"]] == "day" else "range", start, start)
        return Resolved(start, "range", start, ref)

    m = re.fullmatch(rf"(?:{_NUM} )?{_UNIT}", t)
    if m:  # a bare duration ("months", "two weeks"): a time expression, but no date
        return Resolved(None, "range")
    return None


def _count(word: str) -> int:
    return int(word) if word.isdigit() else NUMBERS.get(word, 3)


def _position(pos: str, start: dt.date, end: dt.date) -> Resolved:
    if pos == "end":
        return Resolved(end, "day", end, end)
    if pos in {"beginning", "start"}:
        return Resolved(start, "day", start, start)
    # the middle day, the earlier of two ("mid-May" is the 15th, "the middle of the week" a Wednesday)
    middle = start + dt.timedelta(days=((end - start).days - 1) // 2)
    if pos in {"middle", "mid"}:
        return Resolved(middle, "day", middle, middle)
    if pos == "early":
        return Resolved(start, "range", start, middle)
    return Resolved(end, "range", middle, end)  # late


def _is_future(span: SpacySpan) -> bool:
    """Whether the clause holding `span` speaks of the future ("will meet on Friday")."""
    verb = span.root
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:  # spaCy tokens are views: compare indices
        verb = verb.head
    if any(c.lower_ in _FUTURE_AUX or c.lemma_ == "go" and c.dep_ == "aux" for c in verb.children):
        return True
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


#: a dated entry of a timeline or chronology: "27 March — …", "March 27: …", at the start of a line
_ENTRY_DATE = re.compile(rf"(?m)^[ \t]*(?:[-•*][ \t]+)?"
                         rf"(?P<date>\d{{1,2}} (?:{_FULL_MONTHS})|(?:{_FULL_MONTHS}) \d{{1,2}})"
                         r"(?:,? \d{4})?[ \t]*[—–:-][ \t]")


def entry_labels(text: str) -> list[tuple[int, int, int]]:
    """Where each timeline entry's date ("13 June - The assembly votes …") starts and ends, and where its label
    ends (spaCy may not take the label for a date at all)."""
    return [(m.start("date"), m.end("date"), m.end()) for m in _ENTRY_DATE.finditer(text)]


def reference_date(text: str, offset: int, published: dt.date | None) -> dt.date | None:
    """The date relative expressions at `offset` count from: the entry's own date in a timeline ("27 March —
    the parties agreed to meet within two weeks"), else the document's."""
    if published is None:
        return None
    line_start = text.rfind("\n", 0, offset) + 1
    m = _ENTRY_DATE.match(text, line_start)
    if m is None or m.end() > offset:
        return published
    resolved = resolve(m.group("date"), published)  # an entry reports the past: the nearest such date
    return resolved.value if resolved is not None and resolved.value is not None else published


class TimeExtractor:
    name = "times"

    def __init__(self, resources_: Resources) -> None:
        del resources_

    def __call__(self, doc: Doc) -> list[TimeExpression]:
        ref = context(doc).published
        out: list[TimeExpression] = []
        for ent in doc.ents:
            if ent.label_ != "DATE":
                continue
            # spaCy may take the limit word into the date ("no later than 31 March 2026"): the expression is
            # the date; the limit is the deadline extractor's business
            first = ent.start
            while first < ent.end and doc[first].lower_ in LIMIT_WORDS:
                first += 1
            if first == ent.end:
                continue  # only the limit words: no date in it
            ent = doc[first:ent.end]
            # an expression we cannot resolve is still a time expression: kept, value null
            resolved = resolve(ent.text, reference_date(doc_text(doc), ent.start_char, ref), future=_is_future(ent)) \
                or Resolved(None, _unit_of(ent.text))
            out.append(_expression(doc, len(out), ent.start_char, ent.end_char, resolved))
        # full dates the small model misses ("no later than 15 April 2026" tagged without its date), and
        # holidays it takes for events ("by New Year")
        taken = [(t.span.start, t.span.end) for t in out]
        for m in [*_FULL_DATE.finditer(doc_text(doc)), *_SPELLED_DATE.finditer(doc_text(doc)),
                  *_RELATIVE_PHRASE.finditer(doc_text(doc)), *_HOLIDAY_IN_TEXT.finditer(doc_text(doc))]:
            if any(m.start() < e and b < m.end() for b, e in taken):
                continue
            taken.append((m.start(), m.end()))
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            resolved = resolve(m.group(0), reference_date(doc_text(doc), m.start(), ref),
                               future=span is not None and _is_future(span))
            if resolved is not None and resolved.value is not None:
                out.append(_expression(doc, len(out), m.start(), m.end(), resolved))
        out.sort(key=lambda t: t.span.start)
        for n, t in enumerate(out, start=1):
            t.id = f"t{n}"
        return out


def _expression(doc: Doc, n: int, start: int, end: int, resolved: Resolved) -> TimeExpression:
    return TimeExpression(id=f"t{n + 1}", span=char_span(doc, start, end), value=_iso(resolved.value),
                          granularity=resolved.granularity,  # type: ignore[arg-type]
                          start=_iso(resolved.start), end=_iso(resolved.end))


def _unit_of(text: str) -> str:
    words = set(re.findall(r"[a-z]+", text.lower()))
    for unit in ("day", "week", "month", "year"):
        if unit in words or unit + "s" in words:
            return unit if unit in words else "range"
    return "range"


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


@register("times")
def make_time_extractor(resources_: Resources) -> TimeExtractor:
    return TimeExtractor(resources_)
