"""The fine-tuning experiment's code (`techniques/finetune.py`, `scripts/finetune_techniques.py`): its windows are
what inference reads, and merged adapters give what the adapted encoder gave."""

from __future__ import annotations

import copy
import json
import subprocess
import sys

import numpy as np
import pytest

from peacewatch.techniques.data import line_segments
from peacewatch.techniques.finetune import (
    Windows,
    adapter_state,
    merge_adapters,
    predict,
    train_adapted,
    window_data,
)
from peacewatch.techniques.labels import LABELS

from .conftest import REPO
from .test_techniques import ptc

TEXT = ("They call it peace, but it is a SURRENDER dressed up as diplomacy!\n\n"
        "Either we stand firm now or we lose everything.\n\n"
        + " ".join(["The so-called experts keep repeating the same tired slogans about compromise."] * 30))
WORD = (TEXT.index("SURRENDER"), TEXT.index("SURRENDER") + len("SURRENDER"))
GOLD = [(*WORD, "loaded_language"), (TEXT.index("Either"), TEXT.index(" or we"), "black_and_white_fallacy")]


@pytest.fixture(scope="module")
def windows() -> Windows:
    return window_data([(TEXT, line_segments(TEXT), GOLD)], list(LABELS))


def test_windows_hold_the_pieces_and_features_inference_reads(windows):
    from peacewatch.techniques.model import featurize

    samples = featurize(TEXT, line_segments(TEXT))
    assert len(windows) > len(samples)  # the long last line is cut into windows of at most 200 pieces
    for i, sample in enumerate(samples):
        ks = np.flatnonzero(windows.segment == i)
        offsets = np.concatenate([windows.offsets[windows.pieces[k]:windows.pieces[k + 1]] for k in ks])
        feats = np.concatenate([windows.feats[windows.pieces[k]:windows.pieces[k + 1]] for k in ks])
        assert np.array_equal(offsets, sample.offsets)
        assert np.allclose(feats.astype(np.float32), sample.x[:, -feats.shape[1]:], atol=1e-3)
    # targets: the pieces of "SURRENDER" are loaded language, and nothing of the third line is marked
    loaded = windows.y[:, list(LABELS).index("loaded_language")].astype(bool)
    assert loaded.any() and all(WORD[0] <= s < e <= WORD[1] for s, e in windows.offsets[loaded])
    assert not windows.y[windows.pieces[np.flatnonzero(windows.segment == 2)[0]]:].any()


def test_merged_adapters_give_what_the_adapted_encoder_gave(windows, tmp_path):
    from peacewatch.minilm import _load_torch

    _, base = _load_torch(4)
    adapted = copy.deepcopy(base)
    head = train_adapted(adapted, windows, list(LABELS), (2, 4), epochs=1, rank=4, lr_encoder=5e-3,
                         log=lambda _: None)
    state = adapter_state(adapted)
    assert len(state) == 2 * 4 * 6  # A and B for six linear maps in each of four layers
    assert any(np.abs(v).max() > 0 for k, v in state.items() if k.endswith(".b"))  # B left zero: no learning
    merged = copy.deepcopy(base)
    merge_adapters(merged, state, alpha=16.0)
    with_adapters = predict(adapted, head, windows, (2, 4))
    with_merged = predict(merged, head, windows, (2, 4))
    with_plain = predict(base, head, windows, (2, 4))
    assert max(float(np.abs(a - b).max()) for a, b in zip(with_adapters, with_merged, strict=True)) < 1e-4
    assert max(float(np.abs(a - b).max()) for a, b in zip(with_adapters, with_plain, strict=True)) > 1e-4
    # saved and loaded, the windows are the same arrays
    windows.save(str(tmp_path / "w.npz"))
    again = Windows.load(str(tmp_path / "w.npz"))
    assert all(np.array_equal(getattr(again, k), getattr(windows, k)) for k in ("ids", "offsets", "y", "segment"))


def test_the_finetuning_script_prepares_trains_and_scores(tmp_path):
    """The experiment's three steps on the real corpus, cut to a few articles by a tiny PTC copy."""
    source = ptc()
    corpus = tmp_path / "ptc"
    (corpus / "train-articles").mkdir(parents=True)
    names = sorted((source / "train-articles").iterdir())
    keep = names[:3] + names[-2:]  # 5 articles: 4 train (3 fit + 1 tune) and 1 dev
    ids = set()
    for path in keep:
        (corpus / "train-articles" / path.name).write_text(path.read_text("utf-8"), "utf-8")
        ids.add(path.name.removeprefix("article").removesuffix(".txt"))
    lines = (source / "train-task2-TC.labels").read_text("utf-8").splitlines()
    (corpus / "train-task2-TC.labels").write_text(
        "".join(line + "\n" for line in lines if line.split("\t")[0] in ids), "utf-8")
    from peacewatch.minilm import _model_path

    script = [sys.executable, str(REPO / "scripts" / "finetune_techniques.py")]
    run = [("prepare", "--data", str(corpus), "--out", str(tmp_path / "w")),
           ("train", "--windows", str(tmp_path / "w"), "--minilm", str(_model_path()), "--out", str(tmp_path / "r"),
            "--variant", json.dumps({"name": "tiny", "rank": 2, "epochs": 1})),
           ("score", str(tmp_path / "r" / "tiny.npz"), "--data", str(corpus), "--windows", str(tmp_path / "w"),
            "--dev")]
    outputs = [subprocess.run(script + list(step), capture_output=True, text=True, check=True).stdout
               for step in run]
    assert "fit: 3 articles" in outputs[0] and "dev: 1 articles" in outputs[0]
    with np.load(tmp_path / "r" / "tiny.npz") as result:
        assert any(k.startswith("lora.") for k in result) and result["dev"].shape[1] == len(LABELS)
    assert "tune SI" in outputs[2] and "dev SI" in outputs[2]
