"""gunicorn settings for `smartvet serve`.

Large imports run as background tasks (django-tasks, database backend); the server's master
process starts one task worker beside the web workers and stops it when the server stops, so
a county running `smartvet serve` needs no second service.
"""

from __future__ import annotations

import subprocess
import sys


def on_starting(server):
    server.task_worker = subprocess.Popen([sys.executable, "-m", "smartvet", "db_worker"])


def on_exit(server):
    worker = getattr(server, "task_worker", None)
    if worker is None:
        return
    worker.terminate()
    try:
        worker.wait(timeout=10)
    except subprocess.TimeoutExpired:
        worker.kill()
