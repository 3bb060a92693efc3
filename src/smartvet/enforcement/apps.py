from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from smartvet.core.navigation import NavItem, PageLink


class EnforcementConfig(AppConfig):
    name = "smartvet.enforcement"
    label = "enforcement"
    verbose_name = _("执法监督")
    indicators = "smartvet.enforcement.indicators.INDICATORS"
    demo_loader = "smartvet.enforcement.demo.load"
    home_panels = "smartvet.enforcement.panels.home_panels"
    # A death report on a farm leads to its disposal (the form fills itself from the report).
    page_links = [
        PageLink(
            "surveillance.Report",
            "enforcement:disposal-new",
            _("登记无害化处理"),
            permission="enforcement.record_disposal",
            query="report",
            applies=lambda report: report.kind == "death" and report.farm_id is not None,
        ),
    ]
    navigation = [
        NavItem("enforcement:desk", _("执法办案"), permission="enforcement.view_cases", order=50),
        NavItem(
            "enforcement:vehicle-list", _("备案车辆"), permission="registry.view_vehicles", order=51
        ),
        NavItem(
            "enforcement:dealer-list",
            _("贩运经纪人"),
            permission="enforcement.view_dealers",
            order=52,
        ),
        NavItem(
            "enforcement:disposal-list",
            _("无害化处理"),
            permission="enforcement.view_disposals",
            order=53,
        ),
        NavItem(
            "enforcement:claim-list", _("保险理赔"), permission="enforcement.view_claims", order=54
        ),
        NavItem(
            "enforcement:purification-list",
            _("净化场"),
            permission="enforcement.view_purification",
            order=55,
        ),
        NavItem(
            "enforcement:sourcing", _("整村推进"), permission="enforcement.view_sourcing", order=56
        ),
        NavItem(
            "enforcement:cold-chain",
            _("疫苗冷链"),
            permission="enforcement.view_cold_chain",
            order=57,
        ),
    ]
    ledger_actions = {
        "case.opened": _("立案"),
        "case.investigating": _("开始调查取证"),
        "case.evidence_added": _("补充证据"),
        "case.decided": _("作出处理决定"),
        "case.closed": _("结案"),
        "dealer.registered": _("贩运经纪人备案"),
        "dealer.trade_recorded": _("登记贩运购销记录"),
        # The vehicle register is the registry's (its services); its pages are enforcement's.
        "vehicle.registered": _("车辆备案"),
        "vehicle.disinfected": _("登记车辆洗消"),
        "vehicle.rule_set": _("设置车辆备案要求"),
        "disposal.recorded": _("登记无害化处理"),
        "disposal.photos_attached": _("上传无害化处理照片"),
        "claim.filed": _("申报保险理赔"),
        "claim.accepted": _("核实保险理赔"),
        "claim.refused": _("不予理赔"),
        "claim.paid": _("登记理赔已赔付"),
        "purification_farm.registered": _("登记净化场"),
        "shipment.dispatched": _("疫苗冷链调出"),
        "shipment.received": _("疫苗签收"),
        "shipment.held": _("疫苗到货温度异常，暂停使用"),
        "shipment.released": _("放行暂停使用的疫苗"),
    }
    ledger_fields = {
        "check": _("查验记录"),
        "decision": _("处理决定"),
        "record": _("关联记录"),
        "photos": _("照片数"),
        "plate": _("车牌号"),
        "capacity": _("核定载畜量"),
        "place": _("地点"),
        "registration_required": _("申报须用备案车辆"),
        "disinfection_days": _("消毒有效天数"),
        "vehicles": _("车辆"),
        "direction": _("购销"),
        "certificate": _("检疫证明"),
        "disposal": _("无害化处理"),
        "insurer": _("保险机构"),
        "policy_number": _("保单号"),
        "level": _("净化场级别"),
        "valid_from": _("有效期起"),
        "temperature": _("温度（℃）"),
    }
    ledger_values = [
        "smartvet.enforcement.models.CaseKind",
        "smartvet.enforcement.models.CaseSource",
        "smartvet.enforcement.models.CaseDecision",
        "smartvet.enforcement.models.TradeDirection",
        "smartvet.enforcement.models.PurificationLevel",
        "smartvet.surveillance.models.DisposalMethod",
    ]
