"""`smartvet bench [--scale small|county|province] [--out FILE.json]` (CONTRACT.md).

Runs every app's bench.py against the configured database — which it fills with
synthetic data, so run it on a throw-away data dir or database, never on production."""

from __future__ import annotations

import json
import sys

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.module_loading import module_has_submodule

from smartvet.bench import SCALES, BenchContext


class Command(BaseCommand):
    help = "运行性能基准（会写入合成数据：请使用专用的数据目录或数据库）"

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=list(SCALES), default="small")
        parser.add_argument("--out", help="把结果另存为JSON文件")
        parser.add_argument("--only", default="", help="只运行这些应用的基准，逗号分隔")

    def handle(self, *args, scale, out, only, **options):
        call_command("migrate", interactive=False, verbosity=0)
        vendor = (
            "postgresql" if "postgresql" in settings.DATABASES["default"]["ENGINE"] else "sqlite"
        )
        context = BenchContext(
            scale=scale, database=vendor, log=lambda line: print(line, file=sys.stderr)
        )
        wanted = {name.strip() for name in only.split(",") if name.strip()}
        results = []
        for config in apps.get_app_configs():
            if not config.name.startswith("smartvet.") or (wanted and config.label not in wanted):
                continue
            if module_has_submodule(config.module, "bench"):
                module = __import__(f"{config.name}.bench", fromlist=["run"])
                context.log(f"bench: {config.label} …")
                results.extend(result.as_dict() for result in module.run(context))
        report = {"scale": scale, "database": vendor, "results": results}
        text = json.dumps(report, ensure_ascii=False, indent=2)
        self.stdout.write(text)
        if out:
            with open(out, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
