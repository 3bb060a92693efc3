"""`smartvet serve`: the production server (gunicorn + whitenoise, with a background task
worker beside it), DEBUG off."""

from __future__ import annotations

import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


def allowed_hosts(addr: str) -> list[str]:
    """The configured hosts, plus the address the server was asked to listen on: `smartvet
    demo --addr 192.168.1.20:8000` on a station's LAN answers at that address, not 400. A
    wildcard bind (0.0.0.0, [::]) names no host; SMARTVET_ALLOWED_HOSTS names them then."""
    host = addr.rsplit(":", 1)[0].strip("[]")
    hosts = list(settings.ALLOWED_HOSTS)
    if host and host not in {"0.0.0.0", "::"} and host not in hosts:
        hosts.append(host)
    return hosts


class Command(BaseCommand):
    help = "以生产方式启动服务（gunicorn，静态文件由 whitenoise 提供）"

    def add_arguments(self, parser):
        parser.add_argument("--addr", default="127.0.0.1:8000")
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args, addr, workers, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(f"smartvet 服务地址：http://{addr}/  （Ctrl+C 停止）")
        self.stdout.flush()
        env = {
            **os.environ,
            "SMARTVET_DEBUG": "0",
            "SMARTVET_DATA_DIR": str(settings.DATA_DIR),
            "SMARTVET_ALLOWED_HOSTS": ",".join(allowed_hosts(addr)),
        }
        # threads: a request waiting on a database lock must not stall the whole worker.
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "smartvet.wsgi:application",
            "--config",
            "python:smartvet.gunicorn_conf",
            "--bind",
            addr,
            "--workers",
            str(workers),
            "--threads",
            "4",
            "--access-logfile",
            "-",
            "--timeout",
            "120",
        ]
        os.execve(sys.executable, argv, env)
