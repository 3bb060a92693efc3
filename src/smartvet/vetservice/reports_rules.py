"""Pure rules of the vaccinators' daily reports (日报告制度)."""

from __future__ import annotations

from datetime import date, timedelta

# A report may be sent for today or the days just past (a vaccinator back late from the
# hills), never for a day to come.
REPORT_BACKDATE_DAYS = 7


def report_day_problem(day: date, today: date) -> str:
    """ "future", "too_old" or "" for a report's day."""
    if day > today:
        return "future"
    if day < today - timedelta(days=REPORT_BACKDATE_DAYS):
        return "too_old"
    return ""


def report_kind_problem(*, zero: bool, records: int, own_lines: int) -> str:
    """A 零报告 says there was nothing: it is refused when the day has records or lines
    ("zero_with_work"); a work report with neither is refused ("empty")."""
    if zero and (records or own_lines):
        return "zero_with_work"
    if not zero and not (records or own_lines):
        return "empty"
    return ""
