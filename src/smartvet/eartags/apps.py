from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from smartvet.core.navigation import NavItem


class EartagsConfig(AppConfig):
    name = "smartvet.eartags"
    label = "eartags"
    verbose_name = _("耳标")
    indicators = "smartvet.eartags.indicators.INDICATORS"
    demo_loader = "smartvet.eartags.demo.load"
    home_panels = "smartvet.eartags.panels.home_panels"
    navigation = [
        NavItem("eartags:stock", _("耳标库存"), permission="eartags.view_stock", order=20),
        NavItem("eartags:lookup", _("耳标查询"), order=21),
    ]
    # the writes the national platform hears of (core.outbox; docs/exchange/)
    outbox_events = {
        "eartags.registered": "smartvet.eartags.outbox.tags_registered",
        "eartags.first_issue": "smartvet.eartags.outbox.tags_moved",
        "eartags.second_issue": "smartvet.eartags.outbox.tags_moved",
        "eartags.return": "smartvet.eartags.outbox.tags_moved",
        "eartags.transfer": "smartvet.eartags.outbox.tags_moved",
    }
    ledger_actions = {
        "eartags.registered": _("耳标入库"),
        "eartags.import_queued": _("耳标导入排队"),
        "eartags.first_issue": _("耳标一次发放"),
        "eartags.second_issue": _("耳标二次发放"),
        "eartags.return": _("耳标退回"),
        "eartags.transfer": _("耳标调剂"),
        "eartags.claimed": _("耳标用于申报"),
        "eartags.released": _("耳标解除申报"),
        "eartags.in_transit": _("耳标随证运输"),
        "eartags.arrived": _("耳标随证到达"),
        "eartags.fitted": _("佩戴耳标"),
        "eartags.replaced": _("补戴耳标"),
        "eartags.cancelled": _("注销耳标"),
    }
    ledger_values = [
        "smartvet.eartags.models.MoveKind",
        "smartvet.eartags.models.TagStatus",
        "smartvet.eartags.models.CancelReason",
    ]

    def ready(self) -> None:
        # Every start of the server migrates first: imports a killed server left running
        # are failed then (smartvet.eartags.tasks.fail_interrupted_jobs).
        post_migrate.connect(_fail_interrupted_imports, sender=self)


def _fail_interrupted_imports(*, using: str, **_kwargs) -> None:
    from django.db import connections

    from smartvet.eartags.models import ImportJob
    from smartvet.eartags.tasks import fail_interrupted_jobs

    # not after `migrate eartags zero`, nor on another database than the default
    if (
        using == "default"
        and ImportJob._meta.db_table in connections[using].introspection.table_names()
    ):
        fail_interrupted_jobs()
