"""`peacewatch train techniques` and `peacewatch eval techniques`, on the PTC layout."""

from __future__ import annotations

import json
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from peacewatch.errors import PeacewatchError
from peacewatch.subcommands import eval_app, train_app

err = Console(stderr=True)


class Split(StrEnum):
    train = "train"
    dev = "dev"
    all = "all"


def _articles(directory: Path, part: Split, limit: int | None):
    from peacewatch.techniques.data import read_ptc, split

    try:
        articles = split(read_ptc(directory), part.value)
    except (PeacewatchError, OSError) as exc:
        err.print(f"[bold red]error:[/] {exc}", highlight=False)
        raise typer.Exit(2) from None
    if not articles:
        err.print(f"[bold red]error:[/] {directory}: no articles in split {part.value!r}", highlight=False)
        raise typer.Exit(2)
    return articles[:limit] if limit else articles


@train_app.command("techniques")
def train_techniques(
    data: Annotated[Path, typer.Option("--data", help="PTC folder (train-articles/ + train-task2-TC.labels)",
                                       exists=True, file_okay=False)],
    out: Annotated[Path | None, typer.Option(help="where to write the model (default: the package's own)")] = None,
    split: Annotated[Split, typer.Option(help="train: the first 80% by article id (dev stays unseen)")] = Split.train,
    epochs: Annotated[int, typer.Option(min=1)] = 6,
    heads: Annotated[int, typer.Option(min=1, help="tagger heads from different seeds, averaged")] = 3,
    seed: int = 13,
    limit: Annotated[int | None, typer.Option(help="only the first N articles of the split (quick runs)")] = None,
    cache: Annotated[Path | None, typer.Option(help="pickle of encoder states, reused across runs")] = None,
) -> None:
    """Train the persuasion-technique tagger on PTC articles and save it with its thresholds."""
    import torch

    from peacewatch.techniques.detector import model_dir
    from peacewatch.techniques.training import train_model

    torch.manual_seed(seed)
    articles = _articles(data, split, limit)
    started = time.perf_counter()
    torch.set_num_threads(1)  # why: small batches; on a busy 2-core machine more threads only spin
    model = train_model(articles, epochs=epochs, seed=seed, heads=heads, cache=cache, log=lambda m: err.print(m))
    model.meta["split"] = split.value
    target = out or model_dir()
    model.save(target)
    size = sum(p.stat().st_size for p in target.iterdir() if p.is_file())
    err.print(f"saved to {target} ({size / 1e6:.1f} MB) in {time.perf_counter() - started:.0f} s")


@eval_app.command("techniques")
def eval_techniques(
    gold: Annotated[Path, typer.Option("--gold", help="PTC folder with gold labels", exists=True,
                                       file_okay=False)],
    split: Annotated[Split, typer.Option(help="dev: the held-out last 20% by article id")] = Split.dev,
    model: Annotated[Path | None, typer.Option(help="a model folder (default: the shipped one)")] = None,
    patterns: Annotated[bool, typer.Option(help="add the transparent patterns to the learned spans")] = True,
    limit: Annotated[int | None, typer.Option(help="only the first N articles of the split")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the scores as JSON")] = False,
) -> None:
    """Score the technique detector on PTC gold: span identification, span+technique, sentence level."""
    from peacewatch.techniques.detector import Detector
    from peacewatch.techniques.scoring import score

    articles = _articles(gold, split, limit)
    try:
        detector = Detector(model, use_patterns=patterns)
    except PeacewatchError as exc:
        err.print(f"[bold red]error:[/] {exc}", highlight=False)
        raise typer.Exit(2) from None
    detector.detect("Warm-up.", [(0, 8)])  # why: the first call pays for lazy loading, not the timing
    started = time.perf_counter()
    pred = {a.id: [(s, e, n) for s, e, n, _ in detector.detect(a.text, a.segments())] for a in articles}
    per_article = (time.perf_counter() - started) / len(articles)
    report = score(detector.model.labels,
                   {a.id: [(g.start, g.end, g.technique) for g in a.spans] for a in articles},
                   pred, {a.id: a.segments() for a in articles})
    result = report.as_dict() | {"seconds_per_article": round(per_article, 3), "split": split.value,
                                 "patterns": patterns}
    if as_json:
        typer.echo(json.dumps(result, indent=2))
        return
    typer.echo(format_report(result))


def format_report(r: dict) -> str:
    def prf(d: dict) -> str:
        return f"P {d['precision']:.3f}  R {d['recall']:.3f}  F1 {d['f1']:.3f}"

    lines = [
        f"PTC techniques, split {r['split']}: {r['articles']} articles, {r['sentences']} sentences"
        f" ({'learned + patterns' if r['patterns'] else 'learned only'})",
        f"span identification (SemEval-2020 SI)  {prf(r['si'])}",
        f"span + technique                       {prf(r['span_technique'])}",
        f"sentence level, micro over 14 labels   {prf(r['sentence_micro'])}",
        f"sentence level, macro F1               {r['sentence_macro_f1']:.3f}",
        "",
        f"{'technique':<36} {'gold sents':>10} {'sent P':>7} {'sent R':>7} {'sent F1':>7} {'span F1':>7}",
    ]
    for name, v in r["per_label"].items():
        lines.append(f"{name:<36} {v['gold_sentences']:>10} {v['sentence_precision']:>7.3f} "
                     f"{v['sentence_recall']:>7.3f} {v['sentence_f1']:>7.3f} {v['span_f1']:>7.3f}")
    lines += ["", f"seconds per article: {r['seconds_per_article']:.3f}"]
    return "\n".join(lines)
