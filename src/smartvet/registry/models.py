"""Farms (养殖场户), village units of scattered households, and the stock ledger."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from smartvet.core.access import ScopedManager
from smartvet.core.models import Region
from smartvet.core.species import category_choices


class FarmKind(models.TextChoices):
    SCALE = "scale", _("规模养殖场")
    HOUSEHOLD = "household", _("散养户")
    VILLAGE_UNIT = "village_unit", _("村级单元")


class Farm(models.Model):
    region_path = "region"
    owner_path = "owner"

    code = models.CharField(_("养殖场编码"), max_length=20, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=20, choices=FarmKind.choices)
    owner_name = models.CharField(_("负责人"), max_length=50, blank=True)
    owner_id_number = models.CharField(_("身份证号或统一社会信用代码"), max_length=18, blank=True)
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="farms", verbose_name=_("所在乡镇或村")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="farms",
        verbose_name=_("养殖户账号"),
    )
    unit = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("所属村级单元"),
    )
    epidemic_certificate_no = models.CharField(
        _("动物防疫条件合格证编号"), max_length=50, blank=True
    )
    is_complete = models.BooleanField(_("信息完整"), default=False, db_index=True)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("养殖场户")
        verbose_name_plural = _("养殖场户")
        ordering = ["-id"]
        indexes = [models.Index(fields=["region", "kind"])]

    def __str__(self) -> str:
        return _("%(name)s（%(code)s）") % {"name": self.name, "code": self.code}


class FarmStock(models.Model):
    """Current stock of one category on one farm: the running sum of its stock events."""

    region_path = "farm__region"
    owner_path = "farm__owner"

    farm = models.ForeignKey(Farm, on_delete=models.CASCADE, related_name="stock_lines")
    category = models.CharField(_("品种类别"), max_length=20, choices=category_choices())
    quantity = models.PositiveIntegerField(_("存栏"), default=0)

    objects = ScopedManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["farm", "category"], name="one_stock_line_per_category"
            ),
            models.CheckConstraint(condition=models.Q(quantity__gte=0), name="stock_not_negative"),
        ]


class ServingBasis(models.TextChoices):
    STATION = "station", _("乡镇站直接指派")
    AGREEMENT = "agreement", _("服务协议")


class FarmServer(models.Model):
    """An account (a vaccinator or a provider) serving a farm, and why: the station assigned it
    directly, or a service agreement (DOMAIN.md §7) names it for the agreement's period. The
    agreement is vetservice's; the registry keeps only its number (registry never imports
    vetservice), so ending the agreement ends exactly its rows."""

    region_path = "farm__region"

    farm = models.ForeignKey(Farm, on_delete=models.CASCADE, related_name="server_links")
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="serving_links",
        verbose_name=_("服务的防疫员或服务主体"),
    )
    basis = models.CharField(_("依据"), max_length=20, choices=ServingBasis.choices)
    # The agreement's id for basis "agreement", 0 for a station's direct assignment.
    reference = models.PositiveIntegerField(_("协议编号"), default=0)
    starts_on = models.DateField(_("起始日期"), null=True, blank=True)
    ends_on = models.DateField(_("截止日期"), null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("服务关系")
        verbose_name_plural = _("服务关系")
        constraints = [
            models.UniqueConstraint(
                fields=["farm", "account", "basis", "reference"], name="one_serving_link"
            )
        ]
        indexes = [models.Index(fields=["account", "farm"], name="serving_account_farm")]

    def __str__(self) -> str:
        return f"{self.account} → {self.farm}"


class StockEventKind(models.TextChoices):
    OPENING = "opening", _("期初存栏")
    BIRTH = "birth", _("出生")
    PURCHASE = "purchase", _("购入")
    DEATH = "death", _("死亡")
    SALE = "sale", _("出售")
    SLAUGHTER = "slaughter", _("屠宰")


class StockEvent(models.Model):
    """One change of stock (存栏变动). Never edited; a mistake is corrected by a new event."""

    region_path = "farm__region"
    owner_path = "farm__owner"

    farm = models.ForeignKey(Farm, on_delete=models.PROTECT, related_name="stock_events")
    category = models.CharField(_("品种类别"), max_length=20, choices=category_choices())
    kind = models.CharField(_("变动类型"), max_length=20, choices=StockEventKind.choices)
    quantity = models.PositiveIntegerField(_("数量"))
    balance = models.PositiveIntegerField(_("变动后存栏"))
    date = models.DateField(_("日期"))
    certificate_no = models.CharField(_("检疫证明编号"), max_length=40, blank=True)
    disposal = models.CharField(_("无害化处理方式"), max_length=100, blank=True)
    # A purchase-in names the farm the animals came from (whole-village sourcing from
    # purification farms reads it); empty for every other kind and for unknown sources.
    source_farm = models.ForeignKey(
        Farm,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("来源养殖场"),
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("登记人"),
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("存栏变动")
        verbose_name_plural = _("存栏变动")
        ordering = ["-date", "-id"]


# --- the vehicle register (备案车辆; seed 002: registered vehicles carry animals) --------------


class Vehicle(models.Model):
    """备案车辆: a vehicle registered to carry animals, by its plate (normalised: upper case,
    no spaces or separators, registry.rules.normalize_plate). Registered with one county; a
    checkpoint or a declaration anywhere asks whether a plate is registered at all."""

    region_path = "county"

    plate = models.CharField(_("车牌号"), max_length=20, unique=True)
    owner_name = models.CharField(_("车主"), max_length=50)
    owner_phone = models.CharField(_("车主电话"), max_length=20)
    capacity = models.PositiveIntegerField(_("核定载畜量（头/只）"))
    county = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("备案县")
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("备案人"),
    )
    registered_at = models.DateTimeField(_("备案时间"), auto_now_add=True)
    last_disinfected_on = models.DateField(_("最近消毒日期"), null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("备案车辆")
        verbose_name_plural = _("备案车辆")
        ordering = ["plate"]
        constraints = [
            models.CheckConstraint(condition=models.Q(capacity__gt=0), name="vehicle_capacity")
        ]

    def __str__(self) -> str:
        return self.plate


class VehicleDisinfection(models.Model):
    """One cleaning and disinfection (洗消) of a registered vehicle; never edited."""

    region_path = "vehicle__county"

    vehicle = models.ForeignKey(
        Vehicle, on_delete=models.PROTECT, related_name="disinfections", verbose_name=_("车辆")
    )
    date = models.DateField(_("消毒日期"))
    place = models.CharField(_("洗消地点"), max_length=100)
    disinfectant = models.CharField(_("消毒药品"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("登记人"),
    )
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("车辆消毒记录")
        verbose_name_plural = _("车辆消毒记录")
        ordering = ["-date", "-id"]


class VehicleRule(models.Model):
    """A county's setting (policy data, switched on a page by the county or the province):
    whether a declaration must name a registered vehicle, and within how many days before a
    check the vehicle must have been disinfected."""

    region_path = "county"

    county = models.OneToOneField(
        Region, on_delete=models.PROTECT, primary_key=True, related_name="+", verbose_name=_("县")
    )
    registration_required = models.BooleanField(_("申报须用备案车辆"), default=False)
    disinfection_days = models.PositiveSmallIntegerField(_("消毒有效天数"), default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("设置人"),
    )
    updated_at = models.DateTimeField(_("设置时间"), auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("车辆备案要求")
        verbose_name_plural = _("车辆备案要求")
