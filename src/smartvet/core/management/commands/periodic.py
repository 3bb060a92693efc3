"""`smartvet periodic`: runs the jobs the apps declare for as long as the server runs.

An app names its periodic jobs on its AppConfig, `periodic = {"<management command>":
<seconds between runs>}` (e.g. supervision's refresh of the rollups every 20 s, the sweeps that
escalate overdue hotline tickets and consultations and list missing zero reports). Each job
is a management command, so an operator can also run it by hand or from cron. `smartvet
serve` starts this loop beside the task worker. A failing job is logged and tried again at
its next turn; it never stops the others."""

from __future__ import annotations

import logging
import time

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

log = logging.getLogger("smartvet.periodic")


def declared_jobs() -> dict[str, int]:
    """Every app's `periodic` jobs: command name -> seconds between runs."""
    jobs: dict[str, int] = {}
    for config in apps.get_app_configs():
        jobs.update(getattr(config, "periodic", {}))
    return jobs


def run_job(name: str) -> bool:
    close_old_connections()
    try:
        call_command(name)
    except Exception:
        log.exception("periodic job %s failed", name)
        return False
    finally:
        close_old_connections()
    return True


class Command(BaseCommand):
    help = "按各应用声明的周期运行定时任务（随服务启动）"

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="每个任务运行一次后退出")

    def handle(self, *args, once, **options):
        jobs = declared_jobs()
        due = dict.fromkeys(jobs, 0.0)
        while True:
            for name, every in jobs.items():
                if time.monotonic() >= due[name]:
                    run_job(name)
                    due[name] = time.monotonic() + every
            if once:
                return
            next_due = min(due.values(), default=time.monotonic() + 60)
            time.sleep(max(1.0, next_due - time.monotonic()))
