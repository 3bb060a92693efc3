"""Pages render a DomainError as a clear Chinese message with its code, never a trace; input
no field may hold is refused before it reaches a view."""

from __future__ import annotations

import json
import re
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from smartvet.core.errors import DomainError


class DomainErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DomainError) or request.path.startswith("/api/"):
            return None
        page = render(request, "core/error.html", {"error": exception}, status=exception.status)
        return exception.with_headers(page)


# C0 controls and DEL, except tab, line feed and carriage return (a textarea sends CR LF).
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_JSON_DEPTH = 20


class InputGuardMiddleware:
    """Input no field may hold is refused before any view: 422 VALIDATION_ERROR (API) or 400
    (pages), nothing saved.

    - Control characters other than tab and newline: PostgreSQL refuses NUL in text (the same
      input would save on SQLite and fail on PostgreSQL), and the others break the exports and
      the printed certificate.
    - A JSON body that does not parse, is not an object, or is nested deeper than any request
      of ours (a body built to exhaust the parser).
    Uploaded files may hold any bytes; they are not looked at here."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        message = _problem(request)
        if message is None:
            return self.get_response(request)
        error = DomainError("VALIDATION_ERROR", message)
        if request.path.startswith("/api/"):
            return JsonResponse(
                error.as_body(), status=422, json_dumps_params={"ensure_ascii": False}
            )
        return render(request, "core/error.html", {"error": error}, status=400)


def _problem(request) -> str | None:
    query = unquote_to_bytes(request.META.get("QUERY_STRING", "")).decode("utf-8", "replace")
    if CONTROL_CHARACTERS.search(query) or CONTROL_CHARACTERS.search(request.path):
        return _("输入中含有不允许的控制字符")
    if request.method not in {"POST", "PUT", "PATCH"}:
        return None
    try:
        if request.content_type == "application/json":
            return _json_problem(request.body)
        if request.content_type in {"application/x-www-form-urlencoded", "multipart/form-data"}:
            texts = (value for _key, values in request.POST.lists() for value in values)
            if any(CONTROL_CHARACTERS.search(text) for text in texts):
                return _("输入中含有不允许的控制字符")
    except RequestDataTooBig:
        pass  # the view answers 413 with the contract's error body
    return None


def _json_problem(body: bytes) -> str | None:
    if not body.strip():
        return None  # the endpoint says what it expected
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):
        return _("请求内容不是有效的JSON")
    if not isinstance(document, dict):
        return _("请求内容应为一个JSON对象（{…}）")  # every body of ours is one
    pending = [(document, 0)]
    while pending:
        value, depth = pending.pop()
        if depth > MAX_JSON_DEPTH:
            return _("请求内容嵌套层数过多")
        if isinstance(value, str):
            if CONTROL_CHARACTERS.search(value):
                return _("输入中含有不允许的控制字符")
        elif isinstance(value, dict):
            pending.extend((item, depth + 1) for pair in value.items() for item in pair)
        elif isinstance(value, list):
            pending.extend((item, depth + 1) for item in value)
    return None


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    """Chinese unless the user chose English (the language switch sets a cookie).

    Django's own middleware would follow the browser's Accept-Language, and many phones and
    office PCs in a county are set to English; the platform speaks Chinese first."""

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
