"""Training pages: the events (with the organiser's form), one event with its sign-in QR code,
attendance list (export) and materials, and the page the QR code opens on a phone."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from smartvet.consult import queries
from smartvet.consult.commands import AttendeeIn, MaterialIn, TrainingIn
from smartvet.consult.models import Material, TrainingKind
from smartvet.consult.permissions import SIGN_IN, TRAIN, VIEW_TRAINING
from smartvet.consult.services import training as services
from smartvet.consult.views.common import filters, form_data, paged, render_page
from smartvet.core import qr
from smartvet.core.access import can, require
from smartvet.core.commands import parse
from smartvet.core.errors import DomainError
from smartvet.core.queries import region_label
from smartvet.core.spreadsheets import header_labels, xlsx_response


def _events_page(request, error=None):  # type: ignore[no-untyped-def]
    require(request.user, VIEW_TRAINING)
    params = filters(request, "kind", "region")
    rows = queries.events_visible_to(request.user, **params)
    return render_page(
        request,
        "consult/training.html",
        {
            **paged(request, rows, params),
            "kinds": TrainingKind.choices,
            "may_train": can(request.user, TRAIN),
            "values": request.POST or {"region": request.user.region_id},
        },
        error,
    )


@login_required
def events(request):
    return _events_page(request)


@require_POST
@login_required
def create_event(request):
    try:
        event = services.create_event(
            actor=request.user, command=parse(TrainingIn, form_data(request))
        )
    except DomainError as exc:
        return _events_page(request, exc)
    return redirect("consult:event", event.pk)


ATTENDANCE_HEADERS = [
    gettext_noop("序号"),
    gettext_noop("姓名"),
    gettext_noop("村或乡镇"),
    gettext_noop("签到方式"),
    gettext_noop("签到时间"),
]


def _attendance_rows(rows):  # type: ignore[no-untyped-def]
    for number, row in enumerate(rows, start=1):
        yield [
            number,
            row.name,
            region_label(row.village_id),
            _("扫码") if row.by_qr else _("代签"),
            timezone.localtime(row.signed_at).strftime("%Y-%m-%d %H:%M"),
        ]


def _sign_in_url(request, event) -> str:  # type: ignore[no-untyped-def]
    return qr.absolute_url(reverse("consult:sign-in", args=[event.sign_in_key]), request)


def _event_page(request, event_id: int, error=None):  # type: ignore[no-untyped-def]
    require(request.user, VIEW_TRAINING)
    event = queries.event(request.user, event_id)
    attendance = event.attendance.all()
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            _("签到名单") + f"-{event.pk}.xlsx",
            header_labels(ATTENDANCE_HEADERS),
            _attendance_rows(attendance),
        )
    url = _sign_in_url(request, event)
    return render_page(
        request,
        "consult/event.html",
        {
            "event": event,
            "place": region_label(event.region_id),
            "attendance": attendance,
            "materials": event.materials.all(),
            "qr_svg": qr.svg(url),
            "sign_in_url": url,
            "may_train": can(request.user, TRAIN, event),
            "values": request.POST,
        },
        error,
    )


@login_required
def event(request, event_id: int):
    return _event_page(request, event_id)


@login_required
def qr_png(request, event_id: int):
    """The sign-in QR code as a picture, to print or to show on a projector."""
    require(request.user, VIEW_TRAINING)
    found = queries.event(request.user, event_id)
    return HttpResponse(qr.png(_sign_in_url(request, found), scale=10), content_type="image/png")


@require_POST
@login_required
def add_attendee(request, event_id: int):
    try:
        services.add_attendee(
            actor=request.user, event_id=event_id, command=parse(AttendeeIn, form_data(request))
        )
    except DomainError as exc:
        return _event_page(request, event_id, exc)
    return redirect("consult:event", event_id)


@require_POST
@login_required
def add_material(request, event_id: int):
    upload = request.FILES.get("file")
    try:
        services.add_material(
            actor=request.user,
            event_id=event_id,
            command=parse(MaterialIn, form_data(request)),
            filename=upload.name if upload else "",
            data=upload.read() if upload else b"",
        )
    except DomainError as exc:
        return _event_page(request, event_id, exc)
    return redirect("consult:event", event_id)


@login_required
def material(request, material_id: int):
    row = get_object_or_404(Material, pk=material_id)
    queries.event(request.user, row.event_id)
    name = row.title + "." + row.file.name.rsplit(".", 1)[-1]
    return FileResponse(row.file.open("rb"), as_attachment=True, filename=name)


@login_required
def sign_in(request, key: str):
    """What the QR code opens on the attendee's phone: the event and one button."""
    require(request.user, SIGN_IN)
    event = queries.event_by_key(key[:32])
    error, done = None, None
    if request.method == "POST":
        try:
            done = services.sign_in(actor=request.user, key=event.sign_in_key)
        except DomainError as exc:
            error = exc
    return render_page(
        request,
        "consult/sign_in.html",
        {
            "event": event,
            "place": region_label(event.region_id),
            "done": done,
            "open": services.sign_in_open(event),
        },
        error,
    )
