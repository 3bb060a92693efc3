"""`smartvet federation publish|subscribe|status|check` (CONTRACT.md "Exchange and federation";
docs/operations/federation.md says when to run which)."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.translation import gettext as _

from smartvet.exchange.federation import FederationError, consistency, replication, status


class Command(BaseCommand):
    help = _("省级数据库与全国数据中心之间的逻辑复制：发布、订阅、状态、一致性核对")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        publish = actions.add_parser("publish", help=_("在省级数据库上：创建本省的发布"))
        publish.add_argument(
            "--hub-dsn",
            default="",
            help=_("全国数据中心的复制连接串：同时订阅外省对本省证明的报告"),
        )
        subscribe = actions.add_parser("subscribe", help=_("在全国数据中心上：订阅一个省"))
        subscribe.add_argument("--province", required=True, help=_("省份代码，两位数字"))
        subscribe.add_argument("--dsn", required=True, help=_("该省数据库的复制连接串"))
        shown = actions.add_parser("status", help=_("每个订阅的状态与延迟；停用的订阅即告警"))
        shown.add_argument("--json", action="store_true", help=_("以 JSON 输出"))
        check = actions.add_parser("check", help=_("在全国数据中心上：逐日逐表核对行数与摘要"))
        check.add_argument("--settle", type=float, default=5.0, help=_("不一致时等待多少秒后复核"))

    def handle(self, *args, action, **options):
        if connection.vendor != "postgresql":
            raise CommandError(_("联邦复制只支持 PostgreSQL 数据库"))
        try:
            getattr(self, f"_{action}")(**options)
        except FederationError as exc:
            raise CommandError(str(exc)) from exc

    def _say(self, lines: list[str]) -> None:
        for line in lines:
            self.stdout.write(line)

    def _publish(self, *, hub_dsn: str, **_options):
        self._say(replication.publish(hub_dsn=hub_dsn))

    def _subscribe(self, *, province: str, dsn: str, **_options):
        self._say(replication.subscribe(province=province, dsn=dsn))

    def _status(self, *, json: bool, **_options):
        found = status.subscriptions()
        if json:
            self.stdout.write(_dumps([item.as_dict() for item in found]))
        else:
            self._say([status.describe(item) for item in found] or [_("没有联邦订阅")])
        if any(item.alerts for item in found):
            raise CommandError(_("有订阅告警"))

    def _check(self, *, settle: float, **_options):
        provinces, differences = consistency.check(settle=settle)
        if not provinces:
            raise CommandError(_("本库没有订阅任何省份：请在全国数据中心上运行"))
        self._say([difference.describe() for difference in differences])
        if differences:
            raise CommandError(_("有 %(n)d 处不一致") % {"n": len(differences)})
        agreed = _("%(provinces)s：与全国数据中心一致") % {"provinces": "、".join(provinces)}
        self.stdout.write(agreed)


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)
