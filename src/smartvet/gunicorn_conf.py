"""gunicorn settings for `smartvet serve`.

Large imports run as background tasks (django-tasks, database backend); the server's master
process starts one task worker and the loop of the apps' periodic jobs (`smartvet periodic`)
beside the web workers and stops them when the server stops, so a county running `smartvet
serve` needs no second service. Where SMARTVET_NATIONAL_URL names the national platform, the
outbox's deliverer (`smartvet exchange deliver --loop`) runs beside them too.
"""

from __future__ import annotations

import os
import subprocess
import sys

BESIDE = (("db_worker",), ("periodic",))
DELIVERER = ("exchange", "deliver", "--loop")


def beside() -> list[tuple[str, ...]]:
    """The commands that run beside the web workers."""
    return [*BESIDE, DELIVERER] if os.environ.get("SMARTVET_NATIONAL_URL") else list(BESIDE)


def on_starting(server):
    server.beside = [
        subprocess.Popen([sys.executable, "-m", "smartvet", *command]) for command in beside()
    ]


def on_exit(server):
    processes = getattr(server, "beside", [])
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
