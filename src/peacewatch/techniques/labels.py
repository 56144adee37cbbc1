"""The 14 technique names and their mapping to PTC 2020 and SemEval-2023 labels (`data/techniques.yaml`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class TechniqueLabel:
    name: str  # snake_case, what `Technique.technique` holds
    ptc: str  # the PTC 2020 label
    semeval2023: tuple[str, ...]
    definition: str


@lru_cache(maxsize=1)
def load_labels() -> tuple[TechniqueLabel, ...]:
    data = yaml.safe_load(resources.files("peacewatch.data").joinpath("techniques.yaml").read_text("utf-8"))
    return tuple(
        TechniqueLabel(name, entry["ptc"], tuple(entry["semeval2023"]), entry["definition"])
        for name, entry in data["techniques"].items()
    )


def unmapped_semeval2023() -> dict[str, str]:
    data = yaml.safe_load(resources.files("peacewatch.data").joinpath("techniques.yaml").read_text("utf-8"))
    return dict(data.get("semeval2023_unmapped") or {})


LABELS: tuple[str, ...] = tuple(label.name for label in load_labels())
PTC_TO_NAME: dict[str, str] = {label.ptc: label.name for label in load_labels()}
NAME_TO_PTC: dict[str, str] = {label.name: label.ptc for label in load_labels()}
