"""`smartvet subsidy-calc --policy ID INPUT.json`: the pure 先打后补 calculation (CONTRACT.md).

JSON on stdout; bad input exits 2 with a clear message on stderr. The policy is a shipped
default (`jiyuan-2024`) or, when the database holds one of that code, its latest version.
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext_noop

from smartvet.subsidy import calc, policies


def _policy(code: str) -> calc.Policy:
    if code in policies.DEFAULTS:
        return calc.Policy.from_dict(policies.default(code))
    try:
        from smartvet.subsidy.models import SubsidyPolicy

        stored = SubsidyPolicy.objects.filter(code=code).order_by("-version").first()
    except Exception:  # no database: only the shipped policies are known
        stored = None
    if stored is None:
        known = ", ".join(sorted(policies.DEFAULTS))
        raise calc.InputError(
            gettext_noop("未知的补助政策：%(code)s（可用：%(known)s）"), code=code, known=known
        )
    return stored.as_policy()


class Command(BaseCommand):
    help = "先打后补补助测算：读取JSON输入，按政策输出每个养殖场的应补与实补金额"

    def add_arguments(self, parser):
        parser.add_argument("--policy", required=True, help="政策编号，如 jiyuan-2024")
        parser.add_argument("input", help="输入JSON文件（- 表示标准输入）")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            policy = _policy(options["policy"])
            data = self._read(options["input"])
            budget, farms = calc.parse_input(data, policy)
            result = calc.calculate(policy, farms, budget)
        except calc.InputError as exc:
            sys.stderr.write(f"subsidy-calc: {exc}\n")
            sys.exit(2)
        self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))

    @staticmethod
    def _read(path: str) -> Any:
        try:
            if path == "-":
                text = sys.stdin.read()
            else:
                with open(path, encoding="utf-8-sig") as handle:
                    text = handle.read()
        except OSError as exc:
            raise calc.InputError(
                gettext_noop("无法读取输入文件 %(path)s：%(error)s"), path=path, error=exc.strerror
            ) from None
        except UnicodeDecodeError:
            raise calc.InputError(
                gettext_noop("输入文件 %(path)s 不是UTF-8编码"), path=path
            ) from None
        try:
            return json.loads(text, parse_float=Decimal)
        except json.JSONDecodeError as exc:
            raise calc.InputError(
                gettext_noop("输入不是有效的JSON（第%(line)s行第%(column)s列）：%(error)s"),
                line=exc.lineno,
                column=exc.colno,
                error=exc.msg,
            ) from None
