"""Consultation pages: the phone form (photos), the list, one question with its answers and
the buttons its workflow gives, the expert's desk, the knowledge base, the photos."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from smartvet.consult import queries
from smartvet.consult.commands import AnswerIn, AskIn, CloseIn, HelpfulIn, SuspectIn
from smartvet.consult.models import ConsultationPhoto, ConsultationStatus, Species, Topic
from smartvet.consult.permissions import ANSWER, ASK, KNOWLEDGE, OVERSEE, VIEW
from smartvet.consult.services import consultations as services
from smartvet.consult.views.common import filters, form_data, paged, render_page
from smartvet.core.access import can, require, sees_own_farms_only
from smartvet.core.commands import parse
from smartvet.core.errors import DomainError
from smartvet.core.queries import region_label
from smartvet.core.species import CATEGORY_LABELS
from smartvet.core.spreadsheets import header_labels, xlsx_response
from smartvet.registry import queries as registry_queries
from smartvet.surveillance.models import Disease

CHOICES = {"species": Species.choices, "topics": Topic.choices}


def _farms(user):  # type: ignore[no-untyped-def]
    """The farms a question may be about: a farmer's own, a vaccinator's served farms."""
    served = not sees_own_farms_only(user)
    return registry_queries.farms_visible_to(user, served_only=served).order_by("name")[:200]


@login_required
def ask(request):
    require(request.user, ASK)
    error = None
    if request.method == "POST":
        uploads = [f.read() for f in request.FILES.getlist("photos")]
        try:
            consultation = services.ask(
                actor=request.user,
                command=parse(AskIn, form_data(request, optional=("farm",))),
                photo_files=uploads,
            )
        except DomainError as exc:
            error = exc
        else:
            return redirect("consult:detail", consultation.pk)
    values = request.POST or {"farm": request.GET.get("farm", "")}
    return render_page(
        request,
        "consult/ask.html",
        {"farms": _farms(request.user), "values": values, **CHOICES},
        error,
    )


HEADERS = [
    gettext_noop("编号"),
    gettext_noop("状态"),
    gettext_noop("畜种"),
    gettext_noop("问题类别"),
    gettext_noop("所在地"),
    gettext_noop("提问时间"),
    gettext_noop("首次答复时间"),
    gettext_noop("超时升级"),
    gettext_noop("评分"),
    gettext_noop("问题描述"),
]


def _rows(rows):  # type: ignore[no-untyped-def]
    for c in rows.iterator(chunk_size=2000):
        yield [
            c.pk,
            c.get_status_display(),
            c.get_species_display(),
            c.get_topic_display(),
            region_label(c.region_id),
            timezone.localtime(c.asked_at).strftime("%Y-%m-%d %H:%M"),
            timezone.localtime(c.first_answered_at).strftime("%Y-%m-%d %H:%M")
            if c.first_answered_at
            else "",
            _("是") if c.escalated_at else "",
            c.rating or "",
            c.question,
        ]


@login_required
def question_list(request):
    require(request.user, VIEW)
    params = filters(request, "status", "species", "topic", "q", "overdue")
    if params["overdue"] and can(request.user, OVERSEE):
        rows = queries.overdue(request.user)
    else:
        rows = queries.consultations_visible_to(
            request.user, **{k: params[k] for k in ("status", "species", "topic", "q")}
        )
    if request.GET.get("format") == "xlsx":
        return xlsx_response(_("在线咨询") + ".xlsx", header_labels(HEADERS), _rows(rows))
    return render_page(
        request,
        "consult/question_list.html",
        {**paged(request, rows, params), "statuses": ConsultationStatus.choices, **CHOICES},
    )


def _detail_page(request, consultation_id: int, error=None):  # type: ignore[no-untyped-def]
    require(request.user, VIEW)
    consultation = queries.consultation(request.user, consultation_id)
    may_report = (
        consultation.farm_id is not None
        and not consultation.report_id
        and can(request.user, "surveillance.report", consultation.farm)
    )
    return render_page(
        request,
        "consult/detail.html",
        {
            "c": consultation,
            "answers": queries.answers_of(consultation),
            "photos": consultation.photos.all(),
            "routed": queries.routed_to(consultation),
            "place": region_label(consultation.region_id),
            "may_report": may_report,
            "diseases": Disease.choices,
            "categories": CATEGORY_LABELS.items(),
            "today": timezone.localdate(),
            "values": request.POST,
            "ratings": range(5, 0, -1),
        },
        error,
    )


@login_required
def detail(request, consultation_id: int):
    return _detail_page(request, consultation_id)


def _act(request, consultation_id: int, write):  # type: ignore[no-untyped-def]
    try:
        write()
    except DomainError as exc:
        return _detail_page(request, consultation_id, exc)
    return redirect("consult:detail", consultation_id)


@require_POST
@login_required
def answer(request, consultation_id: int):
    return _act(
        request,
        consultation_id,
        lambda: services.answer(
            actor=request.user,
            consultation_id=consultation_id,
            command=parse(AnswerIn, form_data(request)),
        ),
    )


@require_POST
@login_required
def helpful(request, consultation_id: int):
    return _act(
        request,
        consultation_id,
        lambda: services.mark_helpful(
            actor=request.user,
            consultation_id=consultation_id,
            command=parse(HelpfulIn, form_data(request)),
        ),
    )


@require_POST
@login_required
def close(request, consultation_id: int):
    return _act(
        request,
        consultation_id,
        lambda: services.close(
            actor=request.user,
            consultation_id=consultation_id,
            command=parse(CloseIn, form_data(request, optional=("helpful",))),
        ),
    )


@require_POST
@login_required
def report(request, consultation_id: int):
    try:
        made = services.report_suspected(
            actor=request.user,
            consultation_id=consultation_id,
            command=parse(SuspectIn, form_data(request)),
        )
    except DomainError as exc:
        return _detail_page(request, consultation_id, exc)
    return redirect("surveillance:report", made.pk)


@login_required
def photo(request, photo_id: int, size: str):
    """A photo of a question the user may see (never a public media URL)."""
    row = get_object_or_404(ConsultationPhoto, pk=photo_id)
    queries.consultation(request.user, row.consultation_id)
    image = row.thumbnail if size == "thumb" else row.image
    return FileResponse(image.open("rb"), content_type="image/jpeg")


@login_required
def desk(request):
    """The expert's desk: the questions waiting for its answer first, then its figures."""
    require(request.user, ANSWER)
    return render_page(
        request,
        "consult/desk.html",
        {
            "waiting": queries.waiting_for(request.user)[:50],
            "figures": queries.expert_figures(request.user),
            "entry": queries.entry_of(request.user),
            "pairings": queries.pairings_visible_to(request.user).filter(
                expert__account=request.user
            )[:10],
            "now": timezone.now(),
        },
    )


@login_required
def knowledge(request):
    require(request.user, KNOWLEDGE)
    params = filters(request, "q", "species", "topic")
    rows = queries.articles(**params)
    return render_page(
        request, "consult/knowledge.html", {**paged(request, rows, params), **CHOICES}
    )
