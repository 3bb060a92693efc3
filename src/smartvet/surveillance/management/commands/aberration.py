"""`smartvet aberration --method ears-c1|ears-c2|ears-c3 INPUT.json` (CONTRACT.md): EARS on a
list of daily counts, as R's `surveillance::earsC` with its defaults computes it.

JSON on stdout; bad input exits 2 with a message on stderr."""

from __future__ import annotations

import json
import math
import sys
from typing import Any

from django.core.management.base import BaseCommand

from smartvet.surveillance import detection

METHODS = {"ears-c1": "C1", "ears-c2": "C2", "ears-c3": "C3"}


class InputError(Exception):
    pass


def parse_counts(data: Any) -> list[int]:
    if not isinstance(data, dict) or set(data) != {"counts"}:
        raise InputError('输入应为 {"counts": [整数, ...]}')
    counts = data["counts"]
    if not isinstance(counts, list):
        raise InputError("counts 应为整数列表（每天一个，最早的在前）")
    for position, value in enumerate(counts, start=1):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InputError(f"counts 第{position}个值不是非负整数：{json.dumps(value)}")
    return counts


def _number(value: float | None) -> float | None:
    return None if value is None or math.isnan(value) else value


def result(method: str, counts: list[int]) -> dict[str, Any]:
    days = detection.ears(counts, METHODS[method])  # type: ignore[arg-type]
    return {
        "method": method,
        "days": [
            {
                "t": day.t,
                "observed": int(day.observed),
                "expected": day.expected,
                "upperbound": _number(day.upperbound),
                "alarm": day.alarm,
            }
            for day in days
        ],
    }


class Command(BaseCommand):
    help = "异常探测（EARS C1/C2/C3，与R surveillance::earsC 默认参数一致）：读取每日计数JSON"

    def add_arguments(self, parser):
        parser.add_argument("--method", required=True, choices=sorted(METHODS))
        parser.add_argument("input", help='输入JSON文件 {"counts": [...]}（- 表示标准输入）')

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            counts = parse_counts(self._read(options["input"]))
        except InputError as exc:
            sys.stderr.write(f"aberration: {exc}\n")
            sys.exit(2)
        output = result(options["method"], counts)
        self.stdout.write(json.dumps(output, ensure_ascii=False, allow_nan=False))

    @staticmethod
    def _read(path: str) -> Any:
        try:
            if path == "-":
                text = sys.stdin.read()
            else:
                with open(path, encoding="utf-8-sig") as handle:
                    text = handle.read()
        except OSError as exc:
            raise InputError(f"无法读取输入文件 {path}：{exc.strerror}") from None
        except UnicodeDecodeError:
            raise InputError(f"输入文件 {path} 不是UTF-8编码") from None
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"输入不是有效的JSON（第{exc.lineno}行第{exc.colno}列）：{exc.msg}"
            ) from None
