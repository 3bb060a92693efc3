from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from smartvet.core.navigation import NavItem


class VetserviceConfig(AppConfig):
    name = "smartvet.vetservice"
    label = "vetservice"
    verbose_name = _("兽医社会化服务")
    # H2: hotline, daily reports, monthly meetings (H1: merge your panels with
    # hotline_panels.home_panels if you add your own).
    home_panels = "smartvet.vetservice.hotline_panels.home_panels"
    navigation = [
        NavItem(
            "vetservice:daily-report-new",
            _("填写日报"),
            permission="vetservice.send_daily_report",
            order=56,
        ),
        NavItem(
            "vetservice:hotline", _("客服专线"), permission="vetservice.hotline_desk", order=57
        ),
        NavItem(
            "vetservice:daily-reports-missing",
            _("日报催报"),
            permission="vetservice.check_daily_reports",
            order=58,
        ),
        NavItem(
            "vetservice:meetings", _("月例会"), permission="vetservice.view_meetings", order=59
        ),
    ]
    ledger_actions = {
        "hotline.ticket_opened": _("受理客服工单"),
        "hotline.responded": _("客服工单首次响应"),
        "hotline.updated": _("客服工单进展回复"),
        "hotline.ordered": _("客服工单转服务订单"),
        "hotline.closed": _("客服工单办结"),
        "hotline.escalated": _("客服工单超时升级"),
        "hotline.policy_set": _("设置客服专线时限"),
        "vetservice.daily_report_sent": _("提交防疫员日报"),
        "vetservice.meeting_called": _("通知月例会"),
        "vetservice.meeting_recorded": _("录入月例会纪要"),
    }
    ledger_fields = {
        "stage": _("环节"),
        "channel": _("来源"),
        "topic": _("问题类别"),
        "routed_to": _("承办单位"),
        "first_response_due": _("首次响应时限"),
        "late": _("是否超时"),
        "satisfaction": _("满意度"),
        "clock": _("超时环节"),
        "records": _("平台记录条数"),
        "own_lines": _("自填条数"),
        "invited": _("应到人数"),
        "present": _("实到人数"),
        "held_on": _("会议日期"),
        "working_hours": _("工作时段"),
        "first_response_hours": _("首次响应时限（工作小时）"),
        "next_update_hours": _("进展回复时限（工作小时）"),
        "resolution_hours": _("办结时限（工作小时）"),
    }
    ledger_values = [
        "smartvet.vetservice.models.Stage",
        "smartvet.vetservice.models.Channel",
        "smartvet.vetservice.models.Topic",
        "smartvet.vetservice.models.Clock",
        "smartvet.vetservice.models.ReportKind",
    ]
