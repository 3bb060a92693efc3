"""Holders of tag stock: the county, a township, a farm, a vaccinator (seed 002 §二(二)), and
the office an account keeps stock for."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from smartvet.core import regions
from smartvet.core.access import can
from smartvet.core.errors import NotFound, PermissionDenied
from smartvet.core.models import Region, User
from smartvet.eartags import rules
from smartvet.eartags.models import HolderKind, TagRange
from smartvet.eartags.permissions import KEEP_COUNTY_STOCK, KEEP_OWN_STOCK, KEEP_TOWNSHIP_STOCK

if TYPE_CHECKING:
    from smartvet.registry.models import Farm


@dataclass(frozen=True)
class Holder:
    kind: str
    key: str
    region: str
    label: str
    farm_id: int | None = None
    user_id: int | None = None

    def range_fields(self) -> dict[str, Any]:
        """The columns of a range this holder holds."""
        return {
            "holder_kind": self.kind,
            "holder_key": self.key,
            "region_id": self.region,
            "farm_id": self.farm_id,
            "holder_user_id": self.user_id,
        }


def _region_name(code: str) -> str:
    return Region.objects.filter(code=code).values_list("name", flat=True).first() or code


def county_holder(code: str) -> Holder:
    return Holder(
        HolderKind.COUNTY,
        f"county:{code}",
        code,
        rules.holder_label(HolderKind.COUNTY, _region_name(code)),
    )


def township_holder(code: str) -> Holder:
    return Holder(
        HolderKind.TOWNSHIP,
        f"township:{code}",
        code,
        rules.holder_label(HolderKind.TOWNSHIP, _region_name(code)),
    )


def farm_holder(farm: Farm) -> Holder:
    return Holder(HolderKind.FARM, f"farm:{farm.pk}", farm.region_id, farm.name, farm_id=farm.pk)


def vaccinator_holder(user: User) -> Holder:
    return Holder(
        HolderKind.VACCINATOR,
        f"user:{user.pk}",
        user.region_id,
        rules.holder_label(HolderKind.VACCINATOR, str(user)),
        user_id=user.pk,
    )


def holder_of_piece(piece: TagRange) -> Holder:
    """Who holds a range now (region, farm and holder_user select_related for the label)."""
    return Holder(
        piece.holder_kind,
        piece.holder_key,
        piece.region_id,
        piece.holder_name,
        piece.farm_id,
        piece.holder_user_id,
    )


def office_of(actor: User) -> Holder | None:
    """The stock an account keeps as an office: the county's supervision its county's, a
    township's station its township's; None for everybody else."""
    level = regions.level_of(actor.region_id)
    if level == "county" and can(actor, KEEP_COUNTY_STOCK):
        return county_holder(actor.region_id)
    if level == "township" and can(actor, KEEP_TOWNSHIP_STOCK):
        return township_holder(actor.region_id)
    return None


def holder_of_actor(actor: User) -> Holder:
    """The office's stock, or PermissionDenied for an account that keeps none."""
    office = office_of(actor)
    if office is None:
        raise PermissionDenied(_("只有县级动物卫生监督机构和乡镇畜牧兽医站管理耳标库存"))
    return office


def vaccinator_in(township: str, username: str) -> User:
    """An active account of the township (or above it) that may be given tags to fit."""
    user = User.objects.filter(username=username, is_active=True).first()
    if (
        user is None
        or not can(user, KEEP_OWN_STOCK)
        or not (
            regions.is_within(user.region_id, township)
            or regions.is_within(township, user.region_id)
        )
    ):
        raise NotFound(_("防疫员账号不存在或不在本乡镇"))
    return user
