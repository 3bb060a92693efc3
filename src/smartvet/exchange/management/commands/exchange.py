"""`smartvet exchange deliver [--loop] | status [--json] | purge` (CONTRACT.md "Exchange and
federation"; docs/decisions/0008-outbox.md)."""

from __future__ import annotations

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from smartvet.exchange import delivery, queries, services


class Command(BaseCommand):
    help = "向国家平台发送上报事件、查看发送状态、清理已确认的旧事件"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        deliver = sub.add_parser("deliver", help="发送待发事件（--loop 持续运行）")
        deliver.add_argument("--loop", action="store_true")
        deliver.add_argument("--idle", type=float, default=1.0, help="无事件时的轮询间隔（秒）")
        deliver.add_argument(
            "--batch", type=int, default=delivery.BATCH, help="每次发送的最多事件数"
        )
        status = sub.add_parser("status", help="待发数、最早待发事件、最近确认时间")
        status.add_argument("--json", dest="as_json", action="store_true")
        sub.add_parser("purge", help="清理超过保留期的已确认事件")

    def handle(self, *args, action, **options):
        getattr(self, f"_{action}")(**options)

    def _deliver(self, *, loop, idle, batch, **options):
        url = getattr(settings, "SMARTVET_NATIONAL_URL", "")
        if not url:
            raise CommandError("未配置国家平台地址（SMARTVET_NATIONAL_URL）")
        # SIGTERM (the server stopping) ends the process where it stands: an event is
        # acknowledged only after its 2xx, so whatever was in flight is simply sent again.
        platform = delivery.Platform(url, getattr(settings, "SMARTVET_NATIONAL_TOKEN", ""))
        sent = delivery.run(
            platform,
            loop=loop,
            idle=idle,
            size=batch,
            purge=services.purge_published,
        )
        self.stdout.write(f"已确认接收 {sent} 条事件")

    def _status(self, *, as_json: bool = False, **options):
        answer = queries.status().as_dict()
        if as_json:
            self.stdout.write(json.dumps(answer, ensure_ascii=False))
            return
        oldest = answer["oldest_pending"]
        self.stdout.write(f"待发送：{answer['pending']}（其中发送失败待重试 {answer['failing']}）")
        if oldest:
            answered = f"，平台答复：{oldest['last_error']}" if oldest["last_error"] else ""
            self.stdout.write(
                f"最早待发送：{oldest['type']} {oldest['occurred_at']}，"
                f"已尝试 {oldest['attempts']} 次{answered}"
            )
        else:
            self.stdout.write("最早待发送：无")
        self.stdout.write(f"最近确认接收：{answer['last_acknowledged_at'] or '尚无'}")

    def _purge(self, **options):
        self.stdout.write(f"已清理 {services.purge_published()} 条已确认事件")
