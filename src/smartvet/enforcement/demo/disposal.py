"""Demo disposal (issue 17 point 3): two dead pigs of the 建国 pig farm with a claim waiting for
the county."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from smartvet.core.models import User
from smartvet.enforcement.commands.disposal import FileClaim, RecordDisposal
from smartvet.enforcement.demo.purification import PIG_FARM, farm_named
from smartvet.enforcement.models import Disposal
from smartvet.enforcement.services import claims, disposal


def load(vaccinator: User, station: User) -> None:
    farm = farm_named(station, PIG_FARM)
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
