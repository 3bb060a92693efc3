"""`smartvet surveillance_sweep [--date YYYY-MM-DD]`: the rules no single report triggers,
run every hour by `smartvet periodic`: missing zero reports per township; per county, the
certificates used outside their county and those past validity with no arrival."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from smartvet.core.models import Region, RegionLevel
from smartvet.surveillance.services import evaluation


class Command(BaseCommand):
    help = "巡检：各乡镇上期疫情零报告缺报；各县检疫证明跨县使用、过期未落地"

    def add_arguments(self, parser):
        parser.add_argument("--date", type=date.fromisoformat, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        day = options["date"] or timezone.localdate()
        townships = (
            Region.objects.filter(level=RegionLevel.TOWNSHIP, children__level=RegionLevel.VILLAGE)
            .distinct()
            .values_list("code", flat=True)
        )
        opened = 0
        for township in townships.iterator():
            findings = evaluation.findings_for_missing_zero_reports(township, day)
            opened += len(evaluation.raise_alerts(findings))
        now = timezone.now()
        for county in self._counties().iterator():
            findings = evaluation.findings_for_certificates(county, now)
            opened += len(evaluation.raise_alerts(findings))
        self.stdout.write(f"surveillance_sweep {day}: {opened}")

    @staticmethod
    def _counties():  # type: ignore[no-untyped-def]
        """Counties with townships: the places a certificate's farm can lie in."""
        return (
            Region.objects.filter(level=RegionLevel.COUNTY, children__level=RegionLevel.TOWNSHIP)
            .distinct()
            .values_list("code", flat=True)
        )
