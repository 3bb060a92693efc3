"""先打后补 tables: policies, qualifications, applications, publicity, objections, payments,
disqualifications and the holiday table of the working-day fallback. No workflow logic here:
transitions live in rules.py and are made by services.py."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from smartvet.core.access import ScopedManager
from smartvet.core.models import Region
from smartvet.subsidy import calc


class SubsidyPolicy(models.Model):
    """A policy as data (DOMAIN.md §5). The shipped `jiyuan-2024` is loaded by a migration
    from policies.py; a county copies it and edits its copy. Every edit raises `version`;
    every calculation stores the code, version and the rules it used."""

    region_path = "region"

    code = models.SlugField(_("政策编号"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("适用区划")
    )
    version = models.PositiveIntegerField(_("版本"), default=1)
    rules = models.JSONField(_("政策参数"))
    copied_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("复制自"),
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("补助政策")
        verbose_name_plural = _("补助政策")
        ordering = ["-id"]

    def __str__(self) -> str:
        return _("%(name)s（%(code)s）") % {
            "name": self.name,
            "code": f"{self.code} v{self.version}",
        }

    def as_policy(self) -> calc.Policy:
        return calc.Policy.from_dict(
            {**self.rules, "code": self.code, "name": self.name}, version=self.version
        )


class QualificationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待初审")
    PRELIMINARY_APPROVED = "preliminary_approved", _("初审通过，待终审")
    APPROVED = "approved", _("终审通过")
    RETURNED = "returned", _("退回重新申报")


class Qualification(models.Model):
    """资质申请 (seed 003 四(一)(二)): by the farm, or by the provider for a farm it serves."""

    region_path = "farm__region"
    owner_path = "farm__owner"

    farm = models.ForeignKey(
        "registry.Farm",
        on_delete=models.PROTECT,
        related_name="subsidy_qualifications",
        verbose_name=_("养殖场户"),
    )
    policy = models.ForeignKey(
        SubsidyPolicy,
        on_delete=models.PROTECT,
        related_name="qualifications",
        verbose_name=_("补助政策"),
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("申请人"),
    )
    status = models.CharField(
        _("状态"),
        max_length=30,
        choices=QualificationStatus.choices,
        default=QualificationStatus.SUBMITTED,
        db_index=True,
    )
    note = models.CharField(_("申报说明"), max_length=500, blank=True)
    return_reason = models.CharField(_("退回原因"), max_length=500, blank=True)
    submitted_at = models.DateTimeField(_("提交时间"))
    preliminary_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("初审人"),
    )
    preliminary_at = models.DateTimeField(_("初审时间"), null=True, blank=True)
    final_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("终审人"),
    )
    final_at = models.DateTimeField(_("终审时间"), null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("资质申请")
        verbose_name_plural = _("资质申请")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["farm", "policy"], name="one_qualification_per_farm_and_policy"
            )
        ]

    def __str__(self) -> str:
        return f"{self.farm.name} · {self.policy.code}"


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待初审")
    PRELIMINARY_APPROVED = "preliminary_approved", _("初审通过，待终审")
    APPROVED = "approved", _("终审通过，待公示")
    IN_PUBLICITY = "in_publicity", _("公示中")
    PUBLICIZED = "publicized", _("公示无异议，待拨付")
    PAID = "paid", _("已拨付")
    RETURNED = "returned", _("退回重新申报")
    REJECTED = "rejected", _("不予补助")


class PayeeKind(models.TextChoices):
    FARM = "farm", _("养殖场户")
    PROVIDER = "provider", _("第三方服务主体")


class AccountKind(models.TextChoices):
    YIKATONG = "yikatong", _("一卡通")
    BANK = "bank", _("对公账户")


class SubsidyApplication(models.Model):
    """补贴申请: the counts read from the platform, the anomaly flags, the calculation (lines
    with their basis) and the policy version used, kept as they were when computed."""

    region_path = "farm__region"
    owner_path = "farm__owner"

    number = models.CharField(_("申请编号"), max_length=30, unique=True)
    farm = models.ForeignKey(
        "registry.Farm",
        on_delete=models.PROTECT,
        related_name="subsidy_applications",
        verbose_name=_("养殖场户"),
    )
    policy = models.ForeignKey(
        SubsidyPolicy,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("补助政策"),
    )
    policy_version = models.PositiveIntegerField(_("政策版本"))
    policy_rules = models.JSONField(_("测算所用政策参数"))
    qualification = models.ForeignKey(
        Qualification,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("资质申请"),
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("申请人"),
    )
    payee_kind = models.CharField(_("收款方"), max_length=20, choices=PayeeKind.choices)
    payee_provider = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("收款服务主体"),
    )
    status = models.CharField(
        _("状态"),
        max_length=30,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
        db_index=True,
    )
    counts = models.JSONField(_("平台记录的计数"), default=dict)
    flags = models.JSONField(_("异常提示"), default=list)
    lines = models.JSONField(_("补助明细"), default=list)
    reasons = models.JSONField(_("不符合原因"), default=list)
    evidence = models.CharField(_("佐证说明"), max_length=1000, blank=True)
    entitled = models.DecimalField(_("应补金额"), max_digits=14, decimal_places=2)
    allocated = models.DecimalField(
        _("实补金额"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    review_note = models.CharField(_("审核意见"), max_length=500, blank=True)
    return_reason = models.CharField(_("退回或不予补助原因"), max_length=500, blank=True)
    publicity = models.ForeignKey(
        "Publicity",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("公示"),
    )
    submitted_at = models.DateTimeField(_("提交时间"))
    preliminary_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("初审人"),
    )
    final_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("终审人"),
    )

    objects = ScopedManager()

    class Meta:
        verbose_name = _("补贴申请")
        verbose_name_plural = _("补贴申请")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["farm", "policy"], name="one_subsidy_application_per_farm_and_policy"
            ),
            models.CheckConstraint(
                condition=models.Q(entitled__gte=0), name="subsidy_entitled_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(allocated__isnull=True)
                | models.Q(allocated__gte=0, allocated__lte=models.F("entitled")),
                name="subsidy_allocated_within_entitled",
            ),
        ]

    def __str__(self) -> str:
        return self.number


class PublicityStatus(models.TextChoices):
    OPEN = "open", _("公示中")
    CLOSED = "closed", _("公示结束")


class Publicity(models.Model):
    """公开公示 of a county's finally approved applications for 5 working days, with the
    budget allocation of DOMAIN.md §5 fixed when it starts."""

    region_path = "region"

    policy = models.ForeignKey(
        SubsidyPolicy,
        on_delete=models.PROTECT,
        related_name="publicities",
        verbose_name=_("补助政策"),
    )
    policy_version = models.PositiveIntegerField(_("政策版本"))
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("县（市、区）")
    )
    title = models.CharField(_("标题"), max_length=200)
    starts_on = models.DateField(_("公示开始"))
    ends_on = models.DateField(_("公示截止"))
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=PublicityStatus.choices,
        default=PublicityStatus.OPEN,
        db_index=True,
    )
    budget = models.DecimalField(_("补助总额"), max_digits=14, decimal_places=2)
    entitled_total = models.DecimalField(_("应补合计"), max_digits=14, decimal_places=2)
    allocated_total = models.DecimalField(_("实补合计"), max_digits=14, decimal_places=2)
    scale_factor = models.CharField(_("分配比例"), max_length=20)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("发布人"),
    )
    created_at = models.DateTimeField(_("发布时间"), auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("补助公示")
        verbose_name_plural = _("补助公示")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["policy", "region"], name="one_publicity_per_policy_and_county"
            )
        ]

    def __str__(self) -> str:
        return self.title


class ObjectionStatus(models.TextChoices):
    OPEN = "open", _("待处理")
    UPHELD = "upheld", _("异议成立")
    DISMISSED = "dismissed", _("异议不成立")


class Objection(models.Model):
    """An objection received during publicity, recorded and resolved by the bureau."""

    region_path = "publicity__region"

    publicity = models.ForeignKey(
        Publicity, on_delete=models.PROTECT, related_name="objections", verbose_name=_("公示")
    )
    application = models.ForeignKey(
        SubsidyApplication,
        on_delete=models.PROTECT,
        related_name="objections",
        verbose_name=_("补贴申请"),
    )
    raised_by = models.CharField(_("异议人"), max_length=50)
    contact = models.CharField(_("联系方式"), max_length=50, blank=True)
    text = models.CharField(_("异议内容"), max_length=1000)
    status = models.CharField(
        _("状态"), max_length=10, choices=ObjectionStatus.choices, default=ObjectionStatus.OPEN
    )
    resolution = models.CharField(_("处理结果"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("登记人"),
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("公示异议")
        verbose_name_plural = _("公示异议")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.raised_by}: {self.text[:20]}"


class Payment(models.Model):
    """拨付记录 (seed 003 四: by 30 April; individuals through 一卡通)."""

    region_path = "application__farm__region"
    owner_path = "application__farm__owner"

    application = models.OneToOneField(
        SubsidyApplication,
        on_delete=models.PROTECT,
        related_name="payment",
        verbose_name=_("补贴申请"),
    )
    amount = models.DecimalField(_("拨付金额"), max_digits=14, decimal_places=2)
    payee_kind = models.CharField(_("收款方"), max_length=20, choices=PayeeKind.choices)
    payee_name = models.CharField(_("收款人"), max_length=100)
    account_kind = models.CharField(_("发放方式"), max_length=20, choices=AccountKind.choices)
    account_no = models.CharField(_("账号或一卡通号"), max_length=40)
    paid_on = models.DateField(_("拨付日期"))
    reference = models.CharField(_("凭证号"), max_length=60, blank=True)
    late = models.BooleanField(_("超过拨付期限"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("登记人"),
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("拨付记录")
        verbose_name_plural = _("拨付记录")
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="subsidy_payment_not_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id} {self.amount}"


class Disqualification(models.Model):
    """取消补助资格 (seed 003 五(五)): fraud, illegal vaccine, resale, refusing supervision,
    an outbreak from failed immunization. The calculation then lists DISQUALIFIED."""

    region_path = "farm__region"
    owner_path = "farm__owner"

    farm = models.ForeignKey(
        "registry.Farm", on_delete=models.PROTECT, related_name="+", verbose_name=_("养殖场户")
    )
    policy = models.ForeignKey(
        SubsidyPolicy, on_delete=models.PROTECT, related_name="+", verbose_name=_("补助政策")
    )
    reason = models.CharField(_("原因"), max_length=500)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("决定人"),
    )
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("取消补助资格")
        verbose_name_plural = _("取消补助资格")
        constraints = [
            models.UniqueConstraint(
                fields=["farm", "policy"], name="one_disqualification_per_farm_and_policy"
            )
        ]

    def __str__(self) -> str:
        return f"{self.farm_id} {self.reason[:20]}"
