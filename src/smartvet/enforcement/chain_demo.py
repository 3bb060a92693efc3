"""Demo data of the rest of the chain (issue 17 points 3–5), called from demo.load: the
建国 pig farm as a district purification farm, a household (王德福) that bought piglets from
it, a disposal of two dead pigs of the pig farm with a claim waiting for the county, and a
vaccine shipment from the county to 龙泉镇 received too warm and held. Through the services;
what exists is kept."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from smartvet.core.models import User
from smartvet.enforcement.chain_commands import (
    DispatchVaccine,
    FileClaim,
    ReceiveVaccine,
    RecordDisposal,
    RegisterPurificationFarm,
)
from smartvet.enforcement.models import Disposal, PurificationFarm, Shipment
from smartvet.enforcement.services import claims, coldchain, disposal, purification
from smartvet.immunization import services as immunization_services
from smartvet.immunization.commands import ReceiveLot
from smartvet.immunization.models import VaccineLot
from smartvet.registry import queries as registry_queries
from smartvet.registry import services as registry_services
from smartvet.registry.commands import RecordStockEvent

PIG_FARM, HOUSEHOLD = "龙泉镇建国生猪养殖场", "王德福"
CERTIFICATE = "夷陵净化〔2026〕第001号"
COUNTY_BATCH = "202611C01"


def _farm(actor: User, name: str):
    return registry_queries.farms_visible_to(actor, q=name).filter(name=name).first()


def _purification(bureau: User, station: User) -> None:
    breeder, household = _farm(bureau, PIG_FARM), _farm(station, HOUSEHOLD)
    if breeder is None or household is None:
        return
    today = timezone.localdate()
    if not PurificationFarm.objects.filter(certificate_no=CERTIFICATE).exists():
        purification.register_purification_farm(
            actor=bureau,
            command=RegisterPurificationFarm(
                farm=breeder.pk,
                level="district",
                certificate_no=CERTIFICATE,
                diseases="猪伪狂犬病、猪繁殖与呼吸综合征",
                valid_from=today - timedelta(days=200),
                valid_until=today + timedelta(days=530),
            ),
        )
    if not registry_queries.purchases_in(household.region_id, None, None).filter(farm=household):
        registry_services.record_stock_event(
            actor=station,
            farm_id=household.pk,
            command=RecordStockEvent(
                category="fattening_pig",
                kind="purchase",
                quantity=5,
                date=today - timedelta(days=3),
                certificate_no="4205061120260001",
                source_farm=breeder.pk,
            ),
        )


def _disposal(vaccinator: User, station: User) -> None:
    farm = _farm(station, PIG_FARM)
    if farm is None or Disposal.objects.filter(farm=farm).exists():
        return
    done = disposal.record_disposal(
        actor=vaccinator,
        command=RecordDisposal(
            farm=farm.pk,
            category="fattening_pig",
            animals=2,
            method="centre",
            place="夷陵区病死畜禽无害化处理中心",
            date=timezone.localdate() - timedelta(days=1),
            collector="刘防疫员",
        ),
    )
    claims.file_claim(
        actor=station,
        disposal_id=done.pk,
        command=FileClaim(
            insurer="中国人寿财产保险股份有限公司宜昌市中心支公司",
            policy_number="PYLQ2026000123",
            animals=2,
            amount="1600.00",
        ),
    )


def _cold_chain(county: User, station: User) -> None:
    if Shipment.objects.exists():
        return
    lot = VaccineLot.objects.filter(batch=COUNTY_BATCH, holder=county).first()
    if lot is None:
        lot = immunization_services.receive_lot(
            actor=county,
            command=ReceiveLot(
                product="猪口蹄疫O型、A型二价灭活疫苗",
                manufacturer="中牧实业股份有限公司",
                approval_number="兽药生字（2021）010016089",
                batch=COUNTY_BATCH,
                expiry=timezone.localdate() + timedelta(days=365),
                diseases=["FMD"],
                species=["pig"],
                doses=5000,
                source="tender",
            ),
        )
    shipment = coldchain.dispatch_vaccine(
        actor=county,
        command=DispatchVaccine(lot=lot.pk, to=station.username, doses=1000, temperature="4.0"),
    )
    coldchain.receive_vaccine(
        actor=station, shipment_id=shipment.pk, command=ReceiveVaccine(temperature="10.5")
    )


def load() -> None:
    bureau = User.objects.get(username="bureau")
    station = User.objects.get(username="station_longquan")
    _purification(bureau, station)
    _disposal(User.objects.get(username="vaccinator_longquan"), station)
    _cold_chain(User.objects.get(username="county_supervisor"), station)
