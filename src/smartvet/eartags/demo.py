"""Demo ear tags (CONTRACT.md): boxes of pig, cattle and sheep tags for 夷陵区, first issued
to 龙泉镇 and 鸦鹊岭镇, second issued to 龙泉镇建国生猪养殖场 and vaccinator_longquan, some
fitted. Idempotent: nothing is registered twice. Each step is one of the services' own
transactions."""

from __future__ import annotations

from django.utils import timezone

from smartvet.core.models import User
from smartvet.eartags import services
from smartvet.eartags.models import TagRange
from smartvet.registry.models import Farm

YILING, LONGQUAN, YAQUELING = "420506", "420506107", "420506108"


def _code(species: str, serial: int) -> str:
    return f"{species}{YILING}{serial:08d}"


def load(password: str) -> None:
    if TagRange.objects.filter(first=int(_code("1", 1))).exists():
        return
    supervisor = User.objects.get(username="county_supervisor")
    station = User.objects.get(username="station_longquan")
    # Boxes of 1000 (10 packs of 100): pigs 4 boxes, cattle and sheep one each.
    rows = []
    for species, boxes in (("1", 4), ("2", 1), ("3", 1)):
        for box in range(boxes):
            for pack in range(10):
                first = box * 1000 + pack * 100 + 1
                rows.append(
                    [
                        f"{species}-{box + 1:03d}",
                        f"{pack + 1:02d}",
                        _code(species, first),
                        _code(species, first + 99),
                        "100",
                    ]
                )
    stock_rows = services.check_stock_rows(actor=supervisor, rows=list(enumerate(rows, start=2)))
    services.register_stock(actor=supervisor, stock_rows=stock_rows, filename="演示数据")
    services.distribute_range(
        actor=supervisor, start=_code("1", 1), end=_code("1", 2000), to_region=LONGQUAN
    )
    services.distribute_range(
        actor=supervisor, start=_code("1", 2001), end=_code("1", 3000), to_region=YAQUELING
    )
    services.distribute_range(
        actor=supervisor, start=_code("2", 1), end=_code("2", 500), to_region=LONGQUAN
    )
    services.distribute_range(
        actor=supervisor, start=_code("3", 1), end=_code("3", 500), to_region=YAQUELING
    )
    farm = Farm.objects.filter(name="龙泉镇建国生猪养殖场").first()
    if farm is not None:
        services.distribute_range(
            actor=station, start=_code("1", 1), end=_code("1", 300), to_farm=farm.pk
        )
        services.fit_tags(
            actor=farm.owner or station,
            farm=farm,
            codes=[_code("1", serial) for serial in range(1, 51)],
            on=timezone.localdate(),
        )
    services.distribute_range(
        actor=station,
        start=_code("1", 301),
        end=_code("1", 500),
        to_vaccinator="vaccinator_longquan",
    )
