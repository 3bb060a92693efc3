"""Purification farms (动物疫病净化场; seed 000: households buy piglets only from district-level
purification farms, village by village — 整村推进). One row is one certificate of a registry
farm: a renewed certificate is a new row, so a purchase is judged by the certificate valid
on its date."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from smartvet.core.access import ScopedManager


class PurificationLevel(models.TextChoices):
    DISTRICT = "district", _("区级")
    CITY = "city", _("市级")
    PROVINCE = "province", _("省级")
    NATIONAL = "national", _("国家级")


class PurificationFarm(models.Model):
    region_path = "farm__region"

    farm = models.ForeignKey(
        "registry.Farm",
        on_delete=models.PROTECT,
        related_name="purification_certificates",
        verbose_name=_("养殖场"),
    )
    level = models.CharField(_("净化场级别"), max_length=20, choices=PurificationLevel.choices)
    certificate_no = models.CharField(_("证书编号"), max_length=60, unique=True)
    diseases = models.CharField(_("净化病种"), max_length=100)
    valid_from = models.DateField(_("有效期起"))
    valid_until = models.DateField(_("有效期至"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("登记人"),
    )
    registered_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("净化场")
        verbose_name_plural = _("净化场")
        ordering = ["-valid_until", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__gte=models.F("valid_from")),
                name="purification_valid_until_after_from",
            )
        ]

    def __str__(self) -> str:
        return f"{self.certificate_no}"
