"""Running the analysis on more than one core: local worker processes, or a Ray cluster (`ray_engine`)."""

from peacewatch.scale.workers import ParallelPipeline, analyzer

__all__ = ["ParallelPipeline", "analyzer"]
