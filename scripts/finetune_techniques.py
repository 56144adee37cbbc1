"""Does fine-tuning MiniLM pay for the technique tagger? The measurement behind the model card's fourth round.

Three steps, so that the middle one can run on a GPU machine that has torch and transformers but not the rest
of peacewatch's dependencies:

    python scripts/finetune_techniques.py prepare --data ../shared/data/ptc2020 --out WINDOWS
    python scripts/finetune_techniques.py train --windows WINDOWS --minilm MODEL_DIR --out RESULTS \\
        --variant '{"name": "lora16", "rank": 16, "lr_encoder": 5e-4, "epochs": 10}' [--device cuda]
    python scripts/finetune_techniques.py score RESULTS/lora16.npz [shipped] [A+B ...] [--dev]

`prepare` cuts the 297 training articles into the 252 that train and the 45 that tune (as `peacewatch train
techniques` does) plus the 74 dev articles, as tokenizer windows with surface features (`finetune.window_data`).
`train` fits one variant (`finetune.train_adapted`: rank 0 = frozen encoder, rank > 0 = LoRA adapters,
"full": every encoder weight) and saves its piece probabilities on the tune and dev windows, its head and its
adapters. `score` tunes thresholds and calibration on the 45 tune articles exactly as the shipped training does,
then prints tune scores (what selection may use) and, with --dev, dev scores. `shipped` stands for the shipped
frozen model's probabilities; `A+B` averages variants (an ensemble).
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import time
import types
from pathlib import Path

import numpy as np


def _import_techniques_only() -> None:
    """Import peacewatch's techniques code without the package root.

    why: the root imports the pipeline (spaCy, pydantic), which a bare GPU machine lacks; training needs only
    torch, transformers, numpy and yaml."""
    if "peacewatch" in sys.modules:
        return
    try:
        import peacewatch  # noqa: F401
    except ImportError:
        package = types.ModuleType("peacewatch")
        package.__path__ = [str(Path(__file__).resolve().parents[1] / "src" / "peacewatch")]
        sys.modules["peacewatch"] = package


def _parts(data: Path) -> dict[str, list]:
    from peacewatch.techniques.data import read_ptc, split
    from peacewatch.techniques.training import fit_and_tune

    articles = read_ptc(data)
    fit, tune = fit_and_tune(split(articles, "train"))
    return {"fit": fit, "tune": tune, "dev": split(articles, "dev")}


def prepare(args: argparse.Namespace) -> None:
    from peacewatch.techniques.finetune import window_data
    from peacewatch.techniques.labels import LABELS

    args.out.mkdir(parents=True, exist_ok=True)
    for name, part in _parts(args.data).items():
        gold = name != "dev"  # why: dev labels never travel to where training runs
        windows = window_data([(a.text, a.segments(), [(g.start, g.end, g.technique) for g in a.spans]
                                if gold else None) for a in part], list(LABELS))
        windows.save(str(args.out / f"{name}.npz"))
        print(f"{name}: {len(part)} articles, {len(windows)} windows, {len(windows.offsets)} pieces")


def train(args: argparse.Namespace) -> None:
    _import_techniques_only()
    import torch
    from transformers import BertModel

    from peacewatch.techniques.finetune import Windows, adapter_state, predict, train_adapted
    from peacewatch.techniques.labels import LABELS

    variant = json.loads(args.variant)
    fit, tune, dev = (Windows.load(str(args.windows / f"{n}.npz")) for n in ("fit", "tune", "dev"))
    encoder = copy.deepcopy(BertModel.from_pretrained(str(args.minilm)).float().eval())
    encoder.encoder.layer = encoder.encoder.layer[:variant.get("n_layers", 4)]
    layers = tuple(variant.get("layers", (2, 4)))
    started = time.perf_counter()
    head = train_adapted(encoder, fit, list(LABELS), layers, epochs=variant.get("epochs", 6),
                         seed=variant.get("seed", 13), rank=variant.get("rank", 0),
                         alpha=variant.get("alpha", 16.0), lr_head=variant.get("lr_head", 2e-3),
                         lr_encoder=variant.get("lr_encoder", 1e-3), full=variant.get("full", False),
                         device=args.device, log=lambda m: print(variant["name"], m, flush=True))
    arrays = {part: np.concatenate([p for p in predict(encoder, head, w, layers, args.device) if p.size])
              .astype(np.float16) for part, w in (("tune", tune), ("dev", dev))}
    arrays |= {"head." + k: v.detach().float().cpu().numpy().astype(np.float16)
               for k, v in head.state_dict().items()}
    if variant.get("rank", 0) and not variant.get("full"):
        arrays |= {"lora." + k: v.astype(np.float16) for k, v in adapter_state(encoder).items()}
    args.out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out / f"{variant['name']}.npz", **arrays)
    print(f"{variant['name']}: trained in {time.perf_counter() - started:.0f} s on {args.device}"
          f" ({torch.__version__})")


def _shipped_probs(parts: dict[str, list]) -> dict[str, np.ndarray]:
    from peacewatch.techniques.detector import model_dir
    from peacewatch.techniques.model import TechniqueModel, featurize

    model = TechniqueModel.load(model_dir())
    out = {}
    for name in ("tune", "dev"):
        probs = [p for a in parts[name] for p in model.piece_probs(featurize(a.text, a.segments())) if len(p)]
        out[name] = np.concatenate(probs)
    return out


def score(args: argparse.Namespace) -> None:
    from peacewatch.techniques.finetune import Windows
    from peacewatch.techniques.labels import LABELS
    from peacewatch.techniques.model import Sample, TechniqueModel
    from peacewatch.techniques.scoring import score as score_spans
    from peacewatch.techniques.training import fit_calibration, tune_thresholds

    labels = list(LABELS)
    parts = _parts(args.data)
    windows = {n: Windows.load(str(args.windows / f"{n}.npz")) for n in ("tune", "dev")}
    shipped: dict[str, np.ndarray] | None = None

    def load(name: str) -> dict[str, np.ndarray]:
        nonlocal shipped
        if name == "shipped":
            shipped = shipped if shipped is not None else _shipped_probs(parts)
            return shipped
        with np.load(name) as z:
            return {k: z[k].astype(np.float32) for k in ("tune", "dev")}

    def per_article(part: str, probs: np.ndarray) -> tuple[dict, dict]:
        w = windows[part]
        samples, out = {}, {}
        for index, article in enumerate(parts[part]):
            samples[article.id], out[article.id] = [], []
            for seg in range(len(article.segments())):
                ks = np.flatnonzero((w.article == index) & (w.segment == seg))
                offsets = [w.offsets[w.pieces[k]:w.pieces[k + 1]] for k in ks]
                samples[article.id].append(Sample(np.zeros((0, 0)), np.concatenate(offsets) if offsets
                                                  else np.zeros((0, 2), np.int32)))
                rows = [probs[w.pieces[k]:w.pieces[k + 1]] for k in ks]
                out[article.id].append(np.concatenate(rows) if rows else np.zeros((0, len(labels)), np.float32))
        return samples, out

    def report(model: TechniqueModel, part: str, samples: dict, probs: dict) -> str:
        articles = parts[part]
        pred = {a.id: [(s, e, n) for s, e, n, _ in model.decode(a.text, samples[a.id], probs[a.id])]
                for a in articles}
        r = score_spans(labels, {a.id: [(g.start, g.end, g.technique) for g in a.spans] for a in articles},
                        pred, {a.id: a.segments() for a in articles})
        zero = sum(1 for n in labels if r.sentence[n].f1 == 0)
        return (f"{part} SI {r.si.f1:.3f} span+technique {r.span_technique.f1:.3f} micro "
                f"{r.sentence_micro.f1:.3f} macro {r.sentence_macro_f1:.3f} at zero {zero}")

    for spec in args.results:
        members = [load(name) for name in spec.split("+")]
        probs = {k: np.mean([m[k] for m in members], axis=0) for k in ("tune", "dev")}
        model = TechniqueModel(labels, [], {n: 0.5 for n in labels})
        samples, tune_probs = per_article("tune", probs["tune"])
        model.thresholds = tune_thresholds(model, parts["tune"], samples, tune_probs)
        model.calibration = fit_calibration(model, parts["tune"], samples, tune_probs)
        line = f"{spec}: {report(model, 'tune', samples, tune_probs)}"
        if args.dev:
            line += " | " + report(model, "dev", *per_article("dev", probs["dev"]))
        print(line, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    steps = parser.add_subparsers(dest="step", required=True)
    p = steps.add_parser("prepare")
    p.add_argument("--data", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.set_defaults(run=prepare)
    t = steps.add_parser("train")
    t.add_argument("--windows", type=Path, required=True)
    t.add_argument("--minilm", type=Path, required=True, help="a folder with MiniLM's config.json and weights")
    t.add_argument("--variant", required=True, help="JSON: name, rank, alpha, epochs, seed, lr_encoder, full, ...")
    t.add_argument("--out", type=Path, required=True)
    t.add_argument("--device", default="cpu")
    t.set_defaults(run=train)
    s = steps.add_parser("score")
    s.add_argument("results", nargs="+", help="result files, 'shipped', or members joined by '+'")
    s.add_argument("--data", type=Path, default=Path("../shared/data/ptc2020"))
    s.add_argument("--windows", type=Path, required=True)
    s.add_argument("--dev", action="store_true", help="also print dev scores (report only; never select on them)")
    s.set_defaults(run=score)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
