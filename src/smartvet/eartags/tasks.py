"""Background import of large 库存耳标登记表 workbooks (django-tasks), with progress kept on
the ImportJob row so the page can show a progress bar."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django_tasks import task

from smartvet.core.errors import DomainError
from smartvet.eartags import services
from smartvet.eartags.models import ImportJob


@task()
def run_import_job(job_id: int) -> None:
    run_job(job_id)


def run_job(job_id: int) -> None:
    """Run a queued job once: pending -> running is a compare-and-set, so a task worker and
    the progress page (views.import_progress) never import the same file twice."""
    jobs = ImportJob.objects.filter(pk=job_id)
    if not ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.PENDING).update(
        status=ImportJob.Status.RUNNING
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
        jobs.update(
            status=ImportJob.Status.FAILED,
            data=b"",
            result={
                "code": "IMPORT_FAILED",
                "message": _("导入中断，未导入任何数据"),
                "details": [],
            },
        )
        raise
    jobs.update(
        status=ImportJob.Status.DONE,
        data=b"",
        done_rows=len(rows),
        result={"ranges": batch.ranges, "tags": batch.tags},
    )
