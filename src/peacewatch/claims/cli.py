"""`peacewatch train checkworthy` and `peacewatch eval checkworthy`, on CheckThat! 2024 Task 1 TSVs."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated

import numpy as np
import typer
from rich.console import Console

from peacewatch.errors import PeacewatchError
from peacewatch.subcommands import eval_app, train_app

err = Console(stderr=True)


def _read(path: Path, limit: int | None) -> tuple[list[str], list[int]]:
    from peacewatch.claims.model import read_tsv

    try:
        texts, labels = read_tsv(path)
    except PeacewatchError as exc:
        err.print(f"[bold red]error:[/] {exc}", highlight=False)
        raise typer.Exit(2) from None
    if limit:
        texts, labels = texts[:limit], labels[:limit]
    if not texts:
        err.print(f"[bold red]error:[/] {path}: no rows", highlight=False)
        raise typer.Exit(2)
    return texts, labels


def _embeddings(texts: list[str], cache: Path | None) -> np.ndarray:
    """MiniLM sentence vectors, reused from `cache` (.npy) when it holds as many rows (embedding is the slow part)."""
    from peacewatch.claims.embed import embed

    if cache and cache.exists():
        cached = np.load(cache)
        if len(cached) == len(texts):
            return cached
    vectors = embed(texts)
    if cache:
        np.save(cache, vectors)
    return vectors


@train_app.command("checkworthy")
def train_checkworthy(
    data: Annotated[Path, typer.Option("--data", help="CheckThat! TSV (Sentence_id, Text, class_label)",
                                       exists=True, dir_okay=False)],
    out: Annotated[Path | None, typer.Option(help="where to write the model (default: the package's own)")] = None,
    c: Annotated[float, typer.Option("--c", min=1e-6, help="inverse L2 strength of the logistic regression")] = 4.0,
    scale: Annotated[float, typer.Option(min=0.0, help="weight of the MiniLM block in the linear view "
                                         "(0: TF-IDF only; the MLP view always has the embedding)")] = 0.0,
    rich: Annotated[bool, typer.Option("--rich-features/--plain-features",
                                       help="word trigrams + shape flags on top of the plain n-grams")] = True,
    threshold_rule: Annotated[str, typer.Option(help="prior: predicted-positive share = label share out of fold; "
                                                "f1: the out-of-fold F1-best cut")] = "prior",
    folds: Annotated[int, typer.Option(min=2, help="folds for calibration and the threshold")] = 5,
    limit: Annotated[int | None, typer.Option(help="only the first N rows (quick runs)")] = None,
    cache: Annotated[Path | None, typer.Option(help=".npy of sentence embeddings, reused across runs")] = None,
) -> None:
    """Train the check-worthiness scorer; calibration and threshold come from out-of-fold training predictions."""
    try:
        from peacewatch.claims.training import train
    except ImportError as exc:
        err.print(f"[bold red]error:[/] training needs scikit-learn ({exc}): pip install 'peacewatch[train]'")
        raise typer.Exit(2) from None
    from peacewatch.claims.model import model_dir

    texts, labels = _read(data, limit)
    started = time.perf_counter()
    if threshold_rule not in {"prior", "f1"}:
        err.print(f"[bold red]error:[/] --threshold-rule must be prior or f1, not {threshold_rule!r}", highlight=False)
        raise typer.Exit(2)
    model = train(texts, labels, _embeddings(texts, cache), c=c, scale=scale, folds=folds, rich=rich,
                  threshold_rule=threshold_rule)
    target = out or model_dir()
    model.save(target)
    err.print(f"trained on {len(texts)} rows in {time.perf_counter() - started:.0f}s → {target}; "
              f"threshold {model.threshold:.2f}; out-of-fold {model.meta['out_of_fold']}", highlight=False)


@eval_app.command("checkworthy")
def eval_checkworthy(
    gold: Annotated[Path, typer.Option("--gold", help="CheckThat! TSV (Sentence_id, Text, class_label)",
                                       exists=True, dir_okay=False)],
    model: Annotated[Path | None, typer.Option(help="model folder (default: the package's own)")] = None,
    threshold: Annotated[float | None, typer.Option(help="probability cut (default: the model's own)")] = None,
    limit: Annotated[int | None, typer.Option(help="only the first N rows (quick runs)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the scores as JSON")] = False,
) -> None:
    """F1, precision and recall of the positive (check-worthy) class."""
    from peacewatch.claims.model import f1_scores, load_model

    texts, labels = _read(gold, limit)
    try:
        scorer = load_model(model)
    except PeacewatchError as exc:
        err.print(f"[bold red]error:[/] {exc}", highlight=False)
        raise typer.Exit(2) from None
    cut = scorer.threshold if threshold is None else threshold
    started = time.perf_counter()
    probabilities = scorer.probabilities(texts)
    scores = f1_scores(labels, [int(p >= cut) for p in probabilities])
    scores |= {"threshold": cut, "seconds": round(time.perf_counter() - started, 1)}
    if as_json:
        typer.echo(json.dumps(scores))
        return
    typer.echo(f"checkworthy  F1 {scores['f1']:.4f}  precision {scores['precision']:.4f}  "
               f"recall {scores['recall']:.4f}  (tp {scores['tp']}, fp {scores['fp']}, fn {scores['fn']}; "
               f"{scores['n']} sentences, threshold {cut:.2f}, {scores['seconds']}s)")
