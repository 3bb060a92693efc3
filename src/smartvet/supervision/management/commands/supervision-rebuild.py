"""`smartvet supervision-rebuild [--from] [--to] [--region]`: recount the rollups of a period
from the facts, county by county."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from smartvet.supervision import services
from smartvet.supervision.management.commands._period import add_period


class Command(BaseCommand):
    # a data command: it needs the models, not the URL configuration checked
    requires_system_checks: list[str] = []
    help = "Rebuild the supervision rollups of a period from the facts"

    def add_arguments(self, parser):
        add_period(parser)

    def handle(self, *args, first, last, region, **options):
        started = time.perf_counter()
        outcome = services.rebuild(region, first, last)
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"rollups of {region} {first or '…'}..{last or '…'}: {outcome.created} added, "
            f"{outcome.updated} changed, {outcome.deleted} removed in {seconds:.1f} s"
        )
