"""Demo carriers (issue 17 point 1): two registered vehicles in 夷陵区 (one disinfected today),
a dealer using one, and the county's rule (declarations must name a registered vehicle)."""

from __future__ import annotations

from django.utils import timezone

from smartvet.core.commands import parse
from smartvet.core.models import User
from smartvet.enforcement.commands.carriers import RegisterDealer
from smartvet.enforcement.models import Dealer
from smartvet.enforcement.services import carriers
from smartvet.registry import queries as registry_queries
from smartvet.registry import services as registry_services
from smartvet.registry.commands import RecordDisinfection, RegisterVehicle, SetVehicleRule

YILING = "420506"
VEHICLES = [
    ("鄂E·A1234", "王运输", "13907179999", 60, True),
    ("鄂E·B5678", "李贩运", "13872509988", 40, False),
]


def vehicles(supervisor: User, checkpoint: User) -> None:
    for plate, owner, phone, capacity, disinfected in VEHICLES:
        if registry_queries.vehicle_status(plate, region=YILING).registered:
            continue
        vehicle = registry_services.register_vehicle(
            actor=supervisor,
            command=RegisterVehicle(
                plate=plate, owner_name=owner, owner_phone=phone, capacity=capacity
            ),
        )
        if disinfected:
            registry_services.record_disinfection(
                actor=checkpoint,
                vehicle_id=vehicle.pk,
                command=RecordDisinfection(
                    date=timezone.localdate(),
                    place="夷陵区畜禽运输车辆洗消中心",
                    disinfectant="过氧乙酸",
                ),
            )
    if registry_queries.vehicle_rule(YILING) is None:
        registry_services.set_vehicle_rule(
            actor=supervisor,
            command=SetVehicleRule(county=YILING, registration_required=True, disinfection_days=1),
        )


def dealer(supervisor: User) -> None:
    if Dealer.objects.exists():
        return
    carriers.register_dealer(
        actor=supervisor,
        command=parse(
            RegisterDealer,
            {
                "name": "王运输",
                "id_number": "420506198501011235",
                "phone": "13907179999",
                "licence_no": "夷陵贩字〔2026〕001号",
                "vehicles": ["鄂E·A1234"],
            },
        ),
    )
