"""The pages of supervision's records (issue 13 points 4 and 6): notices followed until
closed, assessment schemes with their scores, training sessions with attendance per station;
forms, searchable paginated lists, exports, and only the actions available_actions gives."""

from __future__ import annotations

import io
from datetime import timedelta

from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from smartvet.core.access import available_actions
from smartvet.core.models import LedgerEvent
from smartvet.supervision.models import Attendance, Notice, Scheme, TrainingSession
from tests.support.personas import PASSWORD


def _client(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def _rows(response) -> list[list]:
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    return [list(row) for row in book.active.iter_rows(values_only=True)]


def _criticise(client, **changes):
    form = {
        "region": "420506108",
        "kind": "criticism",
        "reason": "养殖场户信息核对进度滞后",
        "rectify_by": str(timezone.localdate() + timedelta(days=15)),
        "scheme": "",
    }
    form.update(changes)
    return client.post("/supervision/420506/notices/issue/", form)


def test_a_criticism_is_issued_listed_exported_and_closed_by_its_issuer(personas):
    bureau = _client(personas.bureau)
    assert _criticise(bureau).status_code == 302
    notice = Notice.objects.get()
    page = bureau.get("/supervision/420506/notices/").content.decode()
    assert f'data-notice="{notice.pk}"' in page and "限期整改中" in page
    assert 'data-action="close"' in page and "close" in available_actions(personas.bureau, notice)
    # the criticised township sees its notice and no button to close it
    station = _client(personas.station_yaqueling)
    own = station.get("/supervision/420506108/notices/").content.decode()
    assert f'data-notice="{notice.pk}"' in own and 'data-action="close"' not in own
    rows = _rows(bureau.get("/supervision/420506/notices.xlsx"))
    assert rows[1][:3] == ["鸦鹊岭镇", "通报批评", "限期整改中"]
    response = bureau.post(
        f"/supervision/420506/notices/{notice.pk}/close/", {"rectification": "已完成核对"}
    )
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.status == "closed" and notice.rectification == "已完成核对"
    assert LedgerEvent.objects.filter(action="supervision.notice_closed").count() == 1
    found = bureau.get("/supervision/420506/notices/", {"status": "rectifying"}).content.decode()
    assert f'data-notice="{notice.pk}"' not in found


def test_a_criticism_without_a_deadline_is_refused_and_keeps_what_was_typed(personas):
    response = _criticise(_client(personas.bureau), rectify_by="", reason="免疫密度不达标")
    assert response.status_code == 422
    page = response.content.decode()
    assert "通报批评须写明今天以后的整改期限" in page and "免疫密度不达标" in page
    assert not Notice.objects.exists()


def test_a_station_sees_notices_but_no_form_to_issue_them(personas):
    page = _client(personas.station_longquan).get("/supervision/420506107/notices/")
    assert page.status_code == 200 and 'data-form="notice"' not in page.content.decode()


def test_a_scheme_is_made_on_its_page_and_its_scores_ranked_and_exported(personas):
    bureau = _client(personas.bureau)
    today = timezone.localdate()
    form = {
        "name": "乡镇智慧监管考核",
        "starts_on": str(today.replace(month=1, day=1)),
        "ends_on": str(today),
        "indicator_0": "farms_registered",
        "weight_0": "60",
        "target_0": "2",
        "indicator_1": "certificates_unarrived",
        "weight_1": "40",
        "target_1": "0",
        "lower_1": "on",
    }
    response = bureau.post("/supervision/420506/schemes/new/", form)
    scheme = Scheme.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/supervision/schemes/{scheme.pk}/"
    assert [(i.indicator, i.weight, i.lower_is_better) for i in scheme.items.order_by("id")] == [
        ("farms_registered", 60, False),
        ("certificates_unarrived", 40, True),
    ]
    page = bureau.get(f"/supervision/schemes/{scheme.pk}/").content.decode()
    assert 'data-table="scores"' in page and 'data-region="420506107"' in page
    rows = _rows(bureau.get(f"/supervision/schemes/{scheme.pk}/scores.xlsx"))
    assert rows[0][:4] == ["名次", "区划代码", "地区", "总分"] and len(rows) > 2
    listed = bureau.get("/supervision/420506/schemes/", {"q": "乡镇"}).content.decode()
    assert f'data-scheme="{scheme.pk}"' in listed
    assert (
        f'data-scheme="{scheme.pk}"'
        not in bureau.get("/supervision/420506/schemes/", {"q": "没有这个"}).content.decode()
    )


def test_a_scheme_whose_weights_do_not_make_100_keeps_the_form(personas):
    form = {
        "name": "半套方案",
        "starts_on": "2026-01-01",
        "ends_on": "2026-06-30",
        "indicator_0": "farms_registered",
        "weight_0": "50",
        "target_0": "2",
    }
    response = _client(personas.bureau).post("/supervision/420506/schemes/new/", form)
    assert response.status_code == 422
    page = response.content.decode()
    assert "各指标权重合计应为100分" in page and "半套方案" in page
    assert not Scheme.objects.exists()


def test_a_training_is_recorded_with_attendance_per_station_and_exported(personas):
    supervisor = _client(personas.county_supervisor)
    form = {
        "kind": "users",
        "title": "动监e通使用培训",
        "held_on": str(timezone.localdate()),
        "station": ["420506107", "420506108", "420506109"],
        "attendees_420506107": "12",
        "farms_420506107": "40",
        "attendees_420506108": "8",
        "attendees_420506109": "",
    }
    assert supervisor.post("/supervision/420506/trainings/record/", form).status_code == 302
    session = TrainingSession.objects.get()
    lines = Attendance.objects.filter(session=session).order_by("station_id")
    assert [(a.station_id, a.attendees, a.farms_trained) for a in lines] == [
        ("420506107", 12, 40),
        ("420506108", 8, 0),
    ]
    page = supervisor.get("/supervision/420506/trainings/", {"kind": "users"}).content.decode()
    assert f'data-training="{session.pk}"' in page and "龙泉镇" in page
    rows = _rows(supervisor.get("/supervision/420506/trainings.xlsx"))
    assert [r[3:] for r in rows[1:]] == [["龙泉镇", 12, 40], ["鸦鹊岭镇", 8, 0]]


def test_a_training_without_attendance_is_refused_and_keeps_its_title(personas):
    form = {"kind": "users", "title": "空培训", "held_on": str(timezone.localdate())}
    response = _client(personas.county_supervisor).post(
        "/supervision/420506/trainings/record/", form
    )
    assert response.status_code == 422 and "空培训" in response.content.decode()
    assert not TrainingSession.objects.exists()
