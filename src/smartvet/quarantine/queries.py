"""Reads of quarantine and traceability, scoped to the actor; the public verification view;
`quarantined_counts` for the subsidy app; two actor-free reads of one county's certificates
for surveillance's sweep (`certificates_overdue_for_arrival`,
`certificates_used_outside_county`); two actor-free grouped reads of a region for
supervision's anomalies (`quarantined_counts_in`, `declared_counts_in`)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvet.core import regions
from smartvet.core.access import can, require, within
from smartvet.core.bounds import MAX_ID
from smartvet.core.errors import DomainError, NotFound
from smartvet.core.models import User
from smartvet.core.queries import accounts_who_may
from smartvet.eartags import codes as tag_codes
from smartvet.eartags import queries as eartag_queries
from smartvet.immunization import queries as immunization_queries
from smartvet.immunization.models import Disease
from smartvet.quarantine import hub, rules
from smartvet.quarantine.models import (
    TAG_REF,
    Certificate,
    CertificateStatus,
    CheckpointCheck,
    CheckResult,
    CrossProvinceReport,
    Declaration,
    DeclarationStatus,
    EntryOutcome,
    EntryStatus,
    EntryTag,
    SlaughterEntry,
    tag_ref,
)
from smartvet.quarantine.permissions import (
    CERTIFICATE,
    CHECK,
    DECIDE_ENTRY,
    FOLLOW,
    LIST_CHECKS,
    LIST_SLAUGHTER_ENTRIES,
    SLAUGHTER,
    TRACE,
    VIEW_CERTIFICATES,
    VIEW_DECLARATIONS,
)
from smartvet.registry import queries as registry_queries
from smartvet.registry.models import Farm

# --- declarations -----------------------------------------------------------------------------


def declarations_visible_to(
    actor: User, *, status: str = "", q: str = "", farm_id: int | None = None
) -> QuerySet[Declaration]:
    require(actor, VIEW_DECLARATIONS)
    queryset = (
        Declaration.objects.visible_to(actor)
        .with_ear_tags()
        .select_related("farm", "destination_region", "declared_by")
    )
    if status:
        queryset = queryset.filter(status=status)
    if farm_id:
        queryset = queryset.filter(farm_id=farm_id)
    if q:
        q = q.strip()
        queryset = queryset.filter(
            Q(farm__name__contains=q)
            | Q(farm__code__startswith=q)
            | Q(vehicle__contains=q)
            | Q(destination_place__contains=q)
        )
    return queryset


def declaration(actor: User, declaration_id: int) -> Declaration:
    require(actor, VIEW_DECLARATIONS)
    return Declaration.objects.select_related("farm", "destination_region").get_visible(
        actor, id=declaration_id
    )


def work_queue(actor: User) -> dict[str, int]:
    """The veterinary staff's queue of the region (the API's): see `work_queue_counts`."""
    require(actor, FOLLOW)
    return work_queue_counts(actor)


def work_queue_counts(actor: User) -> dict[str, int]:
    """What waits among the declarations the actor sees: acceptance, inspection, and
    certificates past validity without an arrival report (the vet's queue; a farmer's own)."""
    require(actor, VIEW_DECLARATIONS)
    counts = dict(
        Declaration.objects.visible_to(actor)
        .filter(status__in=rules.OPEN_DECLARATION)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    return {
        "submitted": counts.get("submitted", 0),
        "accepted": counts.get("accepted", 0),
        "overdue": _overdue(actor).count(),
    }


# --- certificates -----------------------------------------------------------------------------


def certificates_visible_to(
    actor: User, *, status: str = "", q: str = "", farm_id: int | None = None
) -> QuerySet[Certificate]:
    require(actor, VIEW_CERTIFICATES)
    queryset = Certificate.objects.visible_to(actor).with_ear_tags().select_related("farm")
    now = timezone.now()
    if status == CertificateStatus.EXPIRED:
        queryset = queryset.filter(status=CertificateStatus.VALID, valid_until__lt=now)
    elif status == CertificateStatus.VALID:
        queryset = queryset.filter(status=CertificateStatus.VALID, valid_until__gte=now)
    elif status:
        queryset = queryset.filter(status=status)
    if farm_id:
        queryset = queryset.filter(farm_id=farm_id)
    if q:
        q = q.strip()
        queryset = queryset.filter(
            Q(number__startswith=rules.normalize_number(q))
            | Q(farm__name__contains=q)
            | Q(vehicle__contains=q)
            | Q(destination_place__contains=q)
        )
    return queryset


def _certificate(actor: User, number: str) -> Certificate:
    return Certificate.objects.select_related(
        "farm", "declaration", "destination_farm"
    ).get_visible(actor, number=rules.normalize_number(number))


def certificate(actor: User, number: str) -> Certificate:
    require(actor, VIEW_CERTIFICATES)
    return _certificate(actor, number)


def printable_certificate(actor: User, number: str) -> Certificate:
    """The certificate, if `actor` may print it (the PDF of the paper form)."""
    found = _certificate(actor, number)
    CERTIFICATE.require(actor, found, "print")
    return found


def certificate_by_number(number: str) -> Certificate:
    """The certificate a number names, wherever it was issued: the number is unguessable, and
    whoever holds the paper may verify it (the public, a checkpoint on the road)."""
    number = rules.normalize_number(number)[:40]
    found = (
        Certificate.objects.select_related("farm", "origin_region", "destination_region")
        .filter(number=number)
        .first()
    )
    if found is None:
        found = _from_other_province(number)
    if found is None:
        raise NotFound(_("查无此检疫证明：请核对编号，或联系当地动物卫生监督机构"))
    return found


def _from_other_province(number: str) -> Certificate | None:
    """A number this province did not issue is looked up in the national hub's copy
    (read-only; marked `from_hub`)."""
    try:
        return hub.certificate(number)
    except hub.HubUnavailable:
        raise DomainError(
            "HUB_UNAVAILABLE",
            _(
                "本省查无此证明，全国数据中心暂时无法连接："
                "请稍后再查验，或联系签发地动物卫生监督机构"
            ),
            status=503,
        ) from None


def certificate_for_checkpoint(actor: User, number: str) -> Certificate:
    """A checkpoint checks vehicles from anywhere: it finds a certificate by its number; the
    others find the certificates of their region."""
    if can(actor, CHECK):
        return certificate_by_number(number)
    return certificate(actor, number)


def overdue_arrivals(actor: User) -> QuerySet[Certificate]:
    """Certificates past validity (plus the 24 hours of the arrival report) that are neither
    arrived nor revoked: to be followed up (DOMAIN.md §6)."""
    require(actor, VIEW_CERTIFICATES)
    return _overdue(actor)


def _overdue(actor: User) -> QuerySet[Certificate]:
    return _overdue_among(Certificate.objects.visible_to(actor), timezone.now())


def _overdue_among(certificates: QuerySet[Certificate], now: datetime) -> QuerySet[Certificate]:
    hours = rules.policy().get("ARRIVAL_HOURS", 24)
    limit = now - timedelta(hours=hours)
    # An arrival or slaughter entry another province reported (through the hub) is an
    # arrival too, as a slaughter entry here arrives the certificate.
    reported = CrossProvinceReport.objects.all()
    return (
        certificates.with_ear_tags()
        .filter(status=CertificateStatus.VALID, valid_until__lt=limit)
        .exclude(number__in=reported.values("certificate_number"))
        .select_related("farm")
        .order_by("valid_until")
    )


# --- for system jobs (surveillance's hourly sweep): no actor, one county's facts -------------


def certificates_overdue_for_arrival(*, county: str, now: datetime) -> list[Certificate]:
    """The certificates issued in `county` (the origin farm's) that are past validity plus the
    arrival report's hours, neither arrived nor revoked, as of `now`. For a system job: it
    reads without an actor, so its caller must show the result only to whom may see it."""
    return list(_overdue_among(Certificate.objects.filter(within("farm__region_id", county)), now))


def certificates_used_outside_county(*, county: str, since: datetime) -> list[Certificate]:
    """The certificates issued in `county` (the origin farm's) that were checked at a
    checkpoint or presented at a slaughterhouse since `since` in a county that is neither the
    origin's nor the destination's: the paper, or the tags on it, turning up where the journey
    it was issued for does not go (《畜禽标识和养殖档案管理办法》). The place of a check is its
    checkpoint account's region, of an entry its slaughterhouse's. For a system job, as
    `certificates_overdue_for_arrival`; each certificate once, oldest use first."""
    issued_here = within("certificate__farm__region_id", county)
    uses = [
        (check.at, check.certificate, check.checked_by.region_id)
        for check in CheckpointCheck.objects.filter(issued_here, at__gte=since).select_related(
            "certificate", "checked_by"
        )
    ] + [
        (entry.at, entry.certificate, entry.slaughterhouse.region_id)
        for entry in SlaughterEntry.objects.filter(issued_here, at__gte=since).select_related(
            "certificate", "slaughterhouse"
        )
    ]
    found: dict[int, Certificate] = {}
    for _at, cert, place in sorted(uses, key=lambda use: use[0]):
        journey = {county, regions.county_of(cert.destination_region_id)}
        if regions.county_of(place) not in journey:
            found.setdefault(cert.pk, cert)
    return list(found.values())


def _local_days(start: date, end: date) -> tuple[datetime, datetime]:
    """[start, end] in local dates as the half-open span of times they cover."""
    tz = timezone.get_current_timezone()
    since = datetime.combine(start, time.min, tzinfo=tz)
    return since, datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz)


def _quarantined(certificates: QuerySet[Certificate], start: date, end: date) -> QuerySet:
    since, until = _local_days(start, end)
    return (
        certificates.filter(issued_at__gte=since, issued_at__lt=until)
        .exclude(status=CertificateStatus.REVOKED)
        .annotate(n=Sum("quantity"))
        .order_by()
    )


def quarantined_counts(farm: Farm, start: date, end: date) -> dict[str, int]:
    """Animals per category on the farm's certificates issued in [start, end] (local dates),
    revoked ones excluded — the origin-quarantine count of the 先打后补 subsidy. For the
    subsidy app's counting, on a farm it has already authorised."""
    rows = _quarantined(Certificate.objects.filter(farm=farm).values("category"), start, end)
    return {row["category"]: int(row["n"] or 0) for row in rows}


def quarantined_counts_in(region: str, start: date, end: date) -> dict[tuple[int, str], int]:
    """`quarantined_counts` of every farm under `region` at once, by (farm id, category): one
    grouped query, for supervision's "subsidy counts above quarantine counts", which already
    authorised the region."""
    farms = Certificate.objects.filter(within("farm__region_id", region))
    rows = _quarantined(farms.values("farm_id", "category"), start, end)
    return {(row["farm_id"], row["category"]): int(row["n"] or 0) for row in rows}


def declared_counts_in(region: str, start: date, end: date) -> list[dict[str, Any]]:
    """Animals declared for quarantine in [start, end] (local dates of declaration) per farm
    under `region` and category, declarations refused at acceptance excluded: one grouped
    query, for supervision's "declared above stock", which already authorised the region.
    Rows: farm_id, farm__name, farm__region_id, category, n."""
    since, until = _local_days(start, end)
    return list(
        Declaration.objects.filter(within("farm__region_id", region))
        .filter(declared_at__gte=since, declared_at__lt=until)
        .exclude(status=DeclarationStatus.REJECTED)
        .values("farm_id", "farm__name", "farm__region_id", "category")
        .annotate(n=Sum("quantity"))
        .order_by("farm__region_id", "farm_id", "category")
    )


def checks_of(certificate: Certificate) -> QuerySet[CheckpointCheck]:
    """The checks made of a certificate the caller found: one of another province (from the
    hub) by its number, since this province holds no row of it."""
    if getattr(certificate, "from_hub", False):
        return CheckpointCheck.objects.filter(
            certificate=None, certificate_number=certificate.number
        )
    return certificate.checks.all()


def checks_visible_to(actor: User) -> QuerySet[CheckpointCheck]:
    """A checkpoint lists the checks it made (of certificates from anywhere); the others the
    checks of the certificates they see."""
    require(actor, LIST_CHECKS)
    queryset = CheckpointCheck.objects.select_related("certificate")
    if can(actor, CHECK):
        return queryset.filter(checked_by=actor)
    return queryset.filter(certificate__in=Certificate.objects.visible_to(actor))


def slaughter_entries_visible_to(actor: User) -> QuerySet[SlaughterEntry]:
    """A slaughterhouse lists the entries it recorded; the others the entries of their region
    (the origin's, the slaughterhouse's)."""
    require(actor, LIST_SLAUGHTER_ENTRIES)
    queryset = SlaughterEntry.objects.select_related("certificate").prefetch_related("tags")
    if can(actor, SLAUGHTER):
        return queryset.filter(slaughterhouse=actor)
    return queryset.visible_to(actor)


def slaughter_entry(actor: User, entry_id: int) -> SlaughterEntry:
    require(actor, LIST_SLAUGHTER_ENTRIES)
    return (
        SlaughterEntry.objects.select_related(
            "certificate", "certificate__farm", "certificate__declaration", "slaughterhouse"
        )
        .prefetch_related("tags", "decisions__decided_by")
        .get_visible(actor, id=entry_id)
    )


def entries_to_decide(actor: User) -> QuerySet[SlaughterEntry]:
    """The batches held at the slaughterhouses the actor is the resident vet of, oldest
    first (quarantine.permissions.DECIDE_ENTRY)."""
    require(actor, DECIDE_ENTRY)
    return (
        SlaughterEntry.objects.visible_to(actor)
        .filter(within("slaughterhouse__region_id", actor.region_id))
        .filter(status__in=rules.ENTRY_TRANSITIONS)
        .select_related("certificate", "slaughterhouse")
        .prefetch_related("tags")
        .order_by("at")
    )


def place_name(account: User) -> str:
    """How a registered place (a slaughterhouse's account) is named on papers and pages."""
    return account.organization or account.display_name or account.username


def _takes_animals_in(region: str) -> QuerySet[User]:
    """The accounts of 定点屠宰场 within `region` (they may take animals in) that name their
    organization: a place."""
    return accounts_who_may(SLAUGHTER, region=region).exclude(organization="")


def slaughterhouses(actor: User) -> list[User]:
    """The 定点屠宰场 a declaration may name as its destination: the registered ones of the
    actor's province (one place, one spelling, wherever it is named)."""
    province = regions.NATION if actor.region_id == regions.NATION else actor.region_id[:2]
    return list(_takes_animals_in(province).order_by("region_id", "organization"))


def slaughterhouse_named(region: str, name: str) -> User | None:
    """The registered slaughterhouse within `region` named exactly `name`, if there is one."""
    if not region or not name:
        return None
    return _takes_animals_in(region).filter(organization=name).first()


def _today_start() -> datetime:
    return timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)


def todays_entries(actor: User) -> dict[str, int]:
    """A slaughterhouse's figures of today, for its home page: entries, animals, mismatches."""
    entries = slaughter_entries_visible_to(actor).filter(at__gte=_today_start())
    totals = entries.aggregate(animals=Sum("slaughtered"), entries=Count("id"))
    return {
        "entries": totals["entries"],
        "animals": totals["animals"] or 0,
        "mismatched": entries.filter(reconciled=False).count(),
    }


def todays_checks(actor: User) -> dict[str, int]:
    """A checkpoint's figures of today, for its home page: checks and problems found."""
    checks = checks_visible_to(actor).filter(at__gte=_today_start())
    return {
        "checks": checks.count(),
        "problems": checks.exclude(result=CheckResult.PASS).count(),
    }


DISEASE_LABELS = dict(Disease.choices)

# --- trace ------------------------------------------------------------------------------------


def _aware(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    if isinstance(value, date):
        return datetime.combine(value, time.min, tzinfo=timezone.get_current_timezone())
    if isinstance(value, str):
        try:
            return _aware(datetime.fromisoformat(value))
        except ValueError:
            return _aware(date.fromisoformat(value[:10]))
    raise TypeError(value)


def _event(at: Any, kind: str, **detail: Any) -> dict[str, Any]:
    return {"at": _aware(at), "kind": kind, **detail}


# Ear-tag events that this app tells itself, with more detail.
OWN_KINDS = {"claimed", "released", "in_transit", "arrived"}


def tag_trace(actor: User, code: str) -> dict[str, Any]:
    """A tag's whole life in time order (DOMAIN.md §6): the ear-tag app's events (registered,
    issued, fitted, ..., cancelled), the immunizations of the farms that held it, and the
    declarations, certificates, checkpoint checks, arrivals and slaughter it went through."""
    require(actor, TRACE)
    code = tag_codes.parse_code(code)
    if actor.region_id != "CN" and not rules.overlaps(code[1:7], actor.region_id):
        raise NotFound()
    events: list[dict[str, Any]] = []
    for item in eartag_queries.tag_events(actor, code):
        if item["kind"] in OWN_KINDS and str(item.get("ref", "")).startswith(TAG_REF):
            continue  # told below, with the declaration and certificate they belong to
        detail = {k: v for k, v in item.items() if k not in {"at", "kind"}}
        events.append(_event(item["at"], item["kind"], source="eartags", **detail))
    listed = [
        int(ref.removeprefix(TAG_REF))
        for ref in eartag_queries.refs_listing(actor, code)
        if ref.startswith(TAG_REF)
    ]
    declarations = (
        Declaration.objects.filter(pk__in=listed)
        .select_related("farm", "certificate")
        .order_by("declared_at")
    )
    category = None
    farms: dict[int, tuple[Farm, datetime]] = {}
    for dec in declarations:
        category = dec.category
        farms.setdefault(dec.farm_id, (dec.farm, dec.declared_at))
        events.append(
            _event(
                dec.declared_at,
                "declared",
                declaration=dec.pk,
                farm=dec.farm.name,
                farm_code=dec.farm.code,
                detail=_("申报检疫：%(q)d") % {"q": dec.quantity},
            )
        )
        if dec.status == DeclarationStatus.REJECTED:
            events.append(
                _event(
                    dec.accepted_at or dec.declared_at,
                    "rejected",
                    declaration=dec.pk,
                    detail=dec.rejection_reason,
                )
            )
        if dec.status == DeclarationStatus.FAILED:
            events.append(
                _event(dec.inspected_at, "failed", declaration=dec.pk, detail=dec.handling)
            )
        cert = getattr(dec, "certificate", None) if dec.status == "certified" else None
        if cert is None:
            continue
        events.append(
            _event(
                cert.issued_at,
                "certified",
                certificate=cert.number,
                detail=_("出具检疫证明，有效期至%(d)s")
                % {"d": timezone.localtime(cert.valid_until).date().isoformat()},
            )
        )
        for check in cert.checks.all():
            events.append(
                _event(
                    check.at,
                    "checked",
                    certificate=cert.number,
                    detail=f"{check.checkpoint_name} {check.get_result_display()}",
                )
            )
        if cert.arrived_at:
            events.append(
                _event(
                    cert.arrived_at,
                    "arrived",
                    certificate=cert.number,
                    detail=cert.destination_place,
                )
            )
        if cert.revoked_at:
            events.append(
                _event(
                    cert.revoked_at,
                    "revoked",
                    certificate=cert.number,
                    detail=cert.revocation_reason,
                )
            )
    seen_at = EntryTag.objects.filter(code=code).select_related("entry__certificate")
    for seen in seen_at.prefetch_related("entry__decisions").order_by("entry__at"):
        events.extend(_entry_events(seen))
    events.extend(_immunizations(farms, category))
    events.sort(key=lambda e: e["at"])
    return {"code": code, "events": events}


def _immunizations(farms: dict[int, tuple[Farm, datetime]], category: str | None) -> list:
    """The immunizations of the tag's animal: those of its category on the farms that held
    it, until it was declared, dated by the day of vaccination."""
    events = []
    for farm, until in farms.values():
        for item in immunization_queries.farm_immunizations(farm, until=until):
            if item["category"] != category:
                continue
            disease = str(DISEASE_LABELS.get(item["disease"], item["disease"]))
            events.append(
                _event(
                    _vaccinated_at(item),
                    "immunized",
                    on=item["date"],
                    farm=farm.name,
                    farm_code=farm.code,
                    disease=item["disease"],
                    detail=disease,
                )
            )
    return events


def _vaccinated_at(item: dict[str, Any]) -> datetime:
    """Where an immunization stands in the tag's life: on the day of vaccination (a record
    entered later is back-dated to it), at the time it was entered when that was the day."""
    entered = _aware(item["at"])
    if timezone.localdate(entered) == item["date"]:
        return entered
    return _aware(item["date"])


# What admitting a held batch means for each of its tags, by how the tag compared at entry.
_ADMITTED = {
    EntryOutcome.MATCHED: "slaughtered",
    EntryOutcome.MISSING: "missing",  # cancelled as lost
    EntryOutcome.EXTRA: "turned_away",  # not on the certificate: its animal was not taken in
}


def _decided_kind(status: str, outcome: str) -> str:
    if status == EntryStatus.ADMITTED:
        return _ADMITTED[outcome]
    return "refused_entry" if status == EntryStatus.REFUSED else "investigating"


def _entry_events(seen: EntryTag) -> list[dict[str, Any]]:
    """A tag at a slaughter entry: slaughtered at once when the batch matched its
    certificate; else held (saying how the tag compared), then each decision of the
    resident vet as it bears on this tag."""
    entry, number = seen.entry, seen.entry.certificate.number
    place = entry.certificate.destination_place
    if entry.status == EntryStatus.SLAUGHTERED:
        return [_event(entry.at, "slaughtered", certificate=number, detail=place)]
    outcome = EntryOutcome(seen.outcome).label
    events = [
        _event(
            entry.at,
            "held",
            certificate=number,
            detail=_("%(outcome)s，待驻场官方兽医处理") % {"outcome": outcome},
        )
    ]
    for decision in entry.decisions.all():
        events.append(
            _event(
                decision.at,
                _decided_kind(decision.status, seen.outcome),
                certificate=number,
                detail=decision.notes or place,
            )
        )
    return events


def certificate_tags(actor: User, number: str) -> list[dict[str, Any]]:
    """A certificate's tags, each with its current status."""
    require(actor, TRACE)
    cert = _certificate(actor, number)
    return eartag_queries.listed_tag_states(tag_ref(cert.declaration_id))


def _movement(cert: Certificate, depth: int) -> dict[str, Any]:
    return {
        "certificate": cert.number,
        "status": cert.current_status,
        "issued_at": cert.issued_at,
        "arrived_at": cert.arrived_at,
        "depth": depth,
        "category": cert.category,
        "quantity": cert.quantity,
        "received_quantity": cert.received_quantity,
        "from_farm": {
            "id": cert.farm_id,
            "name": cert.farm.name,
            "code": cert.farm.code,
            "region": cert.farm.region_id,
        },
        "to": {
            "farm": (
                {
                    "id": cert.destination_farm_id,
                    "name": cert.destination_farm.name,
                    "code": cert.destination_farm.code,
                    "region": cert.destination_farm.region_id,
                }
                if cert.destination_farm_id
                else None
            ),
            "kind": cert.destination_kind,
            "region": cert.destination_region_id,
            "place": cert.destination_place,
        },
    }


def farms_to_trace(actor: User, text: str) -> list[Farm]:
    """The farms a person means when tracing (issue 10 point 5): by the 14-digit code on its
    card or by its name, within reach; the farm page's own link names it by its id (digits
    that are no farm's code). NotFound when none is meant; several: the person picks one."""
    require(actor, TRACE)
    digits = "".join(text.split())
    if digits.isdigit():
        try:
            return [registry_queries.farm_by_code(actor, digits)]
        except NotFound:
            if int(digits) > MAX_ID:
                raise
            return [registry_queries.farm(actor, int(digits))]
    found = registry_queries.farms_named(actor, text)
    if not found:
        raise NotFound(_("没有编码或名称为“%(text)s”的养殖场户") % {"text": text})
    return found


MAX_MOVEMENTS = 2000
MAX_DEPTH = 10


def _leaving(base: QuerySet, frontier: dict[int, datetime], forward: bool) -> QuerySet:
    """The certificates that may carry animals on from the frontier's farms (forward) or
    that brought animals into them (backward), in the order the chain is walked."""
    if forward:
        return base.filter(farm_id__in=list(frontier), issued_at__gte=min(frontier.values()))
    return base.filter(
        destination_farm_id__in=list(frontier), issued_at__lte=max(frontier.values())
    )


def farm_movements(
    actor: User,
    farm_id: int,
    *,
    direction: str = "forward",
    days: int = 30,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Every movement from the farm (forward: where its animals went, and on from there) or
    into it (backward: where they came from, and before that) within N days — the chain an
    outbreak investigation follows, and the farms and places it must visit. The chain keeps
    to time order: forward, a farm passes the disease on only after the animals reached it;
    backward, only what came in before the animals left counts."""
    require(actor, TRACE)
    start_farm = registry_queries.farm(actor, farm_id)
    max_days = rules.policy().get("TRACE_MAX_DAYS", 365)
    if direction not in {"forward", "backward"} or not 1 <= days <= max_days:
        raise DomainError(
            "VALIDATION_ERROR", _("方向应为forward或backward，天数为1至%(n)d") % {"n": max_days}
        )
    forward = direction == "forward"
    end = now or timezone.now()
    since = end - timedelta(days=days)
    # Not scoped to the actor's region: the animals of a farm the actor sees travel on beyond
    # it, and an outbreak investigation must follow them wherever they went (TRACE).
    base = (
        Certificate.objects.exclude(status=CertificateStatus.REVOKED)
        .filter(issued_at__gte=since, issued_at__lte=end)
        .select_related("farm", "destination_farm")
        .order_by("issued_at" if forward else "-issued_at")
    )
    movements: list[dict[str, Any]] = []
    seen_certs: set[int] = set()
    visit: dict[Any, dict[str, Any]] = {}
    # farm -> the time from which (forward) or until which (backward) its movements count
    bound: dict[int, datetime] = {start_farm.pk: since if forward else end}
    # One query per step of the chain (not per farm): the farms reached at this step with
    # their bounds, their certificates fetched together and filtered by each farm's bound.
    frontier = dict(bound)
    depth = 0
    while frontier and len(movements) < MAX_MOVEMENTS:
        reached: dict[int, datetime] = {}
        for cert in _leaving(base, frontier, forward)[: MAX_MOVEMENTS - len(movements)]:
            limit = frontier[cert.farm_id if forward else cert.destination_farm_id]
            in_time = cert.issued_at >= limit if forward else cert.issued_at <= limit
            if not in_time or cert.pk in seen_certs:
                continue
            seen_certs.add(cert.pk)
            movements.append(_movement(cert, depth + 1))
            other = cert.destination_farm if forward else cert.farm
            if other is None:
                visit.setdefault(
                    (cert.destination_region_id, cert.destination_place),
                    {
                        "farm": None,
                        "name": cert.destination_place,
                        "region": cert.destination_region_id,
                        "kind": cert.destination_kind,
                        "depth": depth + 1,
                    },
                )
                continue
            visit.setdefault(
                other.pk,
                {
                    "farm": other.pk,
                    "name": other.name,
                    "code": other.code,
                    "region": other.region_id,
                    "kind": "farm",
                    "depth": depth + 1,
                },
            )
            known = bound.get(other.pk)
            earlier = known is None or (
                cert.issued_at < known if forward else cert.issued_at > known
            )
            if earlier and depth + 1 < MAX_DEPTH:
                bound[other.pk] = reached[other.pk] = cert.issued_at
        frontier = reached
        depth += 1
    movements.sort(key=lambda m: m["issued_at"])
    visit.pop(start_farm.pk, None)
    return {
        "farm": {"id": start_farm.pk, "name": start_farm.name, "code": start_farm.code},
        "direction": direction,
        "days": days,
        "movements": movements,
        "visit": list(visit.values()),
    }


def checks_made_in(region: str) -> QuerySet[CheckpointCheck]:
    """Checks made by the checkpoints of a region (where a violation on the road is found and
    handled), with their certificates. For enforcement, which scopes its own desk by its own
    permissions and the region."""
    return CheckpointCheck.objects.filter(within("checked_by__region_id", region)).select_related(
        "certificate", "checked_by"
    )
