"""`smartvet demo`: migrate, load the demo data (idempotent), serve unless --no-serve."""

from __future__ import annotations

import os

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "迁移数据库、加载演示数据（可重复执行），并启动服务"

    def add_arguments(self, parser):
        parser.add_argument("--addr", default="127.0.0.1:8000")
        parser.add_argument("--no-serve", action="store_true")
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args, addr, no_serve, workers, **options):
        call_command("migrate", interactive=False, verbosity=0)
        password = os.environ.get("SMARTVET_DEMO_PASSWORD", "smartvet-demo")
        accounts = []
        for config in apps.get_app_configs():
            loader = getattr(config, "demo_loader", None)
            if loader:
                result = import_string(loader)(password)
                if config.label == "core":
                    accounts = result
        self.stdout.write(self.style.SUCCESS(f"演示数据已就绪。演示账号（密码：{password}）："))
        for username, role, region in accounts:
            self.stdout.write(f"  {username:<22} {role}  {region}")
        if not no_serve:
            call_command("serve", addr=addr, workers=workers)
