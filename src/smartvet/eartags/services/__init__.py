"""Every write of the ear-tag inventory (DOMAIN.md §3; seed 002 §二(二);
《畜禽标识和养殖档案管理办法》第七、八、十三至十五条), by subject:

- holders: who holds stock (county, township, farm, vaccinator) and which office an account is;
- stock: registration of county stock (import of the 库存耳标登记表, entry by hand);
- moves: issue, return and transfer of ranges;
- use: fitting and replacement; cancellation: 注销;
- checks: what a tag must pass before it is declared or fitted;
- steps: what other apps take inside their own, already authorised, transaction.

The actions below are what pages, the API, tasks and the demo call: each checks the actor's
permission and runs in its own durable transaction with one ledger event. Other apps'
services call `services.steps` instead."""

from smartvet.eartags.services import steps
from smartvet.eartags.services.cancellation import cancel_tags
from smartvet.eartags.services.moves import distribute_range, return_range, transfer_range
from smartvet.eartags.services.stock import (
    BACKGROUND_BYTES,
    check_stock_rows,
    import_stock,
    read_stock_rows,
    register_range,
    register_stock,
    start_import_job,
)
from smartvet.eartags.services.use import fit_tags, replace_tag

__all__ = [
    "BACKGROUND_BYTES",
    "cancel_tags",
    "check_stock_rows",
    "distribute_range",
    "fit_tags",
    "import_stock",
    "read_stock_rows",
    "register_range",
    "register_stock",
    "replace_tag",
    "return_range",
    "start_import_job",
    "steps",
    "transfer_range",
]
