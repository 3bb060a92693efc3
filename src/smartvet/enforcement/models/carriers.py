"""Livestock dealers and brokers (贩运经纪人, seed 002) and their trade records. The vehicles
that carry animals are the registry's (registry.models.Vehicle): quarantine, below this app,
asks about them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from smartvet.core.access import ScopedManager
from smartvet.core.models import Region
from smartvet.core.species import category_choices


class Dealer(models.Model):
    """A registered dealer or broker, kept by the county where it is registered."""

    region_path = "county"

    name = models.CharField(_("姓名或名称"), max_length=100)
    id_number = models.CharField(_("身份证号或统一社会信用代码"), max_length=18)
    phone = models.CharField(_("联系电话"), max_length=20)
    county = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("备案县")
    )
    licence_no = models.CharField(_("备案编号"), max_length=50, blank=True)
    vehicles = models.ManyToManyField(
        "registry.Vehicle", blank=True, related_name="+", verbose_name=_("使用的备案车辆")
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("备案人"),
    )
    registered_at = models.DateTimeField(_("备案时间"), auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("贩运经纪人")
        verbose_name_plural = _("贩运经纪人")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["county", "id_number"], name="one_dealer_per_county")
        ]

    def __str__(self) -> str:
        return self.name


class TradeDirection(models.TextChoices):
    BOUGHT = "bought", _("收购")
    SOLD = "sold", _("出售")


class DealerRecord(models.Model):
    """One purchase or sale by a dealer (购销台账): from or to whom, what, and the papers that
    went with it. Never edited; a mistake is corrected by a new record."""

    region_path = "dealer__county"

    dealer = models.ForeignKey(
        Dealer, on_delete=models.PROTECT, related_name="records", verbose_name=_("贩运经纪人")
    )
    direction = models.CharField(_("购销"), max_length=10, choices=TradeDirection.choices)
    date = models.DateField(_("日期"))
    counterparty = models.CharField(_("交易对象"), max_length=100)
    farm = models.ForeignKey(
        "registry.Farm",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("交易养殖场户"),
    )
    category = models.CharField(_("品种类别"), max_length=20, choices=category_choices())
    quantity = models.PositiveIntegerField(_("数量"))
    certificate_number = models.CharField(_("检疫证明编号"), max_length=40, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("登记人"),
    )
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("贩运购销记录")
        verbose_name_plural = _("贩运购销记录")
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gt=0), name="dealer_record_quantity_positive"
            )
        ]
