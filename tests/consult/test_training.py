"""Training: the QR code a phone scans, signing in once and in time, names entered by the
organiser, materials, the counts supervision reads."""

from __future__ import annotations

import shutil
import subprocess
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from smartvet.consult import queries
from smartvet.consult.commands import AttendeeIn, MaterialIn
from smartvet.consult.indicators import attendee_facts, consultation_facts
from smartvet.consult.services import training
from smartvet.core.errors import DomainError, NotFound, PermissionDenied
from smartvet.core.models import LedgerEvent
from tests.consult import factories


@pytest.fixture
def lecture(personas):
    return factories.event(
        personas.station_longquan, starts_at=timezone.now() - timedelta(minutes=30)
    )


@pytest.mark.skipif(not shutil.which("zbarimg"), reason="zbarimg is not installed")
def test_the_qr_code_opens_the_events_sign_in_page(client, personas, lecture, tmp_path):
    client.force_login(personas.station_longquan)
    page = client.get(f"/consult/training/{lecture.pk}/").content.decode()
    assert "<svg" in page and f"/consult/sign/{lecture.sign_in_key}/" in page
    png = tmp_path / "qr.png"
    png.write_bytes(client.get(f"/consult/training/{lecture.pk}/qr.png").content)
    decoded = subprocess.run(
        ["zbarimg", "--raw", "-q", str(png)], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert decoded.endswith(f"/consult/sign/{lecture.sign_in_key}/")
    # the phone that opens it signs in with one tap
    client.force_login(personas.farmer_longquan)
    done = client.post(urlsplit(decoded).path)
    assert "签到成功" in done.content.decode()
    assert [a.attendee for a in lecture.attendance.all()] == [personas.farmer_longquan]


def test_an_attendee_signs_in_once(personas, lecture):
    row = training.sign_in(actor=personas.farmer_longquan, key=lecture.sign_in_key)
    assert row.by_qr and row.village_id == personas.farmer_longquan.region_id
    before = LedgerEvent.objects.count()
    with pytest.raises(DomainError) as again:
        training.sign_in(actor=personas.farmer_longquan, key=lecture.sign_in_key)
    assert again.value.code == "ALREADY_SIGNED_IN"
    assert LedgerEvent.objects.count() == before and lecture.attendance.count() == 1


def test_sign_in_is_refused_outside_its_hours_and_with_an_unknown_key(personas):
    later = factories.event(personas.station_longquan, starts_at=timezone.now() + timedelta(days=2))
    with pytest.raises(DomainError) as refused:
        training.sign_in(actor=personas.farmer_longquan, key=later.sign_in_key)
    assert refused.value.code == "TRAINING_CLOSED"
    with pytest.raises(NotFound):
        training.sign_in(actor=personas.farmer_longquan, key="no-such-key")


def test_only_the_organisers_create_events_and_add_names(personas, lecture):
    with pytest.raises(PermissionDenied):
        factories.event(personas.farmer_longquan, starts_at=timezone.now())
    with pytest.raises(NotFound):  # another township's station
        training.add_attendee(
            actor=personas.station_yaqueling,
            event_id=lecture.pk,
            command=AttendeeIn(name="李四", village="420506108201"),
        )
    row = training.add_attendee(
        actor=personas.station_longquan,
        event_id=lecture.pk,
        command=AttendeeIn(name="李四", village="420506107202"),
    )
    assert not row.by_qr and row.attendee is None


def test_materials_of_the_wrong_kind_are_refused(personas, lecture):
    with pytest.raises(DomainError) as refused:
        training.add_material(
            actor=personas.station_longquan,
            event_id=lecture.pk,
            command=MaterialIn(title="病毒"),
            filename="run.exe",
            data=b"MZ",
        )
    assert refused.value.code == "FILE_INVALID"
    kept = training.add_material(
        actor=personas.station_longquan,
        event_id=lecture.pk,
        command=MaterialIn(title="讲义"),
        filename="讲义.pdf",
        data=b"%PDF-1.4",
    )
    assert kept.file.name.endswith(".pdf")


def test_supervision_reads_attendance_per_village_and_kind(personas, lecture):
    training.sign_in(actor=personas.farmer_longquan, key=lecture.sign_in_key)
    training.add_attendee(
        actor=personas.station_longquan,
        event_id=lecture.pk,
        command=AttendeeIn(name="李四", village="420506107202"),
    )
    counts = queries.training_counts("420506")
    assert counts == [
        {"village_id": "420506107", "event__kind": "field_lecture", "events": 1, "attendees": 1},
        {"village_id": "420506107202", "event__kind": "field_lecture", "events": 1, "attendees": 1},
    ]
    cells = attendee_facts("420506", None, None)
    assert sorted((c.place, c.value) for c in cells) == [("420506107", 1), ("420506107202", 1)]
    assert {c.day for c in cells} == {timezone.localdate(lecture.starts_at)}
    asked = consultation_facts("420506", None, None)
    assert asked == [] or all(c.day for c in asked)


def test_the_attendance_list_exports(client, personas, lecture):
    training.sign_in(actor=personas.farmer_longquan, key=lecture.sign_in_key)
    client.force_login(personas.station_longquan)
    response = client.get(f"/consult/training/{lecture.pk}/", {"format": "xlsx"})
    import io

    from openpyxl import load_workbook

    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0][:2] == ("序号", "姓名") and rows[1][1] == "张建国" and rows[1][3] == "扫码"
