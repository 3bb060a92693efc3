"""Tables as xlsx written row by row (openpyxl's write-only mode into a temporary file, then
streamed): a province's villages never sit in memory as one workbook."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import quote

from django.http import FileResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from smartvet.core.spreadsheets import XLSX_TYPE


def streamed_xlsx(
    filename: str, title: str, headers: Sequence[Any], rows: Iterable[Sequence[Any]]
) -> FileResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=str(header))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])
    spool = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it when sent)
    workbook.save(spool)
    spool.seek(0)
    response = FileResponse(spool, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def _cell(sheet: Any, value: Any) -> Any:
    if value is None or isinstance(value, int | float):
        return value
    cell = WriteOnlyCell(sheet, value=str(value))
    cell.data_type = "s"  # text that looks like a formula stays text
    return cell
