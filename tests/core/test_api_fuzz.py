"""Schemathesis fuzzes every operation of the OpenAPI schema: no input, however odd, may make
the server fail (5xx) — it must answer with a 4xx and the contract's error body."""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from smartvet.wsgi import application
from tests.support.api import token_for

# CI runs a few examples an operation; raise SMARTVET_FUZZ_EXAMPLES to hunt for more.
EXAMPLES = int(os.environ.get("SMARTVET_FUZZ_EXAMPLES", "8"))
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture(autouse=True)
def _connection_outlives_requests():
    """Schemathesis calls the WSGI application itself, whose request signals would close the
    connection that holds the test's transaction (on PostgreSQL; SQLite's in-memory database
    survives). Django's test client disconnects them the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_request_makes_the_server_fail(case, station_longquan):
    # The body is read here, so it is asked for uncompressed (the server gzips for a client
    # that accepts it, as schemathesis's transport says it does).
    headers = {
        "Authorization": f"Bearer {token_for(station_longquan)}",
        "Accept-Encoding": "identity",
    }
    response = case.call(headers=headers)
    assert response.status_code < 500, response.text[:500]
    content_type = str(response.headers.get("content-type", ""))
    if response.status_code >= 400 and "application/json" in content_type:
        body = response.json()
        assert body["error"]["code"] and body["error"]["message"]
