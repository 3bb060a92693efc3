"""The 先打后补 workflow through the services (DOMAIN.md §5; seed 003 四)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from smartvet.core.commands import parse
from smartvet.core.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from smartvet.core.models import LedgerEvent
from smartvet.registry import services as registry_services
from smartvet.subsidy import commands, services
from smartvet.subsidy.models import Payment, SubsidyApplication
from tests.subsidy import factories
from tests.support.factories import make_farm


def code_of(excinfo) -> str:
    return excinfo.value.code


# ------------------------------------------------------------------------- policy


def test_every_edit_of_a_policy_raises_its_version(personas):
    policy = factories.make_policy(personas.bureau)
    version = policy.version
    rules = {**policy.rules, "budget": "500000.00"}
    policy = services.update_policy(
        actor=personas.bureau, policy_id=policy.pk, command=commands.UpdatePolicy(rules=rules)
    )
    assert policy.version == version + 1
    assert policy.as_policy().budget == Decimal("500000.00")


def test_a_broken_policy_is_refused_and_nothing_changes(personas):
    policy = factories.make_policy(personas.bureau)
    with pytest.raises(DomainError) as excinfo:
        services.update_policy(
            actor=personas.bureau,
            policy_id=policy.pk,
            command=commands.UpdatePolicy(rules={**policy.rules, "budget": "-1"}),
        )
    assert code_of(excinfo) == "VALIDATION_ERROR"
    policy.refresh_from_db()
    assert policy.rules["budget"] == "600000.00"


def test_another_county_cannot_edit_the_policy(personas):
    policy = factories.make_policy(personas.bureau)
    with pytest.raises(NotFound):
        services.update_policy(
            actor=personas.jiyuan_bureau,
            policy_id=policy.pk,
            command=commands.UpdatePolicy(rules=policy.rules),
        )


def test_copy_refuses_bad_codes_and_other_regions(personas):
    from smartvet.subsidy.models import SubsidyPolicy

    source = SubsidyPolicy.objects.get(code="jiyuan-2024")
    with pytest.raises(DomainError, match="VALIDATION_ERROR"):
        services.copy_policy(
            actor=personas.bureau,
            source_id=source.pk,
            command=commands.CopyPolicy(code="Bad Code!", name="x", region="420506"),
        )
    with pytest.raises(NotFound):
        services.copy_policy(
            actor=personas.bureau,
            source_id=source.pk,
            command=commands.CopyPolicy(code="ok", name="x", region="419001"),
        )
    with pytest.raises(PermissionDenied):
        services.copy_policy(
            actor=personas.county_supervisor,
            source_id=source.pk,
            command=commands.CopyPolicy(code="ok", name="x", region="420506"),
        )


def test_the_shipped_policy_is_a_template_farms_cannot_apply_under(personas):
    farm = factories.scale_farm(personas.farmer_longquan)
    with pytest.raises(DomainError) as excinfo:
        services.submit_qualification(
            actor=personas.farmer_longquan,
            command=commands.SubmitQualification(farm=farm.pk, policy="jiyuan-2024"),
        )
    assert code_of(excinfo) == "NOT_ELIGIBLE"


# ------------------------------------------------------------------ qualification


def test_qualification_goes_through_both_reviews(personas, policy):
    farm = factories.qualified_farm(personas, policy)
    assert farm.subsidy_qualifications.get().status == "approved"
    actions = set(LedgerEvent.objects.values_list("action", flat=True))
    assert {
        "subsidy.qualification_submitted",
        "subsidy.qualification_preliminary_approved",
        "subsidy.qualification_approved",
    } <= actions


def test_a_returned_qualification_is_resubmitted(personas, policy):
    farm = factories.scale_farm(personas.farmer_longquan)
    item = services.submit_qualification(
        actor=personas.farmer_longquan,
        command=commands.SubmitQualification(farm=farm.pk, policy=policy.code),
    )
    with pytest.raises(ValidationFailed, match="退回原因：必须填写"):
        parse(commands.ReturnQualification, {"reason": "  "})
    services.return_qualification(
        actor=personas.county_supervisor,
        qualification_id=item.pk,
        command=commands.ReturnQualification(reason="缺少动物防疫条件合格证"),
    )
    item.refresh_from_db()
    assert item.status == "returned" and item.return_reason == "缺少动物防疫条件合格证"
    with pytest.raises(DomainError, match="INVALID_TRANSITION"):
        services.preliminary_approve_qualification(
            actor=personas.county_supervisor, qualification_id=item.pk
        )
    services.resubmit_qualification(
        actor=personas.farmer_longquan,
        qualification_id=item.pk,
        command=commands.ResubmitQualification(note="已补充"),
    )
    item.refresh_from_db()
    assert item.status == "submitted"


def test_the_bureau_cannot_skip_the_preliminary_review(personas, policy):
    farm = factories.scale_farm(personas.farmer_longquan)
    item = services.submit_qualification(
        actor=personas.farmer_longquan,
        command=commands.SubmitQualification(farm=farm.pk, policy=policy.code),
    )
    with pytest.raises(DomainError, match="INVALID_TRANSITION"):
        services.final_approve_qualification(actor=personas.bureau, qualification_id=item.pk)
    with pytest.raises(PermissionDenied):
        services.preliminary_approve_qualification(actor=personas.bureau, qualification_id=item.pk)


def test_qualification_after_the_deadline_is_refused(personas):
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    policy = factories.make_policy(personas.bureau, qualification_deadline=yesterday)
    farm = factories.scale_farm(personas.farmer_longquan)
    with pytest.raises(DomainError) as excinfo:
        services.submit_qualification(
            actor=personas.farmer_longquan,
            command=commands.SubmitQualification(farm=farm.pk, policy=policy.code),
        )
    assert code_of(excinfo) == "QUALIFICATION_DEADLINE_PASSED"


def test_one_qualification_per_farm_and_year(personas, policy):
    farm = factories.scale_farm(personas.farmer_longquan)
    services.submit_qualification(
        actor=personas.farmer_longquan,
        command=commands.SubmitQualification(farm=farm.pk, policy=policy.code),
    )
    with pytest.raises(DomainError, match="ALREADY_SUBMITTED"):
        services.submit_qualification(
            actor=personas.farmer_longquan,
            command=commands.SubmitQualification(farm=farm.pk, policy=policy.code),
        )


def test_a_provider_applies_only_for_farms_it_serves(personas, policy):
    farm = factories.scale_farm(personas.station_longquan)
    with pytest.raises(PermissionDenied):
        services.submit_qualification(
            actor=personas.provider_xingmu,
            command=commands.SubmitQualification(farm=farm.pk, policy=policy.code),
        )
    registry_services.assign_server(
        actor=personas.station_longquan, farm_id=farm.pk, username="vaccinator_longquan"
    )  # a member of 兴牧公司
    item = services.submit_qualification(
        actor=personas.provider_xingmu,
        command=commands.SubmitQualification(farm=farm.pk, policy=policy.code),
    )
    assert item.applicant == personas.provider_xingmu


def test_a_farmer_cannot_apply_for_anothers_farm(personas, policy):
    farm = factories.scale_farm(personas.station_longquan)
    with pytest.raises(NotFound):
        services.submit_qualification(
            actor=personas.farmer_longquan,
            command=commands.SubmitQualification(farm=farm.pk, policy=policy.code),
        )


def test_another_countys_supervisor_sees_nothing(personas, policy):
    farm = factories.scale_farm(personas.farmer_longquan)
    item = services.submit_qualification(
        actor=personas.farmer_longquan,
        command=commands.SubmitQualification(farm=farm.pk, policy=policy.code),
    )
    with pytest.raises(NotFound):
        services.preliminary_approve_qualification(
            actor=personas.jiyuan_supervisor, qualification_id=item.pk
        )


# -------------------------------------------------------------------- application


def test_an_application_needs_an_approved_qualification(personas, policy, platform):
    farm = factories.scale_farm(personas.farmer_longquan)
    with pytest.raises(DomainError, match="NOT_ELIGIBLE"):
        services.submit_application(
            actor=personas.farmer_longquan,
            command=commands.SubmitApplication(farm=farm.pk, policy=policy.code),
        )


def test_the_application_shows_each_amount_and_its_basis(personas, policy, platform):
    farm = factories.qualified_farm(personas, policy)
    app = services.submit_application(
        actor=personas.farmer_longquan,
        command=commands.SubmitApplication(farm=farm.pk, policy=policy.code),
    )
    assert app.lines == [
        {
            "category": "sow",
            "count": 390,
            "rate": "18.00",
            "amount": "7020.00",
            "basis": "min(stock 400, immunized 390)",
        },
        {
            "category": "fattening_pig",
            "count": 1450,
            "rate": "7.00",
            "amount": "10150.00",
            "basis": "min(quarantined 1450, immunized 1500)",
        },
    ]
    assert app.entitled == Decimal("17170.00")
    assert app.policy_version == policy.version and app.policy_rules == policy.rules
    assert app.number.startswith("XDHB")


def test_an_ineligible_farm_is_refused_with_every_reason(personas, policy, platform):
    farm = factories.qualified_farm(personas, policy)
    platform[farm.pk] = factories.counts(
        stock={"sow": 10},
        immunized={"sow": 10},
        tests=[{"round": "initial", "samples": 20, "qualified": 10}],
    )
    with pytest.raises(DomainError) as excinfo:
        services.submit_application(
            actor=personas.farmer_longquan,
            command=commands.SubmitApplication(farm=farm.pk, policy=policy.code),
        )
    assert code_of(excinfo) == "NOT_ELIGIBLE"
    assert [d["code"] for d in excinfo.value.details] == ["BELOW_SCALE", "ANTIBODY_FAILED"]
    assert not SubsidyApplication.objects.exists()


def test_a_disqualified_farm_gets_nothing(personas, policy, platform):
    farm = factories.qualified_farm(personas, policy)
    services.disqualify_farm(
        actor=personas.bureau,
        command=commands.Disqualify(farm=farm.pk, policy=policy.code, reason="倒卖疫苗"),
    )
    with pytest.raises(DomainError) as excinfo:
        services.submit_application(
            actor=personas.farmer_longquan,
            command=commands.SubmitApplication(farm=farm.pk, policy=policy.code),
        )
    assert [d["code"] for d in excinfo.value.details] == ["DISQUALIFIED"]


def test_anomalies_need_evidence_at_the_preliminary_review(personas, policy, platform):
    farm = factories.qualified_farm(personas, policy)
    platform[farm.pk] = factories.counts(
        stock={"sow": 400},
        immunized={"sow": 450},
        quarantined={"fattening_pig": 10},
        doses_bought=300,
        doses_used=500,
        tests=[],
    )
    app = services.submit_application(
        actor=personas.farmer_longquan,
        command=commands.SubmitApplication(farm=farm.pk, policy=policy.code),
    )
    assert [flag["code"] for flag in app.flags] == [
        "IMMUNIZED_ABOVE_STOCK",
        "IMMUNIZED_ABOVE_DOSES",
        "VACCINE_USED_ABOVE_BOUGHT",
        "QUARANTINED_ABOVE_IMMUNIZED",
        "ANTIBODY_TEST_MISSING",
    ]
    with pytest.raises(DomainError, match="EVIDENCE_REQUIRED"):
        services.preliminary_approve_application(
            actor=personas.county_supervisor, application_id=app.pk, command=commands.Review()
        )
    services.preliminary_approve_application(
        actor=personas.county_supervisor,
        application_id=app.pk,
        command=commands.Review(note="已核对购苗发票和免疫档案"),
    )
    app.refresh_from_db()
    assert app.status == "preliminary_approved"


def test_a_returned_application_is_recounted_when_resubmitted(personas, policy, platform):
    farm = factories.qualified_farm(personas, policy)
    app = services.submit_application(
        actor=personas.farmer_longquan,
        command=commands.SubmitApplication(farm=farm.pk, policy=policy.code),
    )
    services.return_application(
        actor=personas.county_supervisor,
        application_id=app.pk,
        command=commands.SendBack(reason="免疫档案不全"),
    )
    platform[farm.pk] = factories.counts(stock={"sow": 400}, immunized={"sow": 400})
    app = services.resubmit_application(
        actor=personas.farmer_longquan,
        application_id=app.pk,
        command=commands.ResubmitApplication(evidence="已补录"),
    )
    assert app.status == "submitted"
    assert app.entitled == Decimal("7200.00")
    app.refresh_from_db()
    assert app.entitled == Decimal("7200.00") and app.evidence == "已补录"


def test_reviews_belong_to_their_roles(personas, policy, platform):
    farm = factories.qualified_farm(personas, policy)
    app = services.submit_application(
        actor=personas.farmer_longquan,
        command=commands.SubmitApplication(farm=farm.pk, policy=policy.code),
    )
    with pytest.raises(PermissionDenied):
        services.preliminary_approve_application(
            actor=personas.bureau, application_id=app.pk, command=commands.Review()
        )
    with pytest.raises(PermissionDenied):
        services.final_approve_application(
            actor=personas.county_supervisor, application_id=app.pk, command=commands.Review()
        )
    with pytest.raises(NotFound):
        services.preliminary_approve_application(
            actor=personas.jiyuan_supervisor, application_id=app.pk, command=commands.Review()
        )
    with pytest.raises(DomainError, match="INVALID_TRANSITION"):
        services.final_approve_application(
            actor=personas.bureau, application_id=app.pk, command=commands.Review()
        )


# ------------------------------------------------------------ publicity and payment


def test_publicity_allocates_the_budget_and_runs_five_working_days(personas, platform):
    policy = factories.make_policy(personas.bureau, budget="20000.00")
    first = factories.approved_application(personas, policy)
    second = factories.approved_application(personas, policy)
    publicity = services.start_publicity(
        actor=personas.bureau, command=commands.StartPublicity(policy=policy.code)
    )
    assert publicity.entitled_total == Decimal("34340.00")
    assert publicity.allocated_total == Decimal("20000.00")
    first.refresh_from_db()
    second.refresh_from_db()
    assert {first.allocated, second.allocated} == {Decimal("10000.00")}
    assert first.status == "in_publicity"
    from smartvet.core import workdays

    assert workdays.workdays_between(publicity.starts_on, publicity.ends_on) == 5
    with pytest.raises(DomainError, match="ALREADY_SUBMITTED"):
        services.start_publicity(
            actor=personas.bureau, command=commands.StartPublicity(policy=policy.code)
        )


def test_a_whole_cycle_to_payment(personas, policy, platform, monkeypatch):
    app = factories.approved_application(personas, policy)
    publicity = services.start_publicity(
        actor=personas.bureau, command=commands.StartPublicity(policy=policy.code)
    )
    objection = services.record_objection(
        actor=personas.bureau,
        application_id=app.pk,
        command=commands.RecordObjection(raised_by="王某", text="存栏数量与实际不符"),
    )
    with pytest.raises(DomainError, match="PUBLICITY_NOT_OVER"):
        services.close_publicity(actor=personas.bureau, publicity_id=publicity.pk)
    later = publicity.ends_on + timedelta(days=1)
    monkeypatch.setattr(services, "_today", lambda: later)
    with pytest.raises(DomainError, match="OBJECTION_OPEN"):
        services.close_publicity(actor=personas.bureau, publicity_id=publicity.pk)
    services.resolve_objection(
        actor=personas.bureau,
        objection_id=objection.pk,
        command=commands.ResolveObjection(upheld=False, resolution="经现场核实，存栏属实"),
    )
    services.close_publicity(actor=personas.bureau, publicity_id=publicity.pk)
    app.refresh_from_db()
    assert app.status == "publicized"
    # the farm's owner is a person (resident ID): 一卡通 only
    with pytest.raises(DomainError, match="PAYMENT_METHOD_INVALID"):
        services.record_payment(
            actor=personas.bureau,
            application_id=app.pk,
            command=commands.RecordPayment(account_kind="bank", account_no="6222", paid_on=later),
        )
    payment = services.record_payment(
        actor=personas.bureau,
        application_id=app.pk,
        command=commands.RecordPayment(
            account_kind="yikatong", account_no="6228480012345", paid_on=later
        ),
    )
    assert payment.amount == Decimal("17170.00") and payment.payee_name == "张三"
    assert payment.late is False
    with pytest.raises(DomainError, match="INVALID_TRANSITION"):
        services.record_payment(
            actor=personas.bureau,
            application_id=app.pk,
            command=commands.RecordPayment(account_kind="yikatong", account_no="1", paid_on=later),
        )
    assert Payment.objects.count() == 1


def test_an_upheld_objection_takes_the_farm_off_the_list(personas, policy, platform, monkeypatch):
    app = factories.approved_application(personas, policy)
    publicity = services.start_publicity(
        actor=personas.bureau, command=commands.StartPublicity(policy=policy.code)
    )
    objection = services.record_objection(
        actor=personas.bureau,
        application_id=app.pk,
        command=commands.RecordObjection(raised_by="李某", text="虚报免疫数量"),
    )
    services.resolve_objection(
        actor=personas.bureau,
        objection_id=objection.pk,
        command=commands.ResolveObjection(upheld=True, resolution="核实虚报"),
    )
    app.refresh_from_db()
    assert app.status == "rejected"
    monkeypatch.setattr(services, "_today", lambda: publicity.ends_on + timedelta(days=1))
    services.close_publicity(actor=personas.bureau, publicity_id=publicity.pk)
    with pytest.raises(DomainError, match="INVALID_TRANSITION"):
        services.record_payment(
            actor=personas.bureau,
            application_id=app.pk,
            command=commands.RecordPayment(
                account_kind="yikatong", account_no="1", paid_on=publicity.ends_on
            ),
        )


def test_a_late_payment_is_marked_and_an_organisation_is_paid_by_bank(
    personas, platform, monkeypatch
):
    today = timezone.localdate()
    policy = factories.make_policy(
        personas.bureau, payment_deadline=(today - timedelta(days=1)).isoformat()
    )
    farm = factories.scale_farm(personas.farmer_longquan, owner_id_number="91420506MA4F00001W")
    app = factories.approved_application(personas, policy, farm=farm)
    publicity = services.start_publicity(
        actor=personas.bureau, command=commands.StartPublicity(policy=policy.code)
    )
    monkeypatch.setattr(services, "_today", lambda: publicity.ends_on + timedelta(days=1))
    services.close_publicity(actor=personas.bureau, publicity_id=publicity.pk)
    with pytest.raises(DomainError, match="PAYMENT_METHOD_INVALID"):
        services.record_payment(
            actor=personas.bureau,
            application_id=app.pk,
            command=commands.RecordPayment(
                account_kind="yikatong", account_no="1", paid_on=publicity.ends_on
            ),
        )
    payment = services.record_payment(
        actor=personas.bureau,
        application_id=app.pk,
        command=commands.RecordPayment(
            account_kind="bank", account_no="4200001", paid_on=publicity.ends_on + timedelta(days=1)
        ),
    )
    assert payment.late is True


def test_a_payment_dated_in_the_future_is_refused(personas, policy, platform):
    app = factories.publicized_application(personas, policy)
    with pytest.raises(DomainError, match="VALIDATION_ERROR"):
        services.record_payment(
            actor=personas.bureau,
            application_id=app.pk,
            command=commands.RecordPayment(
                account_kind="yikatong",
                account_no="1",
                paid_on=timezone.localdate() + timedelta(days=3),
            ),
        )


def test_the_provider_that_did_the_work_is_paid(personas, policy, platform):
    farm = make_farm(personas.station_longquan, stock={"sow": 400})
    registry_services.assign_server(
        actor=personas.station_longquan, farm_id=farm.pk, username="provider_xingmu"
    )
    factories.qualified_farm(personas, policy, applicant=personas.provider_xingmu, farm=farm)
    app = services.submit_application(
        actor=personas.provider_xingmu,
        command=commands.SubmitApplication(farm=farm.pk, policy=policy.code, payee="provider"),
    )
    assert app.payee_provider == personas.provider_xingmu


def test_a_farmer_cannot_name_a_provider_as_payee(personas, policy, platform):
    farm = factories.qualified_farm(personas, policy)
    with pytest.raises(DomainError, match="VALIDATION_ERROR"):
        services.submit_application(
            actor=personas.farmer_longquan,
            command=commands.SubmitApplication(farm=farm.pk, policy=policy.code, payee="provider"),
        )
