"""Pages render a DomainError as a clear Chinese message with its code, never a trace; input
no database can store is refused before it reaches a view."""

from __future__ import annotations

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
        return render(request, "core/error.html", {"error": exception}, status=exception.status)


class NulInputMiddleware:
    """A NUL character in any text field: 422 VALIDATION_ERROR (API) or 400 (pages).

    PostgreSQL refuses NUL in text, so without this check the same input saves on SQLite and
    fails with a server error on PostgreSQL. Uploaded files may hold NUL bytes; they are
    not looked at."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _carries_nul(request):
            error = DomainError("VALIDATION_ERROR", _("输入中含有不允许的空字符（NUL）"))
            if request.path.startswith("/api/"):
                return JsonResponse(
                    error.as_body(), status=422, json_dumps_params={"ensure_ascii": False}
                )
            return render(request, "core/error.html", {"error": error}, status=400)
        return self.get_response(request)


def _carries_nul(request) -> bool:
    if b"\x00" in unquote_to_bytes(request.META.get("QUERY_STRING", "")) or "\x00" in request.path:
        return True
    if request.method not in {"POST", "PUT", "PATCH"}:
        return False
    try:
        if request.content_type == "application/json":
            # a raw NUL, or the JSON escape of one
            return b"\x00" in request.body or b"\\u0000" in request.body
        if request.content_type in {"application/x-www-form-urlencoded", "multipart/form-data"}:
            return any("\x00" in value for _key, values in request.POST.lists() for value in values)
    except RequestDataTooBig:
        pass  # the view answers 413 with the contract's error body
    return False


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
