"""Providers ("1+N" per township: one lead company and N service organisations) and the
vaccinator roster (seed 000: 兴牧公司, the ageing force to renew, training and assessment)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from smartvet.core.access import ScopedManager
from smartvet.core.models import Region


class ProviderKind(models.TextChoices):
    LEAD = "lead", _("牵头管理公司")
    ORGANISATION = "organisation", _("服务组织")


class Provider(models.Model):
    """A service provider of one township. The county chooses the lead company for a contract
    period (lead_from–lead_until); the others are its N service organisations."""

    region_path = "township"

    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="provider_profile",
        verbose_name=_("服务主体账号"),
    )
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=20, choices=ProviderKind.choices)
    township = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("所在乡镇")
    )
    legal_representative = models.CharField(_("法定代表人"), max_length=50, blank=True)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    lead_from = models.DateField(_("牵头起始日期"), null=True, blank=True)
    lead_until = models.DateField(_("牵头截止日期"), null=True, blank=True)
    villages = models.ManyToManyField(
        Region, blank=True, related_name="+", verbose_name=_("服务村")
    )
    # The account that takes the orders no vaccinator fits (the provider account by default).
    dispatcher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("派单员"),
    )
    is_active = models.BooleanField(_("在册"), default=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("服务主体")
        verbose_name_plural = _("服务主体")
        ordering = ["township", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["township"],
                condition=models.Q(kind="lead", is_active=True),
                name="one_lead_provider_per_township",
            )
        ]

    def __str__(self) -> str:
        return self.name


class VaccinatorKind(models.TextChoices):
    EPIDEMIC_WORKER = "epidemic_worker", _("防疫员")
    VILLAGE_VET = "village_vet", _("乡村兽医")
    LICENSED_VET = "licensed_vet", _("执业兽医")


class Vaccinator(models.Model):
    """A vaccinator on the roster: what qualifies it (and until when), where and on which days
    it works. An expired qualification takes no order (QUALIFICATION_EXPIRED)."""

    region_path = "account__region"

    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="roster_entry",
        verbose_name=_("防疫员账号"),
    )
    provider = models.ForeignKey(
        Provider,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="vaccinators",
        verbose_name=_("所属服务主体"),
    )
    kind = models.CharField(_("类别"), max_length=20, choices=VaccinatorKind.choices)
    qualification_no = models.CharField(_("资格证号"), max_length=50)
    qualification_expires = models.DateField(_("资格有效期至"))
    villages = models.ManyToManyField(
        Region, blank=True, related_name="+", verbose_name=_("负责村")
    )
    # ISO weekdays on duty, "12345" for Monday to Friday.
    duty_days = models.CharField(_("值班日"), max_length=7, default="1234567")
    birth_year = models.PositiveSmallIntegerField(_("出生年份"), null=True, blank=True)
    on_roster = models.BooleanField(_("在册"), default=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("防疫员花名册")
        verbose_name_plural = _("防疫员花名册")
        ordering = ["account__username"]

    def __str__(self) -> str:
        return str(self.account)


class Training(models.Model):
    region_path = "vaccinator__account__region"

    vaccinator = models.ForeignKey(Vaccinator, on_delete=models.CASCADE, related_name="trainings")
    name = models.CharField(_("培训名称"), max_length=100)
    taken_on = models.DateField(_("培训日期"))
    hours = models.PositiveSmallIntegerField(_("学时"), default=0)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("培训记录")
        verbose_name_plural = _("培训记录")
        ordering = ["-taken_on"]


class Assessment(models.Model):
    region_path = "vaccinator__account__region"

    vaccinator = models.ForeignKey(Vaccinator, on_delete=models.CASCADE, related_name="assessments")
    period = models.CharField(_("考核期"), max_length=20)
    score = models.DecimalField(_("考核分数"), max_digits=5, decimal_places=1)
    notes = models.CharField(_("考核意见"), max_length=200, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("考核记录")
        verbose_name_plural = _("考核记录")
        ordering = ["-period"]
        constraints = [
            models.UniqueConstraint(fields=["vaccinator", "period"], name="one_assessment_a_period")
        ]
