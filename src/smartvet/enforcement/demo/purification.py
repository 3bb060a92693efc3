"""Demo purification (issue 17 point 4): the 建国 pig farm as a district purification farm and a
household (王德福) that bought piglets from it."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from smartvet.core.models import User
from smartvet.enforcement.commands.purification import RegisterPurificationFarm
from smartvet.enforcement.models import PurificationFarm
from smartvet.enforcement.services import purification
from smartvet.registry import queries as registry_queries
from smartvet.registry import services as registry_services
from smartvet.registry.commands import RecordStockEvent

PIG_FARM, HOUSEHOLD = "龙泉镇建国生猪养殖场", "王德福"
CERTIFICATE = "夷陵净化〔2026〕第001号"


def farm_named(actor: User, name: str):
    return registry_queries.farms_visible_to(actor, q=name).filter(name=name).first()


def load(bureau: User, station: User) -> None:
    breeder, household = farm_named(bureau, PIG_FARM), farm_named(station, HOUSEHOLD)
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
