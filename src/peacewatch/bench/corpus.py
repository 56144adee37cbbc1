"""A seeded generator of fictional, news-length documents for `peacewatch bench`, at any size, offline.

Documents are composed from the templates and lexicons of `data/bench_corpus.yaml` (invented states, people,
outlets and places): a headline, a dateline lead and 12-32 sentences mixing attributions, stances, commitments,
deadlines, events, background and persuasive language, so that every extractor does real work. Document `i`
depends only on `(seed, i)`: the first 1,000 documents of a 10,000-document corpus are the 1,000-document
corpus, and generating streams (constant memory, whatever the size).
"""

from __future__ import annotations

import datetime as dt
import random
import re
import string
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from peacewatch.contract import Document
from peacewatch.ingest.documents import make_document

DATA_FILE = "bench_corpus.yaml"
#: sentence groups drawn for the body, with their weights (attributed speech dominates news)
BODY_GROUPS: dict[str, int] = {"attributed": 5, "stance": 2, "commitment": 2, "deadline": 1, "event": 3,
                               "persuasion": 1, "background": 2}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
_FIELD = re.compile(r"\{(\w+)\}")


@lru_cache(maxsize=1)
def blocks() -> dict[str, Any]:
    text = resources.files("peacewatch.data").joinpath(DATA_FILE).read_text("utf-8")
    return yaml.safe_load(text)


def generate(n: int, seed: int = 0) -> Iterator[Document]:
    """`n` documents, lazily."""
    for i in range(n):
        yield document(i, seed)


def document(i: int, seed: int = 0) -> Document:
    """Document `i` of the corpus with this seed."""
    data = blocks()
    rng = random.Random(f"peacewatch-bench:{seed}:{i}")
    published = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(365))
    values = _values(data, rng, published)
    fill = _filler(values, rng, data)
    sentences = [fill(rng.choice(data["lead"]))]
    groups, weights = list(BODY_GROUPS), list(BODY_GROUPS.values())
    for _ in range(rng.randint(12, 32)):
        sentences.append(fill(rng.choice(data[rng.choices(groups, weights)[0]])))
    paragraphs: list[str] = []
    while sentences:  # one to three sentences per paragraph, as wire copy is laid out
        take = rng.randint(1, 3)
        paragraphs.append(" ".join(sentences[:take]))
        sentences = sentences[take:]
    paragraphs.append(data["closing"][0])
    outlet = values["outlet"]
    return make_document("\n\n".join(paragraphs), source_id=f"bench/{seed}/{i:06d}",
                         title=fill(rng.choice(data["headlines"])), outlet=outlet, published=published.isoformat(),
                         url=f"https://{outlet.lower().replace(' ', '')}.example/{published.isoformat()}/{i}",
                         genre="wire")


def _values(data: dict[str, Any], rng: random.Random, published: dt.date) -> dict[str, str]:
    """One document's cast: its states, people, outlet, alliance; sentences then vary around them."""
    states = rng.sample(data["states"], 4)
    values: dict[str, str] = {"outlet": rng.choice(data["outlets"]), "month": MONTHS[published.month - 1],
                              "day": str(published.day), "alliance": rng.choice(data["alliances"])}
    for k, state in enumerate(states):
        suffix = "" if k == 0 else str(k + 1)
        values[f"state{suffix}"], values[f"adj{suffix}"] = state["name"], state["adj"]
        values[f"capital{suffix}"] = state["capital"]
    values["capital_upper"] = values["capital"].upper()
    values["alliance_cap"] = values["alliance"][0].upper() + values["alliance"][1:]
    return values


def _filler(values: dict[str, str], rng: random.Random, data: dict[str, Any]):
    """Formats a template: the document's cast, plus fresh picks (topic, person, place…) per sentence."""
    picks = {"topic": "topics", "asset": "assets", "deadline": "deadlines", "weekday": "weekdays",
             "place": "places", "anonymous": "anonymous"}

    def value(name: str) -> str:
        if name in values:
            return values[name]
        if name in picks:
            return _FIELD.sub(lambda m: value(m.group(1)), rng.choice(data[picks[name]]))
        if name == "anonymous_cap":
            text = value("anonymous")
            return text[0].upper() + text[1:]
        if name in {"person", "person2", "person_last"}:
            who = rng.choice(data["people"])
            if name == "person_last":
                return who["name"].split()[-1]
            return f"{values['adj']} {who['role'].title()} {who['name']}" if rng.random() < 0.4 else who["name"]
        if name == "role":
            return rng.choice(data["people"])["role"]
        if name == "stance_verb":
            return rng.choice(["never accept", "support", "consider", "reject", "insist on", "not discuss"])
        raise KeyError(f"{DATA_FILE}: unknown placeholder {{{name}}}")

    def fill(template: str) -> str:
        names = [f for _, f, _, _ in string.Formatter().parse(template) if f]
        return template.format(**{n: value(n) for n in names})

    return fill
