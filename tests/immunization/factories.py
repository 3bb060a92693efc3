"""Factories for immunization tests: they build the services' commands as a page does
(`parse`, so a bad value is the VALIDATION_ERROR a user would see) and go through the
services, so data is real."""

from __future__ import annotations

import io
from datetime import date, timedelta
from itertools import count

from django.utils import timezone

from smartvet.core.commands import parse
from smartvet.immunization import services
from smartvet.immunization.commands import (
    ReceiveLot,
    RecordAntibodyTest,
    RecordImmunization,
    TransferLot,
)

_serial = count(1)


def png_bytes(size: tuple[int, int] = (8, 8)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def make_lot(
    actor,
    *,
    source: str = "tender",
    farm=None,
    diseases=("FMD",),
    doses: int = 1000,
    expiry: date | None = None,
    photo: bytes | None = None,
    **fields,
):
    values = {
        "product": "猪口蹄疫O型、A型二价灭活疫苗",
        "manufacturer": "中牧实业股份有限公司",
        "approval_number": "兽药生字（2021）010016089",
        "batch": f"B{next(_serial):06d}",
        "expiry": expiry or timezone.localdate() + timedelta(days=365),
        "diseases": list(diseases),
        "doses": doses,
        "source": source,
        "farm": farm.pk if farm else None,
    }
    values.update(fields)
    return services.receive_lot(actor=actor, command=parse(ReceiveLot, values), photo=photo)


def transfer(actor, lot, to: str, doses: int):
    command = parse(TransferLot, {"to": to, "doses": doses})
    return services.transfer_lot(actor=actor, lot_id=lot.pk, command=command)


def immunize(
    actor,
    farm,
    lot,
    *,
    category: str = "sow",
    disease: str = "FMD",
    animals: int = 10,
    doses: int | None = None,
    on: date | None = None,
    **extra,
):
    values = {
        "farm": farm.pk,
        "date": on or timezone.localdate(),
        "category": category,
        "disease": disease,
        "lot": lot.pk,
        "animals": animals,
        "doses": animals if doses is None else doses,
        **extra,
    }
    return services.record_immunization(actor=actor, command=parse(RecordImmunization, values))


def antibody_test(actor, farm, **fields):
    values = {
        "farm": farm.pk,
        "disease": "FMD",
        "sampled_on": timezone.localdate(),
        "samples": 20,
        "qualified": 18,
        "lab": "夷陵区动物疫病预防控制中心实验室",
        **fields,
    }
    return services.record_antibody_test(actor=actor, command=parse(RecordAntibodyTest, values))
