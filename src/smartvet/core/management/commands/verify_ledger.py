"""`smartvet verify-ledger`: exit 0 when every chain is intact, else 1 and the first bad
event (CONTRACT.md)."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand

from smartvet.core import ledger
from smartvet.core.models import LedgerEvent, LedgerHead

REASONS = {
    "missing": "之前的事件缺失（已被删除）",
    "link": "与前一事件的链接不符（被删除或调换顺序）",
    "altered": "内容被篡改",
    "truncated": "链尾被删除",
    "unheaded": "不在链头记载之内（链头被改动或事件被私自添加）",
}


def describe(broken: ledger.ChainBreak) -> str:
    where = f"区划{broken.chain}的链第{broken.position}个事件"
    if broken.seq is None:
        return f"台账被改动：{where}起{REASONS[broken.reason]}（{broken.reason}）"
    return f"台账被改动：第{broken.seq}号事件{REASONS[broken.reason]}（{broken.reason}；{where}）"


class Command(BaseCommand):
    help = "校验台账各县哈希链是否完整"

    def handle(self, *args, **options):
        broken = ledger.verify()
        if broken is None:
            count = LedgerEvent.objects.count()
            chains = LedgerHead.objects.count()
            self.stdout.write(f"台账完整：{count}个事件，{chains}条链，哈希链校验通过。")
            return
        self.stderr.write(describe(broken))
        sys.exit(1)
