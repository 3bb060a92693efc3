"""Disposal, claim, purification and cold-chain test data through the services, as a page
builds it (`parse`)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from smartvet.core.commands import parse
from smartvet.enforcement.commands.coldchain import DispatchVaccine, ReceiveVaccine
from smartvet.enforcement.commands.disposal import FileClaim, RecordDisposal
from smartvet.enforcement.commands.purification import RegisterPurificationFarm
from smartvet.enforcement.services import claims, coldchain, disposal, purification


def dispose(actor, farm, *, animals=2, report=None, category="fattening_pig", photos=None, **extra):
    values = {
        "farm": farm.pk,
        "category": category,
        "animals": animals,
        "method": "centre",
        "place": "夷陵区病死畜禽无害化处理中心",
        "date": timezone.localdate().isoformat(),
        "report": report.pk if report else None,
        "collector": "刘防疫员",
        **extra,
    }
    command = parse(RecordDisposal, values)
    return disposal.record_disposal(actor=actor, command=command, photo_files=photos)


def claim(actor, done, *, animals=None, amount="1600.00", **extra):
    values = {
        "insurer": "中国人寿财产保险宜昌市中心支公司",
        "policy_number": "PYLQ2026000123",
        "animals": done.animals if animals is None else animals,
        "amount": amount,
        **extra,
    }
    return claims.file_claim(actor=actor, disposal_id=done.pk, command=parse(FileClaim, values))


def certify_purification(actor, farm, *, days=365, level="district", **extra):
    today = timezone.localdate()
    values = {
        "farm": farm.pk,
        "level": level,
        "certificate_no": f"JH-{farm.pk}-{extra.pop('serial', 1)}",
        "diseases": "猪伪狂犬病、猪瘟",
        "valid_from": (today - timedelta(days=30)).isoformat(),
        "valid_until": (today + timedelta(days=days)).isoformat(),
        **extra,
    }
    return purification.register_purification_farm(
        actor=actor, command=parse(RegisterPurificationFarm, values)
    )


def dispatch(actor, lot, *, to="provider_xingmu", doses=100, temperature="5.0"):
    values = {"lot": lot.pk, "to": to, "doses": doses, "temperature": temperature}
    return coldchain.dispatch_vaccine(actor=actor, command=parse(DispatchVaccine, values))


def receive(actor, shipment, temperature="5.0"):
    command = parse(ReceiveVaccine, {"temperature": temperature})
    return coldchain.receive_vaccine(actor=actor, shipment_id=shipment.pk, command=command)
