"""The rollout's records: the province switches functions on, a county reports its date, a
training is recorded with attendance; each refusal changes nothing (seed 002 §三)."""

from __future__ import annotations

import pytest

from smartvet.core.models import LedgerEvent
from smartvet.supervision.models import CountyRollout, TrainingSession
from tests.supervision.endpoint_cases import TRAINING
from tests.support.api import ApiClient, error_code


def test_the_province_switches_a_county_on_and_the_rollout_shows_it(personas):
    province = ApiClient(personas.province_supervisor)
    response = province.post(
        "/api/v1/supervision/rollout/420506/features", {"tag_issue_enabled_on": "2026-07-01"}
    )
    assert response.status_code == 200
    counties = province.get("/api/v1/supervision/rollout", region="4205").json()["counties"]
    yiling = next(c for c in counties if c["code"] == "420506")
    assert (
        yiling["tag_issue_enabled_on"] == "2026-07-01" and yiling["quarantine_enabled_on"] is None
    )


def test_a_county_may_not_switch_its_own_functions_on(personas):
    before = LedgerEvent.objects.count()
    response = ApiClient(personas.county_supervisor).post(
        "/api/v1/supervision/rollout/420506/features", {"tag_issue_enabled_on": "2026-07-01"}
    )
    assert response.status_code == 403 and error_code(response) == "PERMISSION_DENIED"
    assert not CountyRollout.objects.filter(tag_issue_enabled_on__isnull=False).exists()
    assert LedgerEvent.objects.count() == before


def test_a_county_reports_its_go_live_date(personas):
    response = ApiClient(personas.county_supervisor).post(
        "/api/v1/supervision/rollout/420506/report", {"reported_live_on": "2026-07-05"}
    )
    assert response.json()["reported_live_on"] == "2026-07-05"
    assert (
        LedgerEvent.objects.filter(action="supervision.live_reported", region="420506").count() == 1
    )


def test_a_township_that_is_not_a_county_is_not_found(personas):
    response = ApiClient(personas.county_supervisor).post(
        "/api/v1/supervision/rollout/420506107/report", {"reported_live_on": "2026-07-05"}
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ({"station": "419001100", "attendees": 3}, "参训单位须为本辖区的乡镇"),
        ({"station": "420506107", "attendees": 0}, None),
    ],
)
def test_a_training_with_a_bad_line_is_refused_and_nothing_is_kept(personas, line, message):
    body = {**TRAINING, "attendance": [line]}
    response = ApiClient(personas.county_supervisor).post("/api/v1/supervision/trainings", body)
    assert response.status_code == 422 and error_code(response) == "VALIDATION_ERROR"
    if message:
        assert response.json()["error"]["message"] == message
    assert not TrainingSession.objects.exists()


def test_a_training_counts_its_attendees(personas):
    body = {
        **TRAINING,
        "attendance": [
            {"station": "420506107", "attendees": 6, "farms_trained": 40},
            {"station": "420506108", "attendees": 4},
        ],
    }
    answer = (
        ApiClient(personas.county_supervisor).post("/api/v1/supervision/trainings", body).json()
    )
    assert answer["attendees"] == 10 and answer["kind"] == "users"
