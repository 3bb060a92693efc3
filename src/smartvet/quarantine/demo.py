"""Demo data: one certificate for farmer_longquan's pig farm, declared with five of the tags
the ear-tag demo fits on that farm, and a second declaration waiting in the vet's queue.
Every gate applies: when the ear-tag or immunization demo data do not make the farm eligible
(no fitted tags, no FMD immunization in protection), nothing is declared. The resident vet
of the slaughterhouse gets its account."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from smartvet.core.errors import DomainError
from smartvet.core.models import Role, User
from smartvet.core.services import create_account
from smartvet.quarantine import services
from smartvet.quarantine.commands import DeclarationIn, DestinationIn, InspectIn
from smartvet.quarantine.models import Declaration
from smartvet.registry.models import Farm

FARM_NAME = "龙泉镇建国生猪养殖场"
# Tags of 1-420506-00000001..50, which eartags/demo.py fits on that farm: five on the
# certificate, five on the declaration left for vet_longquan to accept.
TAGS = [f"1420506{serial:08d}" for serial in range(1, 6)]
WAITING_TAGS = [f"1420506{serial:08d}" for serial in range(6, 11)]


def _declare(farmer: User, farm: Farm, tags: list[str], days_ahead: int) -> Declaration:
    command = DeclarationIn(
        farm=farm.pk,
        category="fattening_pig",
        quantity=len(tags),
        purpose="slaughter",
        destination=DestinationIn(slaughterhouse="slaughterhouse"),
        departure_date=timezone.localdate() + timedelta(days=days_ahead),
        vehicle="鄂E·A1234",
        carrier_name="王运输",
        carrier_phone="13907179999",
        ear_tags=tags,
    )
    return services.submit_declaration(actor=farmer, command=command)


# 驻场官方兽医 of 夷陵区定点屠宰场: an official vet of the county the slaughterhouse is in,
# who decides a batch held at its entry.
RESIDENT_VET = "vet_yiling"


def _resident_vet(password: str) -> None:
    if not User.objects.filter(username=RESIDENT_VET).exists():
        create_account(
            actor=None,
            username=RESIDENT_VET,
            password=password,
            role=Role.OFFICIAL_VET,
            region="420506",
            display_name="周驻场官方兽医",
            organization="夷陵区动物卫生监督机构",
        )


def load(password: str) -> None:
    _resident_vet(password)
    farm = Farm.objects.filter(name=FARM_NAME).first()
    if farm is None or Declaration.objects.filter(farm=farm).exists():
        return
    farmer = User.objects.get(username="farmer_longquan")
    vet = User.objects.get(username="vet_longquan")
    try:
        declaration = _declare(farmer, farm, TAGS, days_ahead=3)
        services.accept_declaration(actor=vet, declaration_id=declaration.pk)
        services.inspect_declaration(
            actor=vet,
            declaration_id=declaration.pk,
            command=InspectIn(result="pass", notes="临床检查未见异常，耳标齐全，免疫在保护期内"),
        )
        _declare(farmer, farm, WAITING_TAGS, days_ahead=5)
    except DomainError:
        return  # the other apps' demo data do not make the farm eligible: no certificate
