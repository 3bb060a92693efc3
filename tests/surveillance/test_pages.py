"""The pages: the phone report form (offline-capable, resends kept once), photos added on the
report's page, the boards, the alert page whose buttons are exactly the available actions,
and the exports."""

from __future__ import annotations

import io
import re
import uuid

import pytest
from PIL import Image

from smartvet.core.access import available_actions
from smartvet.surveillance.models import Alert, Report, ReportPhoto
from smartvet.surveillance.services import evaluation
from tests.surveillance import factories


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def _alert(personas, farm):
    result = factories.lab_result(personas.cdc, farm, positive=1)
    (alert,) = evaluation.raise_alerts(evaluation.findings_for_result(result, result.sampled_on))
    return alert


def _form(farm, **extra):
    return {
        "kind": "death",
        "farm": str(farm.pk),
        "region": "",
        "category": "fattening_pig",
        "at_risk": "200",
        "sick": "",
        "dead": "2",
        "onset_date": "",
        "disease": "",
        "signs": "突然死亡",
        "disposal_method": "centre",
        "disposal_place": "无害化处理中心",
        "disposal_by": "张三",
        "notes": "",
        **extra,
    }


def test_the_report_form_sends_a_death_report(personas, farm, as_user):
    client = as_user(personas.station_longquan)
    page = client.get(f"/surveillance/report/?farm={farm.pk}")
    assert page.status_code == 200 and "data-offline" in page.content.decode()
    assert f'<option value="{farm.pk}" selected>' in page.content.decode()
    response = client.post("/surveillance/report/", _form(farm, onset_date="2026-01-05"))
    report = Report.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{report.pk}/")
    assert report.dead == 2 and report.disposal_by == "张三"


def test_a_refused_report_shows_the_chinese_error_and_keeps_what_was_typed(personas, farm, as_user):
    client = as_user(personas.station_longquan)
    response = client.post("/surveillance/report/", _form(farm, disposal_method=""))
    text = response.content.decode()
    assert response.status_code == 422 and "死亡须登记无害化处理方式" in text
    assert "突然死亡" in text and not Report.objects.exists()


def test_an_offline_resend_is_kept_once(personas, farm, as_user):
    client = as_user(personas.station_longquan)
    entry = _form(farm, onset_date="2026-01-05", client_id=str(uuid.uuid4()))
    client.post("/surveillance/report/", entry)
    again = client.post("/surveillance/report/", entry, HTTP_X_SMARTVET_OFFLINE="1")
    assert again.status_code == 200 and again.json()["sent"] is True
    assert Report.objects.count() == 1


def _photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (400, 300), "green").save(out, format="PNG")
    return out.getvalue()


def test_photos_are_added_on_the_report_s_page_and_served_to_who_may_see(
    personas, farm, as_user, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    report = factories.death_report(personas.station_longquan, farm)
    client = as_user(personas.station_longquan)
    upload = io.BytesIO(_photo())
    upload.name = "a.png"
    response = client.post(f"/surveillance/reports/{report.pk}/photos/", {"photos": [upload]})
    assert response.status_code == 302
    photo = ReportPhoto.objects.get()
    thumb = client.get(f"/surveillance/photos/{photo.pk}/thumb.jpg")
    assert thumb.status_code == 200 and thumb["Content-Type"] == "image/jpeg"
    other = as_user(personas.station_yaqueling)
    assert other.get(f"/surveillance/photos/{photo.pk}/thumb.jpg").status_code == 404


def test_the_alert_page_shows_exactly_the_available_actions(personas, farm, as_user):
    alert = _alert(personas, farm)
    for who in (personas.station_longquan, personas.vet_longquan, personas.cdc):
        page = as_user(who).get(f"/surveillance/alerts/{alert.pk}/").content.decode()
        shown = set(re.findall(r'data-action="([a-z_]+)"', page))
        assert shown == set(available_actions(who, alert).names), who.username
    assert (
        as_user(personas.station_yaqueling).get(f"/surveillance/alerts/{alert.pk}/").status_code
        == 404
    )


def test_acknowledge_trace_and_close_through_the_pages(personas, farm, as_user):
    alert = _alert(personas, farm)
    client = as_user(personas.station_longquan)
    client.post(f"/surveillance/alerts/{alert.pk}/acknowledge/")
    page = client.get(f"/surveillance/alerts/{alert.pk}/").content.decode()
    assert 'data-testid="trace"' in page and "需走访的养殖场户" in page
    client.post(f"/surveillance/alerts/{alert.pk}/investigate/")
    refused = client.post(f"/surveillance/alerts/{alert.pk}/close/", {"outcome": ""})
    assert refused.status_code == 422
    client.post(
        f"/surveillance/alerts/{alert.pk}/close/", {"outcome": "confirmed", "notes": "送检确诊"}
    )
    alert.refresh_from_db()
    assert alert.status == "closed" and alert.outcome == "confirmed"
    kinds = list(alert.entries.values_list("kind", flat=True))
    assert kinds == ["opened", "acknowledged", "investigated", "closed"]


def test_the_boards_count_by_region_and_export(personas, farm, as_user):
    _alert(personas, farm)
    board = as_user(personas.cdc).get("/surveillance/alerts/").content.decode()
    assert 'data-region="420506107"' in board and 'data-count="open">1<' in board
    station = as_user(personas.station_longquan).get("/surveillance/alerts/").content.decode()
    assert f'data-region="{farm.region_id}"' in station
    assert not Alert.objects.visible_to(personas.station_yaqueling).exists()
    export = as_user(personas.cdc).get("/surveillance/alerts/?format=xlsx")
    assert export.status_code == 200 and export.content[:2] == b"PK"
    reports = as_user(personas.cdc).get("/surveillance/reports/?format=xlsx")
    assert reports.status_code == 200


def test_the_rules_page_shows_the_ppv_beside_each_rule(personas, as_user):
    page = as_user(personas.cdc).get("/surveillance/rules/").content.decode()
    assert page.count("data-ppv") == 6 and "《动物疫情报告管理办法》" in page


def test_the_zero_report_page(personas, as_user):
    client = as_user(personas.vaccinator_longquan)
    page = client.get("/surveillance/zero/").content.decode()
    assert page.count('data-action="zero"') == 3
    client.post("/surveillance/zero/report/", {"region": "420506107201"})
    assert client.get("/surveillance/zero/").content.decode().count('data-action="zero"') == 2
    board = as_user(personas.station_longquan).get("/surveillance/zero/").content.decode()
    assert 'data-state="missing"' in board and 'data-state="zero"' in board


def test_the_home_page_leads_with_the_alerts(personas, farm, as_user):
    _alert(personas, farm)
    home = as_user(personas.cdc).get("/").content.decode()
    assert "处置预警" in home
