"""Choices shared by the surveillance models."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Disease(models.TextChoices):
    """Notifiable diseases (rules.DISEASE_CLASS holds their class)."""

    ASF = "ASF", _("非洲猪瘟")
    FMD = "FMD", _("口蹄疫")
    HPAI = "HPAI", _("高致病性禽流感")
    PPR = "PPR", _("小反刍兽疫")
    CSF = "CSF", _("猪瘟")
    PRRS = "PRRS", _("高致病性猪蓝耳病")
    ND = "ND", _("新城疫")
    ANTHRAX = "ANTHRAX", _("炭疽")
    BRUCELLOSIS = "BRUCELLOSIS", _("布鲁氏菌病")
    ECHINOCOCCOSIS = "ECHINOCOCCOSIS", _("包虫病")


class Severity(models.TextChoices):
    LOW = "low", _("一般")
    MEDIUM = "medium", _("较重")
    HIGH = "high", _("严重")


class RegionLevelChoice(models.TextChoices):
    VILLAGE = "village", _("村")
    TOWNSHIP = "township", _("乡镇")
    COUNTY = "county", _("县")
    PROVINCE = "province", _("省")
