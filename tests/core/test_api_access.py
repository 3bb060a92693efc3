"""The generic access suite (DESIGN.md, after NetBox's API test utilities): for every
operation in the OpenAPI schema, 401 without a token, 403 for a role that may not act, 404
for an object in another region, and a ledger event for every successful write.

Cases live next to each app's tests in `tests/<app>/endpoint_cases.py`; an operation with no
case fails `test_every_endpoint_has_an_access_case`, so new endpoints join by force."""

from __future__ import annotations

import importlib
from collections import defaultdict
from pathlib import Path

import pytest

from smartvet.core.models import LedgerEvent
from tests.support.api import ApiClient
from tests.support.endpoints import EndpointCase

TESTS = Path(__file__).resolve().parents[1]


def _collect_cases() -> list[EndpointCase]:
    cases = []
    for path in sorted(TESTS.glob("*/endpoint_cases.py")):
        cases.extend(importlib.import_module(f"tests.{path.parent.name}.endpoint_cases").CASES)
    return cases


CASES = _collect_cases()


def _schema_operations() -> set[str]:
    from smartvet.api import api

    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    return {
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method in operations
    }


def _by(attribute: str) -> list:
    return [pytest.param(case, id=case.key) for case in CASES if getattr(case, attribute)]


def _send(client: ApiClient, case: EndpointCase, call):
    return client.request(case.method, case.url(call), call.body, call.files)


def test_every_endpoint_has_an_access_case():
    declared = {case.key for case in CASES}
    operations = _schema_operations()
    assert not operations - declared, "endpoints without an access case"
    assert not declared - operations, "access cases for endpoints that do not exist"


@pytest.mark.parametrize("case", [pytest.param(c, id=c.key) for c in CASES if not c.public])
def test_without_a_token_the_answer_is_401(case, db):
    path = case.path.format_map(defaultdict(lambda: "1"))
    response = ApiClient().request(case.method, path, {})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "UNAUTHENTICATED"


@pytest.mark.parametrize("case", _by("forbidden"))
def test_a_role_that_may_not_act_gets_403_and_changes_nothing(case, personas):
    call = case.setup(personas)
    before = LedgerEvent.objects.count()
    response = _send(ApiClient(getattr(personas, case.forbidden)), case, call)
    assert response.status_code == 403, response.content
    assert response.json()["error"]["code"] == "PERMISSION_DENIED"
    assert LedgerEvent.objects.count() == before


@pytest.mark.parametrize("case", _by("foreign"))
def test_another_regions_object_answers_404_and_changes_nothing(case, personas):
    call = case.setup(personas)
    before = LedgerEvent.objects.count()
    response = _send(ApiClient(getattr(personas, case.foreign)), case, call)
    assert response.status_code == 404, response.content
    assert LedgerEvent.objects.count() == before


@pytest.mark.parametrize("case", _by("allowed"))
def test_the_allowed_call_succeeds_and_every_write_reaches_the_ledger(case, personas):
    call = case.setup(personas)
    before = LedgerEvent.objects.count()
    response = _send(ApiClient(getattr(personas, case.allowed)), case, call)
    if case.success:
        assert response.status_code == case.success, response.content
    else:
        assert 200 <= response.status_code < 300, response.content
    if case.writes:
        assert LedgerEvent.objects.count() > before
    else:
        assert LedgerEvent.objects.count() == before
