"""Registered vehicles and the county's vehicle rule, made through the registry's services."""

from __future__ import annotations

from django.utils import timezone

from smartvet.core.commands import parse
from smartvet.registry import services
from smartvet.registry.commands import RecordDisinfection, RegisterVehicle, SetVehicleRule


def register(actor, plate: str = "鄂E·A1234", **fields):
    values = {"owner_name": "王运输", "owner_phone": "13907179999", "capacity": 60, **fields}
    return services.register_vehicle(
        actor=actor, command=parse(RegisterVehicle, {"plate": plate, **values})
    )


def disinfect(actor, vehicle, day=None):
    return services.record_disinfection(
        actor=actor,
        vehicle_id=vehicle.pk,
        command=parse(
            RecordDisinfection,
            {
                "date": day or timezone.localdate(),
                "place": "夷陵区洗消中心",
                "disinfectant": "过氧乙酸",
            },
        ),
    )


def require_registered(actor, county: str = "420506", required: bool = True, days: int = 1):
    return services.set_vehicle_rule(
        actor=actor,
        command=parse(
            SetVehicleRule,
            {"county": county, "registration_required": required, "disinfection_days": days},
        ),
    )
