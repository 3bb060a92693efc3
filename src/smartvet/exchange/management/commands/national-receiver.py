"""`smartvet national-receiver --addr HOST:PORT --store FILE.jsonl [--token TOKEN]`: the
reference receiver of the national platform (smartvet.exchange.receiver)."""

from __future__ import annotations

import os
from pathlib import Path

from django.core.management.base import BaseCommand

from smartvet.exchange import receiver


class Command(BaseCommand):
    help = "国家平台参考接收端：按事件编号去重，每个新事件追加为一行 JSON"

    def add_arguments(self, parser):
        parser.add_argument("--addr", default="127.0.0.1:8765")
        parser.add_argument("--store", required=True, type=Path)
        parser.add_argument(
            "--token",
            default=os.environ.get("SMARTVET_NATIONAL_TOKEN", ""),
            help="要求的令牌（默认 SMARTVET_NATIONAL_TOKEN；空则不校验）",
        )

    def handle(self, *args, addr, store, token, **options):
        server = receiver.serve(addr, store, token)
        host, port = server.server_address[:2]
        self.stdout.write(f"国家平台参考接收端：http://{host}:{port}/ 存储 {store}")
        self.stdout.flush()
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
