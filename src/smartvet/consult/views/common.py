"""What every consult page shares: rendering with a refusal, the posted form as a dict, a page
of a list with the query it came from."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.shortcuts import render

from smartvet.core.forms import posted

PER_PAGE = 20


def render_page(request, template: str, context: dict[str, Any], error=None):  # type: ignore[no-untyped-def]
    status = error.status if error is not None else 200
    return render(request, template, {"error": error, **context}, status=status)


def form_data(request, *, optional: tuple[str, ...] = (), lists: tuple[str, ...] = ()) -> dict:  # type: ignore[no-untyped-def]
    """The posted fields as a command's input: empty optional fields become None, the
    multi-value fields lists."""
    data: dict[str, Any] = dict(posted(request))
    for key in optional:
        data[key] = data.get(key) or None
    for key in lists:
        data[key] = request.POST.getlist(key)
    return data


def filters(request, *names: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {name: request.GET.get(name, "")[:100].strip() for name in names}


def paged(request, rows, params: dict[str, str]) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    query = "&".join(f"{k}={v}" for k, v in params.items() if v)
    return {"page": page, "query": query, "params": params}
