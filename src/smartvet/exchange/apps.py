from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from smartvet.core.navigation import NavItem


class ExchangeConfig(AppConfig):
    name = "smartvet.exchange"
    label = "exchange"
    verbose_name = _("国家平台对接")
    navigation = [
        NavItem("exchange:outbox", _("国家平台上报"), permission="exchange.view_outbox", order=96),
    ]
    ledger_actions = {
        "exchange.retry_requested": _("立即重新发送上报事件"),
        "exchange.purged": _("清理已确认的上报事件"),
    }
    ledger_fields = {"events": _("事件数"), "acknowledged_before": _("确认接收早于")}

    def ready(self):
        from django.db.models.signals import post_migrate

        from smartvet.exchange.federation import keys

        # Federation (decision 0009): a province's keys stay in its block after every migrate.
        post_migrate.connect(keys.after_migrate, sender=self)
