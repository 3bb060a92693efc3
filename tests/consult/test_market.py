"""Market information: the outlier refusal, confirmation, the bulletin's 环比/同比 through the
API against a hand computation, the chart, posts that expire."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from smartvet.consult import rules
from smartvet.consult.commands import PostIn, PriceIn
from smartvet.consult.models import PriceReport
from smartvet.consult.services import market
from smartvet.core.errors import DomainError, PermissionDenied
from smartvet.core.models import LedgerEvent
from tests.consult.factories import price
from tests.support.api import ApiClient, error_code


@pytest.fixture
def today():
    """The local day when the test runs, not when the module was imported: a run that crosses
    midnight in Asia/Shanghai must not compare two different days."""
    return timezone.localdate()


def _history(station, on):
    for i, value in enumerate(("14.00", "14.20", "14.40", "14.60", "14.80")):
        price(station, "live_hog", value, on - timedelta(days=i + 1))


def test_a_price_far_from_recent_prices_is_held_until_the_reporter_confirms(personas, today):
    station = personas.station_longquan
    _history(station, today)
    before = (PriceReport.objects.count(), LedgerEvent.objects.count())
    response = ApiClient(station).post(
        "/api/v1/market/prices",
        {
            "commodity": "live_hog",
            "region": "420506107",
            "market": "小溪塔",
            "unit": "kg",
            "price": "146.00",
            "date": today.isoformat(),
        },
    )
    assert response.status_code == 422 and error_code(response) == "PRICE_OUTLIER"
    assert "14.4" in response.json()["error"]["message"]  # the median, to compare with
    assert (PriceReport.objects.count(), LedgerEvent.objects.count()) == before
    confirmed = price(station, "live_hog", "146.00", today, confirm=True)
    assert confirmed.confirmed_outlier
    corrected = price(station, "live_hog", "14.60", today)
    assert not corrected.confirmed_outlier


def test_a_price_in_the_wrong_unit_or_from_a_farmer_is_refused(personas, today):
    with pytest.raises(DomainError) as refused:
        market.report_price(
            actor=personas.station_longquan,
            command=PriceIn(
                commodity="piglet",
                region="420506107",
                market="x",
                unit="kg",
                price="400",
                date=today,
            ),
        )
    assert refused.value.details[0]["field"] == "unit"
    with pytest.raises(PermissionDenied):
        price(personas.farmer_longquan, "live_hog", "14.00", today)


def test_the_bulletins_week_on_week_figures_equal_a_hand_computation(personas, today):
    station = personas.station_longquan
    monday = rules.monday_of(today) - timedelta(weeks=1)  # a full week in the past
    week = rules.week_label(monday)
    previous, last_year = monday - timedelta(weeks=1), rules.same_week_last_year(monday)
    for value, day in (("14.40", previous), ("14.60", previous + timedelta(days=2))):
        price(station, "live_hog", value, day)
    for value, day in (("15.00", monday), ("15.60", monday + timedelta(days=3))):
        price(station, "live_hog", value, day)
    price(station, "live_hog", "17.00", last_year, confirm=True)
    price(station, "egg", "9.00", monday + timedelta(days=1))
    price(
        station, "egg", "99.00", monday + timedelta(days=7), confirm=True
    )  # next week: not counted
    price(personas.station_yaqueling, "live_hog", "30.00", monday, region="420506108", confirm=True)

    body = (
        ApiClient(personas.farmer_longquan)
        .get("/api/v1/market/bulletin", region="420506107", week=week)
        .json()
    )
    items = {row["commodity"]: row for row in body["items"]}
    # by hand: this week (15.00 + 15.60) / 2 = 15.30; last week (14.40 + 14.60) / 2 = 14.50
    assert items["live_hog"] == {
        "commodity": "live_hog",
        "name": "生猪",
        "unit": "元/公斤",
        "mean": 15.30,
        "wow": round(15.30 / 14.50 - 1, 4),
        "yoy": round(15.30 / 17.00 - 1, 4),
        "n": 2,
    }
    assert items["egg"]["wow"] is None and items["egg"]["yoy"] is None and items["egg"]["n"] == 1
    # the county holds both townships: 生猪 (15.00 + 15.60 + 30.00) / 3
    county = (
        ApiClient(personas.farmer_longquan)
        .get("/api/v1/market/bulletin", region="420506", week=week)
        .json()
    )
    assert {r["commodity"]: r["mean"] for r in county["items"]}["live_hog"] == 20.20


def test_a_malformed_week_is_refused(personas):
    response = ApiClient(personas.farmer_longquan).get("/api/v1/market/bulletin", week="2026-5")
    assert response.status_code == 422 and error_code(response) == "VALIDATION_ERROR"


def test_the_bulletin_page_shows_the_figures_and_a_chart(client, personas, today):
    station = personas.station_longquan
    monday = rules.monday_of(today)
    price(station, "live_hog", "14.50", monday - timedelta(weeks=1))
    price(station, "live_hog", "15.30", min(monday + timedelta(days=1), today))
    client.force_login(personas.farmer_longquan)
    page = client.get("/consult/market/", {"region": "420506107"}).content.decode()
    assert "生猪" in page and "+5.5%" in page
    assert "<svg" in page and "polyline" in page


def _post(actor, days=14, kind="supply"):
    return market.create_post(
        actor=actor,
        command=PostIn(
            kind=kind,
            commodity="piglet",
            quantity="仔猪50头",
            region="420506107",
            contact="13907170000",
            days=days,
        ),
    )


def test_posts_expire_and_can_be_withdrawn_by_their_author_only(personas, today):
    from smartvet.consult import queries

    post = _post(personas.farmer_longquan, days=3)
    assert post.expires_on == today + timedelta(days=3)
    assert list(queries.posts(region="420506")) == [post]
    assert list(queries.posts(region="420506", today=post.expires_on)) == [post]
    assert list(queries.posts(region="420506", today=post.expires_on + timedelta(days=1))) == []
    with pytest.raises(PermissionDenied):
        market.withdraw_post(actor=personas.station_longquan, post_id=post.pk)
    market.withdraw_post(actor=personas.farmer_longquan, post_id=post.pk)
    assert list(queries.posts(region="420506")) == []


def test_the_price_list_exports_to_a_workbook(client, personas, today):
    price(personas.station_longquan, "maize", "2.30", today)
    client.force_login(personas.station_longquan)
    response = client.get("/consult/market/prices/", {"format": "xlsx"})
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:2] == ("日期", "品种") and rows[1][1] == "玉米" and rows[1][4] == 2.3
    assert date.fromisoformat(rows[1][0]) == today
