"""Checks of uploaded files: a packaging photo must be a real image, a lab report a PDF or
an image, neither larger than the limit. A refused file saves nothing."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from smartvet.core.errors import DomainError, Problem

MAX_PHOTO_BYTES = 10 * 1024 * 1024
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def _refused(code: str, message: str, **where: object) -> DomainError:
    """A refused file: its one detail names the file field and says why."""
    return DomainError.from_problems([Problem(code, message, {"field": "file", **where})])


def too_large(size: int) -> DomainError:
    message = _("文件过大：不能超过%(mb)dMB") % {"mb": MAX_PHOTO_BYTES // (1024 * 1024)}
    return _refused("FILE_TOO_LARGE", message, size=size)


def image_extension(data: bytes) -> str:
    """The extension of a JPEG, PNG or WebP image; anything else raises FILE_INVALID."""
    if len(data) > MAX_PHOTO_BYTES:
        raise too_large(len(data))
    if not data:
        raise _refused("FILE_INVALID", _("文件为空"))
    from PIL import Image  # Pillow ships with reportlab

    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            image.verify()
    except Exception:  # Pillow raises many kinds of errors for a broken file
        kind = None
    if kind not in IMAGE_FORMATS:
        raise _refused("FILE_INVALID", _("请上传JPEG、PNG或WebP格式的图片"))
    return IMAGE_FORMATS[kind]


def report_extension(data: bytes) -> str:
    """A lab report is a PDF or an image."""
    if len(data) > MAX_PHOTO_BYTES:
        raise too_large(len(data))
    if data.startswith(b"%PDF-"):
        return "pdf"
    try:
        return image_extension(data)
    except DomainError as exc:
        if exc.code == "FILE_TOO_LARGE":
            raise
        raise _refused("FILE_INVALID", _("检测报告应为PDF文件或图片")) from None
