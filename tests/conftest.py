from __future__ import annotations

import os
from pathlib import Path

import pytest

from peacewatch import Pipeline, Settings

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("PEACEWATCH_SHARED", REPO.parent / "shared"))
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="session")
def demo_pipeline() -> Pipeline:
    return Pipeline(Settings.from_file(EXAMPLES / "peacewatch.yaml"))


@pytest.fixture(scope="session")
def seeds() -> Path:
    path = SHARED / "seeds"
    if not path.is_dir():
        pytest.skip(f"the seed documents are not at {path}")
    return path


def seed(seeds: Path, prefix: str) -> Path:
    return next(seeds.glob(f"{prefix}_*.txt"))
