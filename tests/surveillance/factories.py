"""Surveillance test data through the services."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from smartvet.core.commands import parse
from smartvet.surveillance.commands import LabResultIn, ReportIn
from smartvet.surveillance.services import lab, reports


def death_report(actor, farm, *, dead=2, on: date | None = None, photos=None, **extra):
    command = parse(
        ReportIn,
        {
            "kind": "death",
            "farm": farm.pk,
            "category": "fattening_pig",
            "at_risk": 200,
            "dead": dead,
            "onset_date": (on or timezone.localdate()).isoformat(),
            "signs": "高热、皮肤发绀",
            "disposal_method": "centre",
            "disposal_place": "夷陵区无害化处理中心",
            "disposal_by": "刘防疫员",
            **extra,
        },
    )
    return reports.submit_report(actor=actor, command=command, photo_files=photos)


def lab_result(actor, farm, *, disease="FMD", positive=1, samples=10, kind="pathogen"):
    command = parse(
        LabResultIn,
        {
            "farm": farm.pk,
            "disease": disease,
            "kind": kind,
            "sampled_on": timezone.localdate().isoformat(),
            "samples": samples,
            "positive": positive,
            "lab": "夷陵区动物疫病预防控制中心实验室",
            "accreditation": "CMA",
        },
    )
    return lab.record_lab_result(actor=actor, command=command)


def report(actor, farm, *, kind="sickness", on: date | None = None, **fields):
    command = parse(
        ReportIn,
        {
            "kind": kind,
            "farm": farm.pk,
            "category": "fattening_pig",
            "at_risk": 200,
            "onset_date": (on or timezone.localdate()).isoformat(),
            **fields,
        },
    )
    return reports.submit_report(actor=actor, command=command)
