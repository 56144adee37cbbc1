"""The two engines that run MiniLM give the same vectors; the ONNX graph is made once and kept."""

from __future__ import annotations

import numpy as np
import pytest

from peacewatch import minilm
from peacewatch.errors import ModelMissingError

TEXTS = ["Russia rejected the deployment of foreign troops.", "Talks resume on Monday.",
         "The EU will keep its sanctions in place until the last soldier has left."]


def _outputs(engine: str, monkeypatch) -> tuple[np.ndarray, np.ndarray]:
    import torch

    monkeypatch.setenv("PEACEWATCH_ENGINE", engine)
    assert minilm.engine() == engine
    tokenizer, model = minilm.load_minilm()
    enc = tokenizer(TEXTS, padding=True, return_tensors="pt")
    with torch.inference_mode():
        out = model(**enc, output_hidden_states=True)
    return out.hidden_states[2].numpy(), out.last_hidden_state.numpy()


def test_onnx_and_torch_give_the_same_states(monkeypatch):
    layer2_torch, top_torch = _outputs("torch", monkeypatch)
    layer2_onnx, top_onnx = _outputs("onnx", monkeypatch)
    assert layer2_onnx.shape == layer2_torch.shape and top_onnx.shape == top_torch.shape
    assert np.abs(layer2_onnx - layer2_torch).max() < 1e-4
    assert np.abs(top_onnx - top_torch).max() < 1e-4


def test_the_onnx_graph_is_exported_once_into_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("PEACEWATCH_CACHE", str(tmp_path))
    first = minilm._onnx_graph()
    assert first.parent == tmp_path and first.stat().st_size > 50_000_000
    made = first.stat().st_mtime_ns
    assert minilm._onnx_graph() == first and first.stat().st_mtime_ns == made  # kept, not made again
    assert [p.name for p in tmp_path.iterdir()] == [first.name]  # no temporary file left behind


def test_an_unknown_engine_is_one_clear_error(monkeypatch):
    monkeypatch.setenv("PEACEWATCH_ENGINE", "tensorflow")
    with pytest.raises(ModelMissingError, match="PEACEWATCH_ENGINE='tensorflow'"):
        minilm.engine()


def test_bfloat16_runs_on_torch(monkeypatch):
    monkeypatch.delenv("PEACEWATCH_ENGINE", raising=False)
    monkeypatch.setenv("PEACEWATCH_BF16", "1")
    assert minilm.engine() == "torch"


def test_an_unwritable_cache_falls_back_to_torch(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("PEACEWATCH_CACHE", str(blocked / "cache"))
    monkeypatch.setenv("PEACEWATCH_ENGINE", "onnx")
    minilm._load_onnx.cache_clear()
    try:
        _, model = minilm.load_minilm()
    finally:
        minilm._load_onnx.cache_clear()
    assert type(model).__name__ != "_OnnxMiniLM"  # the torch model, loaded from the wheel
