"""Market pages: the weekly bulletin with its chart, price reports (the form that asks to
confirm an outlier, the list with export), the supply and demand board."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from smartvet.consult import charts, queries, rules
from smartvet.consult.commands import PostIn, PriceIn
from smartvet.consult.models import PostKind
from smartvet.consult.permissions import MARKET, POST, REPORT_PRICE
from smartvet.consult.services import market as services
from smartvet.consult.views.common import filters, form_data, paged, render_page
from smartvet.core.access import can, require
from smartvet.core.commands import parse
from smartvet.core.errors import DomainError
from smartvet.core.queries import region_label
from smartvet.core.spreadsheets import header_labels, xlsx_response

CHART_WEEKS = 8
COMMODITY_NAMES = {code: label for code, (label, _unit) in rules.COMMODITIES.items()}


def _week(text: str):  # type: ignore[no-untyped-def]
    try:
        return rules.parse_week(text) if text else rules.monday_of(timezone.localdate())
    except ValueError:
        return rules.monday_of(timezone.localdate())


def _percent(change: float | None) -> dict | None:
    """A change for the page: "+5.0%", and whether it went up or down (None: no data)."""
    if change is None:
        return None
    return {"text": f"{change * 100:+.1f}%", "up": change > 0, "down": change < 0}


@login_required
def bulletin(request):
    require(request.user, MARKET)
    params = filters(request, "region", "week", "commodity")
    region = params["region"] or queries.home_area(request.user)
    monday = _week(params["week"])
    rows = queries.bulletin(region, monday)
    means = queries.weekly_means(region, rules.weeks_back(monday, CHART_WEEKS))
    shown = params["commodity"] or (rows[0].commodity if rows else "")
    chart = ""
    if shown in means:
        chart = charts.line_svg(
            [rules.week_label(m)[5:] for m in rules.weeks_back(monday, CHART_WEEKS)],
            means[shown],
            title=str(COMMODITY_NAMES[shown]),
            unit=str(rules.UNITS[rules.unit_of(shown)]),
        )
    return render_page(
        request,
        "consult/bulletin.html",
        {
            "rows": [
                {
                    "row": row,
                    "name": COMMODITY_NAMES[row.commodity],
                    "unit": rules.UNITS[rules.unit_of(row.commodity)],
                    "wow": _percent(row.wow),
                    "yoy": _percent(row.yoy),
                }
                for row in rows
            ],
            "region": region,
            "place": region_label(region),
            "week": rules.week_label(monday),
            "chart": chart,
            "shown": shown,
            "charted": [(code, COMMODITY_NAMES[code]) for code in means],
            "may_report": can(request.user, REPORT_PRICE),
        },
    )


PRICE_HEADERS = [
    gettext_noop("日期"),
    gettext_noop("品种"),
    gettext_noop("地区"),
    gettext_noop("市场"),
    gettext_noop("价格"),
    gettext_noop("单位"),
    gettext_noop("离群价格已核实"),
    gettext_noop("报送人"),
]


def _price_rows(rows):  # type: ignore[no-untyped-def]
    for r in rows.iterator(chunk_size=2000):
        yield [
            r.date.isoformat(),
            r.get_commodity_display(),
            region_label(r.region_id),
            r.market,
            float(r.price),
            r.get_unit_display(),
            _("是") if r.confirmed_outlier else "",
            str(r.reported_by),
        ]


def _prices_page(request, error=None):  # type: ignore[no-untyped-def]
    require(request.user, REPORT_PRICE)
    params = filters(request, "commodity", "region")
    rows = queries.prices_visible_to(request.user, **params)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            _("价格报送") + ".xlsx", header_labels(PRICE_HEADERS), _price_rows(rows)
        )
    outlier = error is not None and error.code == "PRICE_OUTLIER"
    return render_page(
        request,
        "consult/prices.html",
        {
            **paged(request, rows, params),
            "commodities": [
                (code, label, rules.UNITS[unit])
                for code, (label, unit) in rules.COMMODITIES.items()
            ],
            "values": request.POST
            or {"region": request.user.region_id, "date": timezone.localdate()},
            "outlier": outlier,
        },
        error,
    )


@login_required
def prices(request):
    return _prices_page(request)


@require_POST
@login_required
def report_price(request):
    data = form_data(request)
    data["unit"] = (
        rules.unit_of(data["commodity"]) if data.get("commodity") in rules.COMMODITIES else ""
    )
    data["confirm"] = bool(request.POST.get("confirm"))
    try:
        services.report_price(actor=request.user, command=parse(PriceIn, data))
    except DomainError as exc:
        return _prices_page(request, exc)
    return redirect("consult:prices")


def _posts_page(request, error=None):  # type: ignore[no-untyped-def]
    require(request.user, MARKET)
    params = filters(request, "region", "kind", "commodity")
    region = params["region"] or queries.home_area(request.user)
    rows = queries.posts(region=region, kind=params["kind"], commodity=params["commodity"])
    return render_page(
        request,
        "consult/posts.html",
        {
            **paged(request, rows, params),
            "place": region_label(region),
            "kinds": PostKind.choices,
            "commodities": rules.commodity_choices(),
            "may_post": can(request.user, POST),
            "values": request.POST or {"region": request.user.region_id, "days": 14},
        },
        error,
    )


@login_required
def posts(request):
    return _posts_page(request)


@require_POST
@login_required
def create_post(request):
    try:
        services.create_post(actor=request.user, command=parse(PostIn, form_data(request)))
    except DomainError as exc:
        return _posts_page(request, exc)
    return redirect("consult:posts")


@require_POST
@login_required
def withdraw_post(request, post_id: int):
    services.withdraw_post(actor=request.user, post_id=post_id)
    return redirect("consult:posts")
