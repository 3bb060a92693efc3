"""Background import of large 库存耳标登记表 workbooks (django-tasks), with progress kept on
the ImportJob row so the page can show a progress bar."""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from django_tasks import task

from smartvet.core.errors import DomainError
from smartvet.eartags import services
from smartvet.eartags.models import ImportJob


@task()
def run_import_job(job_id: int) -> None:
    run_job(job_id)


def _stat(pid: int) -> list[str]:
    """/proc/PID/stat after the command name: [state, ppid, ...]; empty where there is none."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return []


def _started(pid: int) -> str:
    """The process's start time (clock ticks since boot, field 22): with the pid it names one
    process, even after the pid is reused."""
    fields = _stat(pid)
    return fields[19] if len(fields) > 19 else ""


def _this_process() -> dict[str, Any]:
    return {"host": socket.gethostname(), "pid": os.getpid(), "started": _started(os.getpid())}


def _alive(runner: dict[str, Any]) -> bool:
    """Whether the process that took a job still runs. A job taken on another host, or
    before jobs named their process, is taken to be alive: nothing here can tell."""
    pid = runner.get("pid")
    if not pid or runner.get("host") != socket.gethostname():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    fields = _stat(pid)
    if fields and fields[0] in {"Z", "X"}:  # killed, not yet reaped (its parent died too)
        return False
    return _started(pid) == runner.get("started", "")


def _interrupted() -> dict[str, Any]:
    return {
        "code": "IMPORT_FAILED",
        "message": _("导入中断，未导入任何数据"),
        "details": [],
    }


def fail_interrupted_jobs() -> int:
    """Jobs left running by a process that died (killed, power cut) are shown as failed, so
    the user imports the file again instead of watching a bar that never moves. Nothing of
    them was imported: registering is one transaction. Run when a job starts and after
    every migrate (each `smartvet serve` start)."""
    failed = 0
    for job in ImportJob.objects.filter(status=ImportJob.Status.RUNNING).only("pk", "result"):
        if not _alive(job.result.get("runner", {})):
            failed += ImportJob.objects.filter(
                pk=job.pk, status=ImportJob.Status.RUNNING, result=job.result
            ).update(status=ImportJob.Status.FAILED, data=b"", result=_interrupted())
    return failed


def run_job(job_id: int) -> None:
    """Run a queued job once: pending -> running is a compare-and-set, so a task worker and
    the progress page (views.import_progress) never import the same file twice. The job
    names the process running it, so a later look can tell when that process died."""
    fail_interrupted_jobs()
    jobs = ImportJob.objects.filter(pk=job_id)
    if not ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.PENDING).update(
        status=ImportJob.Status.RUNNING, result={"runner": _this_process()}
    ):
        return
    job = ImportJob.objects.select_related("actor").get(pk=job_id)
    try:
        rows = services.read_stock_rows(bytes(job.data), job.filename)
        jobs.update(total_rows=len(rows))
        stock_rows = services.check_stock_rows(
            actor=job.actor, rows=rows, progress=lambda done, total: jobs.update(done_rows=done)
        )
        batch = services.register_stock(
            actor=job.actor, stock_rows=stock_rows, filename=job.filename
        )
    except DomainError as exc:
        jobs.update(status=ImportJob.Status.FAILED, data=b"", result=exc.as_body()["error"])
        return
    except Exception:  # a crash: the transaction rolled back, nothing was imported
        jobs.update(status=ImportJob.Status.FAILED, data=b"", result=_interrupted())
        raise
    jobs.update(
        status=ImportJob.Status.DONE,
        data=b"",
        done_rows=len(rows),
        result={"ranges": batch.ranges, "tags": batch.tags},
    )
