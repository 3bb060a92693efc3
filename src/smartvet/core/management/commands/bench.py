"""`smartvet bench [--scale small|county|province] [--out FILE.json] [--server]` (CONTRACT.md).

Runs every app's bench.py against the configured database — which it fills with
synthetic data, so run it on a throw-away data dir or database, never on production.
With --server the figures come through the real server (smartvet.bench.server): on the
given DATABASE_URL, or else on a fresh data dir made for the run and removed after it."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import module_has_submodule

from smartvet.bench import SCALES, BenchContext


class Command(BaseCommand):
    help = "运行性能基准（会写入合成数据：请使用专用的数据目录或数据库）"

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=list(SCALES), default="small")
        parser.add_argument("--out", help="把结果另存为JSON文件")
        parser.add_argument("--only", default="", help="只运行这些应用的基准，逗号分隔")
        parser.add_argument(
            "--server", action="store_true", help="经真实服务器（gunicorn）并发测量"
        )
        parser.add_argument("--workers", type=int, default=2, help="--server：服务器进程数")
        parser.add_argument("--users", type=int, default=8, help="--server：并发客户端数")
        parser.add_argument(
            "--seconds", type=float, default=10.0, help="--server：每个阶段最长秒数"
        )
        # set by the run itself when it re-runs inside the data dir it made
        parser.add_argument("--in-fresh-data-dir", action="store_true", help=argparse.SUPPRESS)

    def handle(self, *args, scale, out, only, server, in_fresh_data_dir, **options):
        if server and not os.environ.get("DATABASE_URL") and not in_fresh_data_dir:
            return self._in_fresh_data_dir(scale=scale, out=out, **options)
        call_command("migrate", interactive=False, verbosity=0)
        vendor = (
            "postgresql" if "postgresql" in settings.DATABASES["default"]["ENGINE"] else "sqlite"
        )
        context = BenchContext(
            scale=scale, database=vendor, log=lambda line: print(line, file=sys.stderr)
        )
        report = {"scale": scale, "database": vendor}
        if server:
            report["server"] = {"workers": options["workers"], "users": options["users"]}
            report["results"] = self._through_the_server(context, **options)
        else:
            report["results"] = self._in_process(context, only)
        text = json.dumps(report, ensure_ascii=False, indent=2)
        self.stdout.write(text)
        if out:
            with open(out, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")

    def _in_process(self, context: BenchContext, only: str) -> list[dict]:
        wanted = {name.strip() for name in only.split(",") if name.strip()}
        results = []
        for config, module in _bench_modules():
            if not wanted or config.label in wanted:
                context.log(f"bench: {config.label} …")
                results.extend(result.as_dict() for result in module.run(context))
        return results

    def _through_the_server(self, context: BenchContext, *, workers, users, seconds, **_):
        from smartvet.bench import server

        context.log("bench --server: filling the database …")
        plans = [
            module.server_plan(context, users)
            for _config, module in _bench_modules()
            if hasattr(module, "server_plan")
        ]
        try:
            results = server.run(context, plans[0], workers=workers, seconds=seconds)
        except server.ServerBenchError as exc:
            raise CommandError(str(exc)) from None
        return [result.as_dict() for result in results]

    def _in_fresh_data_dir(self, *, scale, out, workers, users, seconds, **_) -> None:
        """The same run again, in a data dir of its own that is removed after it."""
        argv = ["bench", "--server", "--in-fresh-data-dir", "--scale", scale]
        argv += ["--workers", str(workers), "--users", str(users), "--seconds", str(seconds)]
        if out:
            argv += ["--out", os.path.abspath(out)]
        with tempfile.TemporaryDirectory(prefix="smartvet-bench-data-") as data_dir:
            child = subprocess.run(
                [sys.executable, "-m", "smartvet", *argv],
                env={**os.environ, "SMARTVET_DATA_DIR": data_dir},
                stdout=subprocess.PIPE,
                text=True,
            )
        self.stdout.write(child.stdout.rstrip("\n"))
        if child.returncode:
            raise CommandError(f"bench --server: {child.returncode}")


def _bench_modules():
    """(app config, its bench module) of every smartvet app that ships a bench.py."""
    for config in apps.get_app_configs():
        if config.name.startswith("smartvet.") and module_has_submodule(config.module, "bench"):
            yield config, __import__(f"{config.name}.bench", fromlist=["run"])
