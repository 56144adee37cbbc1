"""The technique detector as shipped: the trained tagger (`data/models/techniques/`) plus the patterns."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import numpy as np

from peacewatch.errors import ModelMissingError
from peacewatch.techniques import patterns as pattern_mod
from peacewatch.techniques.encoder import Encoded
from peacewatch.techniques.model import Sample, TechniqueModel

Found = tuple[int, int, str, float]


def model_dir() -> Path:
    """Where the shipped model lives inside the installed package."""
    return Path(str(resources.files("peacewatch.data").joinpath("models", "techniques")))


class Detector:
    """Load once, then `detect(text, segments)` per document."""

    def __init__(self, model: str | Path | None = None, use_patterns: bool = True) -> None:
        import torch

        # why: measured on a 2-core machine, one thread encodes a PTC article in 0.6 s and two take 1.0 s
        # (small batches; the second thread mostly waits). PEACEWATCH_THREADS overrides.
        torch.set_num_threads(max(1, int(os.environ.get("PEACEWATCH_THREADS", "1"))))
        folder = Path(model) if model else model_dir()
        if not (folder / "config.json").is_file():
            raise ModelMissingError(
                f"no technique model at {folder}; train one with: peacewatch train techniques --data DIR")
        self.model = TechniqueModel.load(folder)
        self.patterns = pattern_mod.builtin_patterns() if use_patterns else ()

    def detect(self, text: str, segments: list[tuple[int, int]], encoded: list[Encoded] | None = None) -> list[Found]:
        """(start, end, technique, score) spans; `segments` are the sentences, as character offsets; `encoded`
        their MiniLM states when already computed (`encoder.encode_docs`)."""
        learned = self.model.predict(text, segments, encoded) if segments else []
        return self._with_patterns(text, learned)

    def detect_scored(self, text: str, samples: list[Sample], probs: list[np.ndarray]) -> list[Found]:
        """`detect` with the tagger's piece probabilities already computed (`TechniqueModel.piece_probs_many`)."""
        return self._with_patterns(text, self.model.decode(text, samples, probs))

    def _with_patterns(self, text: str, learned: list[Found]) -> list[Found]:
        if not self.patterns:
            return learned
        return pattern_mod.combine(learned, pattern_mod.find(text, self.patterns))
