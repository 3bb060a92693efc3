"""Photos people upload (a surveillance report, a consultation, an enforcement case): a real
JPEG, PNG or WebP image under the size limit, stored re-encoded as JPEG with no metadata at all
(EXIF carries the phone's GPS position: a farmer's home), the orientation the phone recorded
applied first, and a thumbnail for the lists."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.utils.translation import gettext as _

from smartvet.core.errors import DomainError, Problem

FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_PIXELS = 40_000_000  # a 40-megapixel phone photo; beyond it Pillow's decompression guard
LONGEST_SIDE = 2048
THUMBNAIL = (320, 320)


@dataclass(frozen=True)
class CleanPhoto:
    image: bytes
    thumbnail: bytes
    width: int
    height: int


def _invalid(message: str, index: int) -> DomainError:
    return DomainError.from_problems(
        [Problem("PHOTO_INVALID", message, {"field": "photos", "index": index})]
    )


def too_many(count: int, limit: int) -> DomainError:
    message = _("照片最多%(n)d张，本次%(count)d张") % {"n": limit, "count": count}
    return DomainError.from_problems(
        [Problem("TOO_MANY_PHOTOS", message, {"field": "photos", "limit": limit})]
    )


def clean(data: bytes, *, index: int, max_bytes: int) -> CleanPhoto:
    from PIL import Image, ImageOps

    if not data:
        raise _invalid(_("第%(n)d张照片为空") % {"n": index + 1}, index)
    if len(data) > max_bytes:
        raise _invalid(
            _("第%(n)d张照片过大：不能超过%(mb)dMB") % {"n": index + 1, "mb": max_bytes >> 20},
            index,
        )
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind, (width, height) = probe.format, probe.size
            probe.verify()
        if kind not in FORMATS or width * height > MAX_PIXELS:
            raise ValueError(kind)
        with Image.open(io.BytesIO(data)) as opened:
            picture = ImageOps.exif_transpose(opened).convert("RGB")
    except Exception:  # Pillow raises many kinds of errors for a broken or foreign file
        raise _invalid(
            _("第%(n)d张照片不是JPEG、PNG或WebP图片") % {"n": index + 1}, index
        ) from None
    picture.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
    thumb = picture.copy()
    thumb.thumbnail(THUMBNAIL)
    # A new image from the pixels alone: no EXIF, no GPS, no XMP, no ICC comments.
    return CleanPhoto(_jpeg(picture), _jpeg(thumb), picture.width, picture.height)


def _jpeg(picture) -> bytes:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue()
