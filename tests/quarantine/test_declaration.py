"""Declaration (检疫申报): who may declare, every gate, every refusal changes nothing."""

import pytest

from smartvet.core.errors import DomainError, NotFound, PermissionDenied
from smartvet.core.models import LedgerEvent
from smartvet.quarantine.models import Declaration
from smartvet.registry import services as registry_services
from tests.quarantine import factories
from tests.support.factories import make_farm


def codes_of(exc) -> list[str]:
    return [d["code"] for d in exc.value.details]


def test_the_farmer_declares_for_the_own_farm_and_the_tags_are_held(tagged, farm):
    declaration = factories.declare(tagged.farmer_longquan, farm, factories.tags(1, 4))
    assert declaration.status == "submitted" and declaration.species == "pig"
    assert declaration.ear_tags == factories.tags(1, 4)
    status = factories.tag_status(tagged, 1)
    assert status["claim"]["ref"] == f"declaration:{declaration.pk}"


def test_tags_may_be_written_with_dashes_and_spaces(tagged, farm):
    declaration = factories.declare(
        tagged.farmer_longquan, farm, ["1-420506-00000001", "1 420506 00000002"]
    )
    assert declaration.ear_tags == factories.tags(1, 2)


def test_the_station_declares_for_the_farmer(tagged, farm):
    declaration = factories.declare(tagged.station_longquan, farm, factories.tags(1, 2))
    assert declaration.declared_by == tagged.station_longquan


def test_a_vaccinator_declares_only_for_a_farm_it_serves(tagged, farm):
    with pytest.raises(PermissionDenied):
        factories.declare(tagged.vaccinator_longquan, farm, factories.tags(1, 2))
    registry_services.assign_server(
        actor=tagged.station_longquan, farm_id=farm.pk, username="vaccinator_longquan"
    )
    declaration = factories.declare(tagged.vaccinator_longquan, farm, factories.tags(1, 2))
    assert declaration.declared_by == tagged.vaccinator_longquan


def test_a_farmer_cannot_declare_for_someone_elses_farm(tagged):
    other = make_farm(tagged.station_longquan)
    with pytest.raises(NotFound):
        factories.declare(tagged.farmer_longquan, other, factories.tags(1, 2))


def test_another_townships_station_does_not_see_the_farm(tagged, farm):
    with pytest.raises(NotFound):
        factories.declare(tagged.station_yaqueling, farm, factories.tags(1, 2))


def test_roles_that_do_not_declare_are_refused(tagged, farm):
    with pytest.raises(PermissionDenied):
        factories.declare(tagged.vet_longquan, farm, factories.tags(1, 2))


def test_every_gate_is_reported_together_and_nothing_is_written(tagged):
    farm = factories.ready_farm(tagged, immunized=False, phone="")
    before = (Declaration.objects.count(), LedgerEvent.objects.count())
    with pytest.raises(DomainError) as exc:
        factories.declare(
            tagged.farmer_longquan,
            farm,
            ["1420506000000AB", factories.tag(1), "242050600000001"],
            quantity=500,
            days_ahead=1,
        )
    found = codes_of(exc)
    for code in (
        "FARM_INFO_INCOMPLETE",
        "DECLARATION_TOO_LATE",
        "STOCK_INSUFFICIENT",
        "EARTAG_COUNT_MISMATCH",
        "EARTAG_MALFORMED",
        "EARTAG_SPECIES_MISMATCH",
        "IMMUNIZATION_MISSING",
    ):
        assert code in found
    assert exc.value.code == "FARM_INFO_INCOMPLETE"
    assert (Declaration.objects.count(), LedgerEvent.objects.count()) == before
    assert factories.tag_status(tagged, 1)["claim"] is None


@pytest.mark.parametrize(
    ("purpose", "days_ahead", "refused"),
    [("slaughter", 2, True), ("slaughter", 3, False), ("breeding", 14, True), ("dairy", 15, False)],
)
def test_lead_time_by_purpose(tagged, farm, purpose, days_ahead, refused):
    args = (tagged.farmer_longquan, farm, factories.tags(1, 2))
    if refused:
        with pytest.raises(DomainError) as exc:
            factories.declare(*args, purpose=purpose, days_ahead=days_ahead)
        assert exc.value.code == "DECLARATION_TOO_LATE"
    else:
        assert factories.declare(*args, purpose=purpose, days_ahead=days_ahead).pk


def test_quantity_above_stock(tagged):
    farm = factories.ready_farm(tagged, stock={"sow": 20, "fattening_pig": 3})
    with pytest.raises(DomainError) as exc:
        factories.declare(tagged.farmer_longquan, farm, factories.tags(1, 4))
    assert exc.value.code == "STOCK_INSUFFICIENT"


def test_tag_count_must_equal_the_number_of_pigs(tagged, farm):
    with pytest.raises(DomainError) as exc:
        factories.declare(tagged.farmer_longquan, farm, factories.tags(1, 3), quantity=4)
    assert exc.value.code == "EARTAG_COUNT_MISMATCH"


def test_poultry_needs_no_tags(tagged):
    farm = make_farm(tagged.farmer_longquan, stock={"broiler": 5000})
    factories.immunize(tagged, farm, category="broiler", disease="HPAI", animals=5000)
    declaration = factories.declare(
        tagged.farmer_longquan, farm, [], quantity=3000, category="broiler"
    )
    assert declaration.species == "poultry"


def test_a_tag_of_another_township_is_refused(tagged, farm):
    with pytest.raises(DomainError) as exc:
        factories.declare(tagged.farmer_longquan, farm, [factories.tag(5000)])
    assert "EARTAG_NOT_IN_TOWNSHIP" in codes_of(exc)


def test_no_immunization_in_protection_no_declaration(tagged):
    farm = factories.ready_farm(tagged, immunized=False)
    with pytest.raises(DomainError) as exc:
        factories.declare(tagged.farmer_longquan, farm, factories.tags(1, 2))
    assert exc.value.code == "IMMUNIZATION_MISSING"


def test_a_tag_on_an_open_declaration_cannot_be_declared_again(tagged, farm):
    factories.declare(tagged.farmer_longquan, farm, factories.tags(1, 2))
    with pytest.raises(DomainError) as exc:
        factories.declare(tagged.farmer_longquan, farm, factories.tags(2, 2))
    assert "EARTAG_IN_USE" in [exc.value.code, *codes_of(exc)]


def test_a_repeated_tag_is_refused(tagged, farm):
    with pytest.raises(DomainError) as exc:
        factories.declare(tagged.farmer_longquan, farm, [factories.tag(1), factories.tag(1)])
    assert "EARTAG_DUPLICATE" in codes_of(exc)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("destination_region", "999999"),
        ("destination_region", "abc"),
        ("vehicle", ""),
        ("vehicle", "鄂" * 21),
        ("destination_place", "地" * 201),
        ("carrier_name", "名" * 51),
        ("purpose", "smuggling"),
        ("category", "unicorn"),
        ("transport_mode", "rocket"),
        ("destination_kind", "moon"),
        ("destination_farm_id", 999999),
    ],
)
def test_bad_fields_are_refused_with_validation_error(tagged, farm, field, value):
    with pytest.raises(DomainError) as exc:
        factories.declare(tagged.farmer_longquan, farm, factories.tags(1, 2), **{field: value})
    assert exc.value.code == "VALIDATION_ERROR"
    assert not Declaration.objects.exists()


def test_a_departure_in_the_past_is_refused(tagged, farm):
    with pytest.raises(DomainError) as exc:
        factories.declare(tagged.farmer_longquan, farm, factories.tags(1, 2), days_ahead=-1)
    assert exc.value.code == "VALIDATION_ERROR"


def test_a_destination_farm_must_lie_in_the_destination_region(tagged, farm):
    other = make_farm(tagged.station_yaqueling, region="420506108201")
    with pytest.raises(DomainError) as exc:
        factories.declare(
            tagged.farmer_longquan,
            farm,
            factories.tags(1, 2),
            destination_region="420506107",
            destination_farm_id=other.pk,
            destination_kind="farm",
            purpose="rearing",
        )
    assert exc.value.code == "VALIDATION_ERROR"


def test_declaration_lead_days_are_policy_data(tagged, farm, settings):
    settings.SMARTVET = {**settings.SMARTVET, "QUARANTINE": {"LEAD_DAYS": {"slaughter": 5}}}
    with pytest.raises(DomainError) as exc:
        factories.declare(tagged.farmer_longquan, farm, factories.tags(1, 2), days_ahead=4)
    assert exc.value.code == "DECLARATION_TOO_LATE"
    assert exc.value.details[0]["lead_days"] == 5


def test_departure_far_in_the_future_is_refused(tagged, farm):
    with pytest.raises(DomainError) as exc:
        factories.declare(tagged.farmer_longquan, farm, factories.tags(1, 1), days_ahead=400)
    assert exc.value.code == "VALIDATION_ERROR"
    assert exc.value.details[0]["field"] == "departure_date"
