"""Benchmark the store: 10,000 synthetic analyses into SQLite, then time a few cross-document queries.

No spaCy: the analyses are constructed (random text from a small vocabulary, records with real spans).
Run: python scripts/bench_store.py [--docs 10000] [--db PATH]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from peacewatch.contract import Actor, Analysis, Commitment, Document, Event, Span, Stance
from peacewatch.store import Store, ingest_analyses, views

_VOCABULARY = ("ceasefire talks monitors guarantees troops border prisoners exchange sanctions drones shelling envoy "
         "ministry deadline framework corridor convoy reconstruction elections referendum amnesty withdrawal "
         "summit declaration observers artillery frontline humanitarian reactor grain port bridge")
WORDS = _VOCABULARY.split()
ACTORS = [f"actor-{i}" for i in range(50)]
TOPICS = ["monitors", "guarantees", "sanctions", "elections", "withdrawal", "prisoners", "ceasefire", "corridor"]
POLARITIES = ["support", "oppose", "conditional", "neutral"]
MODALITIES = ["considering", "offered", "ready", "pledged", "signed", "refused"]


def synthetic(i: int, rng: random.Random) -> Analysis:
    day = (date(2025, 1, 1) + timedelta(days=rng.randrange(500))).isoformat()
    sentences = [" ".join(rng.choices(WORDS, k=rng.randint(8, 16))).capitalize() + "." for _ in range(8)]
    text = f"Report {i}. " + " ".join(sentences)
    who = rng.sample(ACTORS, 3)

    def span(k: int) -> Span:
        start = text.index(sentences[k])
        return Span(start=start, end=start + len(sentences[k]), text=sentences[k])

    return Analysis(
        document=Document(id=Document.content_id(text), text=text, published=day, outlet=f"Outlet {i % 40}",
                          title=sentences[0][:60], source_id=f"synthetic/{i}"),
        actors=[Actor(id=a, name=a.replace("-", " ").title(), kind="state", mentions=[span(0)]) for a in who],
        stances=[Stance(id=f"s{k}", actor=who[k], topic=rng.choice(TOPICS), polarity=rng.choice(POLARITIES),
                        strength=0.7, evidence=span(k + 1)) for k in range(2)],
        commitments=[Commitment(id="c0", actor=who[0], action="provide guarantees", topic=rng.choice(TOPICS),
                                modality=rng.choice(MODALITIES), evidence=span(3))],
        events=[Event(id=f"e{k}", type=kind, mode="ceasefire-declared" if kind == "AGREE" and k == 0 else None,
                      source_actor=who[k], target_actor=who[2], date=day, evidence=span(4 + k))
                for k, kind in enumerate(rng.choices(["AGREE", "ASSAULT", "CONSULT", "REJECT"], k=2))],
    )


def timed(label: str, call: Callable[[], Any], repeat: int = 3) -> None:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = call()
        best = min(best, time.perf_counter() - start)
    size = len(result) if hasattr(result, "__len__") else "-"
    print(f"{label:<40} {best * 1000:9.1f} ms   ({size} rows)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    db = args.db or Path(tempfile.mkdtemp(prefix="pw-bench-")) / "bench.db"
    rng = random.Random(7)
    with Store(db) as store:
        start = time.perf_counter()
        report = ingest_analyses(store, (synthetic(i, rng) for i in range(args.docs)), batch_size=500)
        elapsed = time.perf_counter() - start
        print(f"stored {report.stored} documents (+{report.near_duplicates} near-duplicates) into {db} "
              f"in {elapsed:.1f} s ({args.docs / elapsed:.0f} docs/s)")
        print(f"rows: {store.counts()}")
        timed("actor timeline (actor-7)", lambda: views.actor_timeline(store, "actor-7"))
        timed("full-text search 'ceasefire monitors'", lambda: store.search("ceasefire monitors"))
        timed("full-text search 'reactor amnesty bridge'", lambda: store.search("reactor amnesty bridge"))
        timed("stance matrix, one actor", lambda: views.stance_matrix(store, actor="actor-7"))
        timed("stance matrix, all actors × topics", lambda: views.stance_matrix(store))
        timed("guarantee ledger, one topic", lambda: views.guarantee_ledger(store, topic="guarantees"))
        timed("ceasefire monitor", lambda: views.ceasefire_monitor(store))


if __name__ == "__main__":
    main()
