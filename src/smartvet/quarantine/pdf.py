"""The certificate as an A4 PDF (动物检疫合格证明) with an embedded font and a QR code of the
public verification URL.

The font (文泉驿微米黑, Apache-2.0, core.pdf) is embedded as a subset, so the paper prints the
same on a county PC without any Chinese font. The page keeps room for the checkpoint stamp
boxes and the footer whatever the content: ear tags that do not fit go to annex pages (附页),
every one of them listed, and no tag number is broken across lines."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

import segno
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from smartvet.core.pdf import FONT, font
from smartvet.core.qr import absolute_url
from smartvet.core.species import CATEGORY_LABELS, SPECIES_LABELS

WIDTH, HEIGHT = A4
LEFT, RIGHT = 20 * mm, WIDTH - 20 * mm
TABLE_TOP = HEIGHT - 82 * mm
FOOTER_Y = 12 * mm
STAMPS_HEIGHT = 34 * mm  # the label and the three stamp boxes
TABLE_BOTTOM = FOOTER_Y + 8 * mm + STAMPS_HEIGHT
LABEL_WIDTH = 38 * mm
VALUE_WIDTH = RIGHT - LEFT - LABEL_WIDTH - 4 * mm
SIZES = (10, 9, 8)  # the field text steps down until the page holds everything but the tags
ANNEX_COLUMNS = 4
ANNEX_ROWS = 44

# Runs that must not be broken across lines: tag numbers, plates, phone numbers, words.
UNBREAKABLE = re.compile(r"[0-9A-Za-z·\-_.:/]+|\s+|.", re.DOTALL)


def _font() -> str:
    return font()


def verification_url(number: str, request: Any = None) -> str:
    return absolute_url(reverse("quarantine:verify", args=[number]), request)


def _width(text: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, FONT, size)


def wrap(text: str, width: float, size: float) -> list[str]:
    """Lines that fit `width`. Chinese breaks between any two characters; a run of digits or
    Latin letters (a tag number, a plate, a phone) stays whole unless it alone is too wide."""
    lines: list[str] = []
    line = ""
    for token in UNBREAKABLE.findall(text.replace("\n", " ")):
        if _width(line + token, size) <= width:
            line += token
            continue
        if line.strip():
            lines.append(line.rstrip())
        line = "" if token.isspace() else token
        while _width(line, size) > width:  # a single run wider than the line: cut it
            cut = len(line) - 1
            while cut > 1 and _width(line[:cut], size) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


@dataclass(frozen=True)
class Layout:
    size: int
    rows: list[tuple[str, list[str]]]
    tags_in_annex: bool

    @property
    def bottom(self) -> float:
        return TABLE_TOP - sum(row_height(lines, self.size) for _label, lines in self.rows)


def row_height(lines: list[str], size: float) -> float:
    line_height = size * 0.5 * mm
    return max(8 * mm, len(lines) * line_height + 3 * mm)


def layout(fields: list[tuple[str, str]], tags: list[str], tags_label: str) -> Layout:
    """The field table at the largest size that leaves room for the stamps and the footer;
    the tags in the table when they fit there too, else on annex pages."""
    tag_text = " ".join(tags) if tags else "—"
    annex_note = _("共%(n)d枚，详见附页") % {"n": len(tags)}
    for tags_in_annex in (False, True):
        for size in SIZES:
            rows = [(label, wrap(value, VALUE_WIDTH, size)) for label, value in fields]
            tag_lines = wrap(annex_note if tags_in_annex else tag_text, VALUE_WIDTH, size)
            rows.insert(len(rows) - 3, (tags_label, tag_lines))
            candidate = Layout(size, rows, tags_in_annex)
            if candidate.bottom >= TABLE_BOTTOM:
                return candidate
    return candidate  # the smallest size with the tags on annex pages: every field is bounded


def _fields(cert: Any) -> list[tuple[str, str]]:
    issued = timezone.localtime(cert.issued_at)
    until = timezone.localtime(cert.valid_until)
    destination = " ".join(
        part
        for part in (
            cert.destination_region.name if cert.destination_region_id else "",
            _("%(text)s（%(note)s）")
            % {"text": cert.destination_place, "note": cert.get_destination_kind_display()},
        )
        if part
    )
    # The last three rows follow the ear tags (see layout).
    return [
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
        (_("到达地点"), destination),
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
        (_("官方兽医"), cert.vet_name),
        (_("签发日期"), issued.strftime("%Y-%m-%d %H:%M")),
        (_("备注"), cert.remarks or "—"),
    ]


def _qr(page: canvas.Canvas, url: str, x: float, y: float, size: float) -> None:
    """The QR as filled squares (segno's matrix): level Q and a generous size, so the code
    still reads from a smudged or faint print; no font is involved."""
    matrix = segno.make(url, error="q", micro=False).matrix
    border = 4
    module = size / (len(matrix) + 2 * border)
    page.setFillColorRGB(0, 0, 0)
    for row_index, row in enumerate(matrix):
        top = y + size - (row_index + border + 1) * module
        for column_index, dark in enumerate(row):
            if dark:
                left = x + (column_index + border) * module
                page.rect(left, top, module, module, stroke=0, fill=1)


def _footer(page: canvas.Canvas, url: str, number: str, page_no: int, pages: int) -> None:
    page.setFont(FONT, 8)
    page.drawString(LEFT, FOOTER_Y, _("查验网址：%(u)s") % {"u": url})
    page.drawRightString(
        RIGHT,
        FOOTER_Y,
        _("%(number)s　第%(page)d页／共%(pages)d页")
        % {"number": number, "page": page_no, "pages": pages},
    )


def _status_note(cert: Any) -> str:
    return {
        "valid": "",
        "arrived": _("（已到达）"),
        "revoked": _("（已撤销）"),
        "expired": _("（已过期）"),
    }[cert.current_status]


def _main_page(page: canvas.Canvas, cert: Any, plan: Layout, url: str) -> None:
    kind_title = (
        _("动物检疫合格证明（动物A）") if cert.kind == "A" else _("动物检疫合格证明（动物B）")
    )
    page.setFont(FONT, 20)
    page.drawCentredString(WIDTH / 2, HEIGHT - 25 * mm, kind_title)
    page.setFont(FONT, 11)
    page.drawString(LEFT, HEIGHT - 35 * mm, _("编号：%(n)s") % {"n": cert.number})
    status = _status_note(cert)
    if status:
        page.setFillColorRGB(0.7, 0, 0)
        page.drawString(LEFT + 100 * mm, HEIGHT - 35 * mm, status)
        page.setFillColorRGB(0, 0, 0)
    qr_size = 40 * mm
    _qr(page, url, RIGHT - qr_size, HEIGHT - 34 * mm - qr_size, qr_size)
    page.setFont(FONT, 7)
    page.drawCentredString(RIGHT - qr_size / 2, HEIGHT - 37 * mm - qr_size, _("扫码查验真伪"))

    y = TABLE_TOP
    page.setLineWidth(0.5)
    line_height = plan.size * 0.5 * mm
    for label, lines in plan.rows:
        height = row_height(lines, plan.size)
        page.rect(LEFT, y - height, RIGHT - LEFT, height)
        page.line(LEFT + LABEL_WIDTH, y, LEFT + LABEL_WIDTH, y - height)
        page.setFont(FONT, 10)
        page.drawString(LEFT + 2 * mm, y - 5.5 * mm, str(label))
        page.setFont(FONT, plan.size)
        for index, line in enumerate(lines):
            page.drawString(LEFT + LABEL_WIDTH + 2 * mm, y - 5.5 * mm - index * line_height, line)
        y -= height

    stamps_top = TABLE_BOTTOM - 4 * mm
    page.setFont(FONT, 10)
    page.drawString(LEFT, stamps_top, _("指定通道检查站签章："))
    box_width = (RIGHT - LEFT - 6 * mm) / 3
    for index in range(3):
        page.rect(LEFT + index * (box_width + 3 * mm), stamps_top - 28 * mm, box_width, 25 * mm)


def _annex_pages(
    page: canvas.Canvas, cert: Any, tags: list[str], first_page: int, pages: int, url: str
) -> None:
    per_page = ANNEX_COLUMNS * ANNEX_ROWS
    column_width = (RIGHT - LEFT) / ANNEX_COLUMNS
    for sheet, start in enumerate(range(0, len(tags), per_page)):
        page.setFont(FONT, 14)
        page.drawCentredString(WIDTH / 2, HEIGHT - 20 * mm, _("动物检疫合格证明　附页：牲畜耳标号"))
        page.setFont(FONT, 10)
        page.drawString(
            LEFT,
            HEIGHT - 28 * mm,
            _("编号：%(n)s　耳标共%(count)d枚") % {"n": cert.number, "count": len(tags)},
        )
        for offset, tag in enumerate(tags[start : start + per_page]):
            column, row = divmod(offset, ANNEX_ROWS)
            x = LEFT + column * column_width
            y = HEIGHT - 38 * mm - row * 5.4 * mm
            page.setFont(FONT, 7)
            page.drawRightString(x + 9 * mm, y, str(start + offset + 1))
            page.setFont(FONT, 10)
            page.drawString(x + 10.5 * mm, y, tag)
        _footer(page, url, cert.number, first_page + sheet, pages)
        page.showPage()


def certificate_pdf(cert: Any, request: Any = None) -> bytes:
    _font()
    url = verification_url(cert.number, request)
    tags = list(cert.ear_tags or [])
    plan = layout(_fields(cert), tags, _("牲畜耳标号"))
    annex_pages = -(-len(tags) // (ANNEX_COLUMNS * ANNEX_ROWS)) if plan.tags_in_annex else 0
    pages = 1 + annex_pages

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, initialFontName=FONT)
    page.setTitle(f"{_('动物检疫合格证明')} {cert.number}")
    _main_page(page, cert, plan, url)
    _footer(page, url, cert.number, 1, pages)
    page.showPage()
    if plan.tags_in_annex:
        _annex_pages(page, cert, tags, 2, pages, url)
    page.save()
    return buffer.getvalue()
