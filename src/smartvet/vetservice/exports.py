"""The statement on paper: an xlsx for the county's accounts and an A4 PDF to sign, in the
embedded font the certificate uses (core.pdf)."""

from __future__ import annotations

import io

from django.http import HttpResponse
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from smartvet.core.pdf import font
from smartvet.core.spreadsheets import xlsx_response
from smartvet.vetservice.models import OrderStatus
from smartvet.vetservice.queries.statements import Row, StatementView

WIDTH, HEIGHT = A4
LEFT, RIGHT = 15 * mm, WIDTH - 15 * mm
ROW = 6 * mm


def _headers() -> list[str]:
    return [
        _("订单号"),
        _("服务日期"),
        _("养殖场户"),
        _("服务项目"),
        _("数量"),
        _("单位"),
        _("单价（元）"),
        _("金额（元）"),
        _("说明"),
    ]


def _cells(row: Row, note: str = "") -> list:
    return [
        row.order_number,
        row.served_on.isoformat() if row.served_on else "",
        row.farm_name,
        row.service_name,
        row.quantity,
        row.unit,
        f"{row.price:.2f}",
        f"{row.amount:.2f}",
        note,
    ]


def _title(view: StatementView) -> str:
    return _("%(provider)s %(month)s 政府购买服务结算单") % {
        "provider": view.provider.name,
        "month": f"{view.month:%Y-%m}",
    }


def _status_words(view: StatementView) -> str:
    stored = view.statement
    if stored is None:
        return _("预览（县级部门尚未编制）")
    words = _("第%(v)d版，%(status)s") % {
        "v": stored.version,
        "status": stored.get_status_display(),
    }
    if stored.signed_by:
        words += _("，%(who)s于%(at)s签署") % {
            "who": stored.signed_by,
            "at": f"{stored.signed_at:%Y-%m-%d}",
        }
    return words


def _apart_note(row: Row) -> str:
    return _("不计入：%(why)s") % {"why": OrderStatus(row.status).label}


def statement_rows(view: StatementView) -> list[list]:
    rows = [_cells(row) for row in view.lines]
    rows.append(["", "", "", _("合计"), "", "", "", f"{view.total:.2f}", ""])
    rows.extend(_cells(row, _apart_note(row)) for row in view.apart)
    return rows


def statement_xlsx_response(view: StatementView) -> HttpResponse:
    return xlsx_response(
        f"{_title(view)}.xlsx",
        _headers(),
        statement_rows(view),
        title=_("结算单"),
        text_columns=(0,),
    )


COLUMNS = (0, 34, 56, 100, 128, 140, 156, 172)  # mm from LEFT: number … amount


def statement_pdf(view: StatementView) -> bytes:
    """All lines, a page after another; the total and the signature boxes close the paper."""
    name = font()
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setTitle(_title(view))
    y = HEIGHT - 20 * mm

    def header() -> float:
        page.setFont(name, 14)
        page.drawCentredString(WIDTH / 2, HEIGHT - 15 * mm, _title(view))
        page.setFont(name, 9)
        page.drawString(LEFT, HEIGHT - 22 * mm, _status_words(view))
        top = HEIGHT - 30 * mm
        for x, label in zip(COLUMNS, _headers()[:8], strict=False):
            page.drawString(LEFT + x * mm, top, label)
        page.line(LEFT, top - 2 * mm, RIGHT, top - 2 * mm)
        return top - ROW

    y = header()
    for row in [*view.lines, *view.apart]:
        if y < 40 * mm:
            page.showPage()
            y = header()
        cells = _cells(row)[:8]
        cells[2] = cells[2][:10]
        for x, value in zip(COLUMNS, cells, strict=False):
            page.setFont(name, 8)
            page.drawString(LEFT + x * mm, y, str(value))
        if row in view.apart:
            page.drawString(RIGHT - 14 * mm, y, _("不计入"))
        y -= ROW
    page.setFont(name, 11)
    page.drawRightString(
        RIGHT, y - 4 * mm, _("合计：%(total)s 元") % {"total": f"{view.total:.2f}"}
    )
    page.setFont(name, 10)
    page.drawString(LEFT, 22 * mm, _("服务主体（盖章）："))
    page.drawString(WIDTH / 2, 22 * mm, _("县级主管部门审核签署："))
    page.showPage()
    page.save()
    return buffer.getvalue()


def statement_pdf_response(view: StatementView) -> HttpResponse:
    response = HttpResponse(statement_pdf(view), content_type="application/pdf")
    response["Content-Disposition"] = "inline; filename=statement.pdf"
    return response
