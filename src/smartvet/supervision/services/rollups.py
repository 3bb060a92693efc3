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

from smartvet.core import regions
from smartvet.core.access import within
from smartvet.core.indicators import measures
from smartvet.core.models import LedgerEvent
from smartvet.supervision import rules
from smartvet.supervision.models import Grain, Rollup, Summary, Watermark
from smartvet.supervision.services import dashboards

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
    # the leading columns of both county indexes (grain, measure) named, so both reads are
    # index ranges rather than scans of every county's rows
    codes = [m.code for m in measures()]
    rows = Rollup.objects.filter(measure__in=codes, county=county)
    summaries = Summary.objects.filter(grain__in=Grain.values, measure__in=codes, county=county)
    if first:
        rows, summaries = rows.filter(day__gte=first), summaries.filter(day__gte=first)
    if last:
        rows, summaries = rows.filter(day__lte=last), summaries.filter(day__lte=last)
    if write and not summaries.exists():  # from nothing: one INSERT … SELECT per grain
        outcome = Outcome(created=Summary.objects.sum_rollups(county, codes, first, last))
    else:
        outcome = _count_summaries(county, rows, summaries, write=write)
    if write and (outcome.created or outcome.updated or outcome.deleted):
        dashboards.mark_stale(county)
    return outcome


def _count_summaries(county: str, rows: Any, summaries: Any, *, write: bool) -> Outcome:
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
    """Recount a period from the facts (`smartvet supervision-rebuild`), then prepare the
    dashboards it changed."""
    outcome = Outcome()
    for unit in _units(region):
        outcome.add(recompute(unit, first, last, whole=True))
    dashboards.prepare()
    dashboards.prepare_period()
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
    # before the watermark moves: the figures cached under the old one are read until then
    dashboards.prepare(timezone.localdate(now))
    Watermark.objects.update_or_create(
        pk=1, defaults={"read_until": now, "refreshed_at": timezone.now()}
    )
    dashboards.prepare_period(timezone.localdate(now))
    return outcome
