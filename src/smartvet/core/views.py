"""Pages of the core app: login, the home page per role, the ledger, village import."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smartvet.core import ledger_labels, navigation, offline, queries, services
from smartvet.core.access import can
from smartvet.core.errors import DomainError, PermissionDenied
from smartvet.core.models import Role
from smartvet.core.permissions import MANAGE_REGIONS
from smartvet.core.ratelimit import client_address
from smartvet.core.spreadsheets import header_labels, xlsx_response


def _activation_in(target: str) -> tuple[str, str]:
    """A farm card's QR opens the declaration page with `?activate=<code>`: the code, and the
    page without it (where to go once the password is set)."""
    parts = urlsplit(target)
    query = QueryDict(parts.query, mutable=True)
    code = query.pop("activate", [""])[0]
    return code, urlunsplit(parts._replace(query=query.urlencode()))


def login_view(request):
    target = request.GET.get("next", "")
    code, then = _activation_in(target)
    if code and not request.user.is_authenticated and services.activation_pending(code):
        return redirect(f"{reverse('core:activate')}?{urlencode({'code': code, 'next': then})}")
    if request.user.is_authenticated:
        return redirect(then if code else "core:home")
    error = None
    username = ""
    if request.method == "POST":
        username = request.POST.get("username", "")[:150]
        try:
            user = services.check_password_login(
                username=username,
                password=request.POST.get("password", "")[:200],
                address=client_address(request),
                request=request,
            )
        except DomainError as exc:
            error = exc
        else:
            login(request, user)
            target = request.POST.get("next") or request.GET.get("next") or "/"
            if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
                target = "/"
            return redirect(target)
    return render(
        request,
        "core/login.html",
        {"error": error, "username": username, "next": request.GET.get("next", "")},
        status=401 if error else 200,
    )


@require_POST
def logout_view(request):
    logout(request)
    return redirect("core:login")


@login_required
def home(request):
    return render(
        request,
        "core/home.html",
        {
            "panels": navigation.panels_for(request.user),
            "role_label": Role(request.user.role).label if request.user.role else "",
            "region_label": queries.region_label(request.user.region_id),
        },
    )


def _parse_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


@login_required
def ledger_page(request):
    params = request.GET
    events = queries.ledger_events(
        actor=request.user,
        object_type=params.get("object_type", "")[:60],
        object_id=params.get("object_id", "")[:64],
        actor_name=params.get("actor", "")[:150],
        region=params.get("region", "")[:12],
        since=_parse_date(params.get("since", "")),
        until=_parse_date(params.get("until", "")),
    )
    page = Paginator(events, 50).get_page(params.get("page"))
    rows = ledger_labels.describe_all(page.object_list, request.user)
    return render(request, "core/ledger.html", {"page": page, "rows": rows, "params": params})


@login_required
def village_import(request):
    """Villages imported per county: the county found by a typed part of its name (the
    country has some 2,900; no one types a code), then the file."""
    if not can(request.user, MANAGE_REGIONS):
        raise PermissionDenied(_("只有系统管理员可以导入村级区划"))
    error = None
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            count = services.import_villages(
                actor=request.user,
                county_code=request.POST.get("county", "")[:12],
                data=upload.read() if upload else b"",
                filename=upload.name if upload else "",
            )
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("已导入%(n)d个村") % {"n": count})
            return redirect("core:village-import")
    q = request.GET.get("q", "").strip()[:50]
    limit = 100  # a name more common than this asks for more of it
    found = queries.regions_within(actor=request.user, level="county", q=q) if q else []
    counties = [(county.code, queries.region_label(county.code)) for county in found[: limit + 1]]
    return render(
        request,
        "core/village_import.html",
        {
            "error": error,
            "q": q,
            "counties": counties[:limit],
            "more": len(counties) > limit,
            "chosen": request.POST.get("county", ""),
        },
        status=422 if error else 200,
    )


@login_required
def village_template(request):
    return xlsx_response(
        _("村级区划导入模板") + ".xlsx",
        header_labels(services.VILLAGE_HEADER),
        [("420506107201", _("示例村"))],
    )


def activate(request):
    """First scan of a farm's card: the farmer sets a password with the printed code, is
    logged in, and lands where the QR pointed (the farm's declaration page)."""
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        target = "/"
    error = None
    code = (request.POST.get("code") or request.GET.get("code") or "")[:12]
    if request.method == "POST":
        password = request.POST.get("password", "")[:200]
        if password != request.POST.get("password_again", "")[:200]:
            error = DomainError("VALIDATION_ERROR", _("两次输入的密码不一致"))
        else:
            try:
                user = services.activate_account(
                    code=code, password=password, address=client_address(request)
                )
            except DomainError as exc:
                error = exc
            else:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(request, _("密码已设置，以后用手机号和这个密码登录"))
                return redirect(target)
    return render(request, "core/activate.html", {"code": code, "next": target, "error": error})


@login_required
def region_options(request):
    """The children of a region within the user's reach, for the region picker."""
    parent = request.GET.get("parent", "")[:12]
    try:
        children = queries.child_regions(actor=request.user, parent=parent or None)
    except DomainError:
        children = []
    return JsonResponse(
        {"options": [{"code": region.code, "name": region.name} for region in children]},
        json_dumps_params={"ensure_ascii": False},
    )


def favicon(request):
    return redirect(static("smartvet/favicon.svg"), permanent=True)


def _api_error(status: int, code: str, message) -> JsonResponse:
    body = {"error": {"code": code, "message": str(message), "details": []}}
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def not_found(request, exception=None):
    """Unknown paths: the contract's JSON error under /api/, a Chinese page elsewhere."""
    if request.path.startswith("/api/"):
        return _api_error(404, "NOT_FOUND", _("接口不存在"))
    return render(request, "404.html", status=404)


def server_error(request):
    if request.path.startswith("/api/"):
        return _api_error(500, "SERVER_ERROR", _("服务器出错，操作没有完成，数据未作修改"))
    return render(request, "500.html", status=500)


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


# --- offline entry (core.offline; docs/architecture.md "Offline entry") ----------------------

WORKER_SOURCE = Path(__file__).parent / "static" / "smartvet" / "sw.js"
SHELL_FILES = ("smartvet/app.css", "smartvet/app.js", "smartvet/offline.js")


@cache
def _worker_text() -> str:
    return WORKER_SOURCE.read_text(encoding="utf-8")


def _worker_config() -> dict:
    shell = [static(name) for name in SHELL_FILES]
    text = _worker_text() + json.dumps(shell)
    return {
        # a new deploy (new static names, a new worker) empties the old caches
        "version": hashlib.sha256(text.encode()).hexdigest()[:12],
        "shell": shell,
        "static": static(""),
        "data": [reverse("core:region-options")],
        "forget": [reverse("core:login"), reverse("core:logout")],
        "header": offline.QUEUE_HEADER,
        "mark": offline.PAGE_MARK,
        "css": static("smartvet/app.css"),
        "queue": reverse("core:offline"),
        "words": {
            "title": _("没有网络"),
            "not_kept": _("没有网络，这个页面没有在本机保存过：请联网后再打开。"),
            "queue": _("本机待发送的记录"),
        },
    }


def service_worker(request):
    """The service worker at the site root, so it may keep the pages of the whole site."""
    config = json.dumps(_worker_config(), ensure_ascii=False)
    response = HttpResponse(
        f"const CONFIG = {config};\n{_worker_text()}",
        content_type="text/javascript; charset=utf-8",
    )
    response["Cache-Control"] = "no-cache"
    return response


@login_required
@offline.keep
def offline_queue(request):
    """The entries this phone keeps: the page is a frame, offline.js lists them."""
    return render(request, "core/offline.html")
