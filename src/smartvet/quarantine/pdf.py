"""The certificate as an A4 PDF (动物检疫合格证明): reportlab with its built-in CJK font
STSong-Light (no font file to ship) and a QR code of the public verification URL."""

from __future__ import annotations

import io
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from smartvet.core.qr import absolute_url
from smartvet.core.species import CATEGORY_LABELS, SPECIES_LABELS

FONT = "STSong-Light"
_registered = False


def _font() -> str:
    global _registered
    if not _registered:
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
        _registered = True
    return FONT


def verification_url(number: str, request: Any = None) -> str:
    return absolute_url(reverse("quarantine:verify", args=[number]), request)


def _wrap(text: str, width: float, size: float) -> list[str]:
    """Break text (Chinese has no spaces) into lines that fit the width."""
    lines, line = [], ""
    for char in text:
        if pdfmetrics.stringWidth(line + char, FONT, size) > width:
            lines.append(line)
            line = char
        else:
            line += char
    if line:
        lines.append(line)
    return lines or [""]


def certificate_pdf(cert: Any, request: Any = None) -> bytes:
    font = _font()
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setTitle(f"{_('动物检疫合格证明')} {cert.number}")
    width, height = A4
    left, right = 20 * mm, width - 20 * mm
    kind_title = (
        _("动物检疫合格证明（动物A）") if cert.kind == "A" else _("动物检疫合格证明（动物B）")
    )
    page.setFont(font, 20)
    page.drawCentredString(width / 2, height - 25 * mm, kind_title)
    page.setFont(font, 11)
    page.drawString(left, height - 35 * mm, _("编号：%(n)s") % {"n": cert.number})
    status = {
        "valid": "",
        "arrived": _("（已到达）"),
        "revoked": _("（已撤销）"),
        "expired": _("（已过期）"),
    }[cert.current_status]
    if status:
        page.setFillColorRGB(0.7, 0, 0)
        page.drawString(left + 110 * mm, height - 35 * mm, status)
        page.setFillColorRGB(0, 0, 0)

    url = verification_url(cert.number, request)
    qr = QrCodeWidget(url, barLevel="M")
    x0, y0, x1, y1 = qr.getBounds()
    size = 32 * mm
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(qr)
    renderPDF.draw(drawing, page, right - size, height - 30 * mm - size)
    page.setFont(font, 7)
    page.drawCentredString(right - size / 2, height - 33 * mm - size, _("扫码查验真伪"))

    issued = timezone.localtime(cert.issued_at)
    until = timezone.localtime(cert.valid_until)
    tags = " ".join(cert.ear_tags) if cert.ear_tags else "—"
    rows = [
        (_("货主"), cert.owner_name),
        (_("联系电话"), cert.owner_phone or "—"),
        (
            _("动物种类"),
            _("%(text)s（%(note)s）")
            % {
                "text": SPECIES_LABELS.get(cert.species, ""),
                "note": CATEGORY_LABELS.get(cert.category, cert.category),
            },
        ),
        (_("数量及单位"), f"{cert.quantity}{cert.unit}"),
        (_("启运地点"), cert.origin_place),
        (
            _("到达地点"),
            f"{cert.destination_region.name if cert.destination_region_id else ''} "
            + _("%(text)s（%(note)s）")
            % {"text": cert.destination_place, "note": cert.get_destination_kind_display()},
        ),
        (_("用途"), cert.get_purpose_display()),
        (_("承运人"), cert.carrier_name or "—"),
        (_("承运人电话"), cert.carrier_phone or "—"),
        (_("运载方式"), cert.get_transport_mode_display()),
        (_("运载工具牌号"), cert.vehicle),
        (_("运载工具消毒情况"), cert.disinfection or "—"),
        (
            _("有效期"),
            _("本批动物经检疫合格，应于%(n)d日内到达有效（至%(d)s）")
            % {"n": cert.valid_days, "d": until.strftime("%Y-%m-%d %H:%M")},
        ),
        (_("牲畜耳标号"), tags),
        (_("官方兽医"), cert.vet_name),
        (_("签发日期"), issued.strftime("%Y-%m-%d %H:%M")),
        (_("备注"), cert.remarks or "—"),
    ]
    y = height - 70 * mm
    label_width = 38 * mm
    value_width = right - left - label_width - 4 * mm
    page.setLineWidth(0.5)
    for label, value in rows:
        lines = _wrap(str(value), value_width, 10)[:12]
        row_height = max(8 * mm, (len(lines) * 5 + 3) * mm)
        page.rect(left, y - row_height, right - left, row_height)
        page.line(left + label_width, y, left + label_width, y - row_height)
        page.setFont(font, 10)
        page.drawString(left + 2 * mm, y - 5.5 * mm, str(label))
        for index, line in enumerate(lines):
            page.drawString(left + label_width + 2 * mm, y - 5.5 * mm - index * 5 * mm, line)
        y -= row_height
    y -= 6 * mm
    page.setFont(font, 10)
    page.drawString(left, y, _("指定通道检查站签章："))
    for index in range(3):
        page.rect(left + index * 57 * mm, y - 30 * mm, 54 * mm, 26 * mm)
    page.setFont(font, 8)
    page.drawString(left, 12 * mm, _("查验网址：%(u)s") % {"u": url})
    page.showPage()
    page.save()
    return buffer.getvalue()
