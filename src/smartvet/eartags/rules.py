"""Pure rules of the tag inventory: checking rows of the 库存耳标登记表, what state a tag is in
and what that allows, and how holders are named. Plain values in, plain values out."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from smartvet.eartags import codes
from smartvet.eartags.ranges import Span, overlapping_pairs

# Chinese column names (the form's own); spreadsheets.header_labels translates them.
IMPORT_HEADER = (
    gettext_noop("箱号"),
    gettext_noop("包号"),
    gettext_noop("起始号"),
    gettext_noop("终止号"),
    gettext_noop("数量"),
)
# The template's example row shows the form of each cell; it names itself an example so that a
# workbook sent back with it still in place is refused with a clear message, never imported.
EXAMPLE_BOX = gettext_noop("示例（导入前删除本行）")
TEMPLATE_EXAMPLE = (EXAMPLE_BOX, "01", "1-420506-00000001", "1-420506-00000100", 100)
# 箱号, 包号, 起始号, 终止号 are text: a box "02" keeps its zero.
TEMPLATE_TEXT_COLUMNS = (0, 1, 2, 3)
LABEL_MAX = 40
CANCEL_REASONS = ("slaughter", "death", "loss", "damage")


class StockRow(NamedTuple):
    """One accepted row: a range of one species and one county (a tuple: a 100,000-row
    workbook makes 100,000 of them)."""

    row: int
    box: str
    pack: str
    span: Span


def _problem(row: int, code: str, message: str) -> dict[str, Any]:
    return {"row": row, "code": code, "message": message}


def _plainly_good(
    row: int, box: str, pack: str, start: str, end: str, quantity: str, counties: set[str]
) -> StockRow | None:
    """The row accepted at once when both codes are plain 15-digit text and every check
    passes, as in nearly every row of a workbook; None sends it through check_row's checks
    one by one, which name what is wrong."""
    if not (
        len(start) == len(end) == codes.LENGTH
        and start.isdigit()
        and end.isdigit()
        and start.isascii()
        and end.isascii()
        and start[:7] == end[:7]
        and start[1:7] in counties
        and start <= end
        and len(box) <= LABEL_MAX
        and len(pack) <= LABEL_MAX
        and quantity.isdigit()
        and codes.try_parse(start) is not None
    ):
        return None
    span = Span(int(start), int(end))
    return StockRow(row, box, pack, span) if int(quantity) == span.size else None


def check_row(
    row: int, cells: list[str], counties: set[str]
) -> tuple[StockRow | None, list[dict[str, Any]]]:
    """One row of the workbook: codes well formed, one species and one county, quantity =
    end − start + 1, the county one of `counties` (the importer's, current or historical)."""
    fields = cells[:5] if len(cells) >= 5 else (cells + [""] * 5)[:5]
    box, pack, start, end, quantity = fields
    accepted = _plainly_good(row, box, pack, start, end, quantity, counties)
    if accepted is not None:
        return accepted, []
    return check_one_by_one(row, fields, counties)


def check_one_by_one(
    row: int, fields: list[str], counties: set[str]
) -> tuple[StockRow | None, list[dict[str, Any]]]:
    """check_row's checks one at a time, each problem named (every row that is not plainly
    good comes here)."""
    box, pack, start_text, end_text, quantity_text = fields
    problems = []
    if len(box) > LABEL_MAX or len(pack) > LABEL_MAX:
        problems.append(_problem(row, "VALIDATION_ERROR", _("箱号或包号过长（最多40字）")))
    first = codes.try_parse(start_text)
    last = codes.try_parse(end_text)
    if first is None:
        problems.append(
            _problem(
                row,
                "EARTAG_MALFORMED",
                _("起始号“%(tag)s”不是15位耳标号") % {"tag": start_text[:40]},
            )
        )
    if last is None:
        problems.append(
            _problem(
                row, "EARTAG_MALFORMED", _("终止号“%(tag)s”不是15位耳标号") % {"tag": end_text[:40]}
            )
        )
    if first is None or last is None:
        return None, problems
    if first[:7] != last[:7]:
        problems.append(
            _problem(
                row,
                "EARTAG_RANGE_MIXED",
                _("起始号与终止号的畜种或县代码不同：一个号段只能属于一个畜种和一个县"),
            )
        )
        return None, problems
    span = Span(int(first), int(last))
    if span.last < span.first:
        problems.append(_problem(row, "VALIDATION_ERROR", _("终止号小于起始号")))
        return None, problems
    if first[1:7] not in counties:
        problems.append(
            _problem(
                row,
                "EARTAG_COUNTY_MISMATCH",
                _("号段的县代码%(county)s不是本县的代码") % {"county": first[1:7]},
            )
        )
    if not quantity_text.isdigit() or int(quantity_text) != span.size:
        problems.append(
            _problem(
                row,
                "EARTAG_QUANTITY_MISMATCH",
                _("数量“%(q)s”应等于终止号−起始号+1（%(n)d）")
                % {"q": quantity_text[:20], "n": span.size},
            )
        )
    if problems:
        return None, problems
    return StockRow(row, box, pack, span), []


def check_each(
    rows: Iterable[tuple[int, list[str]]], counties: set[str]
) -> tuple[list[StockRow], list[dict[str, Any]]]:
    """Every row on its own (no comparison between rows)."""
    accepted: list[StockRow] = []
    problems: list[dict[str, Any]] = []
    examples = {EXAMPLE_BOX, _(EXAMPLE_BOX)}
    for number, cells in rows:
        if cells and cells[0] in examples:
            problems.append(
                _problem(number, "IMPORT_INVALID", _("这是模板的示例行，请删除后再导入"))
            )
            continue
        stock_row, row_problems = check_row(number, cells, counties)
        problems.extend(row_problems)
        if stock_row:
            accepted.append(stock_row)
    return accepted, problems


def drop_overlaps(accepted: list[StockRow]) -> tuple[list[StockRow], list[dict[str, Any]]]:
    """Rows of one file that overlap each other are refused (the later row is named, with
    the earlier one in its message); sort once, sweep once."""
    by_row = {item.row: item for item in accepted}
    problems = []
    for earlier, later in overlapping_pairs([(item.row, item.span) for item in accepted]):
        first_row, second_row = sorted((earlier, later))
        problems.append(
            _problem(
                second_row, "EARTAG_RANGE_OVERLAP", _("号段与第%(row)d行重叠") % {"row": first_row}
            )
        )
        by_row.pop(second_row, None)
    return list(by_row.values()), problems


# --- a tag's state (CONTRACT.md core flow 2) ------------------------------------------------------

IN_STOCK, ISSUED, FITTED, IN_TRANSIT, CANCELLED = (
    "in_stock",
    "issued",
    "fitted",
    "in_transit",
    "cancelled",
)
TAG_STATES = (IN_STOCK, ISSUED, FITTED, IN_TRANSIT, CANCELLED)
STOCK_HOLDERS = frozenset({"county", "township"})


def tag_state(*, record: str | None, claim: str | None, holder_kind: str | None) -> str | None:
    """What a tag is now, from the three things recorded about it: its own record (fitted or
    cancelled: a tag gets one only when something happened to it alone), its live claim
    (claimed by a declaration, in transit on a certificate) and the kind of holder of the
    range it lies in (county and township stock is in stock; a farm's or a vaccinator's is
    issued). Cancellation is final (《畜禽标识和养殖档案管理办法》: never reused); a tag
    travelling on a certificate is in transit even when worn. None: the tag was never
    registered nor recorded."""
    if record == CANCELLED:
        return CANCELLED
    if claim == IN_TRANSIT:
        return IN_TRANSIT
    if record == FITTED:
        return FITTED
    if holder_kind is None:
        return None
    return IN_STOCK if holder_kind in STOCK_HOLDERS else ISSUED


def declaration_problem(state: str | None, *, usable: bool, claimed: bool) -> str | None:
    """A declared tag (seed 002 §二(二); DOMAIN.md §3) is not cancelled, is worn on the farm or
    comes from stock the farm may use (its township's, its own, a vaccinator's serving it),
    and is on no other open declaration or live certificate."""
    if state == CANCELLED:
        return "EARTAG_CANCELLED"
    if not usable:
        return "EARTAG_NOT_IN_TOWNSHIP"
    if claimed:
        return "EARTAG_IN_USE"
    return None


def fitting_problem(state: str | None, *, usable: bool) -> str | None:
    """A tag is fitted once, from stock the farm may use; a cancelled tag never again."""
    if state == CANCELLED:
        return "EARTAG_CANCELLED"
    if state in (FITTED, IN_TRANSIT):
        return "EARTAG_IN_USE"
    if not usable:
        return "EARTAG_NOT_HELD"
    return None


def cancellation_problem(state: str | None) -> str | None:
    """A tag is cancelled once (any tag, registered here or not: at slaughter tags arrive from
    everywhere)."""
    return "EARTAG_CANCELLED" if state == CANCELLED else None


# --- holders --------------------------------------------------------------------------------------


def holder_label(kind: str, name: str) -> str:
    """How a holder is named: 夷陵区县级库存, 龙泉镇乡镇库存, 防疫员张三, or the farm's name."""
    if kind == "county":
        return _("%(name)s县级库存") % {"name": name}
    if kind == "township":
        return _("%(name)s乡镇库存") % {"name": name}
    if kind == "vaccinator":
        return _("防疫员%(name)s") % {"name": name}
    return name
