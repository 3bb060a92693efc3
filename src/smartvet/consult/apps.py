from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from smartvet.core.navigation import FarmLink, NavItem


class ConsultConfig(AppConfig):
    name = "smartvet.consult"
    label = "consult"
    verbose_name = _("科技特派员")
    demo_loader = "smartvet.consult.demo.load"
    home_panels = "smartvet.consult.panels.home_panels"
    indicators = "smartvet.consult.indicators.INDICATORS"
    # Reminders and escalation of unanswered questions, should a deferred task be lost.
    periodic = {"consult_sweep": 300}
    navigation = [
        NavItem("consult:desk", _("专家工作台"), permission="consult.answer", order=20),
        NavItem("consult:ask", _("我要咨询"), permission="consult.ask", order=60),
        NavItem("consult:questions", _("在线咨询"), permission="consult.view", order=61),
        NavItem("consult:knowledge", _("知识库"), permission="consult.knowledge", order=62),
        NavItem("consult:experts", _("专家库"), permission="consult.directory", order=63),
        NavItem("consult:pairings", _("结对帮扶"), permission="consult.view_pairings", order=64),
        NavItem("consult:training", _("培训活动"), permission="consult.view_training", order=65),
        NavItem("consult:market", _("市场行情"), permission="consult.market", order=66),
        NavItem("consult:posts", _("供求信息"), permission="consult.market", order=67),
        NavItem("consult:prices", _("价格报送"), permission="consult.report_price", order=68),
    ]
    farm_links = [
        FarmLink("consult:ask", _("向专家咨询"), permission="consult.ask", query="farm", order=60),
    ]
    ledger_actions = {
        "consultation.asked": _("在线咨询提问"),
        "consultation.answered": _("专家解答"),
        "consultation.helpful": _("采纳最有帮助的解答"),
        "consultation.closed": _("评价并结束咨询"),
        "consultation.reminded": _("提醒专家答复"),
        "consultation.escalated": _("咨询超时升级至县级"),
        "consultation.reported": _("咨询转为疫情报告"),
        "expert.saved": _("保存专家信息"),
        "pairing.created": _("新建结对帮扶"),
        "pairing.visited": _("记录走访"),
        "training.created": _("新建培训"),
        "training.signed_in": _("培训签到"),
        "training.attendee_added": _("代签"),
        "training.material_added": _("上传培训资料"),
        "price.reported": _("报送市场价格"),
        "post.created": _("发布供求信息"),
        "post.withdrawn": _("撤下供求信息"),
    }
    ledger_fields = {
        "topic": _("问题类别"),
        "routed": _("推送专家"),
        "answer": _("解答"),
        "helpful": _("最有帮助的解答"),
        "rating": _("评分"),
        "article": _("知识库条目"),
        "experts": _("专家人数"),
        "report": _("疫情报告"),
        "topics": _("专业领域"),
        "regions": _("服务区域"),
        "available": _("接受咨询"),
        "expert": _("专家"),
        "company": _("龙头企业"),
        "visited_on": _("走访日期"),
        "farmers": _("指导农户数"),
        "title": _("名称"),
        "starts_at": _("开始时间"),
        "attendee": _("签到人"),
        "village": _("村或乡镇"),
        "bytes": _("文件大小（字节）"),
        "commodity": _("品种"),
        "price": _("价格"),
        "market": _("市场"),
        "confirmed_outlier": _("离群价格已核实"),
        "expires_on": _("有效期至"),
    }
    ledger_values = [
        "smartvet.consult.models.Species",
        "smartvet.consult.models.Topic",
        "smartvet.consult.models.PairingKind",
        "smartvet.consult.models.TrainingKind",
        "smartvet.consult.models.PostKind",
    ]
