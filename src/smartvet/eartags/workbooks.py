"""The 库存耳标登记表 template, one for the page and the API."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _

from smartvet.core.spreadsheets import header_labels, xlsx_response
from smartvet.eartags import rules


def stock_template() -> HttpResponse:
    name = _("库存耳标登记表")
    example = [_(rules.TEMPLATE_EXAMPLE[0]), *rules.TEMPLATE_EXAMPLE[1:]]
    return xlsx_response(
        name + ".xlsx",
        header_labels(rules.IMPORT_HEADER),
        [example],
        title=name,
        text_columns=rules.TEMPLATE_TEXT_COLUMNS,
    )
