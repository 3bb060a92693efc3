"""Compulsory immunization (DOMAIN.md §4): the plan as data, vaccine lots and their stock,
immunization records and antibody tests."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from smartvet.core.access import ScopedManager
from smartvet.core.models import Region
from smartvet.core.species import category_choices


class Disease(models.TextChoices):
    HPAI = "HPAI", _("高致病性禽流感")
    FMD = "FMD", _("口蹄疫")
    PPR = "PPR", _("小反刍兽疫")
    BRUCELLOSIS = "BRUCELLOSIS", _("布鲁氏菌病")
    ECHINOCOCCOSIS = "ECHINOCOCCOSIS", _("包虫病")


class PlanEntry(models.Model):
    """One line of the compulsory plan: a disease for a production category, how long a
    vaccination protects and when the next one is due (国家动物疫病强制免疫指导意见
    (2022—2025年)). `nationwide` is off for the diseases a province must list (brucellosis,
    echinococcosis): they apply only where a regional switch turns them on."""

    disease = models.CharField(_("病种"), max_length=20, choices=Disease.choices)
    category = models.CharField(_("品种类别"), max_length=20, choices=category_choices())
    protection_days = models.PositiveIntegerField(_("免疫保护期（天）"))
    interval_days = models.PositiveIntegerField(_("加强免疫间隔（天）"))
    nationwide = models.BooleanField(_("全国强制"), default=True)
    active = models.BooleanField(_("启用"), default=True)
    schedule = models.CharField(_("免疫程序说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("强制免疫计划")
        verbose_name_plural = _("强制免疫计划")
        ordering = ["disease", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["disease", "category"], name="one_plan_entry_per_disease_category"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_disease_display()} · {self.get_category_display()}"


class RegionalSwitch(models.Model):
    """A province (or any region) turns a disease on or off for everything under it; the
    most specific switch wins (DOMAIN.md §4: "where the province lists them")."""

    disease = models.CharField(_("病种"), max_length=20, choices=Disease.choices)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("区划")
    )
    enabled = models.BooleanField(_("纳入强制免疫"), default=True)
    note = models.CharField(_("依据"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("区域强制免疫病种")
        verbose_name_plural = _("区域强制免疫病种")
        constraints = [
            models.UniqueConstraint(
                fields=["disease", "region"], name="one_switch_per_disease_region"
            )
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.disease} {'+' if self.enabled else '-'}"


class LotSource(models.TextChoices):
    TENDER = "tender", _("政府招标采购")
    SELF = "self", _("自行采购")


class Receipt(models.TextChoices):
    """Whether the holder has the vaccine in hand. A transferred lot is on its way until the
    receiver signs for it; until then nobody uses or moves it (the sender gave the doses up,
    the receiver has not got them yet)."""

    SIGNED = "signed", _("已签收")
    AWAITED = "awaited", _("待签收")
    # Moved by enforcement's cold chain: signed for with the temperature at receipt, there.
    COLD_CHAIN = "cold_chain", _("冷链运输中，待到货测温签收")


class VaccineLot(models.Model):
    """疫苗入库 (seed 003 §四(三)). Held by a farm (self-purchased, for its own use only) or
    by a station or provider account (tender vaccine). `region` is the holder's region."""

    region_path = "region"
    owner_path = "farm__owner"

    product = models.CharField(_("疫苗名称"), max_length=100)
    manufacturer = models.CharField(_("生产企业"), max_length=100)
    approval_number = models.CharField(_("批准文号"), max_length=60)
    batch = models.CharField(_("批号"), max_length=60)
    expiry = models.DateField(_("有效期至"))
    diseases = models.JSONField(_("防控病种"), default=list)
    # The species the product is for (猪 for 猪口蹄疫…疫苗); empty: every species its
    # diseases are vaccinated in (lots received before this was asked).
    species = models.JSONField(_("适用畜种"), default=list, blank=True)
    bottles = models.PositiveIntegerField(_("瓶数"), default=0)
    doses = models.PositiveIntegerField(_("入库头份"))
    doses_left = models.PositiveIntegerField(_("剩余头份"))
    source = models.CharField(_("来源"), max_length=10, choices=LotSource.choices)
    farm = models.ForeignKey(
        "registry.Farm",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="vaccine_lots",
        verbose_name=_("持有养殖场"),
    )
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="vaccine_lots",
        verbose_name=_("持有单位"),
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("所在区划")
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transfers",
        verbose_name=_("调出自"),
    )
    protection_days = models.PositiveIntegerField(
        _("保护期（天，空则按计划）"), null=True, blank=True
    )
    received_on = models.DateField(_("入库日期"))
    # 冷链: a lot that left 2–8 °C on its way is held (not used, not moved) until the county
    # releases it (enforcement's cold chain holds and releases it through immunization.steps).
    held = models.BooleanField(_("暂停使用"), default=False)
    receipt = models.CharField(
        _("签收"), max_length=12, choices=Receipt.choices, default=Receipt.SIGNED
    )
    photo = models.FileField(_("包装照片"), upload_to="immunization/lots/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("登记人"),
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("疫苗批次")
        verbose_name_plural = _("疫苗批次")
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(doses_left__lte=models.F("doses")),
                name="lot_doses_left_within_doses",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(source="self", farm__isnull=False)
                    | models.Q(source="tender", farm__isnull=True)
                ),
                name="lot_self_has_farm_tender_has_none",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product} {self.batch}"


class BottleCode(models.Model):
    """A scanned bottle QR code; a bottle enters stock once."""

    region_path = "lot__region"

    lot = models.ForeignKey(VaccineLot, on_delete=models.CASCADE, related_name="bottle_codes")
    code = models.CharField(_("瓶码"), max_length=200, unique=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("疫苗瓶码")
        verbose_name_plural = _("疫苗瓶码")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.code


class Immunization(models.Model):
    """免疫录入 / 免疫档案: one vaccination of some animals of a farm against one disease."""

    region_path = "farm__region"
    owner_path = "farm__owner"

    farm = models.ForeignKey(
        "registry.Farm",
        on_delete=models.PROTECT,
        related_name="immunizations",
        verbose_name=_("养殖场户"),
    )
    date = models.DateField(_("免疫日期"), db_index=True)
    category = models.CharField(_("品种类别"), max_length=20, choices=category_choices())
    disease = models.CharField(_("病种"), max_length=20, choices=Disease.choices)
    lot = models.ForeignKey(
        VaccineLot,
        on_delete=models.PROTECT,
        related_name="immunizations",
        verbose_name=_("疫苗批次"),
    )
    animals = models.PositiveIntegerField(_("免疫数量"))
    doses = models.PositiveIntegerField(_("用苗头份"))
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("免疫人"),
    )
    performer_role = models.CharField(_("免疫主体"), max_length=20)
    ear_tags = models.JSONField(_("同时佩戴耳标"), default=list, blank=True)
    next_due = models.DateField(_("下次免疫日期"))
    protected_until = models.DateField(_("保护期至"))
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("免疫记录")
        verbose_name_plural = _("免疫记录")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["farm", "disease", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(animals__gt=0, doses__gt=0), name="immunization_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.farm_id} {self.date} {self.disease} {self.category}"


class Round(models.TextChoices):
    INITIAL = "initial", _("首次检测")
    RETEST = "retest", _("补免后复检")


class Accreditation(models.TextChoices):
    CMA = "CMA", _("CMA")
    CNAS = "CNAS", _("CNAS")
    MINISTRY = "ministry", _("农业农村部认可")
    NONE = "none", _("其他")


class AntibodyTest(models.Model):
    """抗体检测 / 免疫效果评价 (seed 003 §三(三)). Pass rate ≥70% passes; entry later than
    10 working days after sampling is flagged."""

    region_path = "farm__region"
    owner_path = "farm__owner"

    farm = models.ForeignKey(
        "registry.Farm",
        on_delete=models.PROTECT,
        related_name="antibody_tests",
        verbose_name=_("养殖场户"),
    )
    disease = models.CharField(_("病种"), max_length=20, choices=Disease.choices)
    round = models.CharField(_("轮次"), max_length=10, choices=Round.choices, default=Round.INITIAL)
    sampled_on = models.DateField(_("采样日期"), db_index=True)
    samples = models.PositiveIntegerField(_("样品数"))
    qualified = models.PositiveIntegerField(_("合格数"))
    pass_rate = models.DecimalField(_("合格率（%）"), max_digits=5, decimal_places=1)
    passed = models.BooleanField(_("合格"))
    lab = models.CharField(_("检测机构"), max_length=100)
    accreditation = models.CharField(
        _("资质"), max_length=10, choices=Accreditation.choices, default=Accreditation.NONE
    )
    report = models.FileField(_("检测报告"), upload_to="immunization/reports/", blank=True)
    late = models.BooleanField(_("超期录入"), default=False)
    due_by = models.DateField(_("应录入日期"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("录入人"),
    )
    entered_role = models.CharField(_("录入角色"), max_length=20)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("抗体检测")
        verbose_name_plural = _("抗体检测")
        ordering = ["-sampled_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(samples__gt=0, qualified__lte=models.F("samples")),
                name="antibody_qualified_within_samples",
            )
        ]

    def __str__(self) -> str:
        return f"{self.farm_id} {self.disease} {self.sampled_on}"
