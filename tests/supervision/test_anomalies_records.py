"""The anomalies read from the apps' records (issue 13 point 5): tags used outside their
township, declared above stock, subsidy counts above quarantine counts. Each appears for its
fixture, not for the near miss beside it, only within the region asked for, and through the
API."""

from __future__ import annotations

import io
from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from smartvet.eartags.models import Tag
from smartvet.quarantine import services as quarantine_services
from smartvet.quarantine.commands import ArrivalIn, RejectIn, RevokeIn
from smartvet.registry import services as registry_services
from smartvet.registry.commands import RecordStockEvent
from smartvet.subsidy import commands as subsidy_commands
from smartvet.subsidy import services as subsidy_services
from smartvet.supervision import queries
from smartvet.supervision.anomalies import anomalies
from tests.quarantine import factories as q
from tests.subsidy import factories as subsidy_factories
from tests.support.api import ApiClient
from tests.support.factories import LONGQUAN, YAQUELING, YAQUELING_VILLAGE, make_farm
from tests.support.personas import PASSWORD

YILING = "420506"


def _today_period():
    today = timezone.localdate()
    return queries.period(today - timedelta(days=30), today)


def _found(personas, kind, region=YILING):
    return anomalies(personas.county_supervisor, region, _today_period(), kind)


def _api(personas, kind, region=YILING):
    answer = ApiClient(personas.county_supervisor).get(
        "/api/v1/supervision/anomalies", region=region, kind=kind
    )
    assert answer.status_code == 200
    return answer.json()


# --- tags used outside their township ---------------------------------------------------------


def test_a_tag_of_longquan_worn_on_a_yaqueling_farm_is_named_with_its_lookup(personas):
    q.stock_tags(personas, 1, 100)  # the county issues 1..100 to 龙泉镇
    outside = make_farm(personas.station_yaqueling, region=YAQUELING_VILLAGE)
    # A record the fitting checks would refuse, as an import or an old paper register brings.
    for serial in (5, 6):
        Tag.objects.create(
            code=int(q.tag(serial)), status="fitted", farm=outside, fitted_on=timezone.localdate()
        )
    home = q.ready_farm(personas)
    q.declare(personas.farmer_longquan, home, q.tags(10, 3), quantity=3)  # near miss: own stock
    found = _found(personas, "tags_outside_township")
    assert [(a.region, a.kind_label) for a in found] == [(YAQUELING_VILLAGE, "耳标跨乡镇使用")]
    assert found[0].summary == (
        f"2枚发放给龙泉镇的耳标在{outside.name}佩戴或申报（首枚{q.tag(5)}）"
    )
    assert found[0].object == f"/eartags/lookup/?code={q.tag(5)}"
    assert _found(personas, "tags_outside_township", region=LONGQUAN) == []
    answer = _api(personas, "tags_outside_township")
    assert answer["count"] == 1 and answer["items"][0]["kind"] == "tags_outside_township"
    client = Client()
    assert client.login(username="county_supervisor", password=PASSWORD)
    page = client.get(reverse("supervision:dashboard", args=[YILING])).content.decode()
    # The dashboard reads no fact table: it offers the check, the export runs it.
    assert f'href="/eartags/lookup/?code={q.tag(5)}"' not in page
    assert 'data-export="anomalies-tags_outside_township"' in page
    exported = client.get(
        reverse("supervision:anomalies-export", args=[YILING]), {"kind": "tags_outside_township"}
    )
    book = load_workbook(io.BytesIO(b"".join(exported.streaming_content)), read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[1][:3] == ("耳标跨乡镇使用", YAQUELING_VILLAGE, found[0].region_name)


def test_tags_that_arrived_with_their_animals_on_a_farm_of_another_township_are_no_anomaly(
    personas,
):
    q.stock_tags(personas, 1, 100)
    home = q.ready_farm(personas)
    buyer = make_farm(personas.station_yaqueling, region=YAQUELING_VILLAGE)
    sold = q.declare(personas.farmer_longquan, home, q.tags(1, 3), destination_farm_id=buyer.pk)
    certificate = q.certify(personas, sold)
    quarantine_services.report_arrival(
        actor=personas.station_yaqueling,
        number=certificate.number,
        command=ArrivalIn(received_quantity=3),
    )
    assert Tag.objects.filter(farm=buyer).count() == 3  # the tags are worn on the buyer's farm
    assert _found(personas, "tags_outside_township") == []


# --- declared above stock ---------------------------------------------------------------------


def test_declarations_adding_up_above_stock_and_births_name_the_farm(personas):
    q.stock_tags(personas, 1, 400)
    over = q.ready_farm(personas, stock={"fattening_pig": 100})
    q.declare(personas.farmer_longquan, over, q.tags(1, 60))
    q.declare(personas.farmer_longquan, over, q.tags(61, 60))  # each alone fits the stock
    # Near miss: 30 piglets born between the two declarations make room for them.
    near = q.ready_farm(personas, stock={"fattening_pig": 100})
    q.declare(personas.farmer_longquan, near, q.tags(121, 60))
    registry_services.record_stock_event(
        actor=personas.farmer_longquan,
        farm_id=near.pk,
        command=RecordStockEvent(
            category="fattening_pig", kind="birth", quantity=30, date=timezone.localdate()
        ),
    )
    q.declare(personas.farmer_longquan, near, q.tags(181, 60))
    found = _found(personas, "declared_above_stock")
    assert [a.object for a in found] == [f"/farms/{over.pk}/"]
    assert found[0].summary == (
        f"{over.name}期内申报检疫育肥猪120头（只），超过期初存栏加期内出生、购入之和100头（只）"
    )
    assert _found(personas, "declared_above_stock", region=YAQUELING) == []
    assert _api(personas, "declared_above_stock")["count"] == 1


def test_a_refused_declaration_and_one_outside_the_period_do_not_count(personas):
    q.stock_tags(personas, 1, 400)
    farm = q.ready_farm(personas, stock={"fattening_pig": 100})
    first = q.declare(personas.farmer_longquan, farm, q.tags(1, 60))
    quarantine_services.reject_declaration(
        actor=personas.vet_longquan,
        declaration_id=first.pk,
        command=RejectIn(reason="车辆未消毒"),
    )
    q.declare(personas.farmer_longquan, farm, q.tags(61, 60))
    assert _found(personas, "declared_above_stock") == []
    q.declare(personas.farmer_longquan, farm, q.tags(121, 60))  # 120 with the one before
    assert len(_found(personas, "declared_above_stock")) == 1
    yesterday = timezone.localdate() - timedelta(days=1)
    before = queries.period(yesterday - timedelta(days=30), yesterday)
    assert anomalies(personas.county_supervisor, YILING, before, "declared_above_stock") == []


# --- subsidy counts above quarantine counts ---------------------------------------------------


def _broiler_farm(personas, policy):
    farm = make_farm(personas.farmer_longquan, stock={"broiler": 12000})
    q.immunize(personas, farm, category="broiler", disease="HPAI", animals=9000)
    declaration = q.declare(personas.farmer_longquan, farm, [], category="broiler", quantity=11000)
    certificate = q.certify(personas, declaration)
    subsidy_factories.qualified_farm(personas, policy, farm=farm)
    application = subsidy_services.submit_application(
        actor=personas.farmer_longquan,
        command=subsidy_commands.SubmitApplication(farm=farm.pk, policy=policy.code),
    )
    return certificate, application


def test_an_application_counting_a_revoked_certificate_links_to_itself(personas):
    policy = subsidy_factories.make_policy(personas.bureau)
    revoked, application = _broiler_farm(personas, policy)
    _kept, _near_miss = _broiler_farm(personas, policy)  # its certificate stands
    quarantine_services.revoke_certificate(
        actor=personas.vet_longquan, number=revoked.number, command=RevokeIn(reason="申报信息有误")
    )
    found = _found(personas, "subsidy_above_quarantine")
    assert [a.object for a in found] == [f"/subsidy/applications/{application.pk}/"]
    assert found[0].summary == (
        f"补贴申请{application.number}计肉禽出栏11000头（只），同期检疫证明仅0头（只）"
    )
    assert found[0].kind_label == "补贴计数超过检疫数"
    assert _found(personas, "subsidy_above_quarantine", region=YAQUELING) == []
    assert _api(personas, "subsidy_above_quarantine")["items"][0]["object"] == found[0].object


def test_another_county_is_out_of_reach(personas):
    answer = ApiClient(personas.county_supervisor).get(
        "/api/v1/supervision/anomalies", region="419001", kind="declared_above_stock"
    )
    assert answer.status_code == 404
