from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from smartvet.core.navigation import FarmLink, NavItem


class SurveillanceConfig(AppConfig):
    name = "smartvet.surveillance"
    label = "surveillance"
    verbose_name = _("预警监测")
    indicators = "smartvet.surveillance.indicators.INDICATORS"
    demo_loader = "smartvet.surveillance.demo.load"
    # Missing zero reports raise their alert (one open alert per rule and township, so an
    # hourly run repeats nothing).
    periodic = {"surveillance_sweep": 3600}
    home_panels = "smartvet.surveillance.panels.home_panels"
    navigation = [
        NavItem(
            "surveillance:report-form", _("疫情报告"), permission="surveillance.report", order=40
        ),
        NavItem("surveillance:zero", _("零报告"), permission="surveillance.zero_page", order=41),
        NavItem("surveillance:alerts", _("预警"), permission="surveillance.view_alerts", order=42),
        NavItem(
            "surveillance:report-list",
            _("疫情报告记录"),
            permission="surveillance.view_reports",
            order=43,
        ),
        NavItem("surveillance:lab", _("采样与检测"), permission="surveillance.view_lab", order=44),
        NavItem(
            "surveillance:outbreaks",
            _("疫情事件"),
            permission="surveillance.view_outbreaks",
            order=45,
        ),
        NavItem(
            "surveillance:rules", _("预警规则"), permission="surveillance.view_rules", order=46
        ),
    ]
    farm_links = [
        FarmLink(
            "surveillance:report-form",
            _("报告发病或死亡"),
            permission="surveillance.report",
            query="farm",
            order=40,
        ),
    ]
    # the writes the national platform hears of (core.outbox; docs/exchange/)
    outbox_events = {
        "outbreak.suspected": "smartvet.surveillance.outbox.outbreak_suspected",
        "outbreak.report_submitted": "smartvet.surveillance.outbox.outbreak_reported",
        "alert.opened": "smartvet.surveillance.outbox.alert_opened",
    }
    ledger_actions = {
        "report.submitted": _("提交疫情报告"),
        "report.zero": _("疫情零报告"),
        "report.photos_added": _("补充报告照片"),
        "labresult.recorded": _("登记采样与检测结果"),
        "labresult.entered": _("录入检测结果"),
        "samplingplan.saved": _("保存采样计划"),
        "alert.opened": _("发出预警"),
        "alert.updated": _("预警再次触发"),
        "alert.acknowledged": _("确认预警"),
        "alert.investigated": _("预警调查"),
        "alert.closed": _("关闭预警"),
        "rule.changed": _("修改预警规则"),
        "outbreak.suspected": _("疑似重大动物疫情"),
        "outbreak.reported_province": _("疫情报告省级"),
        "outbreak.reported_ministry": _("疫情报告农业农村部"),
        "outbreak.site_added": _("增加疫点"),
        "outbreak.report_submitted": _("报送疫情快报、续报或终报"),
    }
    ledger_fields = {
        "at_risk": _("存栏（易感）数"),
        "sick": _("发病数"),
        "dead": _("死亡数"),
        "photos": _("照片"),
        "period": _("报告周期"),
        "samples": _("样品数"),
        "positive": _("阳性数"),
        "lab": _("检测机构"),
        "rule": _("规则"),
        "observed": _("观测值"),
        "told": _("通知人数"),
        "outcome": _("结论"),
        "farms": _("走访养殖场户"),
        "due": _("时限"),
        "late": _("超时"),
        "created": _("新建"),
        "region_level": _("统计区域级别"),
        "window_days": _("时间窗（天）"),
        "method": _("方法"),
        "parameters": _("参数"),
        "min_count": _("最小计数"),
        "severity": _("级别"),
        "routing_level": _("通知到"),
        "cooldown_hours": _("冷却期（小时）"),
        "source": _("依据"),
        "species": _("动物种类"),
        "season": _("季节"),
        "year": _("年度"),
    }
    ledger_values = [
        "smartvet.surveillance.models.ReportKind",
        "smartvet.surveillance.models.Disease",
        "smartvet.surveillance.models.Outcome",
        "smartvet.surveillance.models.Method",
        "smartvet.surveillance.models.Severity",
        "smartvet.surveillance.models.RegionLevelChoice",
    ]
