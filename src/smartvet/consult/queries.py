"""Reads of the consult app, scoped to the reader (visible_to) unless they are the public
information every account reads: the expert directory, the knowledge base, the market."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal
from statistics import median
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone

from smartvet.consult import rules
from smartvet.consult.models import (
    Answer,
    Article,
    Attendance,
    Consultation,
    ConsultationStatus,
    Expert,
    MarketPost,
    Pairing,
    PriceReport,
    Routing,
    TrainingEvent,
)
from smartvet.consult.permissions import EDIT_OWN_ENTRY, MANAGE_EXPERTS
from smartvet.core import regions
from smartvet.core.access import can, within
from smartvet.core.errors import NotFound
from smartvet.core.models import User

RECENT_DAYS = 28  # the outlier rule compares a price with the region's last four weeks


# --- experts -------------------------------------------------------------------------------


def _served(expert: Expert) -> list[str]:
    return [region.code for region in expert.regions.all()]


def directory(*, species: str = "", topic: str = "", region: str = "") -> list[Expert]:
    """The expert directory (every account reads it), filtered by what an expert knows and
    where it serves (a region it serves contains `region`, or lies within it)."""
    experts = Expert.objects.select_related("account").prefetch_related("regions")
    found = []
    for expert in experts.filter(account__is_active=True):
        if species and species not in expert.species:
            continue
        if topic and topic not in expert.topics:
            continue
        served = _served(expert)
        if region and not any(
            regions.is_within(region, code) or regions.is_within(code, region) for code in served
        ):
            continue
        found.append(expert)
    return found


def entry_of(account: User) -> Expert | None:
    return Expert.objects.filter(account=account).prefetch_related("regions").first()


def experts_fitting(*, species: str, topic: str, region: str) -> list[User]:
    """The available experts a question is pushed to: they know its species and topic and
    serve its place."""
    return [
        expert.account
        for expert in directory()
        if expert.available
        and rules.fits(
            species=species,
            topic=topic,
            expert_species=expert.species,
            expert_topics=expert.topics,
            served=_served(expert),
            region=region,
        )
    ]


def county_experts(region: str) -> list[User]:
    """Every available expert serving somewhere in the question's county (escalation)."""
    county = regions.county_of(region) or region
    return [e.account for e in directory(region=county) if e.available]


# --- consultations -------------------------------------------------------------------------


def consultations_visible_to(
    actor: User, *, status: str = "", species: str = "", topic: str = "", q: str = ""
) -> QuerySet[Consultation]:
    rows = Consultation.objects.visible_to(actor).select_related("farm", "asked_by", "region")
    if status:
        rows = rows.filter(status=status)
    if species:
        rows = rows.filter(species=species)
    if topic:
        rows = rows.filter(topic=topic)
    if q:
        rows = rows.filter(question__icontains=q)
    return rows


def consultation(actor: User, consultation_id: int) -> Consultation:
    found = consultations_visible_to(actor).filter(pk=consultation_id).first()
    if found is None:
        raise NotFound()
    return found


def answers_of(consultation: Consultation) -> QuerySet[Answer]:
    return consultation.answers.select_related("expert")


def routed_to(consultation: Consultation) -> list[str]:
    return list(consultation.routings.order_by("id").values_list("expert__username", flat=True))


def waiting_for(expert: User) -> QuerySet[Consultation]:
    """Questions pushed to the expert that it has not answered yet, the oldest first."""
    answered = Answer.objects.filter(expert=expert).values("consultation_id")
    return (
        consultations_visible_to(expert)
        .filter(routings__expert=expert)
        .exclude(status=ConsultationStatus.CLOSED)
        .exclude(pk__in=answered)
        .order_by("asked_at", "id")
    )


def expert_figures(expert: User) -> dict[str, Any]:
    """What an expert's home page counts: questions pushed, answered, marked most helpful, the
    farmers' mean rating of questions it answered, and its median first-answer time (hours)."""
    mine = Answer.objects.filter(expert=expert)
    rated = Consultation.objects.filter(pk__in=mine.values("consultation_id"), rating__isnull=False)
    firsts = []
    for row in Consultation.objects.filter(pk__in=mine.values("consultation_id")).values(
        "asked_at", "first_answered_at"
    ):
        if row["first_answered_at"]:
            firsts.append((row["first_answered_at"] - row["asked_at"]).total_seconds() / 3600)
    return {
        "routed": Routing.objects.filter(expert=expert).count(),
        "answered": mine.values("consultation_id").distinct().count(),
        "helpful": mine.filter(helpful=True).count(),
        "rating": rated.aggregate(mean=Avg("rating"))["mean"],
        "first_answer_hours": round(median(firsts), 1) if firsts else None,
    }


def overdue(actor: User) -> QuerySet[Consultation]:
    """Questions escalated to the county because nobody answered within the working day."""
    return consultations_visible_to(actor, status=ConsultationStatus.OPEN).filter(
        escalated_at__isnull=False
    )


def clocks_due(now: datetime) -> QuerySet[Consultation]:
    """Open questions whose reminder or escalation is due (the sweep)."""
    return Consultation.objects.filter(status=ConsultationStatus.OPEN).filter(
        Q(reminded_at__isnull=True, remind_at__lte=now)
        | Q(escalated_at__isnull=True, first_answer_due__lte=now)
    )


def articles(*, q: str = "", species: str = "", topic: str = "") -> QuerySet[Article]:
    """The knowledge base (every account reads it)."""
    rows = Article.objects.all()
    if species:
        rows = rows.filter(species=species)
    if topic:
        rows = rows.filter(topic=topic)
    for word in q.split()[:5]:
        rows = rows.filter(Q(question__icontains=word) | Q(answer__icontains=word))
    return rows


# --- pairings ------------------------------------------------------------------------------


def pairings_visible_to(actor: User) -> QuerySet[Pairing]:
    return (
        Pairing.objects.visible_to(actor)
        .select_related("expert__account", "region", "farm")
        .annotate(visit_count=Count("visits"))
        .order_by("-starts_on", "-id")
    )


def pairing(actor: User, pairing_id: int) -> Pairing:
    found = pairings_visible_to(actor).filter(pk=pairing_id).first()
    if found is None:
        raise NotFound()
    return found


# --- training ------------------------------------------------------------------------------


def events_visible_to(actor: User, *, kind: str = "", region: str = "") -> QuerySet[TrainingEvent]:
    rows = (
        TrainingEvent.objects.visible_to(actor)
        .annotate(attendees=Count("attendance"))
        .order_by("-starts_at", "-id")
    )
    if kind:
        rows = rows.filter(kind=kind)
    if region:
        rows = rows.filter(within("region_id", region))
    return rows


def event(actor: User, event_id: int) -> TrainingEvent:
    found = events_visible_to(actor).filter(pk=event_id).first()
    if found is None:
        raise NotFound()
    return found


def event_by_key(key: str) -> TrainingEvent:
    """The event a sign-in QR code names (whoever scans it may sign in)."""
    found = TrainingEvent.objects.filter(sign_in_key=key).first()
    if found is None:
        raise NotFound()
    return found


def training_counts(
    region: str, first: date | None = None, last: date | None = None
) -> list[dict[str, Any]]:
    """Training per place under `region` for supervision (seed 002 §二(三)): per village or
    township of the attendees, the events they attended and the attendees, by kind."""
    rows = Attendance.objects.filter(within("village_id", region))
    if first:
        rows = rows.filter(event__starts_at__date__gte=first)
    if last:
        rows = rows.filter(event__starts_at__date__lte=last)
    return list(
        rows.values("village_id", "event__kind")
        .annotate(events=Count("event", distinct=True), attendees=Count("id"))
        .order_by("village_id", "event__kind")
    )


# --- market --------------------------------------------------------------------------------


def _area(region: str) -> str:
    """Prices are compared and summarised per county (a township reports for its county)."""
    level = regions.level_of(region)
    return regions.county_of(region) or region if level in {"township", "village"} else region


def recent_prices(commodity: str, region: str, on: date) -> list[Decimal]:
    """The published prices of the commodity in the region's county in the four weeks up to
    `on` (the outlier rule's reference)."""
    return list(
        PriceReport.objects.filter(
            within("region_id", _area(region)),
            commodity=commodity,
            date__gt=on - timedelta(days=RECENT_DAYS),
            date__lte=on,
        ).values_list("price", flat=True)
    )


def _week_prices(region: str, monday: date) -> dict[str, list[Decimal]]:
    prices: dict[str, list[Decimal]] = defaultdict(list)
    rows = PriceReport.objects.filter(
        within("region_id", region), date__gte=monday, date__lt=monday + timedelta(days=7)
    ).values_list("commodity", "price")
    for commodity, price in rows:
        prices[commodity].append(price)
    return prices


def bulletin(region: str, monday: date) -> list[rules.BulletinRow]:
    """The week's bulletin of a region: mean price per commodity, 环比 and 同比."""
    return rules.bulletin_rows(
        _week_prices(region, monday),
        _week_prices(region, monday - timedelta(weeks=1)),
        _week_prices(region, rules.same_week_last_year(monday)),
    )


def weekly_means(region: str, mondays: list[date]) -> dict[str, list[Decimal | None]]:
    """Each commodity's weekly mean over `mondays` (the bulletin's chart)."""
    weeks = [_week_prices(region, monday) for monday in mondays]
    codes = [code for code in rules.COMMODITIES if any(week.get(code) for week in weeks)]
    return {code: [rules.mean(week.get(code, [])) for week in weeks] for code in codes}


def prices_visible_to(
    actor: User, *, commodity: str = "", region: str = ""
) -> QuerySet[PriceReport]:
    rows = PriceReport.objects.visible_to(actor).select_related("region", "reported_by")
    if commodity:
        rows = rows.filter(commodity=commodity)
    if region:
        rows = rows.filter(within("region_id", region))
    return rows


def posts(*, region: str, kind: str = "", commodity: str = "", today: date | None = None):  # type: ignore[no-untyped-def]
    """The board of supply and demand posts in the region: not expired, not withdrawn."""
    today = today or timezone.localdate()
    rows = MarketPost.objects.filter(
        within("region_id", region), withdrawn=False, expires_on__gte=today
    ).select_related("region")
    if kind:
        rows = rows.filter(kind=kind)
    if commodity:
        rows = rows.filter(commodity=commodity)
    return rows


def home_area(actor: User) -> str:
    """The region whose market an account reads first: its county (or its own, above)."""
    return _area(actor.region_id) if actor.region_id else ""


def may_edit(actor: User, entry: Expert) -> bool:
    """The entry's own expert, or the county over it."""
    if entry.account_id == actor.pk:
        return can(actor, EDIT_OWN_ENTRY)
    return can(actor, MANAGE_EXPERTS, region=entry.account.region_id)
