from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from smartvet.core.navigation import NavItem


class VetserviceConfig(AppConfig):
    name = "smartvet.vetservice"
    label = "vetservice"
    verbose_name = _("兽医社会化服务")
    indicators = "smartvet.vetservice.indicators.INDICATORS"
    demo_loader = "smartvet.vetservice.demo.load"
    # Overdue hotline tickets escalate even if the deferred clock check was lost.
    periodic = {"hotline_sweep": 900}
    home_panels = "smartvet.vetservice.panels.home_panels"
    navigation = [
        NavItem("vetservice:orders", _("社会化服务"), permission="vetservice.view", order=45),
        # H2: hotline, daily reports, monthly meetings.
        NavItem(
            "vetservice:daily-report-new",
            _("填写日报"),
            permission="vetservice.send_daily_report",
            order=46,
        ),
        NavItem(
            "vetservice:hotline", _("客服专线"), permission="vetservice.hotline_desk", order=47
        ),
        NavItem(
            "vetservice:daily-reports-missing",
            _("日报催报"),
            permission="vetservice.check_daily_reports",
            order=48,
        ),
        NavItem(
            "vetservice:meetings", _("月例会"), permission="vetservice.view_meetings", order=49
        ),
    ]
    ledger_actions = {
        "provider.registered": _("登记服务主体"),
        "provider.updated": _("修改服务主体"),
        "vaccinator.enrolled": _("防疫员入册"),
        "vaccinator.updated": _("修改防疫员花名册"),
        "vaccinator.training_recorded": _("登记防疫员培训"),
        "vaccinator.assessed": _("登记防疫员考核"),
        "service.guide_price_set": _("制定服务指导价"),
        "agreement.proposed": _("起草服务协议"),
        "agreement.confirmed": _("养殖户确认服务协议"),
        "agreement.ended": _("终止服务协议"),
        "service_order.placed": _("服务下单"),
        "service_order.dispatched": _("服务派单"),
        "service_order.accepted": _("服务接单"),
        "service_order.completed": _("完成服务"),
        "service_order.confirmed": _("确认服务并评价"),
        "service_order.disputed": _("对服务提出异议"),
        "service_order.case_recorded": _("填写诊疗记录"),
        "statement.prepared": _("编制政府购买服务结算单"),
        "statement.signed": _("签署结算单"),
        "statement.corrected": _("更正结算单"),
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
        "basis": _("派单依据"),
        "assignee": _("承接人"),
        "note": _("说明"),
        "rating": _("评分"),
        "total": _("合计（元）"),
        "version": _("版本"),
        "reason": _("原因"),
        "provider": _("服务主体"),
        "services": _("服务项目"),
        "service": _("服务项目"),
        "vaccinators": _("防疫员"),
        "villages": _("服务村数"),
        "duty_days": _("值班日"),
        "qualification_no": _("资格证号"),
        "qualification_expires": _("资格有效期至"),
        "lead_replaced": _("更换牵头管理公司"),
        "effective_from": _("执行日期"),
        "preferred_date": _("期望服务日期"),
        "taken_on": _("培训日期"),
        "hours": _("培训学时"),
        "score": _("考核得分"),
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
        "smartvet.vetservice.models.AssignmentBasis",
        "smartvet.vetservice.models.ProviderKind",
        "smartvet.vetservice.models.VaccinatorKind",
        "smartvet.vetservice.models.Stage",
        "smartvet.vetservice.models.Channel",
        "smartvet.vetservice.models.Topic",
        "smartvet.vetservice.models.Clock",
        "smartvet.vetservice.models.ReportKind",
    ]
