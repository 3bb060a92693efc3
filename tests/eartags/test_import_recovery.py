"""A background import whose process died (the server killed, a power cut) is shown as
failed, never as running for ever; a job whose process still runs is left alone (issue 16
point 6; the kill itself is tests/core/test_crash.py)."""

import os
import socket
import subprocess
import sys
from unittest import mock

from django.core.management import call_command

from smartvet.eartags import tasks
from smartvet.eartags.models import ImportJob


def _job(actor, runner) -> ImportJob:
    return ImportJob.objects.create(
        region_id="420506",
        actor=actor,
        filename="big.xlsx",
        data=b"x",
        status=ImportJob.Status.RUNNING,
        result={"runner": runner},
    )


def _dead_process() -> dict:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return {"host": socket.gethostname(), "pid": child.pid, "started": "1"}


def test_a_job_of_a_dead_process_is_failed_and_says_nothing_was_imported(county_supervisor):
    job = _job(county_supervisor, _dead_process())
    assert tasks.fail_interrupted_jobs() == 1
    job.refresh_from_db()
    assert job.status == "failed" and job.data == b""
    assert job.result["code"] == "IMPORT_FAILED" and "未导入任何数据" in job.result["message"]


def test_a_job_still_running_or_on_another_host_is_left_alone(county_supervisor):
    here = _job(county_supervisor, tasks._this_process())
    reused = _job(county_supervisor, {**tasks._this_process(), "started": "0"})
    elsewhere = _job(county_supervisor, {"host": "other-node", "pid": 1, "started": ""})
    assert tasks.fail_interrupted_jobs() == 1
    assert ImportJob.objects.get(pk=here.pk).status == "running"
    assert ImportJob.objects.get(pk=elsewhere.pk).status == "running"
    # the same pid but another start time: the pid was reused, the job's process is gone
    assert ImportJob.objects.get(pk=reused.pk).status == "failed"


def test_each_start_of_the_server_fails_the_jobs_a_killed_one_left(county_supervisor):
    job = _job(county_supervisor, _dead_process())
    call_command("migrate", interactive=False, verbosity=0)  # what `smartvet serve` runs first
    job.refresh_from_db()
    assert job.status == "failed"


def test_a_job_names_the_process_that_runs_it(county_supervisor):
    job = ImportJob.objects.create(
        region_id="420506", actor=county_supervisor, filename="x.xlsx", data=b"not a workbook"
    )
    seen = {}
    real = tasks.services.read_stock_rows

    def spy(data, filename):
        seen.update(ImportJob.objects.get(pk=job.pk).result["runner"])
        return real(data, filename)

    with mock.patch.object(tasks.services, "read_stock_rows", spy):
        tasks.run_job(job.pk)
    assert seen["pid"] == os.getpid() and seen["host"] == socket.gethostname()
    assert ImportJob.objects.get(pk=job.pk).status == "failed"
