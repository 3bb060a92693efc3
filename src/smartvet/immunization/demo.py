"""Demo data: tender FMD lots (one for pigs, one for cattle and sheep) and an HPAI lot at
龙泉镇 station, a self-purchased FMD lot of the demo pig farm, recent FMD immunizations of
that farm (so the quarantine demo can issue a certificate today) and an antibody test."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from smartvet.core.models import User
from smartvet.immunization import services
from smartvet.immunization.commands import ReceiveLot, RecordAntibodyTest, RecordImmunization
from smartvet.immunization.models import AntibodyTest, Immunization, VaccineLot
from smartvet.registry import queries as registry_queries

PIG_FARM = "龙泉镇建国生猪养殖场"
CATTLE_FARM = "龙泉镇明华肉牛场"


def _lot(actor, **values):
    existing = VaccineLot.objects.filter(batch=values["batch"], source=values["source"]).first()
    return existing or services.receive_lot(actor=actor, command=ReceiveLot(**values))


def _farm(actor: User, name: str):
    return registry_queries.farms_visible_to(actor, q=name).filter(name=name).first()


def _immunize(actor: User, farm, **values) -> None:
    services.record_immunization(
        actor=actor, command=RecordImmunization(farm=farm.pk, disease="FMD", **values)
    )


def load(password: str) -> None:
    """Each lot, record and test is its own (durable) action; what is there already is kept,
    so loading twice changes nothing."""
    station = User.objects.get(username="station_longquan")
    farmer = User.objects.get(username="farmer_longquan")
    vaccinator = User.objects.get(username="vaccinator_longquan")
    cdc = User.objects.get(username="cdc")
    today = timezone.localdate()
    expiry = today + timedelta(days=365)
    fmd = _lot(
        station,
        product="猪口蹄疫O型、A型二价灭活疫苗",
        manufacturer="中牧实业股份有限公司",
        approval_number="兽药生字（2021）010016089",
        batch="202601018",
        expiry=expiry,
        diseases=["FMD"],
        species=["pig"],
        doses=20000,
        source="tender",
        bottle_codes=[f"81000000202601018{n:04d}" for n in range(1, 21)],
    )
    _lot(
        station,
        product="重组禽流感病毒（H5+H7）三价灭活疫苗",
        manufacturer="哈尔滨维科生物技术有限公司",
        approval_number="兽药生字（2022）080016157",
        batch="202601H57",
        expiry=expiry,
        diseases=["HPAI"],
        species=["poultry"],
        doses=50000,
        source="tender",
        bottle_codes=[f"81000000202601H57{n:04d}" for n in range(1, 11)],
    )
    ruminant_fmd = _lot(
        station,
        product="口蹄疫O型、A型二价灭活疫苗（牛羊用）",
        manufacturer="金宇保灵生物药品有限公司",
        approval_number="兽药生字（2021）150016232",
        batch="202601026",
        expiry=expiry,
        diseases=["FMD"],
        species=["cattle", "sheep"],
        doses=10000,
        source="tender",
        bottle_codes=[f"81000000202601026{n:04d}" for n in range(1, 11)],
    )
    pig_farm = _farm(farmer, PIG_FARM)
    if pig_farm is None:
        return
    own = _lot(
        farmer,
        product="猪口蹄疫O型合成肽疫苗",
        manufacturer="申联生物医药（上海）股份有限公司",
        approval_number="兽药生字（2020）090066201",
        batch="20260311S",
        expiry=expiry,
        diseases=["FMD"],
        species=["pig"],
        doses=3000,
        source="self",
        farm=pig_farm.pk,
        received_on=today - timedelta(days=40),
    )
    if not Immunization.objects.filter(farm=pig_farm).exists():
        for category, animals, lot, actor in (
            ("sow", 120, fmd, vaccinator),
            ("breeding_boar", 6, fmd, vaccinator),
            ("fattening_pig", 800, own, farmer),
        ):
            _immunize(
                actor,
                pig_farm,
                date=today - timedelta(days=30),
                category=category,
                lot=lot.pk,
                animals=animals,
                doses=animals,
            )
    if not AntibodyTest.objects.filter(farm=pig_farm).exists():
        command = RecordAntibodyTest(
            farm=pig_farm.pk,
            disease="FMD",
            sampled_on=today - timedelta(days=7),
            samples=30,
            qualified=26,
            lab="夷陵区动物疫病预防控制中心实验室",
            accreditation="CMA",
        )
        services.record_antibody_test(actor=cdc, command=command)
    cattle = _farm(station, CATTLE_FARM)
    if cattle and not Immunization.objects.filter(farm=cattle).exists():
        _immunize(
            vaccinator,
            cattle,
            date=today - timedelta(days=20),
            category="beef_cattle",
            lot=ruminant_fmd.pk,
            animals=150,
            doses=150,
        )
