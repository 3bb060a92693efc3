"""What every surveillance page shares: rendering with a refusal, the form's data as a dict."""

from __future__ import annotations

from typing import Any

from django.shortcuts import render

from smartvet.core.forms import posted


def render_page(request, template: str, context: dict[str, Any], error=None):  # type: ignore[no-untyped-def]
    status = error.status if error is not None else 200
    return render(request, template, {"error": error, **context}, status=status)


def form_data(
    request, *, numbers: tuple[str, ...] = (), optional: tuple[str, ...] = ()
) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """The posted fields as the command's input: empty numbers stay 0 (counts), empty
    optional ids become None; the command checks the rest."""
    data: dict[str, Any] = dict(posted(request))
    for key in numbers:
        data[key] = data.get(key) or 0
    for key in optional:
        data[key] = data.get(key) or None
    return data
