"""`smartvet supervision-refresh [--loop SECONDS]`: recount what the ledger names since the
last refresh; with --loop, again every SECONDS (beside the server, so figures are fresh
within a minute of a write)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from smartvet.supervision import services


class Command(BaseCommand):
    # a data command: it needs the models, not the URL configuration checked
    requires_system_checks: list[str] = []
    help = "Bring the supervision rollups up to the ledger (once, or every --loop seconds)"

    def add_arguments(self, parser):
        parser.add_argument("--loop", type=float, default=0, help="seconds between refreshes")

    def handle(self, *args, loop, **options):
        while True:
            started = time.perf_counter()
            outcome = services.refresh()
            self.stdout.write(
                f"refreshed: {outcome.created} added, {outcome.updated} changed, "
                f"{outcome.deleted} removed in {time.perf_counter() - started:.2f} s"
            )
            if not loop:
                return
            time.sleep(loop)
