"""Service agreements (服务协议, seed 003 §五(三)) between a provider and a farm or a village
unit: what is served, each side's duties, quality and targets, period and price. An active
agreement makes the provider and its listed vaccinators serve the farm (registry.FarmServer)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from smartvet.core.access import ScopedManager
from smartvet.vetservice.models.catalogue import Service
from smartvet.vetservice.models.providers import Provider


class AgreementStatus(models.TextChoices):
    PROPOSED = "proposed", _("待养殖户确认")
    ACTIVE = "active", _("生效")
    ENDED = "ended", _("已终止")


class Agreement(models.Model):
    region_path = "farm__region"
    owner_path = "farm__owner"

    number = models.CharField(_("协议编号"), max_length=30, unique=True)
    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("服务主体")
    )
    farm = models.ForeignKey(
        "registry.Farm", on_delete=models.PROTECT, related_name="+", verbose_name=_("养殖场户")
    )
    services = models.ManyToManyField(Service, related_name="+", verbose_name=_("服务内容"))
    categories = models.JSONField(_("服务畜种"), default=list, blank=True)
    provider_duties = models.TextField(_("服务主体责任"), max_length=2000, blank=True)
    farm_duties = models.TextField(_("养殖场户责任"), max_length=2000, blank=True)
    quality_requirements = models.TextField(_("质量和技术要求"), max_length=2000, blank=True)
    density_target = models.DecimalField(
        _("免疫密度目标（%）"), max_digits=5, decimal_places=2, default=Decimal("100")
    )
    antibody_target = models.DecimalField(
        _("抗体合格率目标（%）"), max_digits=5, decimal_places=2, default=Decimal("70")
    )
    starts_on = models.DateField(_("起始日期"))
    ends_on = models.DateField(_("截止日期"))
    status = models.CharField(
        _("状态"), max_length=20, choices=AgreementStatus.choices, default=AgreementStatus.PROPOSED
    )
    vaccinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("服务防疫员")
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("起草人"),
    )
    created_at = models.DateTimeField(_("起草时间"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    ended_on = models.DateField(_("终止日期"), null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("服务协议")
        verbose_name_plural = _("服务协议")
        ordering = ["-id"]
        indexes = [models.Index(fields=["farm", "status"])]

    def __str__(self) -> str:
        return self.number


class AgreedPrice(models.Model):
    """The price a commercial service is agreed at (otherwise the guide price applies)."""

    region_path = "agreement__farm__region"

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="prices")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="+")
    price = models.DecimalField(_("协议价（元）"), max_digits=10, decimal_places=2)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("协议价")
        verbose_name_plural = _("协议价")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "service"], name="one_agreed_price")
        ]
