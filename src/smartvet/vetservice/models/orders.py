"""Service orders (订单式服务, seed 000 2025): a farmer orders, the order is assigned at once
(and says why it went where it went), done, then confirmed and rated or disputed by the
farmer. Case records of diagnosis and treatment (诊疗记录) belong to their order."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from smartvet.core.access import ScopedManager
from smartvet.core.models import Region
from smartvet.core.species import category_choices
from smartvet.vetservice.models.catalogue import Service
from smartvet.vetservice.models.providers import Provider


class OrderStatus(models.TextChoices):
    QUEUED = "queued", _("待派单")
    ASSIGNED = "assigned", _("已派单")
    ACCEPTED = "accepted", _("已接单")
    DONE = "done", _("已完成待确认")
    CONFIRMED = "confirmed", _("已确认")
    DISPUTED = "disputed", _("有异议")


class AssignmentBasis(models.TextChoices):
    AGREEMENT_VACCINATOR = "agreement_vaccinator", _("签约服务主体的值班防疫员")
    STATION_VACCINATOR = "station_vaccinator", _("乡镇站指派的防疫员")
    DISPATCHER = "dispatcher", _("签约服务主体派单员")
    STATION_QUEUE = "station_queue", _("乡镇站待派单")
    DISPATCHED = "dispatched", _("人工派单")


class Payer(models.TextChoices):
    COUNTY = "county", _("县级政府购买")
    FARMER = "farmer", _("养殖场户付费")


class ServiceOrder(models.Model):
    region_path = "farm__region"
    owner_path = "farm__owner"

    number = models.CharField(_("订单号"), max_length=30, unique=True)
    farm = models.ForeignKey(
        "registry.Farm", on_delete=models.PROTECT, related_name="+", verbose_name=_("养殖场户")
    )
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="orders", verbose_name=_("服务项目")
    )
    category = models.CharField(
        _("畜禽品种"), max_length=20, choices=category_choices(), blank=True
    )
    animals = models.PositiveIntegerField(_("数量（头只）"))
    preferred_date = models.DateField(_("期望日期"))
    notes = models.CharField(_("备注"), max_length=200, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=OrderStatus.choices)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("承接人"),
    )
    provider = models.ForeignKey(
        Provider,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="orders",
        verbose_name=_("服务主体"),
    )
    township = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("乡镇")
    )
    basis = models.CharField(_("派单依据"), max_length=30, choices=AssignmentBasis.choices)
    basis_note = models.CharField(_("派单说明"), max_length=200, blank=True)
    payer = models.CharField(_("付费方"), max_length=20, choices=Payer.choices)
    quantity = models.PositiveIntegerField(_("结算数量"), null=True, blank=True)
    unit_price = models.DecimalField(
        _("单价（元）"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    amount = models.DecimalField(
        _("金额（元）"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    price_basis = models.CharField(_("价格依据"), max_length=20, blank=True)
    immunization = models.ForeignKey(
        "immunization.Immunization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("免疫记录"),
    )
    served_on = models.DateField(_("服务日期"), null=True, blank=True, db_index=True)
    rating = models.PositiveSmallIntegerField(_("评分"), null=True, blank=True)
    comment = models.CharField(_("评价"), max_length=200, blank=True)
    dispute = models.CharField(_("异议"), max_length=200, blank=True)
    ordered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("下单人"),
    )
    created_at = models.DateTimeField(_("下单时间"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("接单时间"), null=True, blank=True)
    done_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("服务订单")
        verbose_name_plural = _("服务订单")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["provider", "served_on"]),
            models.Index(fields=["assignee", "status"]),
            models.Index(fields=["township", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="rating_one_to_five",
            )
        ]

    def __str__(self) -> str:
        return self.number


class CaseRecord(models.Model):
    """诊疗记录 (seed 000 dream 6, the comprehensive animal hospital): one per order."""

    region_path = "order__farm__region"
    owner_path = "order__farm__owner"

    order = models.OneToOneField(ServiceOrder, on_delete=models.PROTECT, related_name="case_record")
    complaint = models.TextField(_("主诉"), max_length=2000)
    findings = models.TextField(_("检查所见"), max_length=2000, blank=True)
    diagnosis = models.TextField(_("诊断"), max_length=2000)
    treatment = models.TextField(_("治疗方案"), max_length=2000, blank=True)
    drugs = models.CharField(_("用药"), max_length=200, blank=True)
    withdrawal_days = models.PositiveSmallIntegerField(_("休药期（天）"), default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("诊疗人"),
    )
    recorded_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("诊疗记录")
        verbose_name_plural = _("诊疗记录")
