"""Trace: a tag's life in order, a certificate's tags, a farm's movements; subsidy counts."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from smartvet.core.errors import DomainError, NotFound, PermissionDenied
from smartvet.quarantine import queries, services
from smartvet.quarantine.commands import ArrivalIn, CheckIn, RevokeIn, SlaughterIn
from smartvet.quarantine.models import Certificate
from tests.quarantine import factories
from tests.support.factories import make_farm


def test_a_tags_events_come_in_time_order_from_stock_to_slaughter(tagged, certificate):
    services.record_checkpoint_check(
        actor=tagged.checkpoint,
        number=certificate.number,
        command=factories.command(CheckIn, vehicle="鄂E·A1234", count_seen=5),
    )
    services.record_slaughter_entry(
        actor=tagged.slaughterhouse,
        command=factories.command(
            SlaughterIn, certificate=certificate.number, ear_tags=certificate.ear_tags
        ),
    )
    events = queries.tag_trace(tagged.county_supervisor, "1-420506-00000001")["events"]
    kinds = [e["kind"] for e in events]
    assert kinds[0] == "registered"
    for earlier, later in [
        ("registered", "issued"),
        ("issued", "declared"),
        ("immunized", "declared"),
        ("declared", "certified"),
        ("certified", "checked"),
        ("checked", "arrived"),
        ("arrived", "slaughtered"),
    ]:
        assert kinds.index(earlier) < kinds.index(later), kinds
    assert "cancelled" in kinds
    assert [e["at"] for e in events] == sorted(e["at"] for e in events)


def test_tag_trace_over_the_api(api, tagged, certificate):
    response = api(tagged.vet_longquan).get("/api/v1/trace/eartags/1-420506-00000002")
    assert response.status_code == 200
    body = response.json()
    assert body["code"] == factories.tag(2)
    assert {"registered", "issued", "declared", "certified"} <= {e["kind"] for e in body["events"]}
    assert all("at" in e and "kind" in e for e in body["events"])


def test_trace_refuses_a_malformed_code_and_another_county(api, tagged, certificate):
    response = api(tagged.vet_longquan).get("/api/v1/trace/eartags/12345")
    assert response.json()["error"]["code"] == "EARTAG_MALFORMED"
    with pytest.raises(NotFound):
        queries.tag_trace(tagged.jiyuan_supervisor, factories.tag(1))
    with pytest.raises(PermissionDenied):
        queries.tag_trace(tagged.farmer_longquan, factories.tag(1))


def test_a_certificates_tags_with_their_status(api, tagged, certificate):
    body = api(tagged.vet_longquan).get(f"/api/v1/certificates/{certificate.number}/tags").json()
    assert [t["code"] for t in body] == factories.tags(1, 5)
    assert {t["status"] for t in body} == {"in_transit"}


@pytest.fixture
def chain(tagged, farm):
    """farm -> middle farm (rearing) -> slaughterhouse."""
    middle = make_farm(tagged.farmer_longquan, stock={"fattening_pig": 1})
    factories.immunize(tagged, middle, category="fattening_pig", animals=1)
    first = factories.certify(
        tagged,
        factories.declare(
            tagged.farmer_longquan,
            farm,
            factories.tags(1, 3),
            purpose="rearing",
            destination_region=middle.region_id,
            destination_kind="farm",
            destination_farm_id=middle.pk,
            destination_place=middle.name,
        ),
    )
    services.report_arrival(
        actor=tagged.farmer_longquan,
        number=first.number,
        command=factories.command(ArrivalIn, received_quantity=3),
    )
    second = factories.certify(
        tagged, factories.declare(tagged.farmer_longquan, middle, factories.tags(1, 2))
    )
    return farm, middle, first, second


def test_forward_trace_follows_the_animals_through_farms(tagged, chain):
    farm, middle, first, second = chain
    result = queries.farm_movements(tagged.vet_longquan, farm.pk, direction="forward", days=30)
    assert [m["certificate"] for m in result["movements"]] == [first.number, second.number]
    assert [m["depth"] for m in result["movements"]] == [1, 2]
    visit = [v["name"] for v in result["visit"]]
    assert middle.name in visit and "夷陵区定点屠宰场" in visit


def test_backward_trace_finds_where_the_animals_came_from(tagged, chain):
    farm, middle, first, _second = chain
    result = queries.farm_movements(tagged.vet_longquan, middle.pk, direction="backward", days=7)
    assert [m["certificate"] for m in result["movements"]] == [first.number]
    assert result["visit"][0]["farm"] == farm.pk


def test_the_window_of_days_limits_the_trace(tagged, chain):
    farm, _middle, first, _second = chain
    Certificate.objects.filter(pk=first.pk).update(issued_at=timezone.now() - timedelta(days=40))
    result = queries.farm_movements(tagged.vet_longquan, farm.pk, direction="forward", days=30)
    assert result["movements"] == []


def test_farm_trace_api_and_bad_parameters(api, tagged, chain):
    farm = chain[0]
    client = api(tagged.vet_longquan)
    body = client.get(f"/api/v1/trace/farms/{farm.pk}", direction="forward", days=30).json()
    assert len(body["movements"]) == 2
    assert client.get(f"/api/v1/trace/farms/{farm.pk}", direction="sideways").status_code == 422
    assert client.get(f"/api/v1/trace/farms/{farm.pk}", days=0).status_code == 422
    assert client.get(f"/api/v1/trace/farms/{farm.pk}", days=9999).status_code == 422
    with pytest.raises(DomainError):
        queries.farm_movements(tagged.vet_longquan, farm.pk, direction="up", days=3)


def test_the_trace_page_draws_a_timeline_and_exports_xlsx(client, tagged, chain):
    farm = chain[0]
    client.force_login(tagged.vet_longquan)
    page = client.get("/quarantine/trace/", {"farm": farm.pk, "direction": "forward"})
    assert page.status_code == 200
    assert 'data-testid="timeline"' in page.content.decode()
    export = client.get(
        "/quarantine/trace/", {"farm": farm.pk, "direction": "forward", "format": "xlsx"}
    )
    sheet = load_workbook(__import__("io").BytesIO(export.content)).active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert chain[2].number in values and chain[1].name in values
    tag_page = client.get("/quarantine/trace/", {"code": factories.tag(1)})
    assert "检疫申报" in tag_page.content.decode()


def test_quarantined_counts_for_the_subsidy_exclude_revoked(tagged, farm):
    first = factories.certify(
        tagged, factories.declare(tagged.farmer_longquan, farm, factories.tags(1, 3))
    )
    factories.certify(tagged, factories.declare(tagged.farmer_longquan, farm, factories.tags(4, 2)))
    today = timezone.localdate()
    assert queries.quarantined_counts(farm, today, today) == {"fattening_pig": 5}
    services.revoke_certificate(
        actor=tagged.vet_longquan,
        number=first.number,
        command=factories.command(RevokeIn, reason="取消"),
    )
    assert queries.quarantined_counts(farm, today, today) == {"fattening_pig": 2}
    assert queries.quarantined_counts(farm, date(2020, 1, 1), date(2020, 12, 31)) == {}


def test_forward_trace_keeps_to_time_order(tagged, chain):
    """What left the middle farm before the animals arrived there is not on the chain."""
    farm, _middle, first, second = chain
    Certificate.objects.filter(pk=second.pk).update(issued_at=first.issued_at - timedelta(hours=1))
    result = queries.farm_movements(tagged.vet_longquan, farm.pk, direction="forward", days=30)
    assert [m["certificate"] for m in result["movements"]] == [first.number]
    backward = queries.farm_movements(
        tagged.vet_longquan, _middle.pk, direction="backward", days=30
    )
    assert [m["certificate"] for m in backward["movements"]] == [first.number]


def test_a_tags_trace_shows_only_its_categorys_immunizations_dated_by_the_day(tagged):
    """issue 10 point 11: the farm's sows were immunized too, but the tag is on a fattening
    pig; a vaccination entered days later stands on the day it was given."""
    farm = factories.ready_farm(tagged, immunized=False)
    factories.immunize(tagged, farm, category="sow")
    record = factories.immunize(tagged, farm, category="fattening_pig")
    given = timezone.localdate() - timedelta(days=6)
    type(record).objects.filter(pk=record.pk).update(date=given)
    factories.declare(tagged.farmer_longquan, farm, factories.tags(1, 2))
    events = queries.tag_trace(tagged.vet_longquan, factories.tag(1))["events"]
    immunized = [e for e in events if e["kind"] == "immunized"]
    assert len(immunized) == 1 and immunized[0]["on"] == given
    assert timezone.localdate(immunized[0]["at"]) == given
    assert immunized[0]["detail"] == "口蹄疫"
