"""`peacewatch train events` and `peacewatch eval events`, on the PLOVER gold records and the CAMEO pentacode TSV."""

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


def _fail(message: str) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    return typer.Exit(2)


def _pentacode(path: Path, split: str, limit: int | None) -> tuple[list[str], list[int]]:
    from peacewatch.events.data import read_pentacode, split_rows

    try:
        texts, labels = read_pentacode(path)
        rows = split_rows(len(texts), split)
    except PeacewatchError as exc:
        raise _fail(str(exc)) from None
    texts, labels = [texts[i] for i in rows], [labels[i] for i in rows]
    if limit:
        texts, labels = texts[:limit], labels[:limit]
    if not texts:
        raise _fail(f"{path}: no rows in split {split!r}")
    return texts, labels


def _embeddings(texts: list[str], cache: Path | None) -> np.ndarray:
    from peacewatch.claims.cli import _embeddings as cached_embeddings

    return cached_embeddings(texts, cache)


def _default(name: str) -> Path:
    from peacewatch.events.data import shared_data

    return shared_data() / name


@train_app.command("events")
def train_events(
    data: Annotated[Path, typer.Option("--data", help="pentacode TSV (text<TAB>label 0..4, no header)",
                                       exists=True, dir_okay=False)],
    split: Annotated[str, typer.Option(
        help="rows to train on: train (all but every fifth row, the dev rows) or all")] = "train",
    out: Annotated[Path | None, typer.Option(help="where to write the model (default: the package's own)")] = None,
    c: Annotated[float, typer.Option("--c", min=1e-6, help="inverse L2 strength of the logistic regression")] = 4.0,
    scale: Annotated[float, typer.Option(min=0.0, help="weight of the MiniLM block against TF-IDF")] = 2.0,
    lex_scale: Annotated[float, typer.Option(min=0.0, help="weight of the event-lexicon block")] = 1.0,
    cache: Annotated[Path | None, typer.Option(help=".npy of sentence embeddings, reused across runs")] = None,
) -> None:
    """Train the pentaclass sentence classifier (the events' learned layer); reports dev scores when split=train."""
    try:
        from peacewatch.events.training import train
    except ImportError as exc:
        raise _fail(f"training needs scikit-learn ({exc}): pip install 'peacewatch[train]'") from None
    from peacewatch.events.coding import code_sentences, lexicon_features
    from peacewatch.events.model import class_scores, model_dir

    started = time.perf_counter()
    texts, labels = _pentacode(data, split, None)
    model = train(texts, labels, _embeddings(texts, cache), lexicon_features(code_sentences(texts)),
                  c=c, scale=scale, lex_scale=lex_scale)
    model.meta["split"] = split
    if split == "train":
        dev_texts, dev_labels = _pentacode(data, "dev", None)
        probabilities = model.probabilities(dev_texts, _embeddings(dev_texts, None),
                                            lexicon_features(code_sentences(dev_texts)))
        model.meta["dev"] = class_scores(dev_labels, [int(k) for k in probabilities.argmax(axis=1)])
    target = out or model_dir()
    model.save(target)
    err.print(f"trained on {len(texts)} rows in {time.perf_counter() - started:.0f}s → {target}; "
              f"dev {model.meta.get('dev', 'not measured')}", highlight=False)


@eval_app.command("events")
def eval_events(
    plover: Annotated[Path | None, typer.Option(help="PLOVER gold-standard JSON (event type, source, target)",
                                                dir_okay=False)] = None,
    pentacode: Annotated[Path | None, typer.Option(help="pentacode TSV (text<TAB>label 0..4)",
                                                   dir_okay=False)] = None,
    split: Annotated[str, typer.Option(
        help="pentacode rows: dev (every fifth row, the default), train or all")] = "dev",
    model: Annotated[Path | None, typer.Option(help="classifier folder (default: the package's own)")] = None,
    limit: Annotated[int | None, typer.Option(help="only the first N rows (quick runs)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the scores as JSON")] = False,
) -> None:
    """Event type accuracy and actor match on PLOVER; macro-F1 and accuracy of the pentaclass, with and without
    the learned layer. Without an option, both files are read from $PEACEWATCH_SHARED_DATA (else ../shared/data)."""
    if plover is None and pentacode is None:
        plover, pentacode = _default("plover/PLOVER_GSR_CAMEO.json"), _default("cameo_pentacode/train.tsv")
    scores: dict[str, dict] = {}
    for path in (p for p in (plover, pentacode) if p is not None):
        if not path.is_file():
            raise _fail(f"{path}: no such file")
    classifier = _classifier(model)
    if plover is not None:
        scores["plover"] = {"lexicon only": _eval_plover(plover, limit, None)}
        if classifier is not None:
            scores["plover"]["lexicon + learned layer"] = _eval_plover(plover, limit, classifier)
    if pentacode is not None:
        scores["pentacode"] = _eval_pentacode(pentacode, split, classifier, limit)
    if as_json:
        typer.echo(json.dumps(scores))
        return
    for name, s in scores.get("plover", {}).items():
        typer.echo(f"plover     {name:<28} type accuracy {s['type_accuracy']:.4f} ({s['typed_correct']}/{s['n']}; "
                   f"no event for {s['no_event']})  source match {s['source_match']:.4f} "
                   f"(of {s['with_source']})  target match {s['target_match']:.4f} (of {s['with_target']})")
    for name, s in scores.get("pentacode", {}).items():
        typer.echo(f"pentacode  {name:<28} macro-F1 {s['macro_f1']:.4f}  accuracy {s['accuracy']:.4f}  "
                   f"per class {s['f1_per_class']}  ({s['n']} sentences, split {split})")


def _classifier(directory: Path | None):
    """The learned layer, or None (then only the lexicon is scored) when it cannot be loaded."""
    from peacewatch.events.model import load_model

    try:
        from peacewatch.minilm import load_minilm

        load_minilm()
        return load_model(directory)
    except PeacewatchError as exc:
        err.print(f"the learned layer is not scored: {exc}", highlight=False)
        return None


def _coder(classifier):
    """A pipeline and an events extractor for `code_sentences`: the lexicon alone, or with the learned layer."""
    from peacewatch.events.coding import PREREQUISITES
    from peacewatch.extractors.events import EventExtractor
    from peacewatch.pipeline import Pipeline, Settings

    pipeline = Pipeline(Settings(extractors=list(PREREQUISITES)))
    return pipeline, EventExtractor(pipeline.resources, learned=classifier is not None, classifier=classifier)


def _eval_plover(path: Path, limit: int | None, classifier) -> dict:
    from peacewatch.events.coding import code_sentences, main_event
    from peacewatch.events.data import read_plover
    from peacewatch.extractors.events import default_lexicon

    try:
        records = read_plover(path)[:limit] if limit else read_plover(path)
    except PeacewatchError as exc:
        raise _fail(str(exc)) from None
    legacy = default_lexicon().legacy
    forms: list[dict[str, set[str]]] = []
    pipeline, extractor = _coder(classifier)
    coded = code_sentences([r.text for r in records], pipeline, extractor, actor_forms=forms)
    correct = no_event = with_source = source_ok = with_target = target_ok = 0
    for record, found, names in zip(records, coded, forms, strict=True):
        gold = legacy.get(record.event, record.event)
        # the gold type may be any of the sentence's events; the main one counts when none matches
        match = next((e for e, _ in found if e.type == gold), None)
        event = match or main_event(found)
        with_source += bool(record.sources)
        with_target += bool(record.targets)
        if event is None:  # counts as a miss of type, source and target
            no_event += 1
            continue
        correct += event.type == gold
        source_ok += bool(record.sources) and _actor_matches(event.source_actor, record.sources, names)
        target_ok += bool(record.targets) and _actor_matches(event.target_actor, record.targets, names)
    n = len(records)
    return {"n": n, "typed_correct": correct, "type_accuracy": round(correct / n, 4) if n else 0.0,
            "no_event": no_event, "with_source": with_source, "with_target": with_target,
            "source_match": round(source_ok / with_source, 4) if with_source else 0.0,
            "target_match": round(target_ok / with_target, 4) if with_target else 0.0}


def _actor_matches(actor: str | None, gold: tuple[str, ...], names: dict[str, set[str]]) -> bool:
    """Our actor is one of the gold actors when one of its names and the gold actor text contain each other."""
    if not actor:
        return False
    ours = names.get(actor, set()) | {actor.replace("-", " ")}
    return any(o and (o in g.casefold() or g.casefold() in o) for o in ours for g in gold if g)


def _eval_pentacode(path: Path, split: str, classifier, limit: int | None) -> dict:
    """Each sentence's class from the events found (no event: 0, else the main event's quad class); and, for
    scale, the learned layer's sentence classifier on its own."""
    from peacewatch.events.coding import code_sentences, lexicon_features, pentaclass
    from peacewatch.events.model import class_scores

    texts, labels = _pentacode(path, split, limit)
    coded = code_sentences(texts, *_coder(None))
    out = {"lexicon only": class_scores(labels, [pentaclass(f) for f in coded])}
    if classifier is None:
        return out
    learned = code_sentences(texts, *_coder(classifier))
    out["lexicon + learned layer"] = class_scores(labels, [pentaclass(f) for f in learned])
    probabilities = classifier.probabilities(texts, _embeddings(texts, None), lexicon_features(coded))
    out["sentence classifier alone"] = class_scores(labels, [int(k) for k in probabilities.argmax(axis=1)])
    return out
