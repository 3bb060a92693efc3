"""Consultations (在线咨询): a farmer, or a vaccinator for a farmer, asks with photos; the
question is pushed to the experts whose speciality and region fit; several may answer; the
farmer marks the most helpful answer and rates; the closed question, personal data removed,
joins the knowledge base. A first-answer clock runs in working hours: the experts are reminded,
and a question nobody answered within the working day goes to the county.

The clock never depends on one background task surviving: each due time enqueues a check
(django-tasks, `run_after`) and `smartvet consult_sweep` handles whatever is due, so a lost task
only delays a reminder to the next sweep.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import default_task_backend, task

from smartvet.consult import queries, rules
from smartvet.consult.commands import AnswerIn, AskIn, CloseIn, HelpfulIn, SuspectIn
from smartvet.consult.models import (
    Answer,
    Article,
    Consultation,
    ConsultationPhoto,
    ConsultationStatus,
    Routing,
)
from smartvet.consult.permissions import ASK, CONSULTATION
from smartvet.core import ledger, photos, workdays
from smartvet.core.access import require, sees_own_farms_only
from smartvet.core.errors import DomainError, Problem
from smartvet.core.models import User
from smartvet.core.workflow import move
from smartvet.core.working_hours import WorkingHours, add_working_time
from smartvet.registry import queries as registry_queries
from smartvet.surveillance import sms
from smartvet.surveillance.commands import ReportIn
from smartvet.surveillance.models import Report
from smartvet.surveillance.services import reports as surveillance_reports

HOURS = WorkingHours.parse(rules.WORKING_HOURS)


def _refuse(code: str, message: str, field: str) -> DomainError:
    return DomainError.from_problems([Problem(code, message, {"field": field})])


def clock(start: datetime) -> tuple[datetime, datetime]:
    """When the experts are reminded and when the first answer is due, in working hours."""
    local = timezone.localtime(start).replace(tzinfo=None)
    overrides = workdays.overrides()

    def after(hours: int) -> datetime:
        return timezone.make_aware(
            add_working_time(local, timedelta(hours=hours), HOURS, overrides)
        )

    return after(rules.REMIND_HOURS), after(rules.ANSWER_HOURS)


@task()
def check_clock(consultation_id: int) -> None:
    """Run at the reminder's and at the first answer's due time."""
    remind_or_escalate(consultation_id)


def _schedule(consultation: Consultation) -> None:
    """Enqueue the checks once the transaction commits; a backend that cannot defer (the
    tests' immediate one) leaves them to the sweep."""
    if not default_task_backend.supports_defer:
        return
    for due in (consultation.remind_at, consultation.first_answer_due):
        transaction.on_commit(
            lambda due=due: check_clock.using(run_after=due).enqueue(consultation.pk),
            robust=True,
        )


def _clean_photos(uploads: list[bytes]) -> list[photos.CleanPhoto]:
    if len(uploads) > rules.MAX_PHOTOS:
        raise photos.too_many(len(uploads), rules.MAX_PHOTOS)
    return [
        photos.clean(data, index=i, max_bytes=rules.MAX_PHOTO_BYTES)
        for i, data in enumerate(uploads)
    ]


def _store_photo(consultation: Consultation, index: int, photo: photos.CleanPhoto) -> None:
    row = ConsultationPhoto(consultation=consultation, width=photo.width, height=photo.height)
    name = f"c{consultation.pk}-{index + 1}"
    row.image.save(f"{name}.jpg", ContentFile(photo.image), save=False)
    row.thumbnail.save(f"{name}-t.jpg", ContentFile(photo.thumbnail), save=False)
    row.save()


def _place(actor: User, command: AskIn):  # type: ignore[no-untyped-def]
    """The farm (authorised), the farmer the question is for, and its place."""
    if command.farm is not None:
        farm = registry_queries.farm(actor, command.farm)
        require(actor, ASK, farm)
        return farm, farm.owner, farm.region_id
    if not sees_own_farms_only(actor):
        raise _refuse("VALIDATION_ERROR", _("请选择为哪个养殖场户提问"), "farm")
    return None, actor, actor.region_id


@transaction.atomic(durable=True)
def ask(*, actor: User, command: AskIn, photo_files: list[bytes] | None = None) -> Consultation:
    """提问: the question with its photos (cleaned of location), pushed to the experts who fit."""
    require(actor, ASK)
    farm, farmer, region = _place(actor, command)
    cleaned = _clean_photos(photo_files or [])
    remind_at, due = clock(timezone.now())
    consultation = Consultation.objects.create(
        farmer=farmer,
        asked_by=actor,
        farm=farm,
        region_id=region,
        species=command.species,
        topic=command.topic,
        question=command.question,
        remind_at=remind_at,
        first_answer_due=due,
    )
    for index, photo in enumerate(cleaned):
        _store_photo(consultation, index, photo)
    experts = queries.experts_fitting(species=command.species, topic=command.topic, region=region)
    Routing.objects.bulk_create(Routing(consultation=consultation, expert=e) for e in experts)
    ledger.record(
        actor=actor,
        action="consultation.asked",
        obj=consultation,
        region=region,
        summary={
            "species": command.species,
            "topic": command.topic,
            "photos": len(cleaned),
            "routed": [e.username for e in experts],
        },
    )
    _schedule(consultation)
    _notify_on_commit(
        experts,
        _("您有一条新的养殖咨询（%(topic)s），请登录智慧兽医解答。")
        % {"topic": consultation.get_topic_display()},
    )
    return consultation


def _notify_on_commit(experts: list[User], text: str) -> None:
    """A text message to each expert's phone once the question is stored (the county's SMS
    gateway, or the log when none is configured); a failed message never undoes the write."""
    phones = [e.phone for e in experts if e.phone]

    def send() -> None:
        gateway = sms.backend()
        for phone in phones:
            gateway.send(phone, text)

    if phones:
        transaction.on_commit(send, robust=True)


def _for_update(actor: User, consultation_id: int) -> Consultation:
    found = queries.consultation(actor, consultation_id)
    locked = Consultation.objects.select_for_update().get(pk=found.pk)
    locked.farm, locked.region = found.farm, found.region
    return locked


@transaction.atomic(durable=True)
def answer(*, actor: User, consultation_id: int, command: AnswerIn) -> Answer:
    """解答: any expert who reaches the question's place may answer, several may."""
    consultation = _for_update(actor, consultation_id)
    CONSULTATION.require(actor, consultation, "answer")
    now = timezone.now()
    reply = Answer.objects.create(consultation=consultation, expert=actor, body=command.body)
    if consultation.status == ConsultationStatus.OPEN:
        move(
            consultation,
            to=ConsultationStatus.ANSWERED,
            transitions=rules.TRANSITIONS,
            first_answered_at=now,
        )
    ledger.record(
        actor=actor,
        action="consultation.answered",
        obj=consultation,
        region=consultation.region_id,
        summary={"answer": reply.pk, "late": now > consultation.first_answer_due},
    )
    return reply


def _mark(consultation: Consultation, answer_id: int) -> Answer:
    chosen = consultation.answers.filter(pk=answer_id).first()
    if chosen is None:
        raise _refuse("VALIDATION_ERROR", _("没有这条解答"), "answer")
    consultation.answers.exclude(pk=chosen.pk).update(helpful=False)
    Answer.objects.filter(pk=chosen.pk).update(helpful=True)
    chosen.helpful = True
    return chosen


@transaction.atomic(durable=True)
def mark_helpful(*, actor: User, consultation_id: int, command: HelpfulIn) -> Answer:
    """采纳: the farmer marks the answer that helped most."""
    consultation = _for_update(actor, consultation_id)
    CONSULTATION.require(actor, consultation, "mark_helpful")
    chosen = _mark(consultation, command.answer)
    ledger.record(
        actor=actor,
        action="consultation.helpful",
        obj=consultation,
        region=consultation.region_id,
        summary={"answer": chosen.pk, "expert": chosen.expert.username},
    )
    return chosen


def _publish(consultation: Consultation, chosen: Answer) -> Article:
    """The question and its best answer, without personal data, into the knowledge base."""
    names = [
        getattr(consultation.farmer, "display_name", ""),
        getattr(consultation.farm, "name", ""),
        getattr(consultation.farm, "owner_name", ""),
        consultation.asked_by.display_name,
    ]
    return Article.objects.create(
        consultation=consultation,
        species=consultation.species,
        topic=consultation.topic,
        question=rules.scrub(consultation.question, names),
        answer=rules.scrub(chosen.body, names),
        expert_name=str(chosen.expert),
    )


@transaction.atomic(durable=True)
def close(*, actor: User, consultation_id: int, command: CloseIn) -> Consultation:
    """评价: the farmer rates (and may mark the most helpful answer); the question closes and
    joins the knowledge base."""
    consultation = _for_update(actor, consultation_id)
    CONSULTATION.require(actor, consultation, "close")
    if command.helpful is not None:
        _mark(consultation, command.helpful)
    chosen = consultation.answers.filter(helpful=True).first() or consultation.answers.first()
    move(
        consultation,
        to=ConsultationStatus.CLOSED,
        transitions=rules.TRANSITIONS,
        rating=command.rating,
        closed_at=timezone.now(),
    )
    article = _publish(consultation, chosen)
    ledger.record(
        actor=actor,
        action="consultation.closed",
        obj=consultation,
        region=consultation.region_id,
        summary={"rating": command.rating, "helpful": chosen.pk, "article": article.pk},
    )
    return consultation


@transaction.atomic(durable=True)
def remind_or_escalate(consultation_id: int, *, now: datetime | None = None) -> str:
    """The first-answer clock (the system acts: the ledger names no person). Past the reminder
    time the pushed experts are reminded; past the working day the question goes to the county:
    every available expert serving the county receives it and the county's desk sees it.
    Returns what it did: "reminded", "escalated" or ""."""
    now = now or timezone.now()
    consultation = Consultation.objects.select_for_update().filter(pk=consultation_id).first()
    if consultation is None or consultation.status != ConsultationStatus.OPEN:
        return ""
    if consultation.escalated_at is None and now >= consultation.first_answer_due:
        return _escalate(consultation, now)
    if consultation.reminded_at is None and now >= consultation.remind_at:
        Consultation.objects.filter(pk=consultation.pk).update(reminded_at=now)
        ledger.record(
            actor=None,
            action="consultation.reminded",
            obj=consultation,
            region=consultation.region_id,
            summary={"experts": consultation.routings.count()},
        )
        return "reminded"
    return ""


def _escalate(consultation: Consultation, now: datetime) -> str:
    already = set(consultation.routings.values_list("expert_id", flat=True))
    added = [e for e in queries.county_experts(consultation.region_id) if e.pk not in already]
    Routing.objects.bulk_create(
        Routing(consultation=consultation, expert=e, escalation=True) for e in added
    )
    _notify_on_commit(added, _("一条养殖咨询超时未获解答，已升级至县级，请登录智慧兽医解答。"))
    Consultation.objects.filter(pk=consultation.pk).update(
        escalated_at=now, reminded_at=consultation.reminded_at or now
    )
    ledger.record(
        actor=None,
        action="consultation.escalated",
        obj=consultation,
        region=consultation.region_id,
        summary={"experts": len(added)},
    )
    return "escalated"


def sweep(*, now: datetime | None = None) -> int:
    """Remind or escalate every open question whose clock is due (each in its own
    transaction); returns how many were handled."""
    now = now or timezone.now()
    ids = list(queries.clocks_due(now).values_list("id", flat=True))
    return sum(bool(remind_or_escalate(pk, now=now)) for pk in ids)


# --- a suspected notifiable disease becomes a surveillance report ----------------------------


def report_suspected(*, actor: User, consultation_id: int, command: SuspectIn) -> Report:
    """转为疫情报告: the surveillance app's own durable service writes the report (with the
    question's photos and its words as the signs), then the consultation is linked to it. The
    surveillance service checks who may report for the farm."""
    consultation = queries.consultation(actor, consultation_id)
    if consultation.report_id:
        raise _refuse("ALREADY_REPORTED", _("该咨询已转为疫情报告"), "consultation")
    if consultation.farm_id is None:
        raise _refuse("VALIDATION_ERROR", _("未关联养殖场户的咨询不能转为疫情报告"), "farm")
    report = surveillance_reports.submit_report(
        actor=actor,
        command=ReportIn(
            kind="suspected_outbreak",
            farm=consultation.farm_id,
            category=command.category,
            at_risk=command.at_risk,
            sick=command.sick,
            dead=command.dead,
            onset_date=command.onset_date,
            disease=command.disease,
            signs=consultation.question[:500],
            notes=_("来自在线咨询 #%(id)s") % {"id": consultation.pk},
        ),
        photo_files=[_read(p.image) for p in consultation.photos.all()],
    )
    _link_report(actor, consultation, report)
    return report


def _read(field) -> bytes:  # type: ignore[no-untyped-def]
    with field.open("rb") as handle:
        return handle.read()


@transaction.atomic(durable=True)
def _link_report(actor: User, consultation: Consultation, report: Report) -> None:
    Consultation.objects.filter(pk=consultation.pk).update(report_id=report.pk)
    consultation.report_id = report.pk
    ledger.record(
        actor=actor,
        action="consultation.reported",
        obj=consultation,
        region=consultation.region_id,
        summary={"report": report.pk, "disease": report.disease},
    )
