"""Subsidy test data, made through the services (the policy dates relative to today, so the
tests do not age)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from smartvet.subsidy import commands, services
from smartvet.subsidy.models import Publicity, SubsidyPolicy
from tests.support.factories import make_farm

YILING = "420506"
JIYUAN = "419001"
JIYUAN_VILLAGE = "419001100201"


def make_policy(actor, *, region: str = YILING, code: str = "", **changes):
    """A county policy copied from jiyuan-2024 whose cycle contains today and whose
    qualification deadline is 30 days ahead."""
    source = SubsidyPolicy.objects.get(code="jiyuan-2024")
    policy = services.copy_policy(
        actor=actor,
        source_id=source.pk,
        command=commands.CopyPolicy(
            code=code or f"test-{region}", name=f"测试政策{region}", region=region
        ),
    )
    today = timezone.localdate()
    rules = dict(policy.rules)
    rules.update(
        {
            "cycle_start": (today - timedelta(days=200)).isoformat(),
            "cycle_end": (today + timedelta(days=165)).isoformat(),
            "qualification_deadline": (today + timedelta(days=30)).isoformat(),
            "payment_deadline": (today + timedelta(days=215)).isoformat(),
        }
    )
    rules.update(changes)
    return services.update_policy(
        actor=actor, policy_id=policy.pk, command=commands.UpdatePolicy(rules=rules)
    )


def counts(
    *, stock=None, quarantined=None, immunized=None, doses_bought=100_000, doses_used=0, tests=None
):
    quarantined = quarantined or {}
    return {
        "period": ["", ""],
        "stock": stock or {},
        "output": dict(quarantined),
        "quarantined": quarantined,
        "immunized": immunized or {},
        "doses_bought": doses_bought,
        "doses_used": doses_used,
        "antibody_tests": tests
        if tests is not None
        else [
            {"round": "initial", "disease": "FMD", "samples": 20, "qualified": 18, "sampled_on": ""}
        ],
    }


GOOD = counts(
    stock={"sow": 400, "fattening_pig": 900},
    quarantined={"fattening_pig": 1450},
    immunized={"sow": 390, "fattening_pig": 1500},
)


def scale_farm(actor, **kwargs):
    return make_farm(actor, stock={"sow": 400, "fattening_pig": 900}, **kwargs)


def qualified_farm(personas, policy, *, applicant=None, farm=None):
    """A farm whose qualification went through both reviews."""
    farm = farm or scale_farm(personas.farmer_longquan)
    qualification = services.submit_qualification(
        actor=applicant or personas.farmer_longquan,
        command=commands.SubmitQualification(farm=farm.pk, policy=policy.code),
    )
    services.preliminary_approve_qualification(
        actor=personas.county_supervisor, qualification_id=qualification.pk
    )
    services.final_approve_qualification(actor=personas.bureau, qualification_id=qualification.pk)
    return farm


def approved_application(personas, policy, *, farm=None):
    farm = qualified_farm(personas, policy, farm=farm)
    application = services.submit_application(
        actor=personas.farmer_longquan,
        command=commands.SubmitApplication(farm=farm.pk, policy=policy.code, evidence="见附件"),
    )
    services.preliminary_approve_application(
        actor=personas.county_supervisor, application_id=application.pk, command=commands.Review()
    )
    return services.final_approve_application(
        actor=personas.bureau, application_id=application.pk, command=commands.Review()
    )


def publicized_application(personas, policy, *, farm=None):
    """An application whose publicity ran its five working days (moved into the past)
    without objection: ready to be paid."""
    application = approved_application(personas, policy, farm=farm)
    publicity = services.start_publicity(
        actor=personas.bureau, command=commands.StartPublicity(policy=policy.code)
    )
    today = timezone.localdate()
    Publicity.objects.filter(pk=publicity.pk).update(
        starts_on=today - timedelta(days=10), ends_on=today - timedelta(days=1)
    )
    services.close_publicity(actor=personas.bureau, publicity_id=publicity.pk)
    application.refresh_from_db()
    return application
