"""`smartvet supervision-check [--from] [--to] [--region]`: compare the rollups with the facts;
exit 1 and name the differences when there are any."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand

from smartvet.supervision import services
from smartvet.supervision.management.commands._period import add_period

SHOWN = 50


class Command(BaseCommand):
    # a data command: it needs the models, not the URL configuration checked
    requires_system_checks: list[str] = []
    help = "Compare the supervision rollups with the facts (exit 1 on a difference)"

    def add_arguments(self, parser):
        add_period(parser)

    def handle(self, *args, first, last, region, **options):
        differences = services.check(region, first, last).differences
        for d in differences[:SHOWN]:
            self.stdout.write(
                f"{d.measure} {d.place} {d.day} {d.species or '-'} #{d.bucket}: "
                f"stored {d.stored}, facts {d.counted}"
            )
        if differences:
            self.stdout.write(f"{len(differences)} rollup cells differ from the facts")
            sys.exit(1)
        self.stdout.write("rollups equal the facts")
