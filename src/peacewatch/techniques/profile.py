"""Persuasion profiles across documents: per outlet, how much and which techniques."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from peacewatch.contract import Analysis

UNKNOWN_OUTLET = "(outlet unknown)"


@dataclass
class OutletProfile:
    outlet: str
    documents: int = 0
    mean_density: float = 0.0  # mean of the documents' `summary.persuasion_density`
    techniques: Counter = field(default_factory=Counter)  # technique → spans, over all documents

    @property
    def spans(self) -> int:
        return sum(self.techniques.values())


def outlet_profiles(analyses: Iterable[Analysis]) -> list[OutletProfile]:
    """One profile per outlet, most persuasive (by mean density) first."""
    by_outlet: dict[str, OutletProfile] = {}
    densities: dict[str, list[float]] = {}
    for analysis in analyses:
        outlet = analysis.document.outlet or UNKNOWN_OUTLET
        profile = by_outlet.setdefault(outlet, OutletProfile(outlet))
        profile.documents += 1
        densities.setdefault(outlet, []).append(analysis.summary.persuasion_density)
        profile.techniques.update(t.technique for t in analysis.techniques)
    for outlet, profile in by_outlet.items():
        profile.mean_density = round(sum(densities[outlet]) / len(densities[outlet]), 4)
    return sorted(by_outlet.values(), key=lambda p: (-p.mean_density, p.outlet))
