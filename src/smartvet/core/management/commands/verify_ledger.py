"""`smartvet verify-ledger`: exit 0 when the hash chain is intact, else 1 and the event."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand

from smartvet.core import ledger
from smartvet.core.models import LedgerEvent

REASONS = {
    "missing": "事件缺失（已被删除）",
    "link": "与前一事件的链接不符（被删除或调换顺序）",
    "altered": "内容被篡改",
    "truncated": "链尾被删除",
}


class Command(BaseCommand):
    help = "校验台账的哈希链是否完整"

    def handle(self, *args, **options):
        broken = ledger.verify()
        if broken is None:
            count = LedgerEvent.objects.count()
            self.stdout.write(f"台账完整：{count}个事件，哈希链校验通过。")
            return
        self.stderr.write(
            f"台账被改动：第{broken.seq}号事件{REASONS[broken.reason]}（{broken.reason}）"
        )
        sys.exit(1)
