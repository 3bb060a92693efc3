"""无害化处理 (issue 17 point 3): the township records who collected the dead animals, where,
how and how many, with photos. Under a death report the report already took the animals off
the farm's stock (surveillance), so the disposal links that stock change; without one the
disposal itself takes them off through registry's step, in the same transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvet.core import ledger, photos
from smartvet.core.access import require
from smartvet.core.errors import DomainError, Problem
from smartvet.core.models import User
from smartvet.enforcement.commands.disposal import RecordDisposal
from smartvet.enforcement.models import Disposal, DisposalPhoto
from smartvet.enforcement.permissions import RECORD_DISPOSAL
from smartvet.enforcement.queries import disposal as queries
from smartvet.registry import queries as registry_queries
from smartvet.registry import steps as registry_steps
from smartvet.surveillance.models import DisposalMethod, ReportKind
from smartvet.surveillance.queries import reports as surveillance_reports

if TYPE_CHECKING:
    from smartvet.registry.models import Farm, StockEvent
    from smartvet.surveillance.models import Report

MAX_PHOTOS = 9
MAX_PHOTO_BYTES = 10 << 20


def _refuse(code: str, message: str, field: str, **where: object) -> DomainError:
    return DomainError.from_problems([Problem(code, message, {"field": field, **where})])


def _death_report(actor: User, command: RecordDisposal, farm: Farm) -> Report | None:
    """The death report the disposal follows: of this farm and category, and not disposed of
    beyond the animals it reported dead."""
    if command.report is None:
        return None
    report = surveillance_reports.report_for(actor, command.report)
    if report.kind != ReportKind.DEATH or report.farm_id != farm.pk:
        raise _refuse("VALIDATION_ERROR", _("所选报告不是本场的死亡报告"), "report")
    if report.category != command.category:
        raise _refuse("VALIDATION_ERROR", _("品种类别与死亡报告不一致"), "category")
    left = report.dead - queries.disposed_for_report(report.pk)
    if command.animals > left:
        message = _("死亡报告尚待处理%(left)d头（只），本次填写%(n)d") % {
            "left": left,
            "n": command.animals,
        }
        raise _refuse("DISPOSAL_EXCEEDS_REPORT", message, "animals", left=left)
    return report


def _stock_change(
    actor: User, command: RecordDisposal, farm: Farm, report: Report | None
) -> StockEvent | None:
    if report is not None:
        return registry_queries.death_event(
            farm, category=report.category, on=report.onset_date, quantity=report.dead
        )
    return registry_steps.apply_stock_change(
        actor=actor,
        farm=farm,
        category=command.category,
        kind="death",
        quantity=command.animals,
        on=command.date,
        disposal=str(DisposalMethod(command.method).label),
        note=_("无害化处理 %(place)s") % {"place": command.place},
    )


def _clean_photos(uploads: list[bytes]) -> list[photos.CleanPhoto]:
    if len(uploads) > MAX_PHOTOS:
        raise photos.too_many(len(uploads), MAX_PHOTOS)
    return [
        photos.clean(data, index=i, max_bytes=MAX_PHOTO_BYTES) for i, data in enumerate(uploads)
    ]


def _store_photo(disposal: Disposal, index: int, photo: photos.CleanPhoto) -> None:
    row = DisposalPhoto(disposal=disposal, width=photo.width, height=photo.height)
    name = f"d{disposal.pk}-{index + 1}"
    row.image.save(f"{name}.jpg", ContentFile(photo.image), save=False)
    row.thumbnail.save(f"{name}-t.jpg", ContentFile(photo.thumbnail), save=False)
    row.save()


@transaction.atomic(durable=True)
def record_disposal(
    *, actor: User, command: RecordDisposal, photo_files: list[bytes] | None = None
) -> Disposal:
    """CONTRACT.md POST /api/v1/disposals. Refused: a farm outside reach (404) or not served
    by the vaccinator (403), a date after today, a report of another farm or category, more
    animals than the report left to dispose of (DISPOSAL_EXCEEDS_REPORT) or than the farm
    keeps (STOCK_INSUFFICIENT), a photo that is not an image (PHOTO_INVALID)."""
    farm = registry_queries.farm(actor, command.farm)
    require(actor, RECORD_DISPOSAL, farm)
    if command.date > timezone.localdate():
        raise _refuse("VALIDATION_ERROR", _("处理日期不能晚于今天"), "date")
    report = _death_report(actor, command, farm)
    cleaned = _clean_photos(photo_files or [])
    disposal = Disposal.objects.create(
        farm=farm,
        category=command.category,
        animals=command.animals,
        method=command.method,
        place=command.place,
        date=command.date,
        collector=command.collector,
        report=report,
        stock_event=_stock_change(actor, command, farm, report),
        recorded_by=actor,
    )
    for index, photo in enumerate(cleaned):
        _store_photo(disposal, index, photo)
    ledger.record(
        actor=actor,
        action="disposal.recorded",
        obj=disposal,
        region=farm.region_id,
        summary={
            "farm": farm.pk,
            "category": command.category,
            "animals": command.animals,
            "method": command.method,
            "date": command.date,
            "report": command.report,
            "photos": len(cleaned),
        },
    )
    return disposal


@transaction.atomic(durable=True)
def attach_photos(*, actor: User, disposal_id: int, photo_files: list[bytes]) -> int:
    """Photos sent after the record (a page on a slow link sends the form first); at most
    MAX_PHOTOS in all. Answers how many the disposal has."""
    disposal = queries.disposal(actor, disposal_id)
    require(actor, RECORD_DISPOSAL, disposal)
    kept = disposal.photos.count()
    if kept + len(photo_files) > MAX_PHOTOS:
        raise photos.too_many(kept + len(photo_files), MAX_PHOTOS)
    cleaned = _clean_photos(photo_files)
    for index, photo in enumerate(cleaned, start=kept):
        _store_photo(disposal, index, photo)
    ledger.record(
        actor=actor,
        action="disposal.photos_attached",
        obj=disposal,
        region=disposal.farm.region_id,
        summary={"photos": len(cleaned)},
    )
    return kept + len(cleaned)
