"""Keeping the daily rollups equal to the facts (DOMAIN.md §9, DESIGN.md Conventions).

One function counts: `recompute(region, first, last)` asks every app's measures for the
cells of the places under `region` over those days and makes the stored rows equal to them
(adding, changing and deleting only what differs). Keeping current and rebuilding are that
same function: the refresh reads the ledger since its watermark (every write appends an
event naming its region and time), recomputes the townships those events touched, and moves
the watermark; the rebuild walks a period county by county; the check counts without
writing and reports every difference.

The rollups are a cache of the facts, not a record of their own: writing them appends no
ledger event (it would only feed the next refresh).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvet.core import ledger, regions
from smartvet.core.access import require, within
from smartvet.core.errors import NotFound, ValidationFailed
from smartvet.core.indicators import measures, registered
from smartvet.core.models import LedgerEvent, Region, User
from smartvet.core.workflow import move
from smartvet.supervision import rules
from smartvet.supervision.commands import (
    CloseNotice,
    CreateScheme,
    EnableFeatures,
    IssueNotice,
    RecordTraining,
    ReportLive,
)
from smartvet.supervision.models import (
    Attendance,
    CountyRollout,
    Grain,
    Notice,
    NoticeKind,
    NoticeStatus,
    Rollup,
    Scheme,
    SchemeItem,
    Summary,
    TrainingSession,
    Watermark,
)
from smartvet.supervision.permissions import (
    ASSESS,
    ENABLE_FEATURES,
    NOTICE_WORKFLOW,
    RECORD_TRAINING,
    REPORT_LIVE,
)

CENT = Decimal("0.01")
# A transaction may commit a little after the time its event carries; reading that far back
# again each time costs a few recounts and loses nothing (recounting is idempotent).
OVERLAP = timedelta(minutes=5)

# a weekly zero-reporting period ends at most a week ago (DOMAIN.md §8)
RECOUNT_DAYS = timedelta(days=8)

Key = tuple[str, str, date, str, int]  # measure, place, day, species, bucket


@dataclass
class Difference:
    measure: str
    place: str
    day: date
    species: str
    bucket: int
    stored: Decimal | None
    counted: Decimal | None


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    differences: list[Difference] = field(default_factory=list)

    def add(self, other: Outcome) -> None:
        self.created += other.created
        self.updated += other.updated
        self.deleted += other.deleted
        self.differences.extend(other.differences)


def _counted(region: str, first: date | None, last: date | None) -> dict[Key, Decimal]:
    counted: dict[Key, Decimal] = {}
    for measure in measures():
        for cell in measure.facts(region, first, last):
            key = (measure.code, cell.place, cell.day, cell.species, cell.bucket)
            counted[key] = counted.get(key, Decimal(0)) + Decimal(str(cell.value))
    return {key: value.quantize(CENT) for key, value in counted.items() if value}


def _stored_rows(region: str, first: date | None, last: date | None) -> Any:
    rows = Rollup.objects.filter(within("place", region))
    if first:
        rows = rows.filter(day__gte=first)
    if last:
        rows = rows.filter(day__lte=last)
    return rows


def recompute(
    region: str,
    first: date | None = None,
    last: date | None = None,
    *,
    write: bool = True,
    whole: bool = False,
) -> Outcome:
    """Make the rollups of the places under `region` (a county or a township) over [first,
    last] (None: unbounded) equal to the facts, and the county's summaries equal to them over
    the days that changed (`whole`: over the whole period, as a rebuild does); with
    write=False only report the differences (kept only then: a province's rebuild would
    otherwise hold every new row twice)."""
    counted = _counted(region, first, last)
    stored = {
        (r.measure, r.place, r.day, r.species, r.bucket): (r.pk, r.value)
        for r in _stored_rows(region, first, last).only(
            "measure", "place", "day", "species", "bucket", "value"
        )
    }
    with transaction.atomic():
        outcome, changed = _reconcile(Rollup, _row, counted, stored, write=write)
        if whole or not write:
            outcome.add(summarise(region[:6], first, last, write=write))
        elif changed:
            days = [key[2] for key in changed]
            outcome.add(summarise(region[:6], min(days), max(days)))
    return outcome


def _reconcile(
    model: Any,
    build: Any,
    counted: dict[Key, Decimal],
    stored: dict[Key, tuple[int, Decimal]],
    *,
    write: bool,
) -> tuple[Outcome, list[Key]]:
    """Write (or, without `write`, list) what differs between the counted and the stored
    cells; returns the outcome and the keys that changed."""
    outcome = Outcome()
    creates, updates, deletes, changed = [], [], [], []
    for key, value in counted.items():
        found = stored.get(key)
        if found is None:
            creates.append(build(key, value))
        elif found[1] != value:
            updates.append(model(pk=found[0], value=value))
        else:
            continue
        changed.append(key)
        if not write:
            outcome.differences.append(
                Difference(*key, stored=found[1] if found else None, counted=value)
            )
    for key, (pk, value) in stored.items():
        if key not in counted:
            deletes.append(pk)
            changed.append(key)
            if not write:
                outcome.differences.append(Difference(*key, stored=value, counted=None))
    outcome.created, outcome.updated, outcome.deleted = len(creates), len(updates), len(deletes)
    if write:
        model.objects.bulk_create(creates, batch_size=2000)
        model.objects.bulk_update(updates, ["value"], batch_size=2000)
        for start in range(0, len(deletes), 900):
            model.objects.filter(pk__in=deletes[start : start + 900]).delete()
    return outcome, changed


def _row(key: Key, value: Decimal) -> Rollup:
    measure, place, day, species, bucket = key
    return Rollup(
        measure=measure,
        place=place,
        day=day,
        species=species,
        bucket=bucket,
        value=value,
        **rules.ancestors(place),
    )


def summarise(
    county: str, first: date | None = None, last: date | None = None, *, write: bool = True
) -> Outcome:
    """Make a county's summaries (its townships' days, its own days and months) equal to the
    sums of its daily rollups over the months [first, last] lies in. A summary's cell is keyed
    like a rollup's, with the grain where a rollup has its species and the township (or the
    county) as its place, so the check names a summary's difference as it names a rollup's."""
    first = first.replace(day=1) if first else None
    last = rules.month_end(last) if last else None
    # the leading columns of the county index (measure) and the summaries' key (grain) named,
    # so both reads are index ranges rather than scans of every county's rows
    rows = Rollup.objects.filter(measure__in=[m.code for m in measures()], county=county)
    summaries = Summary.objects.filter(grain__in=Grain.values, county=county)
    if first:
        rows, summaries = rows.filter(day__gte=first), summaries.filter(day__gte=first)
    if last:
        rows, summaries = rows.filter(day__lte=last), summaries.filter(day__lte=last)
    counted: dict[Key, Decimal] = defaultdict(Decimal)
    grouped = rows.values("measure", "township", "day", "bucket").annotate(total=Sum("value"))
    for row in grouped.order_by():
        measure, day, bucket, total = row["measure"], row["day"], row["bucket"], row["total"]
        counted[(measure, row["township"] or county, day, Grain.TOWNSHIP_DAY, bucket)] += total
        counted[(measure, county, day, Grain.COUNTY_DAY, bucket)] += total
        counted[(measure, county, day.replace(day=1), Grain.COUNTY_MONTH, bucket)] += total
    stored = {
        (s.measure, s.township or county, s.day, s.grain, s.bucket): (s.pk, s.value)
        for s in summaries.only("measure", "township", "day", "grain", "bucket", "value")
    }
    cells = {key: value.quantize(CENT) for key, value in counted.items() if value}
    return _reconcile(Summary, _summary_row, cells, stored, write=write)[0]


def _summary_row(key: Key, value: Decimal) -> Summary:
    measure, place, day, grain, bucket = key
    up = rules.ancestors(place)
    return Summary(
        grain=grain,
        measure=measure,
        day=day,
        province=up["province"],
        city=up["city"],
        county=up["county"],
        township=up["township"] if grain == Grain.TOWNSHIP_DAY else "",
        bucket=bucket,
        value=value,
    )


def _units(region: str) -> list[str]:
    """The counties under a region (or the region itself, at county level or below) that hold
    facts or rollups: the rebuild and the check walk one county at a time, so memory holds one
    county's cells. Every fact was written by a service, so its county is in the ledger."""
    if len(region) >= 6:
        return [region]
    written = (
        LedgerEvent.objects.filter(within("region", region))
        .values_list("region", flat=True)
        .distinct()
    )
    rolled = (
        Rollup.objects.filter(within("place", region)).values_list("county", flat=True).distinct()
    )
    counties = {code[:6] for code in written if regions.county_of(code)} | set(rolled)
    return sorted(counties)


def rebuild(
    region: str = regions.NATION, first: date | None = None, last: date | None = None
) -> Outcome:
    """Recount a period from the facts (`smartvet supervision-rebuild`)."""
    outcome = Outcome()
    for unit in _units(region):
        outcome.add(recompute(unit, first, last, whole=True))
    return outcome


def check(
    region: str = regions.NATION, first: date | None = None, last: date | None = None
) -> Outcome:
    """Compare the rollups with the facts without writing (`smartvet supervision-check`)."""
    outcome = Outcome()
    for unit in _units(region):
        outcome.add(recompute(unit, first, last, write=False))
    return outcome


def touched_units(events: Iterable[Any]) -> set[str]:
    """The townships (or counties, for a county's own stock) whose cells the events may
    change: each event's region, and what a measure adds (a certificate's origin when the
    event is recorded at its destination). Regions above a county hold no facts."""
    batch = list(events)
    codes = {event.region for event in batch}
    for measure in measures():
        if measure.touches is not None:
            codes.update(measure.touches(batch))
    units = set()
    for code in codes:
        if code and regions.level_of(code) in {"county", "township", "village"}:
            units.add(code[:9] if len(code) >= 9 else code)
    # a county recounted whole already covers its townships
    counties = {unit for unit in units if len(unit) == 6}
    return {unit for unit in units if len(unit) == 6 or unit[:6] not in counties}


def refresh(now: datetime | None = None) -> Outcome:
    """Recount what the ledger says was written since the watermark, then move it. The first
    run (no watermark) rebuilds everything."""
    now = now or timezone.now()
    mark = Watermark.objects.first()
    outcome = Outcome()
    if mark is None:
        outcome = rebuild()
    else:
        events = LedgerEvent.objects.filter(at__gte=mark.read_until - OVERLAP).only(
            "region", "action", "summary"
        )
        for unit in sorted(touched_units(events.iterator(chunk_size=2000))):
            outcome.add(recompute(unit))
        if timezone.localdate(mark.read_until) < timezone.localdate(now):
            # the first refresh of a day: what time alone changes (a zero-reporting period
            # ending with no report) has no ledger event, so recount every county's last days
            since = timezone.localdate(now) - RECOUNT_DAYS
            for unit in _units(regions.NATION):
                outcome.add(recompute(unit, since))
    Watermark.objects.update_or_create(
        pk=1, defaults={"read_until": now, "refreshed_at": timezone.now()}
    )
    return outcome


# --- the rollout's records (seed 002 §三) ----------------------------------------------------


def _county_record(code: str) -> CountyRollout:
    county = Region.objects.filter(code=code, level="county").first()
    if county is None:
        raise NotFound()
    record, _created = CountyRollout.objects.select_for_update().get_or_create(county=county)
    return record


def enable_features(*, actor: User, county: str, command: EnableFeatures) -> CountyRollout:
    """The province's 动物卫生监督所 switches tag issue and origin quarantine on (or off) for a
    county, with the dates it did (seed 002 §三(二) "省动物卫生监督所在动监e通开通功能应用")."""
    with transaction.atomic(durable=True):
        require(actor, ENABLE_FEATURES, region=county)
        record = _county_record(county)
        require(actor, ENABLE_FEATURES, record)
        before = {
            "tag_issue": record.tag_issue_enabled_on,
            "quarantine": record.quarantine_enabled_on,
        }
        record.tag_issue_enabled_on = command.tag_issue_enabled_on
        record.quarantine_enabled_on = command.quarantine_enabled_on
        record.save()
        ledger.record(
            actor=actor,
            action="supervision.features_enabled",
            obj=record,
            region=county,
            summary={
                "before": before,
                "tag_issue": record.tag_issue_enabled_on,
                "quarantine": record.quarantine_enabled_on,
            },
        )
    return record


def report_live(*, actor: User, county: str, command: ReportLive) -> CountyRollout:
    """A county reports the date it started the new functions (seed 002 §三(二) "向省动物卫生
    监督所上报新功能启用时间")."""
    with transaction.atomic(durable=True):
        require(actor, REPORT_LIVE, region=county)
        record = _county_record(county)
        require(actor, REPORT_LIVE, record)
        record.reported_live_on = command.reported_live_on
        record.save()
        ledger.record(
            actor=actor,
            action="supervision.live_reported",
            obj=record,
            region=county,
            summary={"reported_live_on": record.reported_live_on},
        )
    return record


def record_training(*, actor: User, command: RecordTraining) -> TrainingSession:
    """A training session (师资培训 or 使用培训, seed 002 §三(一)(二)) with the attendance of
    each station under the organiser's region."""
    with transaction.atomic(durable=True):
        require(actor, RECORD_TRAINING, region=command.region)
        region = Region.objects.filter(code=command.region).first()
        if region is None:
            raise NotFound()
        stations = [line.station for line in command.attendance]
        known = set(
            Region.objects.filter(code__in=stations, level="township").values_list(
                "code", flat=True
            )
        )
        for index, code in enumerate(stations):
            if code not in known or not regions.is_within(code, region.code):
                raise ValidationFailed(
                    _("参训单位须为本辖区的乡镇"),
                    [{"field": f"attendance.{index}.station", "code": "VALIDATION_ERROR"}],
                )
        if len(set(stations)) != len(stations):
            raise _invalid(_("同一乡镇只能登记一次"), "attendance")
        session = TrainingSession.objects.create(
            region=region,
            kind=command.kind,
            title=command.title,
            held_on=command.held_on,
            recorded_by=actor,
        )
        Attendance.objects.bulk_create(
            Attendance(
                session=session,
                station_id=line.station,
                attendees=line.attendees,
                farms_trained=line.farms_trained,
            )
            for line in command.attendance
        )
        ledger.record(
            actor=actor,
            action="supervision.training_recorded",
            obj=session,
            region=region.code,
            summary={
                "title": session.title,
                "kind": session.kind,
                "stations": len(stations),
                "attendees": sum(line.attendees for line in command.attendance),
            },
        )
    return session


# --- assessment: schemes and notices (绩效考核, seed 001 §三) ----------------------------------


def _invalid(message: str, field: str) -> ValidationFailed:
    return ValidationFailed(message, [{"field": field, "code": "VALIDATION_ERROR"}])


def _below(actor: User, code: str) -> Region:
    """A region strictly under the actor's own: an office assesses those below it."""
    region = Region.objects.filter(code=code).first()
    if region is None or not regions.is_within(code, actor.region_id):
        raise NotFound()
    if code == actor.region_id:
        raise _invalid(_("只能考核或通报下级地区"), "region")
    return region


def create_scheme(*, actor: User, command: CreateScheme) -> Scheme:
    """A scheme of indicators × weights × targets for a period; the weights make 100 points."""
    with transaction.atomic(durable=True):
        require(actor, ASSESS, region=command.region)
        region = Region.objects.filter(code=command.region).first()
        if region is None:
            raise NotFound()
        known = {item.code for item in registered()}
        problems = [
            {"field": f"items.{index}.indicator", "code": "VALIDATION_ERROR"}
            for index, line in enumerate(command.items)
            if line.indicator not in known
        ]
        if problems:
            raise ValidationFailed(_("考核指标不存在"), problems)
        if len({line.indicator for line in command.items}) != len(command.items):
            raise _invalid(_("同一指标只能列一次"), "items")
        if sum(line.weight for line in command.items) != 100:
            raise _invalid(_("各指标权重合计应为100分"), "items")
        if command.ends_on < command.starts_on:
            raise _invalid(_("考核期止不能早于考核期起"), "ends_on")
        scheme = Scheme.objects.create(
            region=region,
            name=command.name,
            starts_on=command.starts_on,
            ends_on=command.ends_on,
            created_by=actor,
        )
        SchemeItem.objects.bulk_create(
            SchemeItem(
                scheme=scheme,
                indicator=line.indicator,
                weight=line.weight,
                target=line.target,
                lower_is_better=line.lower_is_better,
            )
            for line in command.items
        )
        ledger.record(
            actor=actor,
            action="supervision.scheme_created",
            obj=scheme,
            region=region.code,
            summary={"name": scheme.name, "items": len(command.items)},
        )
    return scheme


def issue_notice(*, actor: User, command: IssueNotice) -> Notice:
    """通报表扬 or 通报批评 of a region below the office; a criticism orders rectification by a
    deadline (限期整改) and stays open until closed."""
    with transaction.atomic(durable=True):
        require(actor, ASSESS, region=command.region)
        region = _below(actor, command.region)
        criticism = command.kind == NoticeKind.CRITICISM
        if criticism and (command.rectify_by is None or command.rectify_by <= timezone.localdate()):
            raise ValidationFailed(
                _("通报批评须写明今天以后的整改期限"),
                [{"field": "rectify_by", "code": "VALIDATION_ERROR"}],
            )
        scheme = None
        if command.scheme is not None:
            scheme = Scheme.objects.visible_to(actor).filter(pk=command.scheme).first()
            if scheme is None:
                raise NotFound()
        notice = Notice.objects.create(
            region=region,
            kind=command.kind,
            status=NoticeStatus.RECTIFYING if criticism else NoticeStatus.ISSUED,
            scheme=scheme,
            reason=command.reason,
            rectify_by=command.rectify_by if criticism else None,
            issued_by=actor,
        )
        ledger.record(
            actor=actor,
            action=f"supervision.notice_{command.kind}",
            obj=notice,
            region=region.code,
            summary={"reason": notice.reason, "rectify_by": notice.rectify_by},
        )
    return notice


def close_notice(*, actor: User, notice_id: int, command: CloseNotice) -> Notice:
    """The issuing office closes a criticism once the region has rectified (销号)."""
    with transaction.atomic(durable=True):
        notice = (
            Notice.objects.visible_to(actor)
            .select_related("issued_by")
            .filter(pk=notice_id)
            .first()
        )
        if notice is None:
            raise NotFound()
        NOTICE_WORKFLOW.require(actor, notice, "close")
        move(
            notice,
            to=NoticeStatus.CLOSED,
            transitions=rules.NOTICE_TRANSITIONS,
            rectification=command.rectification,
            closed_at=timezone.now(),
        )
        ledger.record(
            actor=actor,
            action="supervision.notice_closed",
            obj=notice,
            region=notice.region_id,
            summary={"rectification": notice.rectification},
        )
    return notice
