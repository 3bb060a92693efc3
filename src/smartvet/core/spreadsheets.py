"""Reading uploaded workbooks (.xlsx via python-calamine, .csv) and writing xlsx exports
(openpyxl). The field lives in Excel: every import and every list goes through here."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar
from urllib.parse import quote

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

from smartvet.core.errors import DomainError

T = TypeVar("T")

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def _broken(message: Any) -> DomainError:
    return DomainError(
        "IMPORT_INVALID", message, [{"row": 0, "code": "IMPORT_INVALID", "message": str(message)}]
    )


def read_rows(data: bytes, filename: str = "") -> list[list[Any]]:
    """Every row of the first sheet (or the CSV) as a list of cells, header included.
    A file that is empty, too large or not a workbook raises IMPORT_INVALID."""
    if not data:
        raise _broken(_("文件为空"))
    if len(data) > MAX_UPLOAD_BYTES:
        raise _broken(_("文件超过20MB"))
    if filename.lower().endswith(".csv"):
        return _read_csv(data)
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = workbook.get_sheet_by_index(0)
        return [list(row) for row in sheet.to_python(skip_empty_area=False)]
    except Exception:  # calamine raises its own errors for every kind of broken file
        raise _broken(_("无法读取文件：请上传 .xlsx 工作簿或 UTF-8 编码的 .csv 文件")) from None


def _read_csv(data: bytes) -> list[list[Any]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise _broken(_("无法识别CSV文件的编码")) from None
    return [row for row in csv.reader(io.StringIO(text))]


def cell_text(value: Any) -> str:
    """A cell as trimmed text; whole floats (Excel stores numbers as floats) lose '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def header_labels(header: Sequence[Any]) -> list[str]:
    """An import header in the active language. Its columns are Chinese source strings marked
    with gettext_noop (or lazy labels), so a template downloaded in English has English
    column names."""
    return [_(str(name)) for name in header]


def in_every_language(render: Callable[[], T]) -> Iterator[T]:
    """`render()` once in each of the platform's languages: what a user may have typed or
    downloaded in either."""
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            yield render()


def data_rows(rows: list[list[Any]], header: Sequence[Any]) -> Iterator[tuple[int, list[str]]]:
    """(row number as Excel shows it, cells as text) for each non-empty row after the header,
    after checking the header names the expected columns in one of the platform's languages
    (a template downloaded in English may be imported later, or in the background)."""
    if not rows:
        raise _broken(_("文件为空"))
    found = [cell_text(cell) for cell in rows[0][: len(header)]]
    expected = header_labels(header)
    in_any_language = in_every_language(lambda: header_labels(header))
    if found != expected and all(found != labels for labels in in_any_language):
        raise _broken(_("表头应为：%(header)s") % {"header": " | ".join(expected)})
    for index, row in enumerate(rows[1:], start=2):
        cells = [cell_text(cell) for cell in row]
        if any(cells):
            yield index, cells + [""] * (len(header) - len(cells))


def _cell_value(value: Any) -> Any:
    """Numbers stay numbers; anything else is written as text without the control characters
    a workbook cannot hold (an old record may carry one: the export must not fail on it)."""
    if value is None or isinstance(value, int | float):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def workbook_bytes(
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    title: str = "Sheet1",
    text_columns: Sequence[int] = (),
) -> bytes:
    """An xlsx of the rows under a bold header; `text_columns` (0-based) are formatted as text,
    so what a user types there keeps its leading zeros ("02")."""
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([str(h) for h in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, row in enumerate(rows, start=2):
        sheet.append([_cell_value(value) for value in row])
        for column, value in enumerate(row, start=1):
            if isinstance(value, str) and value.startswith("="):
                # stored text that looks like a formula stays text (openpyxl would make it one)
                sheet.cell(row=number, column=column).data_type = "s"
    for column, header in zip(sheet.columns, headers, strict=False):
        sheet.column_dimensions[column[0].column_letter].width = max(10, len(str(header)) * 2 + 2)
    for index in text_columns:
        letter = get_column_letter(index + 1)
        sheet.column_dimensions[letter].number_format = "@"
        for cell in sheet[letter]:
            cell.number_format = "@"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(
    filename: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    title: str = "Sheet1",
    text_columns: Sequence[int] = (),
) -> HttpResponse:
    body = workbook_bytes(headers, rows, title, text_columns)
    response = HttpResponse(body, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
