"""Fitting, replacement, cancellation, and the checks and claims quarantine relies on."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from smartvet.core.errors import DomainError, NotFound, PermissionDenied
from smartvet.core.models import LedgerEvent, Region, RegionAlias
from smartvet.eartags import queries, services
from smartvet.eartags.models import Tag, TagClaim
from tests.eartags import factories
from tests.eartags.factories import LONGQUAN, code
from tests.support.api import error_code


def check(farm, tags, species="pig"):
    return [
        (p.code, p.details.get("tag"))
        for p in services.steps.check_tags_for_declaration(farm=farm, species=species, codes=tags)
    ]


@pytest.fixture
def fitted(farmer_longquan, station_longquan, township_stock, pig_farm):
    factories.issue(station_longquan, 1, 100, to_farm=pig_farm.pk)
    factories.fit(farmer_longquan, pig_farm, range(1, 11))
    return pig_farm


def test_a_clean_declaration_has_no_problem(fitted, pig_farm):
    assert check(pig_farm, [code(1), "1-420506-00000002", code(50), code(300)]) == []


def test_every_problem_is_reported_tag_by_tag(fitted, pig_farm, farmer_longquan, slaughterhouse):
    with transaction.atomic():
        services.steps.claim_tags(actor=farmer_longquan, farm=pig_farm, codes=[code(3)], ref="d:1")
        services.steps.cancel_tags(
            actor=slaughterhouse, codes=[code(4)], reason="slaughter", ref="slaughter:1"
        )
    tags = [
        "1-420506-123",
        code(5, "2"),
        code(6, county="419001"),
        code(550),
        code(4),
        code(3),
        code(7),
        "1 420506 00000007",
        code(8),
    ]
    assert check(pig_farm, tags) == [
        ("EARTAG_MALFORMED", "1-420506-123"),
        ("EARTAG_SPECIES_MISMATCH", code(5, "2")),
        ("EARTAG_COUNTY_MISMATCH", code(6, county="419001")),
        ("EARTAG_DUPLICATE", "1 420506 00000007"),
        ("EARTAG_NOT_IN_TOWNSHIP", code(550)),
        ("EARTAG_CANCELLED", code(4)),
        ("EARTAG_IN_USE", code(3)),
    ]


def test_tags_held_by_a_vaccinator_serving_the_farm_pass(
    station_longquan, township_stock, pig_farm, yaqueling_farm
):
    factories.issue(station_longquan, 200, 210, to_vaccinator="vaccinator_longquan")
    assert check(pig_farm, [code(205)]) == []
    assert check(yaqueling_farm, [code(205)])[0][0] == "EARTAG_NOT_IN_TOWNSHIP"


def test_another_farms_tags_do_not_pass(
    station_longquan, farmer_longquan, township_stock, pig_farm
):
    from tests.support.factories import make_farm

    other = make_farm(station_longquan)
    factories.issue(station_longquan, 300, 310, to_farm=other.pk)
    assert check(pig_farm, [code(305)])[0][0] == "EARTAG_NOT_IN_TOWNSHIP"


def test_a_historical_county_code_is_valid_for_the_farm(county_supervisor, pig_farm):
    Region.objects.get_or_create(code="420599", defaults={"name": "旧县", "level": "county"})
    RegionAlias.objects.create(code="420599", region_id="420506", name="旧夷陵县")
    factories.register(county_supervisor, 1, 10, county="420599")
    services.distribute_range(
        actor=county_supervisor,
        start=code(1, county="420599"),
        end=code(10, county="420599"),
        to_region=LONGQUAN,
    )
    assert check(pig_farm, [code(2, county="420599")]) == []


def test_a_category_is_accepted_for_the_species(fitted, pig_farm):
    assert check(pig_farm, [code(1)], species="fattening_pig") == []
    assert check(pig_farm, [code(1)], species="beef_cattle")[0][0] == "EARTAG_SPECIES_MISMATCH"


def test_claims_one_winner_release_dispatch_arrive(
    fitted, pig_farm, farmer_longquan, yaqueling_farm
):
    with transaction.atomic():
        services.steps.claim_tags(
            actor=farmer_longquan, farm=pig_farm, codes=[code(1), code(2)], ref="declaration:1"
        )
    with pytest.raises(DomainError) as caught, transaction.atomic():
        services.steps.claim_tags(
            actor=farmer_longquan, farm=pig_farm, codes=[code(2), code(3)], ref="declaration:2"
        )
    assert caught.value.code == "EARTAG_IN_USE"
    assert [d["tag"] for d in caught.value.details] == [code(2)]
    assert not TagClaim.objects.filter(ref="declaration:2").exists()
    with transaction.atomic():
        services.steps.release_tags(actor=farmer_longquan, ref="declaration:1")
        services.steps.claim_tags(
            actor=farmer_longquan, farm=pig_farm, codes=[code(2)], ref="declaration:2"
        )
        services.steps.dispatch_tags(
            actor=farmer_longquan, ref="declaration:2", certificate_no="B1"
        )
    assert queries.tag_status(farmer_longquan, code(2))["status"] == "in_transit"
    assert check(pig_farm, [code(2)])[0][0] == "EARTAG_IN_USE"
    with transaction.atomic():
        services.steps.arrive_tags(actor=farmer_longquan, ref="declaration:2", farm=yaqueling_farm)
    status = queries.tag_status(farmer_longquan, code(2))
    assert status["status"] == "fitted" and status["farm"]["id"] == yaqueling_farm.pk
    assert check(yaqueling_farm, [code(2)]) == []  # the animal now lives there
    kinds = [e["kind"] for e in queries.tag_events(farmer_longquan, code(2))]
    assert kinds[-4:] == ["released", "claimed", "in_transit", "arrived"]
    actions = set(LedgerEvent.objects.values_list("action", flat=True))
    assert {
        "eartags.claimed",
        "eartags.released",
        "eartags.in_transit",
        "eartags.arrived",
    } <= actions


def test_malformed_and_duplicate_claims_are_refused(fitted, pig_farm, farmer_longquan):
    with pytest.raises(DomainError, match="EARTAG_MALFORMED"), transaction.atomic():
        services.steps.claim_tags(actor=farmer_longquan, farm=pig_farm, codes=["x"], ref="d:9")
    with pytest.raises(DomainError, match="EARTAG_DUPLICATE"), transaction.atomic():
        services.steps.claim_tags(
            actor=farmer_longquan, farm=pig_farm, codes=[code(1), code(1)], ref="d:9"
        )


def test_fitting_rules(
    api, farmer_longquan, vaccinator_longquan, station_yaqueling, fitted, pig_farm
):
    client = api(farmer_longquan)
    today = timezone.localdate().isoformat()
    ok = client.post(
        "/api/v1/eartags/fittings", {"farm": pig_farm.pk, "codes": [code(20)], "date": today}
    )
    assert ok.status_code == 201
    assert queries.tag_status(farmer_longquan, code(20))["status"] == "fitted"
    again = client.post(
        "/api/v1/eartags/fittings", {"farm": pig_farm.pk, "codes": [code(20)], "date": today}
    )
    assert error_code(again) == "EARTAG_IN_USE"
    foreign = client.post(
        "/api/v1/eartags/fittings", {"farm": pig_farm.pk, "codes": [code(550)], "date": today}
    )
    assert error_code(foreign) == "EARTAG_NOT_HELD"
    future = client.post(
        "/api/v1/eartags/fittings",
        {
            "farm": pig_farm.pk,
            "codes": [code(21)],
            "date": (timezone.localdate() + timedelta(days=2)).isoformat(),
        },
    )
    assert error_code(future) == "VALIDATION_ERROR"
    bad_date = client.post(
        "/api/v1/eartags/fittings", {"farm": pig_farm.pk, "codes": [code(21)], "date": "2024-13-01"}
    )
    assert error_code(bad_date) == "VALIDATION_ERROR"
    # The vaccinator serving the farm fits township stock on it.
    services.fit_tags(
        actor=vaccinator_longquan, farm=pig_farm, codes=[code(400)], on=timezone.localdate()
    )
    with pytest.raises(NotFound):
        services.fit_tags(
            actor=station_yaqueling, farm=pig_farm, codes=[code(401)], on=timezone.localdate()
        )


def test_a_lost_tag_is_replaced_and_linked(api, farmer_longquan, fitted, pig_farm):
    response = api(farmer_longquan).post(
        "/api/v1/eartags/replacements",
        {
            "farm": pig_farm.pk,
            "old": code(1),
            "new": code(30),
            "date": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 201
    old, new = (queries.tag_status(farmer_longquan, code(n)) for n in (1, 30))
    assert old["status"] == "cancelled" and old["replaced_by"] == code(30)
    assert new["status"] == "fitted" and new["replaces"] == code(1)
    assert [e["kind"] for e in queries.tag_events(farmer_longquan, code(1))][-1] == "replaced"
    again = api(farmer_longquan).post(
        "/api/v1/eartags/replacements",
        {
            "farm": pig_farm.pk,
            "old": code(1),
            "new": code(31),
            "date": timezone.localdate().isoformat(),
        },
    )
    assert error_code(again) == "EARTAG_CANCELLED"


def test_cancelled_tags_are_never_reused(api, slaughterhouse, farmer_longquan, fitted, pig_farm):
    response = api(slaughterhouse).post(
        "/api/v1/eartags/cancellations", {"codes": [code(1), code(2)], "reason": "slaughter"}
    )
    assert response.status_code == 201
    assert Tag.objects.get(code=int(code(1))).cancel_reason == "slaughter"
    twice = api(slaughterhouse).post(
        "/api/v1/eartags/cancellations", {"codes": [code(2), code(5)], "reason": "slaughter"}
    )
    assert error_code(twice) == "EARTAG_CANCELLED"
    assert Tag.objects.get(code=int(code(5))).status == "fitted"  # refused: nothing changed
    with pytest.raises(DomainError, match="EARTAG_CANCELLED"):
        services.fit_tags(
            actor=farmer_longquan, farm=pig_farm, codes=[code(1)], on=timezone.localdate()
        )
    bad = api(slaughterhouse).post(
        "/api/v1/eartags/cancellations", {"codes": [code(6)], "reason": "stolen"}
    )
    assert error_code(bad) == "VALIDATION_ERROR"


def test_one_bad_code_refuses_the_whole_cancellation_at_slaughter(slaughterhouse, fitted):
    with pytest.raises(DomainError) as caught, transaction.atomic():
        services.steps.cancel_tags(
            actor=slaughterhouse, codes=[code(1), "bad"], reason="slaughter", ref="slaughter:1"
        )
    assert [d["code"] for d in caught.value.details] == ["EARTAG_MALFORMED"]
    assert queries.tag_status(slaughterhouse, code(1))["status"] == "fitted"


def test_only_the_region_cancels_for_death_or_loss(api, station_yaqueling, expert, fitted):
    response = api(station_yaqueling).post(
        "/api/v1/eartags/cancellations", {"codes": [code(1)], "reason": "death"}
    )
    assert response.status_code == 404 and error_code(response) == "NOT_FOUND"
    with pytest.raises(PermissionDenied):
        services.cancel_tags(actor=expert, codes=[code(1)], reason="death")
