from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from smartvet.core.navigation import NavItem


class RegistryConfig(AppConfig):
    name = "smartvet.registry"
    label = "registry"
    demo_loader = "smartvet.registry.demo.load"
    verbose_name = _("养殖场户")
    indicators = "smartvet.registry.indicators.INDICATORS"
    navigation = [NavItem("registry:farm-list", _("养殖场户"), order=10)]
    home_panels = "smartvet.registry.panels.home_panels"
    # the writes the national platform hears of (core.outbox; docs/exchange/)
    outbox_events = {
        "farm.registered": "smartvet.registry.outbox.farm_registered",
        "farm.updated": "smartvet.registry.outbox.farm_changed",
        "farm.stock_changed": "smartvet.registry.outbox.farm_changed",  # 存栏 kept current
    }
    ledger_actions = {
        "farm.registered": _("登记养殖场户"),
        "farm.updated": _("修改养殖场户信息"),
        "farm.server_assigned": _("指定服务人员"),
        "farm.server_removed": _("取消服务人员"),
        "farm.stock_changed": _("存栏变动"),
        "farm.served_by_agreement": _("按服务协议确定服务人员"),
        "farm.agreement_service_ended": _("服务协议终止服务"),
    }
    ledger_fields = {
        "accounts": _("服务人员"),
        "agreement": _("服务协议"),
        "source_farm": _("来源养殖场"),
    }
    ledger_values = [
        "smartvet.registry.models.FarmKind",
        "smartvet.registry.models.StockEventKind",
        "smartvet.registry.models.ServingBasis",
    ]
