"""`smartvet hotline_sweep`: escalate every hotline ticket whose clock has run out.

The clock checks enqueued at each due time do this too; the sweep (run from cron or a
timer, e.g. every 15 minutes) makes sure a lost or failed task never leaves an overdue
ticket unescalated."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from smartvet.vetservice.services import hotline


class Command(BaseCommand):
    help = "升级所有已超时的客服专线工单（首次响应、进展回复或办结超时）"

    def handle(self, *args, **options):
        escalated = hotline.sweep_overdue()
        self.stdout.write(_("已升级%(n)s张超时工单") % {"n": escalated})
