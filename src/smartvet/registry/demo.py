"""Demo farms (CONTRACT.md): farmer_longquan's scale pig farm in 龙泉镇 and a few more."""

from __future__ import annotations

from smartvet.core.models import User
from smartvet.registry import queries, services
from smartvet.registry.commands import RegisterFarm
from smartvet.registry.models import Farm

FARMS = [
    # (registered by, name, kind, owner, id number, phone, address, region, stock, cert)
    (
        "farmer_longquan",
        "龙泉镇建国生猪养殖场",
        "scale",
        "张建国",
        "420506197503124511",
        "13907171234",
        "龙泉镇龙泉一村3组",
        "420506107201",
        {"sow": 120, "fattening_pig": 800, "breeding_boar": 6},
        "(鄂)动防合字第420506001号",
    ),
    (
        "station_longquan",
        "龙泉镇明华肉牛场",
        "scale",
        "刘明华",
        "420506198207163027",
        "13872501122",
        "龙泉镇龙泉二村1组",
        "420506107202",
        {"beef_cattle": 160},
        "(鄂)动防合字第420506002号",
    ),
    (
        "station_longquan",
        "王德福",
        "household",
        "王德福",
        "420506196809051234",
        "13593210001",
        "龙泉镇龙泉三村5组",
        "420506107203",
        {"fattening_pig": 12, "sow": 2},
        "",
    ),
    (
        "station_yaqueling",
        "鸦鹊岭镇绿源羊场",
        "scale",
        "陈绿源",
        "420506199001010011",
        "13617170002",
        "鸦鹊岭镇鸦鹊岭一村",
        "420506108201",
        {"sheep": 150, "goat": 60},
        "(鄂)动防合字第420506003号",
    ),
    (
        "provider_xingmu",
        "龙泉一村生猪村级单元",
        "village_unit",
        "兴牧公司",
        "91420506MA4F00001W",
        "07176781234",
        "龙泉镇龙泉一村村委会",
        "420506107201",
        {"fattening_pig": 85, "sow": 9},
        "",
    ),
    (
        "jiyuan_supervisor",
        "济源市克井镇丰源养殖场",
        "scale",
        "赵丰源",
        "419001197902285416",
        "13838901234",
        "克井镇克井一村",
        "419001100201",
        {"sow": 400, "fattening_pig": 900},
        "(豫)动防合字第419001001号",
    ),
]


def load(password: str) -> None:
    """Each farm is its own registration (a durable action); a farm already there is kept, so
    loading twice changes nothing."""
    for username, name, kind, owner, id_number, phone, address, region, stock, certificate in FARMS:
        if Farm.objects.filter(name=name).exists():
            continue
        command = RegisterFarm(
            name=name,
            kind=kind,
            owner_name=owner,
            owner_id_number=id_number,
            phone=phone,
            address=address,
            region=region,
            stock=stock,
            epidemic_certificate_no=certificate,
        )
        services.register_farm(actor=User.objects.get(username=username), command=command)
    station = User.objects.get(username="station_longquan")
    vaccinator = User.objects.get(username="vaccinator_longquan")
    for farm in queries.farms_visible_to(station, region="420506107"):
        if vaccinator.pk not in queries.server_ids(farm):
            services.assign_server(actor=station, farm_id=farm.pk, username="vaccinator_longquan")
