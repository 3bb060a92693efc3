from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from smartvet.core.navigation import NavItem


class SubsidyConfig(AppConfig):
    name = "smartvet.subsidy"
    label = "subsidy"
    verbose_name = _("先打后补")
    indicators = "smartvet.subsidy.indicators.INDICATORS"
    demo_loader = "smartvet.subsidy.demo.load"
    home_panels = "smartvet.subsidy.panels.home_panels"
    navigation = [
        NavItem("subsidy:application-list", _("先打后补"), permission="subsidy.view", order=60),
        NavItem("subsidy:public-publicity", _("补助公示"), order=95),
    ]
    ledger_actions = {
        "subsidy.policy_copied": _("复制补助政策"),
        "subsidy.policy_updated": _("修改补助政策"),
        "subsidy.qualification_submitted": _("提交资质申请"),
        "subsidy.qualification_resubmitted": _("重新提交资质申请"),
        "subsidy.qualification_preliminary_approved": _("资质初审通过"),
        "subsidy.qualification_approved": _("资质终审通过"),
        "subsidy.qualification_returned": _("退回资质申请"),
        "subsidy.application_submitted": _("提交补助申请"),
        "subsidy.application_resubmitted": _("重新提交补助申请"),
        "subsidy.application_preliminary_approved": _("补助初审通过"),
        "subsidy.application_approved": _("补助终审通过"),
        "subsidy.application_returned": _("退回补助申请"),
        "subsidy.application_rejected": _("驳回补助申请"),
        "subsidy.farm_disqualified": _("取消补助资格"),
        "subsidy.publicity_started": _("开始公示"),
        "subsidy.publicity_closed": _("结束公示"),
        "subsidy.objection_recorded": _("登记公示异议"),
        "subsidy.objection_resolved": _("处理公示异议"),
        "subsidy.payment_recorded": _("登记兑付"),
    }
    ledger_fields = {"note": _("审核意见")}
    ledger_values = [
        "smartvet.subsidy.models.PayeeKind",
        "smartvet.subsidy.models.AccountKind",
        "smartvet.subsidy.models.ApplicationStatus",
        "smartvet.subsidy.models.QualificationStatus",
    ]
