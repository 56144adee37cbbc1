from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from peacewatch import Pipeline, Settings

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("PEACEWATCH_SHARED", REPO.parent / "shared"))
EXAMPLES = REPO / "examples"

# the ONNX graph of MiniLM is made into a cache of this test run (and subprocesses it starts), not the user's
if "PEACEWATCH_CACHE" not in os.environ:
    os.environ["PEACEWATCH_CACHE"] = tempfile.mkdtemp(prefix="peacewatch-test-cache-")
    atexit.register(shutil.rmtree, os.environ["PEACEWATCH_CACHE"], True)


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
