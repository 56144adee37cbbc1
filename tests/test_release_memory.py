"""`release_free_memory`: the per-batch glibc heap trim that keeps a long run's memory flat."""

from __future__ import annotations

import sys

from peacewatch.pipeline import release_free_memory


def test_release_free_memory_is_safe_to_call_repeatedly() -> None:
    first, second = release_free_memory(), release_free_memory()
    assert first == second
    if sys.platform != "linux":
        assert first is False
