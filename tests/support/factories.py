"""Small factories that go through the services, so test data is real data."""

from __future__ import annotations

from itertools import count

from smartvet.core.commands import parse
from smartvet.registry import services as registry
from smartvet.registry.commands import RegisterFarm

_serial = count(1)

LONGQUAN, YAQUELING = "420506107", "420506108"
LONGQUAN_VILLAGE = "420506107201"
YAQUELING_VILLAGE = "420506108201"


def make_farm(
    actor,
    *,
    region: str = LONGQUAN_VILLAGE,
    kind: str = "scale",
    stock: dict | None = None,
    **fields,
):
    values = {
        "name": f"测试养殖场{next(_serial)}",
        "owner_name": "张三",
        "owner_id_number": "420506197503124511",
        "phone": "13907171234",
        "address": "测试地址1组",
    }
    values.update(fields)
    command = parse(
        RegisterFarm,
        {
            **values,
            "kind": kind,
            "region": region,
            "stock": {"sow": 50, "fattening_pig": 200} if stock is None else stock,
        },
    )
    return registry.register_farm(actor=actor, command=command)
