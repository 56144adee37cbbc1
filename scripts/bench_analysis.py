"""Benchmark the analysis: the demo corpus through bare spaCy and through peacewatch with growing extractor sets.

Prints documents per second, milliseconds per document and tokens per second for each configuration, so that the
cost of each layer (the record, claims, events, techniques) can be read side by side with bare spaCy.
Run: python scripts/bench_analysis.py [--repeat 2] [--corpus examples/corpus]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from peacewatch.contract import Document
from peacewatch.ingest import read_paths
from peacewatch.nlp import load_nlp
from peacewatch.pipeline import DEFAULT_EXTRACTORS, Pipeline, Settings

RECORD = ["actors", "times", "attributions", "stances", "commitments", "deadlines"]
CONFIGS = {
    "record (no learned models)": RECORD,
    "+ claims": RECORD[:3] + ["claims"] + RECORD[3:],
    "+ claims, events": RECORD[:3] + ["claims"] + RECORD[3:5] + ["events", "deadlines"],
    "full default": list(DEFAULT_EXTRACTORS),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("examples/corpus"))
    parser.add_argument("--config", type=Path, default=Path("examples/peacewatch.yaml"))
    parser.add_argument("--repeat", type=int, default=2, help="passes over the corpus per configuration")
    args = parser.parse_args()
    docs = [d for _, items in read_paths([args.corpus]) for d in items if isinstance(d, Document)] * args.repeat
    nlp = load_nlp(Settings.from_file(args.config).model)
    tokens = sum(len(d) for d in nlp.pipe(x.text for x in docs[:len(docs) // args.repeat])) * args.repeat
    start = time.perf_counter()
    list(nlp.pipe(d.text for d in docs))
    report("bare spaCy", len(docs), tokens, time.perf_counter() - start)
    for label, extractors in CONFIGS.items():
        settings = Settings.from_file(args.config)
        settings.extractors = extractors
        pipeline = Pipeline(settings)
        pipeline.analyze(docs[0])  # load models outside the timing
        start = time.perf_counter()
        for _ in pipeline.analyze_many(docs):
            pass
        report(label, len(docs), tokens, time.perf_counter() - start)


def report(label: str, n: int, tokens: int, seconds: float) -> None:
    print(f"{label:<28} {n / seconds:7.1f} docs/s {1000 * seconds / n:8.1f} ms/doc {tokens / seconds:9.0f} tokens/s")


if __name__ == "__main__":
    main()
