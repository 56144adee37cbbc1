"""numpy's BLAS is held to PEACEWATCH_THREADS threads, as torch and ONNX Runtime are."""

from __future__ import annotations

import pytest
from threadpoolctl import threadpool_info, threadpool_limits

from peacewatch.pipeline import limit_blas_threads


def _blas_threads() -> set[int]:
    return {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"}


@pytest.mark.parametrize(("setting", "wanted"), [(None, 1), ("2", 2)])
def test_blas_runs_on_peacewatch_threads(monkeypatch, setting, wanted):
    if setting is None:
        monkeypatch.delenv("PEACEWATCH_THREADS", raising=False)
    else:
        monkeypatch.setenv("PEACEWATCH_THREADS", setting)
    with threadpool_limits(limits=3, user_api="blas"):  # (restores this process's setting afterwards)
        limit_blas_threads()
        assert _blas_threads() == {wanted}

