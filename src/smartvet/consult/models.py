"""Experts and information (DOMAIN.md §11; seed 004, seed 000 "科技特派员,您身边的科技专家"):
the expert directory and pairings with visits, consultations with photos and answers (and the
knowledge base they become), training events with sign-in, market prices and supply posts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from smartvet.consult import rules
from smartvet.core.access import ScopedManager
from smartvet.core.models import Region

ACCOUNT = settings.AUTH_USER_MODEL


class Species(models.TextChoices):
    PIG = "pig", _("猪")
    CATTLE = "cattle", _("牛")
    SHEEP = "sheep", _("羊")
    POULTRY = "poultry", _("禽")
    OTHER = "other", _("其他")


class Topic(models.TextChoices):
    """What a question is about, and what an expert knows (学科)."""

    DISEASE = "disease", _("疫病防治")
    BREEDING = "breeding", _("良种繁育")
    NUTRITION = "nutrition", _("饲料营养")
    HUSBANDRY = "husbandry", _("饲养管理")
    ENVIRONMENT = "environment", _("粪污处理与环境")
    MARKET = "market", _("市场与经营")


# --- experts and pairings ------------------------------------------------------------------


class Expert(models.Model):
    """An expert's entry in the directory (科技特派员 and others), kept by the expert and the
    county."""

    region_path = "account__region"

    account = models.OneToOneField(
        ACCOUNT, on_delete=models.PROTECT, related_name="expert_entry", verbose_name=_("账号")
    )
    title = models.CharField(_("职称"), max_length=50, blank=True)
    employer = models.CharField(_("工作单位"), max_length=100)
    species = models.JSONField(_("擅长畜种"), default=list)
    topics = models.JSONField(_("专业领域"), default=list)
    regions = models.ManyToManyField(Region, related_name="+", verbose_name=_("服务区域"))
    available = models.BooleanField(_("接受咨询"), default=True)
    availability = models.CharField(_("服务时间"), max_length=100, blank=True)
    introduction = models.CharField(_("简介"), max_length=500, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("专家")
        verbose_name_plural = _("专家库")
        ordering = ["account__display_name", "id"]

    def __str__(self) -> str:
        return str(self.account)


class PairingKind(models.TextChoices):
    VILLAGE = "village", _("结对村")
    FARM = "farm", _("结对养殖场户")
    BASE = "base", _("龙头企业基地")


class Pairing(models.Model):
    """科技特派员一对一: an expert paired with a village, a farm or a company's base
    ("龙头企业+特派员+基地+农户"), with the year's plan."""

    region_path = "region"

    expert = models.ForeignKey(
        Expert, on_delete=models.PROTECT, related_name="pairings", verbose_name=_("专家")
    )
    kind = models.CharField(_("结对类型"), max_length=10, choices=PairingKind.choices)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("村或乡镇")
    )
    farm = models.ForeignKey(
        "registry.Farm",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("养殖场户"),
    )
    company = models.CharField(_("龙头企业"), max_length=100, blank=True)
    plan = models.CharField(_("帮扶计划"), max_length=1000)
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    created_by = models.ForeignKey(
        ACCOUNT, on_delete=models.PROTECT, related_name="+", verbose_name=_("登记人")
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("结对帮扶")
        verbose_name_plural = _("结对帮扶")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="consult_pairing_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.expert} · {self.get_kind_display()}"


class Visit(models.Model):
    """走访记录: what the expert did on a visit to its pairing."""

    region_path = "pairing__region"

    pairing = models.ForeignKey(
        Pairing, on_delete=models.CASCADE, related_name="visits", verbose_name=_("结对")
    )
    visited_on = models.DateField(_("走访日期"))
    farmers = models.PositiveIntegerField(_("指导农户数"), default=0)
    notes = models.CharField(_("指导内容"), max_length=1000)
    recorded_by = models.ForeignKey(
        ACCOUNT, on_delete=models.PROTECT, related_name="+", verbose_name=_("记录人")
    )

    objects = ScopedManager()

    class Meta:
        verbose_name = _("走访记录")
        verbose_name_plural = _("走访记录")
        ordering = ["-visited_on", "-id"]


# --- consultations -------------------------------------------------------------------------


class ConsultationStatus(models.TextChoices):
    OPEN = "open", _("待解答")
    ANSWERED = "answered", _("已解答")
    CLOSED = "closed", _("已结束")


class Consultation(models.Model):
    """A farmer's question (asked by the farmer, or by a vaccinator for the farmer)."""

    region_path = "region"
    owner_path = "farmer"

    farmer = models.ForeignKey(
        ACCOUNT,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("养殖场户"),
    )
    asked_by = models.ForeignKey(
        ACCOUNT, on_delete=models.PROTECT, related_name="+", verbose_name=_("提问人")
    )
    farm = models.ForeignKey(
        "registry.Farm",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("养殖场"),
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("所在地")
    )
    species = models.CharField(_("畜种"), max_length=10, choices=Species.choices)
    topic = models.CharField(_("问题类别"), max_length=20, choices=Topic.choices)
    question = models.CharField(_("问题描述"), max_length=2000)
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=ConsultationStatus.choices,
        default=ConsultationStatus.OPEN,
        db_index=True,
    )
    asked_at = models.DateTimeField(_("提问时间"), auto_now_add=True, db_index=True)
    remind_at = models.DateTimeField(_("提醒时间"))
    first_answer_due = models.DateTimeField(_("首次答复时限"))
    first_answered_at = models.DateTimeField(_("首次答复时间"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("已提醒"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("升级时间"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(_("评分"), null=True, blank=True)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    # The surveillance report a suspected notifiable disease became (surveillance.Report).
    report_id = models.PositiveIntegerField(_("疫情报告编号"), null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("在线咨询")
        verbose_name_plural = _("在线咨询")
        ordering = ["-asked_at", "-id"]
        indexes = [models.Index(fields=["status", "first_answer_due"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True)
                | models.Q(rating__gte=1, rating__lte=rules.MAX_RATING),
                name="consult_rating_in_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_topic_display()} #{self.pk}"


class ConsultationPhoto(models.Model):
    """A photo of a question, stored re-encoded without EXIF (no GPS), with a thumbnail."""

    region_path = "consultation__region"
    owner_path = "consultation__farmer"

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="photos", verbose_name=_("咨询")
    )
    image = models.ImageField(_("照片"), upload_to="consult/photos/")
    thumbnail = models.ImageField(_("缩略图"), upload_to="consult/thumbs/")
    width = models.PositiveIntegerField(_("宽"))
    height = models.PositiveIntegerField(_("高"))

    objects = ScopedManager()

    class Meta:
        verbose_name = _("咨询照片")
        verbose_name_plural = _("咨询照片")
        ordering = ["id"]


class Routing(models.Model):
    """An expert a question was sent to (by speciality and region, or on escalation)."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="routings", verbose_name=_("咨询")
    )
    expert = models.ForeignKey(
        ACCOUNT, on_delete=models.PROTECT, related_name="+", verbose_name=_("专家")
    )
    routed_at = models.DateTimeField(_("推送时间"), auto_now_add=True)
    escalation = models.BooleanField(_("超时升级推送"), default=False)

    class Meta:
        verbose_name = _("问题推送")
        verbose_name_plural = _("问题推送")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "expert"], name="consult_route_once_per_expert"
            )
        ]


class Answer(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="answers", verbose_name=_("咨询")
    )
    expert = models.ForeignKey(
        ACCOUNT, on_delete=models.PROTECT, related_name="+", verbose_name=_("专家")
    )
    body = models.CharField(_("解答"), max_length=4000)
    answered_at = models.DateTimeField(_("解答时间"), auto_now_add=True)
    helpful = models.BooleanField(_("最有帮助"), default=False)

    class Meta:
        verbose_name = _("专家解答")
        verbose_name_plural = _("专家解答")
        ordering = ["answered_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation"],
                condition=models.Q(helpful=True),
                name="consult_one_helpful_answer",
            )
        ]


class Article(models.Model):
    """知识库: an answered question with personal data removed, readable by every account."""

    consultation = models.OneToOneField(
        Consultation, on_delete=models.CASCADE, related_name="article", verbose_name=_("咨询")
    )
    species = models.CharField(_("畜种"), max_length=10, choices=Species.choices)
    topic = models.CharField(_("问题类别"), max_length=20, choices=Topic.choices)
    question = models.CharField(_("问题"), max_length=2000)
    answer = models.CharField(_("解答"), max_length=4000)
    expert_name = models.CharField(_("解答专家"), max_length=100)
    published_at = models.DateTimeField(_("收录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("知识库条目")
        verbose_name_plural = _("知识库")
        ordering = ["-published_at", "-id"]


# --- training ------------------------------------------------------------------------------


class TrainingKind(models.TextChoices):
    FIELD_LECTURE = "field_lecture", _("田间课堂")
    TRAINER = "trainer", _("师资培训")
    USAGE = "usage", _("使用培训")


class TrainingEvent(models.Model):
    region_path = "region"

    kind = models.CharField(_("培训类型"), max_length=20, choices=TrainingKind.choices)
    title = models.CharField(_("培训主题"), max_length=100)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("举办地")
    )
    place = models.CharField(_("地点"), max_length=200)
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    teacher = models.CharField(_("授课人"), max_length=100)
    summary = models.CharField(_("培训内容"), max_length=1000, blank=True)
    sign_in_key = models.CharField(_("签到码"), max_length=32, unique=True)
    organised_by = models.ForeignKey(
        ACCOUNT, on_delete=models.PROTECT, related_name="+", verbose_name=_("组织者")
    )

    objects = ScopedManager()

    class Meta:
        verbose_name = _("培训活动")
        verbose_name_plural = _("培训活动")
        ordering = ["-starts_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="consult_training_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    region_path = "event__region"

    event = models.ForeignKey(
        TrainingEvent, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("培训")
    )
    attendee = models.ForeignKey(
        ACCOUNT,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("账号"),
    )
    name = models.CharField(_("姓名"), max_length=50)
    village = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("村或乡镇")
    )
    by_qr = models.BooleanField(_("扫码签到"), default=False)
    signed_at = models.DateTimeField(_("签到时间"), auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("签到")
        verbose_name_plural = _("签到名单")
        ordering = ["signed_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "attendee"],
                condition=models.Q(attendee__isnull=False),
                name="consult_sign_in_once",
            )
        ]


class Material(models.Model):
    region_path = "event__region"

    event = models.ForeignKey(
        TrainingEvent, on_delete=models.CASCADE, related_name="materials", verbose_name=_("培训")
    )
    title = models.CharField(_("资料名称"), max_length=100)
    file = models.FileField(_("文件"), upload_to="consult/materials/")
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("培训资料")
        verbose_name_plural = _("培训资料")
        ordering = ["id"]


# --- market information --------------------------------------------------------------------


class PriceReport(models.Model):
    """A price seen at a market (seed 004 §7: 市场价格信息), by a station or a market reporter."""

    region_path = "region"

    commodity = models.CharField(_("品种"), max_length=20, choices=rules.commodity_choices())
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("地区")
    )
    market = models.CharField(_("市场"), max_length=100)
    unit = models.CharField(_("单位"), max_length=10, choices=rules.unit_choices())
    price = models.DecimalField(_("价格"), max_digits=10, decimal_places=2)
    date = models.DateField(_("日期"), db_index=True)
    # The reporter confirmed a price the outlier rule flagged (离群价格，经核实).
    confirmed_outlier = models.BooleanField(_("离群价格已核实"), default=False)
    reported_by = models.ForeignKey(
        ACCOUNT, on_delete=models.PROTECT, related_name="+", verbose_name=_("报送人")
    )
    reported_at = models.DateTimeField(_("报送时间"), auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("价格报送")
        verbose_name_plural = _("价格报送")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["commodity", "date"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(price__gt=0), name="consult_price_positive")
        ]


class PostKind(models.TextChoices):
    SUPPLY = "supply", _("供应")
    DEMAND = "demand", _("求购")


class MarketPost(models.Model):
    """供求信息: piglets for sale, feed wanted; gone from the board when it expires."""

    region_path = "region"

    kind = models.CharField(_("供求"), max_length=10, choices=PostKind.choices)
    commodity = models.CharField(_("品种"), max_length=20, choices=rules.commodity_choices())
    quantity = models.CharField(_("数量"), max_length=50)
    price = models.CharField(_("价格"), max_length=50, blank=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("地区")
    )
    contact = models.CharField(_("联系电话"), max_length=20)
    details = models.CharField(_("说明"), max_length=500, blank=True)
    expires_on = models.DateField(_("有效期至"), db_index=True)
    withdrawn = models.BooleanField(_("已撤下"), default=False)
    posted_by = models.ForeignKey(
        ACCOUNT, on_delete=models.PROTECT, related_name="+", verbose_name=_("发布人")
    )
    posted_at = models.DateTimeField(_("发布时间"), auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("供求信息")
        verbose_name_plural = _("供求信息")
        ordering = ["-posted_at", "-id"]
