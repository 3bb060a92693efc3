"""QR codes (segno) and the absolute URLs they carry."""

from __future__ import annotations

import io

import segno
from django.conf import settings


def absolute_url(path: str, request=None) -> str:
    """The URL a phone camera should open: the configured public address, else the address
    this request came in on."""
    if settings.PUBLIC_URL:
        return settings.PUBLIC_URL.rstrip("/") + path
    if request is not None:
        return request.build_absolute_uri(path)
    return "http://127.0.0.1:8000" + path


def svg(content: str, *, scale: int = 4) -> str:
    """An inline SVG; error correction M survives a crease or a smudge on a printed card."""
    buffer = io.BytesIO()
    segno.make(content, error="m", micro=False).save(
        buffer, kind="svg", scale=scale, border=2, xmldecl=False, omitsize=True, svgns=True
    )
    return buffer.getvalue().decode()


def png(content: str, *, scale: int = 6) -> bytes:
    buffer = io.BytesIO()
    segno.make(content, error="m", micro=False).save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()
