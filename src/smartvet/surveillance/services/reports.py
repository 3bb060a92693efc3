"""Reports from the field (DOMAIN.md §8): sickness, abnormal death, suspected outbreak and
the zero report. A death lowers the farm's stock through the registry in the same
transaction; a suspected major outbreak starts the reporting clocks; every report is
evaluated by the alert rules in a background task once it is committed."""

from __future__ import annotations

from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvet.core import ledger, photos, regions
from smartvet.core.access import require
from smartvet.core.errors import DomainError, Problem
from smartvet.core.models import Region, User
from smartvet.core.species import species_of
from smartvet.registry import queries as registry_queries
from smartvet.registry import steps as registry_steps
from smartvet.surveillance import rules
from smartvet.surveillance.commands import ReportIn
from smartvet.surveillance.models import DisposalMethod, Report, ReportKind, ReportPhoto
from smartvet.surveillance.permissions import ADD_PHOTOS, REPORT, ZERO_REPORT
from smartvet.surveillance.queries.policy import policy_for
from smartvet.surveillance.services import outbreaks


def _refuse(code: str, message: str, field: str) -> DomainError:
    return DomainError.from_problems([Problem(code, message, {"field": field})])


def _place(actor: User, command: ReportIn):  # type: ignore[no-untyped-def]
    """The farm (authorised) and the village or township the report is about."""
    if command.farm is not None:
        farm = registry_queries.farm(actor, command.farm)
        require(actor, REPORT, farm)
        return farm, farm.region_id
    code = command.region
    if regions.level_of(code) not in {"village", "township"}:
        raise _refuse("VALIDATION_ERROR", _("请选择养殖场户，或填写村或乡镇的区划代码"), "region")
    if not Region.objects.filter(code=code).exists():
        raise _refuse("REGION_UNKNOWN", _("没有这个村或乡镇：%(code)s") % {"code": code}, "region")
    require(actor, REPORT, region=code)
    if command.kind == ReportKind.DEATH:
        raise _refuse("VALIDATION_ERROR", _("死亡报告须选择养殖场户（核减存栏）"), "farm")
    return None, code


def _check(command: ReportIn) -> list[Problem]:
    problems = []
    if not command.category:
        problems.append(Problem("VALIDATION_ERROR", _("请选择品种类别"), {"field": "category"}))
    if command.onset_date is None:
        problems.append(Problem("VALIDATION_ERROR", _("请填写发病日期"), {"field": "onset_date"}))
    elif command.onset_date > timezone.localdate():
        problems.append(
            Problem("VALIDATION_ERROR", _("发病日期不能晚于今天"), {"field": "onset_date"})
        )
    if command.kind == ReportKind.DEATH:
        if command.dead < 1:
            problems.append(Problem("VALIDATION_ERROR", _("请填写死亡数"), {"field": "dead"}))
        if not command.disposal_method:
            problems.append(
                Problem(
                    "VALIDATION_ERROR", _("死亡须登记无害化处理方式"), {"field": "disposal_method"}
                )
            )
    if command.kind == ReportKind.SICKNESS and command.sick < 1:
        problems.append(Problem("VALIDATION_ERROR", _("请填写发病数"), {"field": "sick"}))
    if command.kind == ReportKind.SUSPECTED_OUTBREAK and not command.disease:
        problems.append(Problem("VALIDATION_ERROR", _("请选择疑似病种"), {"field": "disease"}))
    if command.at_risk and command.sick + command.dead > command.at_risk:
        problems.append(
            Problem("VALIDATION_ERROR", _("发病数与死亡数之和超过存栏数"), {"field": "at_risk"})
        )
    return problems


def _clean_photos(uploads: list[bytes], policy: dict) -> list[photos.CleanPhoto]:
    if len(uploads) > policy["MAX_PHOTOS"]:
        raise photos.too_many(len(uploads), policy["MAX_PHOTOS"])
    return [
        photos.clean(data, index=i, max_bytes=policy["MAX_PHOTO_BYTES"])
        for i, data in enumerate(uploads)
    ]


def _evaluate_on_commit(report: Report) -> None:
    from smartvet.surveillance.tasks import evaluate_report

    transaction.on_commit(lambda: evaluate_report.enqueue(report.pk), robust=True)


@transaction.atomic(durable=True)
def submit_report(
    *, actor: User, command: ReportIn, photo_files: list[bytes] | None = None
) -> Report:
    """A report, with its photos when they come with it (a page sends them afterwards: the
    offline queue carries no files)."""
    if command.kind == ReportKind.ZERO:
        return _zero_report(actor, command)
    farm, code = _place(actor, command)
    problems = _check(command)
    if problems:
        raise DomainError.from_problems(problems)
    policy = policy_for(code)
    cleaned = _clean_photos(photo_files or [], policy)
    report = Report.objects.create(
        kind=command.kind,
        farm=farm,
        region_id=code,
        category=command.category,
        species=species_of(command.category),
        at_risk=command.at_risk,
        sick=command.sick,
        dead=command.dead,
        onset_date=command.onset_date,
        disease=command.disease,
        signs=command.signs,
        notes=command.notes,
        disposal_method=command.disposal_method,
        disposal_place=command.disposal_place,
        disposal_by=command.disposal_by,
        reported_by=actor,
    )
    for index, photo in enumerate(cleaned):
        _store_photo(report, index, photo)
    if report.kind == ReportKind.DEATH:
        registry_steps.apply_stock_change(
            actor=actor,
            farm=farm,
            category=report.category,
            kind="death",
            quantity=report.dead,
            on=report.onset_date,
            disposal=str(DisposalMethod(report.disposal_method).label),
            note=_("疫情报告 %(id)s") % {"id": report.pk},
        )
    if report.kind == ReportKind.SUSPECTED_OUTBREAK and rules.is_major(report.disease):
        outbreaks.open_event(actor=actor, report=report, policy=policy)
    ledger.record(
        actor=actor,
        action="report.submitted",
        obj=report,
        region=code,
        summary={
            "kind": report.kind,
            "category": report.category,
            "sick": report.sick,
            "dead": report.dead,
            "disease": report.disease,
            "photos": len(cleaned),
        },
    )
    _evaluate_on_commit(report)
    return report


@transaction.atomic(durable=True)
def add_photos(*, actor: User, report_id: int, photo_files: list[bytes]) -> Report:
    """Photos for a report already sent, up to the limit in all."""
    report = Report.objects.select_for_update(of=("self",)).get_visible(actor, pk=report_id)
    require(actor, ADD_PHOTOS, report)
    policy = policy_for(report.region_id)
    held = report.photos.count()
    if held + len(photo_files) > policy["MAX_PHOTOS"]:
        raise photos.too_many(held + len(photo_files), policy["MAX_PHOTOS"])
    if not photo_files:
        raise _refuse("PHOTO_INVALID", _("请选择照片"), "photos")
    cleaned = _clean_photos(photo_files, policy)
    for index, photo in enumerate(cleaned, start=held):
        _store_photo(report, index, photo)
    ledger.record(
        actor=actor,
        action="report.photos_added",
        obj=report,
        region=report.region_id,
        summary={"photos": len(cleaned)},
    )
    return report


def _store_photo(report: Report, index: int, photo: photos.CleanPhoto) -> None:
    row = ReportPhoto(report=report, width=photo.width, height=photo.height)
    row.image.save(f"r{report.pk}-{index + 1}.jpg", ContentFile(photo.image), save=False)
    row.thumbnail.save(f"r{report.pk}-{index + 1}-t.jpg", ContentFile(photo.thumbnail), save=False)
    row.save()


def _zero_report(actor: User, command: ReportIn, today: date | None = None) -> Report:
    """疫情零报告: nothing to report in the village for the current period (daily or weekly,
    as the county's policy says); one per village and period."""
    code = command.region
    if regions.level_of(code) != "village" or not Region.objects.filter(code=code).exists():
        raise _refuse("VALIDATION_ERROR", _("零报告须填写村的区划代码"), "region")
    require(actor, ZERO_REPORT, region=code)
    today = today or timezone.localdate()
    period = rules.period_start(today, policy_for(code)["ZERO_REPORT_SCHEDULE"])
    if Report.objects.filter(kind=ReportKind.ZERO, region_id=code, period=period).exists():
        raise _refuse("ALREADY_REPORTED", _("本村本期已零报告"), "region")
    report = Report.objects.create(
        kind=ReportKind.ZERO,
        region_id=code,
        onset_date=today,
        period=period,
        notes=command.notes,
        reported_by=actor,
    )
    ledger.record(
        actor=actor,
        action="report.zero",
        obj=report,
        region=code,
        summary={"period": period},
    )
    return report
