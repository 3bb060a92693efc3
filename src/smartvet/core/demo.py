"""Demo accounts and villages (CONTRACT.md, Demo data). Idempotent: what exists is kept."""

from __future__ import annotations

from django.db import transaction

from smartvet.core import services
from smartvet.core.models import Region, RegionLevel, Role, User

YILING, JIYUAN = "420506", "419001"
LONGQUAN, YAQUELING = "420506107", "420506108"

# (username, role, region, display name, organization, provider)
ACCOUNTS = [
    ("admin", Role.ADMIN, "CN", "系统管理员", "smartvet", None),
    (
        "county_supervisor",
        Role.SUPERVISOR,
        YILING,
        "夷陵区动物卫生监督机构",
        "夷陵区动物卫生监督机构",
        None,
    ),
    ("bureau", Role.BUREAU, YILING, "夷陵区农业农村局防疫检疫科", "夷陵区农业农村局", None),
    ("station_longquan", Role.STATION, LONGQUAN, "龙泉镇畜牧兽医站", "龙泉镇畜牧兽医站", None),
    (
        "station_yaqueling",
        Role.STATION,
        YAQUELING,
        "鸦鹊岭镇畜牧兽医站",
        "鸦鹊岭镇畜牧兽医站",
        None,
    ),
    ("vet_longquan", Role.OFFICIAL_VET, LONGQUAN, "李官方兽医", "龙泉镇畜牧兽医站", None),
    ("vet_yaqueling", Role.OFFICIAL_VET, YAQUELING, "王官方兽医", "鸦鹊岭镇畜牧兽医站", None),
    ("farmer_longquan", Role.FARMER, LONGQUAN, "张建国", "", None),
    ("provider_xingmu", Role.PROVIDER, YILING, "兴牧公司", "宜昌兴牧畜牧服务有限公司", None),
    ("vaccinator_longquan", Role.VACCINATOR, LONGQUAN, "刘防疫员", "兴牧公司", "provider_xingmu"),
    # Another township's provider and its vaccinator (issue 11: the refusals across townships).
    (
        "provider_yaqueling",
        Role.PROVIDER,
        YAQUELING,
        "鸦鹊岭惠民防疫服务社",
        "宜昌市夷陵区鸦鹊岭惠民动物防疫服务社",
        None,
    ),
    (
        "vaccinator_yaqueling",
        Role.VACCINATOR,
        YAQUELING,
        "赵防疫员",
        "鸦鹊岭惠民防疫服务社",
        "provider_yaqueling",
    ),
    ("slaughterhouse", Role.SLAUGHTERHOUSE, YILING, "夷陵区定点屠宰场", "夷陵区定点屠宰场", None),
    ("checkpoint", Role.CHECKPOINT, YILING, "夷陵区指定通道检查站", "夷陵区指定通道检查站", None),
    ("cdc", Role.CDC, YILING, "夷陵区动物疫病预防控制中心", "夷陵区动物疫病预防控制中心", None),
    ("expert", Role.EXPERT, YILING, "陈科技特派员", "三峡大学", None),
    # The province's supervisor (issue 13: the province-to-village drill-down).
    (
        "province_supervisor",
        Role.SUPERVISOR,
        "42",
        "湖北省动物卫生监督所",
        "湖北省动物卫生监督所",
        None,
    ),
    (
        "jiyuan_supervisor",
        Role.SUPERVISOR,
        JIYUAN,
        "济源市动物卫生监督所",
        "济源市动物卫生监督所",
        None,
    ),
    ("jiyuan_bureau", Role.BUREAU, JIYUAN, "济源市农业农村局防疫检疫科", "济源市农业农村局", None),
    (
        "provider_jiyuan",
        Role.PROVIDER,
        JIYUAN,
        "济源市牧康动物防疫服务队",
        "济源市牧康动物防疫服务队",
        None,
    ),
    # Another county's expert (issue 15: an expert answers only where it serves).
    ("expert_jiyuan", Role.EXPERT, JIYUAN, "孙科技特派员", "河南农业大学", None),
]

# A few villages per demo township (codes under the township; names marked as samples).
VILLAGES = {
    LONGQUAN: ["龙泉一村（示例）", "龙泉二村（示例）", "龙泉三村（示例）"],
    YAQUELING: ["鸦鹊岭一村（示例）", "鸦鹊岭二村（示例）"],
    "420506102": ["雾渡河一村（示例）", "雾渡河二村（示例）"],
    "420506202": ["邓村一村（示例）", "邓村二村（示例）"],
    "420506001": ["小溪塔社区（示例）"],
    "420506103": ["分乡一村（示例）"],
    "420506104": ["太平溪一村（示例）"],
    "420506105": ["三斗坪一村（示例）"],
    "420506106": ["乐天溪一村（示例）"],
    "420506109": ["黄花一村（示例）"],
    "420506201": ["下堡坪一村（示例）"],
    "419001100": ["克井一村（示例）", "克井二村（示例）"],
    "419001101": ["五龙口一村（示例）"],
    "419001103": ["承留一村（示例）"],
}


def village_code(township: str, index: int) -> str:
    return f"{township}{200 + index + 1:03d}"


@transaction.atomic
def load(password: str) -> list[tuple[str, str, str]]:
    Region.objects.bulk_create(
        [
            Region(
                code=village_code(township, i),
                name=name,
                level=RegionLevel.VILLAGE,
                parent_id=township,
            )
            for township, names in VILLAGES.items()
            for i, name in enumerate(names)
        ],
        ignore_conflicts=True,
    )
    created = []
    for username, role, region, name, organization, provider in ACCOUNTS:
        if not User.objects.filter(username=username).exists():
            services.create_account(
                actor=None,
                username=username,
                password=password,
                role=role,
                region=region,
                display_name=name,
                organization=organization,
                provider=User.objects.get(username=provider) if provider else None,
            )
        created.append((username, Role(role).label, region))
    return created
