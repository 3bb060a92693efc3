"""Quarantine test data, made through the services of every app involved."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from smartvet.core.commands import parse
from smartvet.core.models import Role
from smartvet.core.services import create_account
from smartvet.eartags import queries as eartag_queries
from smartvet.eartags import services as eartags
from smartvet.immunization import services as immunization
from smartvet.immunization.commands import ReceiveLot, RecordImmunization
from smartvet.quarantine import services
from smartvet.quarantine.commands import DeclarationIn, EntryDecisionIn, InspectIn, SlaughterIn
from tests.support.factories import make_farm
from tests.support.personas import PASSWORD

YILING, LONGQUAN = "420506", "420506107"


def tag(serial: int, species: str = "1") -> str:
    return f"{species}{YILING}{serial:08d}"


def tags(first: int, count: int, species: str = "1") -> list[str]:
    return [tag(serial, species) for serial in range(first, first + count)]


def tag_status(personas, serial: int) -> dict:
    """What the ear-tag app says about one of the stock's tags, as the county sees it."""
    return eartag_queries.tag_status(personas.county_supervisor, tag(serial))


def stock_tags(personas, first: int = 1, last: int = 1000, species: str = "1") -> None:
    """The county registers a box and issues it to 龙泉镇."""
    eartags.register_range(
        actor=personas.county_supervisor,
        start=tag(first, species),
        end=tag(last, species),
        quantity=last - first + 1,
        box="Q1",
        pack="",
    )
    eartags.distribute_range(
        actor=personas.county_supervisor,
        start=tag(first, species),
        end=tag(last, species),
        to_region=LONGQUAN,
    )


def immunize(
    personas, farm, *, category: str = "fattening_pig", disease: str = "FMD", animals: int = 10
):
    lot = immunization.receive_lot(
        actor=personas.station_longquan,
        command=ReceiveLot(
            product="猪口蹄疫O型、A型二价灭活疫苗",
            manufacturer="中牧实业股份有限公司",
            approval_number="兽药生字（2021）010016089",
            batch=f"Q{farm.pk:06d}{category[:3]}",
            expiry=timezone.localdate() + timedelta(days=365),
            diseases=[disease],
            doses=10_000,
            source="tender",
        ),
    )
    return immunization.record_immunization(
        actor=personas.station_longquan,
        command=RecordImmunization(
            farm=farm.pk,
            date=timezone.localdate(),
            category=category,
            disease=disease,
            lot=lot.pk,
            animals=animals,
            doses=animals,
        ),
    )


def ready_farm(personas, *, stock=None, immunized: bool = True, **fields):
    """A complete pig farm of farmer_longquan with tags held and an FMD immunization in
    protection: everything a declaration needs."""
    farm = make_farm(
        personas.farmer_longquan, stock=stock or {"sow": 20, "fattening_pig": 100}, **fields
    )
    if immunized:
        stock = stock or {"sow": 20, "fattening_pig": 100}
        for category, quantity in stock.items():
            if quantity:
                immunize(personas, farm, category=category, animals=min(quantity, 10))
    return farm


def command(kind, **fields):
    """A service's command from keyword fields, checked as a page or the API checks it
    (VALIDATION_ERROR for a bad field)."""
    return parse(kind, fields)


TYPED_DESTINATION = ("destination_region", "destination_place", "destination_kind")


def _destination(values: dict) -> dict:
    """夷陵区定点屠宰场 picked among the registered slaughterhouses, unless the test names
    another destination: a farm (by id or card code) or a typed region and place."""
    destination = {
        "farm": values.pop("destination_farm_id", None),
        "farm_code": values.pop("destination_farm_code", ""),
    }
    if destination["farm"] or destination["farm_code"] or set(TYPED_DESTINATION) & set(values):
        return {
            **destination,
            "region": values.pop("destination_region", ""),
            "place": values.pop("destination_place", "交易市场"),
            "kind": values.pop("destination_kind", "other"),
        }
    return {**destination, "slaughterhouse": "slaughterhouse", "kind": "slaughterhouse"}


def declaration_command(
    farm, codes, *, quantity: int | None = None, days_ahead: int = 3, **overrides
):
    values = {
        "category": "fattening_pig",
        "purpose": "slaughter",
        "vehicle": "鄂E·A1234",
        "carrier_name": "王运输",
        "carrier_phone": "13907179999",
        **overrides,
    }
    destination = _destination(values)
    return command(
        DeclarationIn,
        farm=farm.pk,
        quantity=len(codes) if quantity is None else quantity,
        departure_date=timezone.localdate() + timedelta(days=days_ahead),
        ear_tags=codes,
        destination=destination,
        **values,
    )


def declare(actor, farm, codes, **options):
    return services.submit_declaration(
        actor=actor, command=declaration_command(farm, codes, **options)
    )


def certify(personas, declaration, vet=None):
    vet = vet or personas.vet_longquan
    services.accept_declaration(actor=vet, declaration_id=declaration.pk)
    declaration = services.inspect_declaration(
        actor=vet,
        declaration_id=declaration.pk,
        command=InspectIn(result="pass", notes="临床检查未见异常"),
    )
    return declaration.certificate


def enter(personas, certificate, codes, **fields):
    """The slaughterhouse presents the batch with these tags."""
    return services.record_slaughter_entry(
        actor=personas.slaughterhouse,
        command=command(SlaughterIn, certificate=certificate.number, ear_tags=codes, **fields),
    )


def decide(vet, entry, decision: str, notes: str = ""):
    return services.decide_slaughter_entry(
        actor=vet,
        entry_id=entry.pk,
        command=command(EntryDecisionIn, decision=decision, notes=notes),
    )


def make_resident_vet():
    """驻场官方兽医 of 夷陵区定点屠宰场: an official vet of the county the slaughterhouse is in
    (the demo's vet_yiling)."""
    return create_account(
        actor=None,
        username="vet_yiling",
        password=PASSWORD,
        role=Role.OFFICIAL_VET,
        region=YILING,
        display_name="周驻场官方兽医",
        organization="夷陵区动物卫生监督机构",
    )
