from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

from smartvet.core.navigation import NavItem


class CoreConfig(AppConfig):
    name = "smartvet.core"
    label = "core"
    demo_loader = "smartvet.core.demo.load"
    verbose_name = _("基础")
    navigation = [
        NavItem("core:home", _("首页"), order=0),
        NavItem("core:ledger", _("操作台账"), order=90),
        NavItem(
            "core:village-import", _("导入村级区划"), permission="core.manage_regions", order=95
        ),
        NavItem("admin:index", _("系统管理"), permission="core.manage_accounts", order=99),
    ]

    ledger_actions = {
        "account.created": _("创建账号"),
        "account.changed": _("修改账号"),
        "account.activated": _("养殖户激活账号"),
        "token.issued": _("签发接口令牌"),
        "region.renamed": _("修改区划名称"),
        "region.villages_imported": _("导入村级区划"),
        # writes through /admin/ (core.admin.LedgeredAdmin), whatever the model
        "admin.added": _("管理后台新增"),
        "admin.changed": _("管理后台修改"),
        "admin.deleted": _("管理后台删除"),
        "bench.ledger_write": _("性能基准写入"),  # core.bench, on a throw-away database
    }
    # The words every app's summaries share; an app adds its own in its ledger_fields.
    ledger_fields = {
        "account": _("账号"),
        "account_kind": _("账户类型"),
        "active": _("启用"),
        "after": _("新"),
        "allocated_total": _("分配合计"),
        "allocations": _("分配"),
        "amount": _("金额"),
        "animals": _("头数"),
        "application": _("申请"),
        "balance": _("结余"),
        "batch": _("批号"),
        "before": _("原"),
        "bottles": _("瓶数"),
        "budget": _("预算"),
        "bytes": _("字节"),
        "categories_added": _("新增品种"),
        "category": _("品种"),
        "certificate_no": _("证明编号"),
        "changed": _("修改内容"),
        "code": _("编码"),
        "date": _("日期"),
        "declaration": _("申报"),
        "departure_date": _("启运日期"),
        "destination": _("到达地点"),
        "disease": _("病种"),
        "doses": _("剂量"),
        "ear_tags": _("耳标"),
        "ends_on": _("截止"),
        "entitled": _("应补金额"),
        "entitled_total": _("应补合计"),
        "expires_at": _("有效期至"),
        "extra": _("其他"),
        "farm": _("养殖场"),
        "file": _("文件"),
        "filename": _("文件名"),
        "first": _("起始号"),
        "flags": _("异常"),
        "from": _("来自"),
        "from_lot": _("来源批次"),
        "handling": _("处理意见"),
        "kind": _("类型"),
        "last": _("终止号"),
        "late": _("逾期"),
        "lines": _("明细"),
        "lot": _("疫苗批次"),
        "matched": _("相符"),
        "missing": _("缺少"),
        "name": _("名称"),
        "new": _("新"),
        "notes": _("备注"),
        "number": _("编号"),
        "object": _("对象"),
        "old": _("原"),
        "on": _("日期"),
        "paid_on": _("兑付日期"),
        "pass_rate": _("合格率"),
        "payee": _("收款人"),
        "phone": _("电话"),
        "policy": _("政策"),
        "policy_version": _("政策版本"),
        "product": _("疫苗名称"),
        "publicized": _("公示"),
        "purpose": _("用途"),
        "qualified": _("合格数"),
        "quantity": _("数量"),
        "ranges": _("号段数"),
        "reason": _("理由"),
        "received": _("实到数量"),
        "reconciled": _("已核对"),
        "ref": _("单号"),
        "region": _("区划"),
        "renamed": _("改名"),
        "resolution": _("处理结果"),
        "result": _("结果"),
        "role": _("角色"),
        "round": _("轮次"),
        "rows": _("行数"),
        "samples": _("样本数"),
        "shift_years": _("顺延年数"),
        "slaughtered": _("屠宰数"),
        "source": _("来源"),
        "starts_on": _("起始"),
        "stock": _("存栏"),
        "tags": _("耳标枚数"),
        "text": _("内容"),
        "to": _("去向"),
        "upheld": _("成立"),
        "username": _("账号"),
        "valid_until": _("有效期至"),
        "version": _("版本"),
    }

    def ready(self) -> None:
        # Every app's permissions (and workflows), registered by name before any request.
        autodiscover_modules("permissions")
