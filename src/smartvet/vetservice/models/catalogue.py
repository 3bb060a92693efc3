"""The service catalogue of a county (seed 000, 2025: 公益性服务 bought by the government and
经营性服务 paid by the farmer) and its guide prices (指导价) by effective date."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from smartvet.core.access import ScopedManager
from smartvet.core.models import Region


class ServiceKind(models.TextChoices):
    PUBLIC = "public", _("公益性服务")
    COMMERCIAL = "commercial", _("经营性服务")


class Service(models.Model):
    region_path = "county"

    county = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("县")
    )
    code = models.CharField(_("服务代码"), max_length=40)
    name = models.CharField(_("服务名称"), max_length=50)
    kind = models.CharField(_("服务类别"), max_length=20, choices=ServiceKind.choices)
    unit = models.CharField(_("计价单位"), max_length=20)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("服务项目")
        verbose_name_plural = _("服务项目")
        ordering = ["kind", "id"]
        constraints = [
            models.UniqueConstraint(fields=["county", "code"], name="one_service_code_a_county")
        ]

    def __str__(self) -> str:
        return self.name


class GuidePrice(models.Model):
    """The county's guide price of a service from a day on, until the next one."""

    region_path = "service__county"

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="prices")
    effective_from = models.DateField(_("执行日期"))
    price = models.DecimalField(_("指导价（元）"), max_digits=10, decimal_places=2)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("指导价")
        verbose_name_plural = _("指导价")
        ordering = ["service", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "effective_from"], name="one_guide_price_a_day"
            )
        ]
