"""Another province's certificate as this province sees it through the hub (decision 0009),
on any database: the hub's answer is stood in for (the three-cluster test in
test_federation.py reads a real hub). Reports are refused to whoever is not the destination's,
once per kind; a hub that does not answer says so; this province's own certificate shows the
reports that came from elsewhere."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from smartvet.core.commands import parse
from smartvet.core.errors import DomainError
from smartvet.core.models import LedgerEvent, OutboxEvent, Role
from smartvet.core.services import create_account
from smartvet.quarantine import foreign, hub
from smartvet.quarantine.models import Certificate, CrossProvinceReport
from tests.quarantine import factories
from tests.support.personas import PASSWORD

pytestmark = pytest.mark.django_db
NUMBER = "A4205060000ZZZ9"


def hub_certificate(**fields) -> Certificate:
    """A certificate of 湖北 bound for 济源, as quarantine.hub.certificate returns it."""
    now = timezone.now()
    values = {
        # Ids of the origin's block and rows this database does not hold, as on the hub.
        "id": 42 * 10**16 + 1,
        "declaration_id": 42 * 10**16 + 1,
        "farm_id": 77,
        "number": NUMBER,
        "kind": "A",
        "owner_name": "张三",
        "species": "pig",
        "category": "fattening_pig",
        "quantity": 10,
        "unit": "头",
        "origin_region_id": "420506107",
        "origin_place": "龙泉镇测试养殖场",
        "destination_region_id": "419001100",
        "destination_place": "济源市定点屠宰场",
        "destination_kind": "other",
        "purpose": "slaughter",
        "transport_mode": "road",
        "vehicle": "鄂E·A1234",
        "valid_days": 3,
        "vet_name": "李官方兽医",
        "issued_at": now,
        "valid_until": now + timedelta(days=3),
        "status": "valid",
        **fields,
    }
    cert = Certificate(**values)
    cert.__dict__["ear_tags"] = factories.tags(1, 10)
    Certificate.slaughter_entry.related.set_cached_value(cert, None)
    cert.from_hub = True
    return cert


@pytest.fixture
def from_hub(monkeypatch, settings):
    settings.SMARTVET_PROVINCE = "41"
    found = hub_certificate()
    monkeypatch.setattr(hub, "certificate", lambda number: found if number == NUMBER else None)
    return found


@pytest.fixture
def jiyuan_slaughterhouse(db):
    return create_account(
        actor=None,
        username="slaughterhouse_jiyuan",
        password=PASSWORD,
        role=Role.SLAUGHTERHOUSE,
        region="419001",
        display_name="济源市定点屠宰场",
        organization="济源市定点屠宰场",
    )


def arrival(quantity: int = 10, kind: str = "arrival"):
    return parse(foreign.CrossReportIn, {"kind": kind, "quantity": quantity, "notes": "车辆已消毒"})


def test_the_destination_reports_an_arrival_once_and_the_ledger_says_so(
    from_hub, jiyuan_slaughterhouse
):
    made = foreign.report(actor=jiyuan_slaughterhouse, number=NUMBER, command=arrival(9))
    assert (made.certificate_province, made.reported_in, made.quantity) == ("42", "41", 9)
    assert made.place == "济源市定点屠宰场"
    events = LedgerEvent.objects.filter(action="certificate.cross_reported")
    assert [e.summary["number"] for e in events] == [NUMBER]

    with pytest.raises(DomainError) as refused:
        foreign.report(actor=jiyuan_slaughterhouse, number=NUMBER, command=arrival(10))
    assert refused.value.code == "CROSS_REPORT_RECORDED"
    assert CrossProvinceReport.objects.count() == 1
    assert events.count() == 1
    # The slaughter entry is another report: allowed once too.
    foreign.report(actor=jiyuan_slaughterhouse, number=NUMBER, command=arrival(9, "slaughter"))
    assert CrossProvinceReport.objects.count() == 2


def test_the_nation_hears_of_the_first_report_as_the_arrival_of_the_origin_s_certificate(
    from_hub, jiyuan_slaughterhouse
):
    foreign.report(actor=jiyuan_slaughterhouse, number=NUMBER, command=arrival(9))
    event = OutboxEvent.objects.get()
    assert (event.type, event.province, event.object_type) == (
        "certificate.arrived",
        "41",
        "certificate",
    )
    assert event.object_id == str(from_hub.pk)  # the certificate's id in 湖北
    assert event.data["issued_in"] == "42" and event.data["number"] == NUMBER
    assert event.data["received_quantity"] == 9 and event.data["flags"] == ["short"]
    # The slaughter entry that follows is no second arrival.
    foreign.report(actor=jiyuan_slaughterhouse, number=NUMBER, command=arrival(9, "slaughter"))
    assert OutboxEvent.objects.count() == 1


def test_a_slaughter_entry_reported_first_is_the_arrival(from_hub, jiyuan_slaughterhouse):
    foreign.report(actor=jiyuan_slaughterhouse, number=NUMBER, command=arrival(10, "slaughter"))
    event = OutboxEvent.objects.get()
    assert event.type == "certificate.arrived" and event.data["flags"] == []


@pytest.mark.parametrize("who", ["farmer_longquan", "slaughterhouse", "checkpoint"])
def test_who_is_not_the_destination_reports_nothing(from_hub, personas, who):
    with pytest.raises(DomainError) as refused:
        foreign.report(actor=getattr(personas, who), number=NUMBER, command=arrival())
    assert refused.value.code in {"PERMISSION_DENIED", "NOT_FOUND"}
    assert not CrossProvinceReport.objects.exists()
    assert not LedgerEvent.objects.filter(action="certificate.cross_reported").exists()


def test_a_certificate_of_this_province_is_reported_on_its_own_page(
    from_hub, monkeypatch, jiyuan_slaughterhouse
):
    local = hub_certificate()
    del local.from_hub
    monkeypatch.setattr(hub, "certificate", lambda number: local)
    with pytest.raises(DomainError) as refused:
        foreign.report(actor=jiyuan_slaughterhouse, number=NUMBER, command=arrival())
    assert refused.value.code == "VALIDATION_ERROR"
    assert not CrossProvinceReport.objects.exists()


def test_the_public_page_verifies_it_and_the_destination_reports_from_there(
    from_hub, jiyuan_slaughterhouse, client
):
    page = client.get(f"/verify/{NUMBER}")
    text = page.content.decode()
    assert page.status_code == 200
    assert "真实有效" in text and "外省签发的证明，经全国数据中心查验" in text
    assert 'data-action="cross_report"' not in text

    client.force_login(jiyuan_slaughterhouse)
    text = client.get(f"/verify/{NUMBER}").content.decode()
    assert 'data-action="cross_report"' in text
    form = client.get(f"/quarantine/foreign/{NUMBER}/report/")
    assert form.status_code == 200 and 'data-action="cross_report"' in form.content.decode()
    done = client.post(
        f"/quarantine/foreign/{NUMBER}/report/", {"kind": "arrival", "quantity": "10"}
    )
    assert done.status_code == 302
    assert CrossProvinceReport.objects.get().quantity == 10

    again = client.post(
        f"/quarantine/foreign/{NUMBER}/report/", {"kind": "arrival", "quantity": "11"}
    )
    assert again.status_code == 409 and "已经登记过" in again.content.decode()


def test_the_report_page_is_refused_to_an_account_that_may_not_report(from_hub, client, personas):
    client.force_login(personas.farmer_longquan)
    assert client.get(f"/quarantine/foreign/{NUMBER}/report/").status_code == 403


def test_a_hub_that_does_not_answer_is_said_so(monkeypatch, client):
    def down(number):
        raise hub.HubUnavailable

    monkeypatch.setattr(hub, "certificate", down)
    page = client.get(f"/verify/{NUMBER}")
    assert page.status_code == 503
    assert "全国数据中心暂时无法连接" in page.content.decode()


def test_without_a_hub_an_unknown_number_is_not_found(client):
    page = client.get(f"/verify/{NUMBER}")
    assert page.status_code == 404


def test_this_province_certificate_shows_the_reports_from_elsewhere(personas, client):
    factories.stock_tags(personas, first=1, last=10)
    farm = factories.ready_farm(personas)
    declaration = factories.declare(personas.farmer_longquan, farm, factories.tags(1, 3))
    cert = factories.certify(personas, declaration)
    CrossProvinceReport.objects.create(
        certificate_number=cert.number,
        certificate_province="42",
        reported_in="41",
        kind="arrival",
        place="济源市定点屠宰场",
        reporter="王场长",
        quantity=2,
        flags=["short"],
        notes="车辆已消毒",
    )
    client.force_login(personas.vet_longquan)
    text = client.get(f"/quarantine/certificates/{cert.number}/").content.decode()
    assert 'data-testid="cross-reports"' in text
    assert "济源市定点屠宰场" in text and "车辆已消毒" in text and "落地报告" in text
    assert "实到少于证明数量" in text


@pytest.mark.parametrize("kind", ["arrival", "slaughter"])
def test_an_arrival_reported_elsewhere_is_not_overdue_here(personas, kind):
    from smartvet.quarantine import queries

    factories.stock_tags(personas, first=1, last=10)
    farm = factories.ready_farm(personas)
    declaration = factories.declare(personas.farmer_longquan, farm, factories.tags(1, 3))
    cert = factories.certify(personas, declaration)
    Certificate.objects.filter(pk=cert.pk).update(valid_until=timezone.now() - timedelta(days=3))
    assert cert in queries.overdue_arrivals(personas.vet_longquan)
    CrossProvinceReport.objects.create(
        certificate_number=cert.number,
        certificate_province="42",
        reported_in="41",
        kind=kind,
        place="济源市定点屠宰场",
        reporter="王场长",
        quantity=3,
    )
    assert cert not in queries.overdue_arrivals(personas.vet_longquan)
