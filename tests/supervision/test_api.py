"""The supervision API as CONTRACT.md fixes it, and the county's figures against the counts
the other apps' APIs give (issue 13, "Done when")."""

from __future__ import annotations

from smartvet.supervision import services
from tests.quarantine import factories as quarantine
from tests.support.api import ApiClient, error_code
from tests.support.factories import LONGQUAN_VILLAGE, YAQUELING_VILLAGE, make_farm


def _county_with_facts(personas):
    quarantine.stock_tags(personas)
    farm = quarantine.ready_farm(personas)
    declaration = quarantine.declare(personas.farmer_longquan, farm, quarantine.tags(1, 2))
    quarantine.certify(personas, declaration)
    quarantine.declare(personas.farmer_longquan, farm, quarantine.tags(5, 2))
    make_farm(personas.station_yaqueling, region=YAQUELING_VILLAGE)
    make_farm(personas.station_longquan, region=LONGQUAN_VILLAGE, phone="")
    services.refresh()


def test_the_indicators_are_listed_in_words(personas):
    answer = ApiClient(personas.county_supervisor).get("/api/v1/supervision/indicators").json()
    codes = {item["code"] for item in answer}
    assert {
        "farms_registered",
        "farms_complete",
        "tags_in_stock",
        "tags_issued",
        "tags_fitted",
        "tags_cancelled",
        "declarations",
        "certificates",
        "immunization_density",
        "antibody_pass_rate",
        "subsidy_paid",
    } <= codes
    named = {item["code"]: item for item in answer}
    assert named["certificates"]["name"] == "检疫证明" and named["certificates"]["unit"] == "份"


def test_the_county_figures_equal_the_counts_through_the_api(personas):
    _county_with_facts(personas)
    supervisor = ApiClient(personas.county_supervisor)
    figures = supervisor.get("/api/v1/supervision/figures", region="420506").json()
    assert figures["region"] == "420506"
    farms = supervisor.get("/api/v1/farms", limit=1).json()["count"]
    declarations = supervisor.get("/api/v1/declarations", limit=1).json()["count"]
    certificates = supervisor.get("/api/v1/certificates", limit=1).json()["count"]
    assert figures["figures"]["farms_registered"] == farms
    assert figures["figures"]["declarations"] == declarations == 2
    assert figures["figures"]["certificates"] == certificates == 1
    names = [child["name"] for child in figures["children"]]
    assert "龙泉镇" in names and "鸦鹊岭镇" in names
    assert sum(c["figures"]["farms_registered"] for c in figures["children"]) == farms


def test_a_township_account_sees_only_its_own_subtree(personas):
    _county_with_facts(personas)
    station = ApiClient(personas.station_longquan)
    own = station.get("/api/v1/supervision/figures").json()
    assert own["region"] == "420506107"
    assert all(child["code"].startswith("420506107") for child in own["children"])
    for outside in ("420506", "420506108", "420506108201", "42"):
        response = station.get("/api/v1/supervision/figures", region=outside)
        assert response.status_code == 404 and error_code(response) == "NOT_FOUND"


def test_a_period_that_ends_before_it_begins_is_refused_in_words(personas):
    response = ApiClient(personas.county_supervisor).get(
        "/api/v1/supervision/figures",
        **{"region": "420506", "from": "2026-05-01", "to": "2026-04-01"},
    )
    assert response.status_code == 422
    assert response.json()["error"]["message"] == "起始日期不能晚于截止日期"


def test_the_series_runs_by_month_over_a_year(personas):
    _county_with_facts(personas)
    points = (
        ApiClient(personas.county_supervisor)
        .get(
            "/api/v1/supervision/series",
            **{
                "region": "420506",
                "indicator": "declarations",
                "from": "2026-01-01",
                "to": "2026-12-31",
            },
        )
        .json()
    )
    assert [p["label"] for p in points][:2] == ["2026-01", "2026-02"] and len(points) == 12
    assert sum(p["value"] for p in points) == 2
