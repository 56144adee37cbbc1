"""The learned technique tagger: frozen MiniLM word-piece states + surface features → a small BiLSTM →
per-piece probabilities for each of the 14 techniques (multi-label: techniques overlap in PTC).

Spans are runs of pieces above a per-technique threshold, widened to whole words (to the whole sentence for
the techniques that PTC annotators mark on whole claims, `WHOLE_SENTENCE`). Each span's score is
its mean piece probability, Platt-calibrated per technique on held-out training articles, so that
"0.7" means about 70% of such spans overlap a gold span of that technique.
"""

from __future__ import annotations

import json
import logging
import math
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from peacewatch.techniques.encoder import LAYERS, Encoded, encode
from peacewatch.techniques.features import N_FEATURES, piece_features, word_spans
from peacewatch.techniques.onnx_tagger import OnnxTagger

#: Techniques whose gold spans in the PTC training split cover, at the median, half a sentence or more
#: (a claim, a warning, a dilemma): a run of such a technique is widened to its whole sentence. Measured on
#: the 45 tuning articles with the previous (4-epoch) model: SI F1 0.399 -> 0.410, span+technique 0.228 -> 0.234.
WHOLE_SENTENCE = frozenset({
    "doubt", "causal_oversimplification", "whataboutism_straw_man_red_herring", "appeal_to_authority",
    "black_and_white_fallacy", "thought_terminating_cliche", "appeal_to_fear", "bandwagon_reductio_ad_hitlerum",
})
HIDDEN = 128
PROJ = 256
DOC_CONTEXT = False  # measured: the article's mean state did not help on held-out training articles


def _torch():
    import torch

    return torch


def build_net(n_labels: int, n_in: int):
    torch = _torch()
    nn = torch.nn

    class Tagger(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.proj = nn.Sequential(nn.Dropout(0.2), nn.Linear(n_in, PROJ), nn.GELU(), nn.Dropout(0.2))
            self.lstm = nn.LSTM(PROJ, HIDDEN, batch_first=True, bidirectional=True)
            self.out = nn.Linear(2 * HIDDEN + PROJ, n_labels)

        def forward(self, x, lengths):
            h = self.proj(x)
            packed = nn.utils.rnn.pack_padded_sequence(h, lengths, batch_first=True, enforce_sorted=False)
            ctx, _ = self.lstm(packed)
            ctx, _ = nn.utils.rnn.pad_packed_sequence(ctx, batch_first=True, total_length=x.shape[1])
            return self.out(torch.cat([ctx, h], dim=-1))

    return Tagger()


@dataclass
class Sample:
    """One sentence ready for the net: inputs (n, d) and, when training, 0/1 targets (n, labels)."""

    x: np.ndarray
    offsets: np.ndarray
    y: np.ndarray | None = None


def featurize(text: str, segments: list[tuple[int, int]], encoded: list[Encoded] | None = None) -> list[Sample]:
    encoded = encoded if encoded is not None else encode(text, segments)
    feats = piece_features(text, segments, [e.offsets for e in encoded])
    blocks = [[e.states.astype(np.float32), f] for e, f in zip(encoded, feats, strict=True)]
    if DOC_CONTEXT:
        # why: propaganda clusters by article and outlet; the article's mean top-layer state is that prior
        states = [e.states[:, -384:].astype(np.float32) for e in encoded if len(e.states)]
        doc = np.concatenate(states).mean(0) if states else np.zeros(384, np.float32)
        for block in blocks:
            block.append(np.broadcast_to(doc, (len(block[0]), 384)))
    return [Sample(np.concatenate(b, axis=1), e.offsets) for b, e in zip(blocks, encoded, strict=True)]


def targets(sample: Sample, spans: list[tuple[int, int, str]], labels: list[str]) -> np.ndarray:
    y = np.zeros((len(sample.offsets), len(labels)), np.float32)
    index = {name: j for j, name in enumerate(labels)}
    for start, end, name in spans:
        if name in index:
            hit = (sample.offsets[:, 0] < end) & (sample.offsets[:, 1] > start)
            y[hit, index[name]] = 1.0
    return y


@dataclass
class TechniqueModel:
    labels: list[str]
    nets: list  # torch modules trained from different seeds; their probabilities are averaged
    thresholds: dict[str, float] = field(default_factory=dict)
    #: per technique (a, b): calibrated = sigmoid(a * logit(mean prob) + b)
    calibration: dict[str, tuple[float, float]] = field(default_factory=dict)
    meta: dict = field(default_factory=dict)
    #: (the heads it was made from, their ONNX session or None where it failed), made at first use
    _onnx: tuple[tuple[Any, ...], OnnxTagger | None] | None = field(default=None, init=False, repr=False,
                                                                     compare=False)

    # ---- inference -------------------------------------------------------------------------------------
    def piece_probs(self, samples: list[Sample]) -> list[np.ndarray]:
        """(pieces, labels) probabilities per sentence, the heads' sigmoids averaged.

        ONNX Runtime runs the heads (`onnx_tagger`) where MiniLM's engine is ONNX; torch runs them under
        `PEACEWATCH_ENGINE=torch`, without onnxruntime, or if the graph cannot be made. Same numbers up to
        float rounding (measured: at most 3e-7 apart)."""
        if self._onnx_tagger() is not None:
            return self.piece_probs_many([samples])[0]
        out: list[np.ndarray] = []
        for b in range(0, len(samples), 64):
            out += self._torch_probs(samples[b:b + 64])
        return out

    def piece_probs_many(self, documents: list[list[Sample]]) -> list[list[np.ndarray]]:
        """`piece_probs` of several documents' sentences at once.

        With ONNX Runtime, the sentences of all the documents are sorted by length and run in shared batches of
        64: fewer, fuller LSTM steps (measured on the bench documents, techniques extractor without MiniLM:
        18.7 -> 13.7 ms/doc of CPU).
        A sentence's probabilities are the same bits whatever shares its batch (`OnnxTagger`), so a document's
        do not depend on the others. With torch, where padding moves them slightly, each document keeps its own
        batches, as before."""
        onnx = self._onnx_tagger()
        if onnx is None:
            return [self.piece_probs(samples) for samples in documents]
        empty = np.zeros((0, len(self.labels)), np.float32)
        out: list[list[np.ndarray]] = [[empty] * len(samples) for samples in documents]
        order = sorted(((d, i) for d, samples in enumerate(documents) for i, s in enumerate(samples)
                        if len(s.offsets)), key=lambda di: len(documents[di[0]][di[1]].offsets))
        for b in range(0, len(order), 64):
            chunk = order[b:b + 64]
            for (d, i), probs in zip(chunk, onnx([documents[d][i] for d, i in chunk]), strict=True):
                out[d][i] = probs
        return out

    def _torch_probs(self, batch: list[Sample]) -> list[np.ndarray]:
        torch = _torch()
        x, lengths = _pad(batch)
        if x is None:
            return [np.zeros((0, len(self.labels)), np.float32) for _ in batch]
        with torch.inference_mode():
            tensor = torch.from_numpy(x)
            probs = torch.stack([torch.sigmoid(net(tensor, lengths)) for net in self.nets]).mean(0).numpy()
        return [probs[i, :len(s.offsets)] for i, s in enumerate(batch)]

    def _onnx_tagger(self) -> OnnxTagger | None:
        """The heads' ONNX session, made at first use (None: run torch)."""
        from peacewatch.minilm import engine

        if engine() != "onnx":
            return None
        # why: a session belongs to the heads it was made from (a retrained model gets a new one)
        if self._onnx is None or len(self._onnx[0]) != len(self.nets) or any(
                a is not b for a, b in zip(self._onnx[0], self.nets, strict=True)):
            try:
                tagger: OnnxTagger | None = OnnxTagger(self.nets, _n_in(), len(self.labels))
            except Exception as exc:  # an onnx or onnxruntime without what the graph needs: torch gives the same
                logging.getLogger(__name__).warning("the technique tagger runs on torch: its ONNX graph "
                                                    "could not be made (%s)", exc)
                tagger = None
            self._onnx = (tuple(self.nets), tagger)
        return self._onnx[1]

    def predict(self, text: str, segments: list[tuple[int, int]],
                encoded: list[Encoded] | None = None) -> list[tuple[int, int, str, float]]:
        """(start, end, technique, calibrated score) for every span found, in text order."""
        samples = featurize(text, segments, encoded)
        return self.decode(text, samples, self.piece_probs(samples))

    def decode(self, text: str, samples: list[Sample], probs: list[np.ndarray],
               thresholds: dict[str, float] | None = None) -> list[tuple[int, int, str, float]]:
        thresholds = thresholds or self.thresholds
        found: list[tuple[int, int, str, float]] = []
        for sample, p in zip(samples, probs, strict=True):
            if not len(sample.offsets):
                continue
            for j, name in enumerate(self.labels):
                runs = _runs(p[:, j] >= thresholds.get(name, 0.5))
                if runs and name in WHOLE_SENTENCE:
                    start, end = int(sample.offsets[0, 0]), int(sample.offsets[-1, 1])
                    while end > start and text[end - 1] in " .,;:":
                        end -= 1  # PTC's convention: spans do not end in punctuation
                    if end > start:
                        mean = max(float(p[first:last + 1, j].mean()) for first, last in runs)
                        found.append((start, end, name, self.calibrate(name, mean)))
                    continue
                for first, last in runs:
                    start, end = _to_words(text, int(sample.offsets[first, 0]), int(sample.offsets[last, 1]))
                    found.append((start, end, name, self.calibrate(name, float(p[first:last + 1, j].mean()))))
        return sorted(found)

    def calibrate(self, name: str, prob: float) -> float:
        a, b = self.calibration.get(name, (1.0, 0.0))
        prob = min(max(prob, 1e-6), 1 - 1e-6)
        return round(1.0 / (1.0 + math.exp(-(a * math.log(prob / (1 - prob)) + b))), 4)

    # ---- persistence -----------------------------------------------------------------------------------
    def save(self, folder: str | Path) -> None:
        torch = _torch()
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        heads = [{k: v.half() if v.is_floating_point() else v for k, v in net.state_dict().items()}
                 for net in self.nets]
        torch.save({"heads": heads}, folder / "tagger.pt")  # fp16 halves the size; scores barely move
        config = {"labels": self.labels, "thresholds": self.thresholds,
                  "calibration": {k: list(v) for k, v in self.calibration.items()},
                  "n_in": _n_in(), "layers": list(LAYERS), "meta": self.meta}
        (folder / "config.json").write_text(json.dumps(config, indent=2) + "\n", "utf-8")

    @classmethod
    def load(cls, folder: str | Path) -> TechniqueModel:
        torch = _torch()
        folder = Path(folder)
        config = json.loads((folder / "config.json").read_text("utf-8"))
        if config["layers"] != list(LAYERS) or config["n_in"] != _n_in():
            raise ValueError(f"{folder}: trained with other encoder settings")
        nets = []
        for state in torch.load(folder / "tagger.pt", map_location="cpu", weights_only=True)["heads"]:
            net = build_net(len(config["labels"]), config["n_in"])
            net.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in state.items()})
            nets.append(net.eval())
        return cls(config["labels"], nets, config["thresholds"],
                   {k: tuple(v) for k, v in config["calibration"].items()}, config.get("meta", {}))


def _n_in() -> int:
    return 384 * len(LAYERS) + N_FEATURES + (384 if DOC_CONTEXT else 0)


def _pad(batch: list[Sample]):
    lengths = [len(s.offsets) for s in batch]
    longest = max(lengths)
    if longest == 0:
        return None, None
    x = np.zeros((len(batch), longest, batch[0].x.shape[1]), np.float32)
    for i, s in enumerate(batch):
        x[i, :len(s.offsets)] = s.x
    return x, [max(1, n) for n in lengths]


def _runs(mask: np.ndarray, gap: int = 1) -> list[tuple[int, int]]:
    """Inclusive index runs where `mask` holds, bridging gaps of at most `gap` pieces."""
    idx = np.flatnonzero(mask)
    if not len(idx):
        return []
    runs, first, last = [], idx[0], idx[0]
    for i in idx[1:]:
        if i - last <= gap + 1:
            last = i
        else:
            runs.append((first, last))
            first = last = i
    runs.append((first, last))
    return runs


def _to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen to whole words: a span never starts or ends inside a word."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    return start, end


# ---- training --------------------------------------------------------------------------------------------
def train_net(samples: list[Sample], labels: list[str], epochs: int = 8, seed: int = 13,
              log=print, lr: float = 2e-3):
    torch = _torch()
    torch.manual_seed(seed)
    random.seed(seed)
    net = build_net(len(labels), samples[0].x.shape[1])
    pos = np.sum([s.y.sum(0) for s in samples if len(s.offsets)], axis=0)
    total = sum(len(s.offsets) for s in samples)
    # why: rare techniques have a few hundred positive pieces among ~400k; weight them up, but gently
    pos_weight = torch.tensor(np.clip(np.sqrt((total - pos) / np.maximum(pos, 1)), 1.0, 30.0), dtype=torch.float32)
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=pos_weight, reduction="none")
    opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=1e-2)
    data = [s for s in samples if len(s.offsets)]
    steps = epochs * math.ceil(len(data) / 32)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, total_steps=steps, pct_start=0.1)
    for epoch in range(epochs):
        torch.set_grad_enabled(True)  # why: a caller may have switched autograd off for inference
        net.train()
        random.shuffle(data)
        running = 0.0
        for b in range(0, len(data), 32):
            batch = data[b:b + 32]
            x, lengths = _pad(batch)
            y = np.zeros(x.shape[:2] + (len(labels),), np.float32)
            m = np.zeros(x.shape[:2], np.float32)
            for i, s in enumerate(batch):
                y[i, :len(s.offsets)] = s.y
                m[i, :len(s.offsets)] = 1
            logits = net(torch.from_numpy(x), lengths)
            loss = (loss_fn(logits, torch.from_numpy(y)).mean(-1) * torch.from_numpy(m)).sum() / m.sum()
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            sched.step()
            running += float(loss.detach())
        log(f"epoch {epoch + 1}/{epochs}: loss {running / math.ceil(len(data) / 32):.4f}")
    net.eval()
    return net


__all__ = ["Sample", "TechniqueModel", "build_net", "featurize", "targets", "train_net", "word_spans"]
