"""Monthly statements of government-purchased services (政府购买服务结算) per provider: every
confirmed public-welfare service of the month priced to the cent; disputed and unconfirmed
orders listed apart. A signed statement is locked; a correction is a new version."""

from __future__ import annotations

from django.conf import settings
from django.db import connections, models
from django.db.models import Case, F, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from smartvet.core.access import ScopedManager
from smartvet.core.models import Region
from smartvet.vetservice.models.orders import OrderStatus, ServiceOrder
from smartvet.vetservice.models.providers import Provider


class StatementStatus(models.TextChoices):
    DRAFT = "draft", _("待签署")
    SIGNED = "signed", _("已签署")
    SUPERSEDED = "superseded", _("已更正")


class Statement(models.Model):
    region_path = "provider__township"

    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="statements", verbose_name=_("服务主体")
    )
    county = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("县")
    )
    month = models.DateField(_("结算月份"))
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    status = models.CharField(
        _("状态"), max_length=20, choices=StatementStatus.choices, default=StatementStatus.DRAFT
    )
    total = models.DecimalField(_("合计（元）"), max_digits=14, decimal_places=2, default=0)
    correction_reason = models.CharField(_("更正原因"), max_length=200, blank=True)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("编制人"),
    )
    prepared_at = models.DateTimeField(_("编制时间"))
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("签署人"),
    )
    signed_at = models.DateTimeField(_("签署时间"), null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("政府购买服务结算单")
        verbose_name_plural = _("政府购买服务结算单")
        ordering = ["-month", "provider", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "month", "version"], name="one_statement_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.provider} {self.month:%Y-%m} v{self.version}"


class StatementLineManager(ScopedManager):
    def build(self, statement: Statement, orders: QuerySet[ServiceOrder]) -> None:
        """Write the statement's lines from the month's orders in ONE INSERT … SELECT: a county
        month is tens of thousands of orders, and building a Python object per order cost 80×
        the bare aggregate. A confirmed order is counted; any other is listed apart with its
        status as the note (read as words through `reason`)."""
        confirmed = {"status": OrderStatus.CONFIRMED}
        columns = {
            "statement_id": Value(statement.pk),
            "order_id": F("id"),
            "service_name": F("service__name"),
            "farm_name": F("farm__name"),
            "served_on": F("served_on"),
            "quantity": F("quantity"),
            "unit": F("service__unit"),
            "price": F("unit_price"),
            "amount": F("amount"),
            "included": Case(
                When(**confirmed, then=Value(True)),
                default=Value(False),
                output_field=models.BooleanField(),
            ),
            "note": Case(
                When(**confirmed, then=Value("")),
                default=F("status"),
                output_field=models.CharField(),
            ),
        }
        # Aliases distinct from the order's own field names (Django refuses a clash); the
        # INSERT maps the SELECT by position, and values_list keeps the given order. Ordered
        # by day and order so the lines' ids follow the statement's reading order.
        aliases = {f"line_{name}": expression for name, expression in columns.items()}
        select = orders.annotate(**aliases).order_by("served_on", "id").values_list(*aliases)
        connection = connections[select.db]
        sql, params = select.query.get_compiler(connection=connection).as_sql()
        quote = connection.ops.quote_name
        names = ", ".join(quote(self.model._meta.get_field(name).column) for name in columns)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {quote(self.model._meta.db_table)} ({names}) {sql}", params
            )


class StatementLine(models.Model):
    """One order on a statement: priced and counted when `included`, else listed apart with
    the reason (disputed, not yet confirmed)."""

    region_path = "statement__provider__township"

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="lines")
    order = models.ForeignKey(ServiceOrder, on_delete=models.PROTECT, related_name="+")
    service_name = models.CharField(_("服务项目"), max_length=50)
    farm_name = models.CharField(_("养殖场户"), max_length=100)
    served_on = models.DateField(_("服务日期"), null=True)
    quantity = models.PositiveIntegerField(_("数量"))
    unit = models.CharField(_("单位"), max_length=20)
    price = models.DecimalField(_("单价（元）"), max_digits=10, decimal_places=2)
    amount = models.DecimalField(_("金额（元）"), max_digits=12, decimal_places=2)
    included = models.BooleanField(_("计入结算"), default=True)
    note = models.CharField(_("说明"), max_length=100, blank=True)

    objects = StatementLineManager()

    class Meta:
        verbose_name = _("结算明细")
        verbose_name_plural = _("结算明细")
        ordering = ["statement", "-included", "served_on", "id"]

    @property
    def reason(self) -> str:
        """Why the line is listed apart (disputed, not yet confirmed), in words."""
        return str(OrderStatus(self.note).label) if self.note else ""
