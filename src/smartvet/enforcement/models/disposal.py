"""Harmless disposal (无害化处理) of dead animals as its own record, and the insurance claim
(保险理赔) that rests on it: insurers pay only for animals disposed of under supervision
(seed 003 承保理赔; seed 000 plans farm insurance for smallholders)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from smartvet.core.access import ScopedManager
from smartvet.core.species import category_choices
from smartvet.surveillance.models import DisposalMethod


class Disposal(models.Model):
    """Who collected, where, how, how many of one category, from which farm; linked to the
    death report it follows (if any) and to the stock change that took the animals off."""

    region_path = "farm__region"
    owner_path = "farm__owner"

    farm = models.ForeignKey(
        "registry.Farm", on_delete=models.PROTECT, related_name="+", verbose_name=_("养殖场户")
    )
    category = models.CharField(_("品种类别"), max_length=20, choices=category_choices())
    animals = models.PositiveIntegerField(_("处理数量（头/只）"))
    method = models.CharField(_("处理方式"), max_length=20, choices=DisposalMethod.choices)
    place = models.CharField(_("处理地点"), max_length=200)
    date = models.DateField(_("处理日期"), db_index=True)
    collector = models.CharField(_("收集人"), max_length=50, blank=True)
    report = models.ForeignKey(
        "surveillance.Report",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("死亡报告"),
    )
    stock_event = models.ForeignKey(
        "registry.StockEvent",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("存栏变动"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("监督处理人"),
    )
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("无害化处理")
        verbose_name_plural = _("无害化处理")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.farm_id} {self.date} {self.animals}"


class DisposalPhoto(models.Model):
    """A photo of the disposal (the carcasses, the pit, the centre's receipt), stored
    re-encoded without EXIF by core.photos."""

    region_path = "disposal__farm__region"

    disposal = models.ForeignKey(
        Disposal, on_delete=models.CASCADE, related_name="photos", verbose_name=_("无害化处理")
    )
    image = models.ImageField(_("照片"), upload_to="enforcement/disposals/")
    thumbnail = models.ImageField(_("缩略图"), upload_to="enforcement/disposals/thumbs/")
    width = models.PositiveIntegerField(_("宽"))
    height = models.PositiveIntegerField(_("高"))

    objects = ScopedManager()

    class Meta:
        verbose_name = _("无害化处理照片")
        verbose_name_plural = _("无害化处理照片")
        ordering = ["id"]


class ClaimStatus(models.TextChoices):
    CLAIMED = "claimed", _("已申报")
    ACCEPTED = "accepted", _("已核实")
    REFUSED = "refused", _("不予理赔")
    PAID = "paid", _("已赔付")


class InsuranceClaim(models.Model):
    """One claim per disposal of an insured farm; the county checks it against the disposal
    (accepted or refused) and records the insurer's payment."""

    region_path = "disposal__farm__region"
    owner_path = "disposal__farm__owner"

    disposal = models.OneToOneField(
        Disposal, on_delete=models.PROTECT, related_name="claim", verbose_name=_("无害化处理")
    )
    insurer = models.CharField(_("保险机构"), max_length=100)
    policy_number = models.CharField(_("保单号"), max_length=60)
    animals = models.PositiveIntegerField(_("理赔数量（头/只）"))
    amount = models.DecimalField(_("申报金额（元）"), max_digits=12, decimal_places=2)
    status = models.CharField(
        _("状态"), max_length=20, choices=ClaimStatus.choices, default=ClaimStatus.CLAIMED
    )
    note = models.CharField(_("核实意见"), max_length=200, blank=True)
    paid_on = models.DateField(_("赔付日期"), null=True, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("申报人"),
    )
    filed_at = models.DateTimeField(_("申报时间"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("核实人"),
    )

    objects = ScopedManager()

    class Meta:
        verbose_name = _("保险理赔")
        verbose_name_plural = _("保险理赔")
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="claim_amount_not_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.insurer} {self.policy_number}"
