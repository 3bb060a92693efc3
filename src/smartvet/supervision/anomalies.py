"""Anomaly lists (issue 13 point 5). Read from the rollups like every figure: certificates
without arrival, immunization density below target, places that stopped reporting, and
statistical outliers of any summed indicator (modified z-score against the region's own
history and against its siblings). Read from the owning apps' region-wide queries (one
grouped read per region, the region authorised here first): tags used outside the township
they were issued to, farms that declared more than their stock allows over the period, and
subsidy applications that counted more animals than the certificates show. Each row names
its place and links to its records."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartvet.core.indicators import Rollup
from smartvet.core.models import Region, User
from smartvet.core.species import CATEGORY_LABELS
from smartvet.eartags import queries as eartag_queries
from smartvet.quarantine import queries as quarantine_queries
from smartvet.registry import queries as registry_queries
from smartvet.subsidy import queries as subsidy_queries
from smartvet.supervision import queries, rules
from smartvet.supervision.models import Rollup as RollupRow

DENSITY_TARGET = 90  # % (DOMAIN.md §4: group density at least 90%)
QUIET_DAYS = 14  # no record for two weeks after a month with records: stopped reporting
ACTIVITY = ("declarations", "animals_immunized", "tags_fitted", "farms_registered")

KINDS = {
    "certificates_unarrived": gettext_lazy("检疫证明未落地"),
    "density_below_target": gettext_lazy("免疫密度低于目标"),
    "stopped_reporting": gettext_lazy("停止上报"),
    "outlier": gettext_lazy("指标异常波动"),
    "tags_outside_township": gettext_lazy("耳标跨乡镇使用"),
    "declared_above_stock": gettext_lazy("申报检疫数超过存栏"),
    "subsidy_above_quarantine": gettext_lazy("补贴计数超过检疫数"),
}


def record_checks() -> list[tuple[str, str]]:
    """(kind, label) of the kinds a dashboard offers to look up in the records on demand."""
    return [(kind, str(KINDS[kind])) for kind in RECORD_CHECKS]


@dataclass(frozen=True)
class Anomaly:
    kind: str
    region: str
    region_name: str
    object: str  # where its records are
    summary: str

    @property
    def kind_label(self) -> str:
        return str(KINDS[self.kind])

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "region": self.region,
            "object": self.object,
            "summary": self.summary,
        }


def _names(codes: set[str]) -> dict[str, str]:
    found = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    return {code: found.get(code, code) for code in codes}


def _by(code: str, period: queries.Period, measure: str, *, stock: bool = False) -> dict:
    """A measure's sums over the period (stock-like: up to its end) by the region's children."""
    column = queries.child_column(code)
    first = None if stock else period.first
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for row in queries.grouped(code, {measure}, first, period.last, (column,)):
        if row[column]:
            totals[row[column]] += row["total"]
    return totals


def _unarrived(code: str, period: queries.Period) -> list[Anomaly]:
    """By village within a county (a county's daily rollups of one measure are few), by child
    above it."""
    if len(code) >= 6:
        rows = RollupRow.objects.filter(
            **queries.level_filter(code),
            measure="certificates_unarrived",
            day__gte=period.first,
            day__lte=period.last,
        )
        counts = dict(rows.values_list("place").annotate(total=Sum("value")).order_by())
    else:
        counts = _by(code, period, "certificates_unarrived")
    names = _names(set(counts))
    url = reverse("quarantine:certificate-list") + "?status=valid"
    return [
        Anomaly(
            "certificates_unarrived",
            place,
            names[place],
            url,
            _("%(n)d份检疫证明出证后尚未确认到达") % {"n": int(count)},
        )
        for place, count in sorted(counts.items())
    ]


def _density(code: str, period: queries.Period) -> list[Anomaly]:
    immunized = _by(code, period, "animals_immunized")
    stock = _by(code, period, "animals_in_stock", stock=True)
    names = _names(set(stock))
    found = []
    for place, animals in sorted(stock.items()):
        density = rules.ratio(float(immunized.get(place, 0)), float(animals), 100)
        if density is not None and density < DENSITY_TARGET:
            found.append(
                Anomaly(
                    "density_below_target",
                    place,
                    names[place],
                    reverse("immunization:record-list"),
                    _("免疫密度%(d)s%%，低于目标%(t)d%%") % {"d": density, "t": DENSITY_TARGET},
                )
            )
    return found


def _stopped(code: str, period: queries.Period) -> list[Anomaly]:
    column = queries.child_column(code)
    quiet_from = period.last - timedelta(days=QUIET_DAYS - 1)
    first = quiet_from - timedelta(days=30)
    rows = queries.grouped(code, set(ACTIVITY), first, period.last, (column, "day"), daily=True)
    before, recent = set(), set()
    for row in rows:
        (recent if row["day"] >= quiet_from else before).add(row[column])
    stopped = {place for place in before - recent if place}
    names = _names(stopped)
    return [
        Anomaly(
            "stopped_reporting",
            place,
            names[place],
            reverse("supervision:dashboard", args=[place]),
            _("近%(n)d天没有任何登记、免疫、佩标或申报记录") % {"n": QUIET_DAYS},
        )
        for place in sorted(stopped)
    ]


def _outliers(region: Region, period: queries.Period, figures: dict | None) -> list[Anomaly]:
    """Children far from their siblings, and the region's last day far from its own days."""
    code = region.code
    answer = figures or queries.region_figures(region, period)
    found = []
    summed = [i for i in queries.indicators() if i.rollup == Rollup.SUM and not i.stock]
    children = [c for c in answer["children"] if c["code"] != code]
    daily = _daily(code, {item.measure.code for item in summed}, period)
    for item in summed:
        values = [float(c["figures"].get(item.code) or 0) for c in children]
        for child, value in zip(children, values, strict=True):
            score = rules.modified_z(values, value)
            if score is not None and abs(score) > rules.Z_THRESHOLD:
                found.append(
                    Anomaly(
                        "outlier",
                        child["code"],
                        child["name"],
                        reverse("supervision:dashboard", args=[child["code"]]),
                        _("%(name)s %(value)s%(unit)s，偏离同级中位数（修正Z值%(z).1f）")
                        % {"name": item.name, "value": value, "unit": item.unit, "z": score},
                    )
                )
        days = daily[item.measure.code]
        if len(days) >= 7 and days[-1] is not None:
            history, last = days[:-1], days[-1]
            score = rules.modified_z(history, last)
            if score is not None and abs(score) > rules.Z_THRESHOLD:
                found.append(
                    Anomaly(
                        "outlier",
                        code,
                        answer["name"],
                        reverse("supervision:dashboard", args=[code]),
                        _(
                            "%(name)s %(day)s当日%(value)s%(unit)s，"
                            "偏离本地区近期水平（修正Z值%(z).1f）"
                        )
                        % {
                            "name": item.name,
                            "day": period.last,
                            "value": last,
                            "unit": item.unit,
                            "z": score,
                        },
                    )
                )
    return found


def _daily(code: str, measures: set[str], period: queries.Period) -> dict[str, list[float]]:
    """The region's daily values of each measure over the 60 days up to the period's end (0
    on a quiet day), in one grouped read."""
    first = period.last - timedelta(days=59)
    totals: dict[tuple[str, Any], Decimal] = defaultdict(Decimal)
    for row in queries.grouped(code, measures, first, period.last, ("measure", "day"), daily=True):
        totals[(row["measure"], row["day"])] += row["total"]
    days = [first + timedelta(days=n) for n in range(60)]
    return {m: [float(totals.get((m, day), 0)) for day in days] for m in measures}


def _outside_township(code: str, period: queries.Period) -> list[Anomaly]:
    """Tags fitted on or declared by a farm in the period, of another township than the one
    their range was issued to: one row per farm and township issued to, linking to the
    lookup of its first tag."""
    used = eartag_queries.tags_used_outside_township(code, period.first, period.last)
    rows: dict[tuple[int, str], list] = {}
    for farm_id, name, place, township, tag in used:
        rows.setdefault((farm_id, township), [name, place, tag, 0])[3] += 1
    names = _names({place for _n, place, _t, _c in rows.values()} | {t for _f, t in rows})
    return [
        Anomaly(
            "tags_outside_township",
            place,
            names[place],
            reverse("eartags:lookup") + f"?code={tag:015d}",
            _("%(n)d枚发放给%(township)s的耳标在%(farm)s佩戴或申报（首枚%(tag)015d）")
            % {"n": count, "township": names[township], "farm": name, "tag": tag},
        )
        for (_farm, township), (name, place, tag, count) in sorted(
            rows.items(), key=lambda item: item[1][2]
        )
    ]


def _above_stock(code: str, period: queries.Period) -> list[Anomaly]:
    """A farm whose animals of one category declared for quarantine in the period (refused
    declarations aside) exceed its stock at the period's start plus the animals added in it
    (opening stock registered, births, purchases): quarantine refuses one declaration above
    the current stock, so only the period shows declarations that add up to more than the
    farm ever had."""
    declared = quarantine_queries.declared_counts_in(code, period.first, period.last)
    available = registry_queries.stock_available_in(code, period.first, period.last)
    names = _names({row["farm__region_id"] for row in declared})
    found = []
    for row in declared:
        limit = available.get((row["farm_id"], row["category"]), 0)
        if row["n"] > limit:
            place = row["farm__region_id"]
            found.append(
                Anomaly(
                    "declared_above_stock",
                    place,
                    names[place],
                    reverse("registry:farm-detail", args=[row["farm_id"]]),
                    _(
                        "%(farm)s期内申报检疫%(category)s%(n)d头（只），"
                        "超过期初存栏加期内出生、购入之和%(limit)d头（只）"
                    )
                    % {
                        "farm": row["farm__name"],
                        "category": CATEGORY_LABELS.get(row["category"], row["category"]),
                        "n": row["n"],
                        "limit": limit,
                    },
                )
            )
    return found


def _subsidy_above_quarantine(code: str, period: queries.Period) -> list[Anomaly]:
    """A standing subsidy application whose cycle overlaps the period and that counted more
    animals of a category leaving the farm than the farm's certificates of the cycle show
    now (a certificate revoked after the count, a count entered by hand): one quarantine
    read per cycle, not per farm."""
    applications = [
        a
        for a in subsidy_queries.counted_animals_in(code)
        if a["period"][0] <= period.last and a["period"][1] >= period.first
    ]
    shown = {
        cycle: quarantine_queries.quarantined_counts_in(code, *cycle)
        for cycle in {a["period"] for a in applications}
    }
    names = _names({a["region"] for a in applications})
    found = []
    for application in applications:
        quarantined = shown[application["period"]]
        for category, counted in sorted(application["counted"].items()):
            certified = quarantined.get((application["farm_id"], category), 0)
            if counted > certified:
                found.append(
                    Anomaly(
                        "subsidy_above_quarantine",
                        application["region"],
                        names[application["region"]],
                        reverse("subsidy:application-detail", args=[application["id"]]),
                        _(
                            "补贴申请%(number)s计%(category)s出栏%(counted)d头（只），"
                            "同期检疫证明仅%(certified)d头（只）"
                        )
                        % {
                            "number": application["number"],
                            "category": CATEGORY_LABELS.get(category, category),
                            "counted": counted,
                            "certified": certified,
                        },
                    )
                )
    return found


# Kinds that read the apps' records, not the rollups: found only when asked for by name (the
# export or the API with ?kind=), never when a dashboard opens (issue 13 point 2).
RECORD_CHECKS = ("tags_outside_township", "declared_above_stock", "subsidy_above_quarantine")


def anomalies(actor: User, code: str, period: queries.Period, kind: str = "") -> list[Anomaly]:
    """The region's anomalies of `kind`; without one, every kind read from the rollups (as
    the refresh prepared them, else as cached since the last refresh)."""
    region = queries.region_for(actor, code)
    if kind:
        return region_anomalies(region, period, kind)
    found = queries.prepared(code, period, "anomalies")
    if found is None:
        found = queries.per_refresh(
            "anomalies", code, period, lambda: as_rows(region_anomalies(region, period))
        )
    return [Anomaly(**row) for row in found]


def as_rows(found: list[Anomaly]) -> list[dict[str, str]]:
    """Anomalies as plain rows (what a prepared dashboard or the cache keeps)."""
    return [asdict(anomaly) for anomaly in found]


def region_anomalies(
    region: Region, period: queries.Period, kind: str = "", *, figures: dict | None = None
) -> list[Anomaly]:
    """`anomalies` of a region its caller has authorised, found now (the outliers from the
    region's `figures` when the caller has just summed them)."""
    code = region.code
    finders = {
        "certificates_unarrived": lambda: _unarrived(code, period),
        "density_below_target": lambda: _density(code, period),
        "stopped_reporting": lambda: _stopped(code, period),
        "outlier": lambda: _outliers(region, period, figures),
        "tags_outside_township": lambda: _outside_township(code, period),
        "declared_above_stock": lambda: _above_stock(code, period),
        "subsidy_above_quarantine": lambda: _subsidy_above_quarantine(code, period),
    }
    found: list[Anomaly] = []
    for name, finder in finders.items():
        if kind == name or (not kind and name not in RECORD_CHECKS):
            found.extend(finder())
    return found
