"""Factories for immunization tests: they go through the services, so data is real."""

from __future__ import annotations

import io
from datetime import date, timedelta
from itertools import count

from django.utils import timezone

from smartvet.immunization import services

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
    **fields,
):
    values = {
        "product": "猪口蹄疫O型、A型二价灭活疫苗",
        "manufacturer": "中牧实业股份有限公司",
        "approval_number": "兽药生字（2021）010016089",
        "batch": f"B{next(_serial):06d}",
    }
    values.update(fields)
    return services.receive_lot(
        actor=actor,
        expiry=expiry or timezone.localdate() + timedelta(days=365),
        diseases=list(diseases),
        doses=doses,
        source=source,
        farm_id=farm.pk if farm else None,
        **values,
    )


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
    return services.record_immunization(
        actor=actor,
        farm_id=farm.pk,
        on=on or timezone.localdate(),
        category=category,
        disease=disease,
        lot_id=lot.pk,
        animals=animals,
        doses=animals if doses is None else doses,
        **extra,
    )
