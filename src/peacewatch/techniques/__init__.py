"""Persuasion techniques: the PTC label mapping, a trained span tagger, its scorer and its CLI.

The learned detector (`model.TechniqueModel`) tags MiniLM word pieces with the 14 PTC techniques; the
transparent patterns (`patterns.py`, data in `data/technique_patterns.yaml`) add what the data lacks.
"""

from peacewatch.techniques.labels import LABELS, PTC_TO_NAME, TechniqueLabel, load_labels

__all__ = ["LABELS", "PTC_TO_NAME", "TechniqueLabel", "load_labels"]
