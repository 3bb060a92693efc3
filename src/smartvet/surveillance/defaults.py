"""The default alert rules (issue 12, DOMAIN.md §8), loaded by migration 0002 as the national
defaults (region CN); a county or province edits its own copy."""

from __future__ import annotations

from typing import Any

DEFAULT_RULES: list[dict[str, Any]] = [
    {
        "code": "village-deaths-7d",
        "name": "村内7日死亡数超过基线倍数",
        "indicator": "deaths",
        "region_level": "village",
        "window_days": 7,
        "method": "ratio",
        "parameters": {"k": 3, "baseline_windows": 4},
        "min_count": 5,
        "severity": "medium",
        "routing_level": "county",
        "cooldown_hours": 24,
        "source": (
            "《动物疫情报告管理办法》第五条：动物发病、死亡异常应及时报告；倍数与最小数为默认值"
        ),
    },
    {
        "code": "notifiable-positive",
        "name": "法定疫病检测阳性",
        "indicator": "positive_results",
        "region_level": "village",
        "window_days": 1,
        "method": "threshold",
        "parameters": {"threshold": 1},
        "min_count": 1,
        "severity": "high",
        "routing_level": "province",
        "cooldown_hours": 0,
        "source": "《中华人民共和国动物防疫法》第三十一条：发现染疫或疑似染疫应立即报告",
    },
    {
        "code": "antibody-pass-rate",
        "name": "养殖场免疫抗体合格率低于70%",
        "indicator": "antibody_pass_rate",
        "region_level": "village",
        "window_days": 1,
        "method": "below",
        "parameters": {"threshold": 70},
        "min_count": 1,
        "severity": "low",
        "routing_level": "county",
        "cooldown_hours": 24,
        "source": (
            "《国家动物疫病强制免疫指导意见（2022—2025年）》：免疫抗体合格率常年保持在70%以上"
        ),
    },
    {
        "code": "tags-out-of-county",
        "name": "耳标或检疫证明在所属县外使用",
        "indicator": "tags_out_of_county",
        "region_level": "county",
        "window_days": 7,
        "method": "threshold",
        "parameters": {"threshold": 1},
        "min_count": 1,
        "severity": "medium",
        "routing_level": "county",
        "cooldown_hours": 24,
        "source": "《畜禽标识和养殖档案管理办法》第十三至十五条",
    },
    {
        "code": "certificates-not-arrived",
        "name": "检疫证明过期未落地",
        "indicator": "certificates_not_arrived",
        "region_level": "county",
        "window_days": 7,
        "method": "threshold",
        "parameters": {"threshold": 1},
        "min_count": 1,
        "severity": "low",
        "routing_level": "county",
        "cooldown_hours": 24,
        "source": "《动物检疫管理办法》第二十四条：到达目的地后报告",
    },
    {
        "code": "zero-reports-missing",
        "name": "疫情零报告缺报",
        "indicator": "zero_reports_missing",
        "region_level": "township",
        "window_days": 7,
        "method": "threshold",
        "parameters": {"threshold": 1},
        "min_count": 1,
        "severity": "low",
        "routing_level": "township",
        "cooldown_hours": 24,
        "source": "《动物疫情报告管理办法》：疫情零报告制度",
    },
]
