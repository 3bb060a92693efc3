"""The generic access suite (DESIGN.md, after NetBox's API test utilities): for every
operation in the OpenAPI schema, 401 without a token, 403 for a role that may not act, 404
for an object outside the caller's reach, and exactly the ledger events a successful write
names (none for a read).

The table is the cases of every `tests/<app>/endpoint_cases.py` (tests/support/endpoints.py
says what a case holds), keyed by (method, path); `test_the_table_covers_every_operation`
fails on an operation without a case or a case without its refusals."""

from __future__ import annotations

import importlib
from collections import defaultdict
from pathlib import Path

import pytest
from django.apps import apps

from smartvet.core.models import LedgerEvent
from tests.support.api import ApiClient, error_code
from tests.support.endpoints import Because, EndpointCase, Outcome
from tests.support.personas import PERSONA_NAMES

TESTS = Path(__file__).resolve().parents[1]


def _table() -> dict[tuple[str, str], EndpointCase]:
    table: dict[tuple[str, str], EndpointCase] = {}
    duplicates = []
    for path in sorted(TESTS.glob("*/endpoint_cases.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.endpoint_cases")
        for case in module.CASES:
            if case.key in table:
                duplicates.append(case.name)
            table[case.key] = case
    assert not duplicates, f"operations with two cases: {duplicates}"
    return table


TABLE = _table()


def _schema_operations() -> set[tuple[str, str]]:
    from smartvet.api import api

    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    return {
        (method.upper(), path)
        for path, operations in schema["paths"].items()
        for method in operations
    }


def _cases(refusal: str | None = None) -> list:
    """The cases as parameters; with `refusal`, those naming a persona for it."""
    return [
        pytest.param(case, id=case.name)
        for case in TABLE.values()
        if refusal is None or isinstance(getattr(case, refusal), str)
    ]


def _send(case: EndpointCase, actor, call):
    return ApiClient(actor).request(case.method, case.url(call), call.body, call.files)


def _gaps(case: EndpointCase) -> list[str]:
    gaps = []
    if case.allowed not in PERSONA_NAMES:
        gaps.append(f"allowed persona {case.allowed!r}")
    if case.writes != bool(case.records):
        gaps.append("ledger events (a write names them, a read none)")
    if case.public:
        if case.forbidden or case.foreign:
            gaps.append("no refusals: it is public")
        return gaps
    if case.writes and not isinstance(case.forbidden, str):
        gaps.append("forbidden: a write names a persona it refuses")
    for refusal in ("forbidden", "foreign"):
        value = getattr(case, refusal)
        if not ((isinstance(value, Because) and value.reason) or value in PERSONA_NAMES):
            gaps.append(f"{refusal}: a persona or Because(why not)")
    return gaps


def test_the_table_covers_every_operation():
    operations = _schema_operations()
    assert sorted(operations - TABLE.keys()) == [], "operations without a case"
    assert sorted(TABLE.keys() - operations) == [], "cases of operations that do not exist"
    incomplete = {case.name: gaps for case in TABLE.values() if (gaps := _gaps(case))}
    assert incomplete == {}, "cases that do not say what they must"


@pytest.mark.parametrize("case", [c for c in _cases() if not c.values[0].public])
def test_without_a_token_the_answer_is_401(case, db):
    path = case.path.format_map(defaultdict(lambda: "1"))
    response = ApiClient().request(case.method, path, {})
    assert response.status_code == 401
    assert error_code(response) == "UNAUTHENTICATED"


@pytest.mark.parametrize("case", _cases("forbidden"))
def test_a_role_that_may_not_act_gets_403_and_changes_nothing(case, personas):
    call = case.setup(personas)
    before = LedgerEvent.objects.count()
    response = _send(case, getattr(personas, case.forbidden), call)
    assert response.status_code == 403, response.content
    assert error_code(response) == "PERMISSION_DENIED"
    assert LedgerEvent.objects.count() == before


@pytest.mark.parametrize("case", _cases("foreign"))
def test_an_object_outside_reach_answers_404_and_changes_nothing(case, personas):
    call = (case.foreign_setup or case.setup)(personas)
    before = LedgerEvent.objects.count()
    response = _send(case, getattr(personas, case.foreign), call)
    assert response.status_code == 404, response.content
    assert error_code(response) == "NOT_FOUND"
    assert LedgerEvent.objects.count() == before


@pytest.mark.parametrize(
    "case", [c for c in _cases() if isinstance(c.values[0].forbidden, Because)]
)
def test_a_read_without_a_403_case_refuses_no_role(case, personas):
    """Its table entry says why no role is refused: no persona is (one outside the object's
    reach still gets its 404)."""
    call = case.setup(personas)
    answers = {name: _send(case, getattr(personas, name), call) for name in PERSONA_NAMES}
    assert [name for name, response in answers.items() if response.status_code == 403] == []


def _rows(labels) -> dict[str, set]:
    return {
        label: set(apps.get_model(label).objects.values_list("pk", flat=True)) for label in labels
    }


@pytest.mark.parametrize("case", _cases())
def test_the_allowed_call_succeeds_and_records_exactly_its_events(case, personas):
    call = case.setup(personas)
    models = {label for event in case.records for label in event.models()}
    rows_before = _rows(models)
    last = LedgerEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    actor = getattr(personas, case.allowed)
    response = _send(case, actor, call)
    if case.success:
        assert response.status_code == case.success, response.content
    else:
        assert 200 <= response.status_code < 300, response.content
    rows_after = _rows(models)
    outcome = Outcome(
        call=call,
        actor=actor,
        created=lambda label: sorted(rows_after[label] - rows_before[label]),
    )
    recorded = list(
        LedgerEvent.objects.filter(seq__gt=last).values_list("action", "object_type", "object_id")
    )
    assert recorded == [event.expected(outcome) for event in case.records]
