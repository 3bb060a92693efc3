"""gunicorn settings for `smartvet serve`.

Large imports run as background tasks (django-tasks, database backend); the server's master
process starts one task worker and the loop of the apps' periodic jobs (`smartvet periodic`)
beside the web workers and stops them when the server stops, so a county running `smartvet
serve` needs no second service.
"""

from __future__ import annotations

import subprocess
import sys

BESIDE = ("db_worker", "periodic")


def on_starting(server):
    server.beside = [subprocess.Popen([sys.executable, "-m", "smartvet", name]) for name in BESIDE]


def on_exit(server):
    processes = getattr(server, "beside", [])
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
