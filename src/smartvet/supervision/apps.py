from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from smartvet.core.navigation import NavItem


class SupervisionConfig(AppConfig):
    name = "smartvet.supervision"
    label = "supervision"
    verbose_name = _("智慧监管")
    navigation = [
        NavItem("supervision:home", _("智慧监管"), permission="supervision.view", order=80)
    ]
    home_panels = "smartvet.supervision.panels.home_panels"
    demo_loader = "smartvet.supervision.demo.load"
    # Figures fresh within a minute of a write (DOMAIN.md §12): recount what the ledger names.
    periodic = {"supervision-refresh": 20}
    ledger_actions = {
        "supervision.features_enabled": _("开通县级功能应用"),
        "supervision.live_reported": _("上报新功能启用时间"),
        "supervision.training_recorded": _("登记培训"),
        "supervision.scheme_created": _("制定考核方案"),
        "supervision.notice_praise": _("通报表扬"),
        "supervision.notice_criticism": _("通报批评，限期整改"),
        "supervision.notice_closed": _("整改销号"),
    }
    ledger_fields = {
        "tag_issue": _("耳标发放开通日期"),
        "quarantine": _("产地检疫开通日期"),
        "reported_live_on": _("上报启用日期"),
        "stations": _("参训乡镇数"),
        "attendees": _("参训人数"),
        "rectify_by": _("整改期限"),
        "rectification": _("整改情况"),
    }
    ledger_values = ["smartvet.supervision.models.TrainingKind"]
