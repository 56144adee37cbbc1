"""The arithmetic every scorer shares."""

from __future__ import annotations


def ratio(part: float, whole: float) -> float:
    """`part / whole`, or 0 when there is nothing to divide by (no predictions, no gold)."""
    return part / whole if whole else 0.0


def f1_score(precision: float, recall: float) -> float:
    """Harmonic mean of precision and recall; 0 when both are 0."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
