"""Vaccine cold chain (疫苗冷链; seed 000): tender vaccine moved from the county to townships
and to the vaccinators' providers, with the temperature at dispatch and at receipt. The lot
itself is immunization's (a transfer is a child lot, `parent`); a lot received outside
2–8 °C is held there (VaccineLot.held) until the county releases it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from smartvet.core.access import ScopedManager


class ShipmentStatus(models.TextChoices):
    IN_TRANSIT = "in_transit", _("运输中")
    RECEIVED = "received", _("已签收")
    HELD = "held", _("温度异常，暂停使用")
    RELEASED = "released", _("已放行")


class Shipment(models.Model):
    """One dispatch of vaccine (the transferred lot) and its receipt."""

    # Seen by the sender's area and the receiver's.
    region_path = ("lot__region", "lot__parent__region")

    lot = models.OneToOneField(
        "immunization.VaccineLot",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("调入批次"),
    )
    status = models.CharField(
        _("状态"),
        max_length=20,
        choices=ShipmentStatus.choices,
        default=ShipmentStatus.IN_TRANSIT,
        db_index=True,
    )
    dispatch_temperature = models.DecimalField(_("出库温度（℃）"), max_digits=4, decimal_places=1)
    dispatched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("发出人"),
    )
    dispatched_at = models.DateTimeField(_("发出时间"), auto_now_add=True)
    receipt_temperature = models.DecimalField(
        _("到货温度（℃）"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("签收人"),
    )
    received_at = models.DateTimeField(_("签收时间"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("放行人"),
    )
    release_note = models.CharField(_("放行意见"), max_length=200, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("冷链运输")
        verbose_name_plural = _("冷链运输")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.lot_id} {self.get_status_display()}"
