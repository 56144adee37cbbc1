"""`peacewatch eval attribution` and `peacewatch train attribution`: PolNeAR in, scores or a cue model out."""

from __future__ import annotations

import time
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer

from peacewatch.contract import Analysis, Document
from peacewatch.evaluation.polnear import Article, Predicted, Scores, format_table, read_corpus, score
from peacewatch.subcommands import eval_app, train_app

#: What an attribution needs to run: actors first (for `source_actor`), then attributions.
EXTRACTORS = ["actors", "attributions"]


def predicted(analysis: Analysis) -> list[Predicted]:
    """An analysis's attributions in the scorer's terms."""
    return [Predicted(source=(a.source.start, a.source.end) if a.source else None,
                      cue=(a.cue.start, a.cue.end), content=(a.content.start, a.content.end))
            for a in analysis.attributions]


def evaluate(articles: list[Article], batch_size: int = 16) -> tuple[Scores, int, float]:
    """Scores of the attributions extractor on `articles`, with the tokens it read and the seconds it took
    (spaCy's parse included: that is what a user waits for)."""
    from peacewatch.pipeline import Pipeline, Settings

    pipeline = Pipeline(Settings(extractors=list(EXTRACTORS), batch_size=batch_size))
    documents = [Document(id=Document.content_id(a.text), source_id=a.name, text=a.text) for a in articles]
    pipeline.analyze(Document(id="warm-up", text="Warm-up, she said."))  # load lazily built parts first
    started = time.perf_counter()
    analyses = list(pipeline.analyze_many(documents))
    seconds = time.perf_counter() - started
    tokens = sum(a.summary.tokens for a in analyses)
    scores = score((article.attributions, predicted(analysis))
                   for article, analysis in zip(articles, analyses, strict=True))
    return scores, tokens, seconds


@eval_app.command("attribution")
def eval_attribution(
    gold: Annotated[Path, typer.Option("--gold", exists=True, file_okay=False,
                                       help="A PolNeAR split folder (text/*.txt and attributions/*.ann).")],
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Only the first N articles.")] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Documents per spaCy batch.")] = 16,
) -> None:
    """Precision, recall and F1 of source, cue and content spans (exact and overlap match) and of whole
    attributions (overlap), against PolNeAR gold annotations."""
    try:
        articles = read_corpus(gold, limit)
    except FileNotFoundError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    scores, tokens, seconds = evaluate(articles, batch_size)
    typer.echo(f"PolNeAR attributions: {len(articles)} articles, "
               f"{sum(len(a.attributions) for a in articles)} gold attributions ({gold})")
    typer.echo(format_table(scores))
    speed = tokens / seconds if seconds else 0.0
    typer.echo(f"speed: {tokens} tokens in {seconds:.1f} s = {speed:,.0f} tokens/s "
               f"(spaCy parse + actors + attributions)")


def _default_model_path() -> Path:
    from peacewatch.extractors.attributions import MODEL_FILE

    return Path(str(resources.files("peacewatch.data").joinpath(MODEL_FILE)))


@train_app.command("attribution")
def train_attribution(
    data: Annotated[Path, typer.Option("--data", exists=True, file_okay=False,
                                       help="A PolNeAR training split (text/*.txt and attributions/*.ann).")],
    out: Annotated[Path | None, typer.Option("--out", help="Model file to write (default: packaged)")]
    = None,
    c: Annotated[float, typer.Option("--c", min=1e-6, help="Inverse regularisation strength.")] = 0.5,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Only the first N articles.")] = None,
) -> None:
    """Train the attribution cue model on PolNeAR (needs scikit-learn, the `train` extra)."""
    try:
        import sklearn  # noqa: F401
    except ImportError:
        typer.echo("error: training needs scikit-learn: pip install 'peacewatch[train]'", err=True)
        raise typer.Exit(2) from None
    from peacewatch.nlp import load_nlp
    from peacewatch.training.attribution import train, write_model

    articles = read_corpus(data, limit)
    nlp = load_nlp(paragraphs=True)  # parsed as the analysis parses
    typer.echo(f"parsing {len(articles)} articles …")
    docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
    typer.echo("training …")
    model = train(list(zip(articles, docs, strict=True)), c=c)
    path = write_model(model, out or _default_model_path())
    card = model["card"]
    typer.echo(f"wrote {path}: {len(model['weights'])} weights, threshold {model['threshold']}, "
               f"{card['examples']} examples ({card['positives']} cues) from {card['articles']} articles")
