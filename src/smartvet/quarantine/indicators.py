"""What origin quarantine contributes to supervision (DOMAIN.md §6, §9): declarations,
certificates, the hours from declaration to certificate, certificates without arrival."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from smartvet.core.indicators import Cell, Indicator, Measure, Rollup, cells, local_day, span
from smartvet.core.species import species_of
from smartvet.quarantine.models import Certificate, CertificateStatus, Declaration

MAX_HOURS = 720  # a certificate later than 30 days after its declaration counts as 30 days


def declaration_facts(region: str, first: date | None, last: date | None) -> list[Cell]:
    rows = Declaration.objects.filter(
        span("farm__region_id", region, "declared_at", first, last, timestamp=True)
    )
    return cells(
        rows,
        day="declared_at",
        place="farm__region_id",
        species=species_of,
        species_field="category",
    )


def _certificates(region: str, first: date | None, last: date | None) -> Any:
    return Certificate.objects.filter(
        span("farm__region_id", region, "issued_at", first, last, timestamp=True)
    )


def certificate_facts(region: str, first: date | None, last: date | None) -> list[Cell]:
    return cells(
        _certificates(region, first, last),
        day="issued_at",
        place="farm__region_id",
        species=species_of,
        species_field="category",
    )


def unarrived_facts(region: str, first: date | None, last: date | None) -> list[Cell]:
    rows = (
        _certificates(region, first, last)
        .filter(arrived_at__isnull=True)
        .exclude(status=CertificateStatus.REVOKED)
    )
    return cells(
        rows, day="issued_at", place="farm__region_id", species=species_of, species_field="category"
    )


def hours_facts(region: str, first: date | None, last: date | None) -> list[Cell]:
    """Whole hours from declaration to certificate, one bucket per hour, on the issue day."""
    counts: Counter[tuple[date, str, str, int]] = Counter()
    rows = _certificates(region, first, last).values_list(
        "issued_at", "declaration__declared_at", "farm__region_id", "category"
    )
    for issued_at, declared_at, place, category in rows.iterator(chunk_size=5000):
        hours = min(MAX_HOURS, max(0, int((issued_at - declared_at).total_seconds() // 3600)))
        counts[(local_day(issued_at), place, species_of(category), hours)] += 1
    return [
        Cell(day=d, place=p, species=s, bucket=b, value=n) for (d, p, s, b), n in counts.items()
    ]


def origins_of(events: Iterable[Any]) -> Iterable[str]:
    """Arrivals and slaughter checks are recorded at the destination; the certificate counts
    at its origin."""
    numbers = {
        event.summary.get("number")
        for event in events
        if event.action.startswith(("certificate.", "slaughter."))
        and isinstance(event.summary, dict)
    }
    numbers.discard(None)
    if not numbers:
        return []
    return set(
        Certificate.objects.filter(Q(number__in=numbers)).values_list("farm__region_id", flat=True)
    )


DECLARATIONS = Measure("declarations", declaration_facts)
CERTIFICATES = Measure("certificates", certificate_facts)
UNARRIVED = Measure("certificates_unarrived", unarrived_facts, touches=origins_of)
HOURS = Measure("certificate_hours", hours_facts)

SOURCE = _("产地检疫申报与出证")
INDICATORS = (
    Indicator(
        "declarations",
        _("检疫申报"),
        _("件"),
        _("期内提交的产地检疫申报数"),
        SOURCE,
        DECLARATIONS,
        order=40,
    ),
    Indicator(
        "certificates",
        _("检疫证明"),
        _("份"),
        _("期内出具的动物检疫证明数"),
        SOURCE,
        CERTIFICATES,
        order=41,
    ),
    Indicator(
        "certificate_hours_median",
        _("出证时长中位数"),
        _("小时"),
        _("期内出证的检疫证明从申报到出证的小时数的中位数"),
        SOURCE,
        HOURS,
        rollup=Rollup.QUANTILE,
        quantile=0.5,
        order=42,
    ),
    Indicator(
        "certificate_hours_p90",
        _("出证时长90%分位"),
        _("小时"),
        _("期内出证的检疫证明中90%在此小时数内出证"),
        SOURCE,
        HOURS,
        rollup=Rollup.QUANTILE,
        quantile=0.9,
        order=43,
    ),
    Indicator(
        "certificates_unarrived",
        _("未落地检疫证明"),
        _("份"),
        _("期内出具、未撤销且尚未确认到达的检疫证明数"),
        SOURCE,
        UNARRIVED,
        order=44,
    ),
)
