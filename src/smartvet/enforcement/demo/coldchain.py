"""Demo cold chain (issue 17 point 5): a vaccine shipment from the county to 龙泉镇 received too
warm and held."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from smartvet.core.models import User
from smartvet.enforcement.commands.coldchain import DispatchVaccine, ReceiveVaccine
from smartvet.enforcement.models import Shipment
from smartvet.enforcement.services import coldchain
from smartvet.immunization import services as immunization_services
from smartvet.immunization.commands import ReceiveLot
from smartvet.immunization.models import VaccineLot

COUNTY_BATCH = "202611C01"


def load(county: User, station: User) -> None:
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
