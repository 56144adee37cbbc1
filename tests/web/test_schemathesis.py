"""Property-based API tests: Schemathesis generates requests from the OpenAPI document (read endpoints).

Every answer must be documented, match its schema, and never be a server error, whatever the parameters.
"""

from __future__ import annotations

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings


@pytest.fixture
def api_schema(app: FastAPI):
    return schemathesis.openapi.from_asgi("/openapi.json", app).include(method="GET")


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_read_endpoints_conform(case) -> None:
    case.call_and_validate()
