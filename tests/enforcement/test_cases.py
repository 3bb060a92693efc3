"""Violation cases (执法办案): opened from a failed check or by hand, investigated with evidence,
decided, closed; deadlines per stage; a closed case refuses every change."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from smartvet.core.access import available_actions
from smartvet.core.commands import parse
from smartvet.core.errors import DomainError, NotFound, PermissionDenied
from smartvet.core.models import LedgerEvent
from smartvet.enforcement import rules
from smartvet.enforcement.commands.cases import LinkRecord
from smartvet.enforcement.models import Case
from smartvet.enforcement.queries import cases as queries
from smartvet.enforcement.services import cases
from smartvet.subsidy.models import Disqualification
from tests.enforcement.case_factories import (
    case_from_check,
    decide,
    failed_check,
    open_by_hand,
    png,
)
from tests.quarantine import factories
from tests.subsidy.factories import make_policy


@pytest.fixture
def case(tagged, certificate):
    return case_from_check(tagged, failed_check(tagged, certificate))


def test_a_case_opened_from_a_check_carries_the_check_as_evidence(tagged, certificate):
    check = failed_check(tagged, certificate)
    case = case_from_check(tagged, check)
    assert case.status == "open" and case.source == "check" and case.kind == "tag_mismatch"
    assert case.region_id == "420506" and case.farm_id == certificate.farm_id
    assert case.certificate_number == certificate.number and case.vehicle == "鄂E·A1234"
    assert "耳标与证明不符" in case.summary
    linked = {(e.record_kind, e.record_ref) for e in case.evidence.all()}
    assert linked == {
        ("check", str(check.pk)),
        ("certificate", certificate.number),
        ("farm", str(certificate.farm_id)),
    }
    assert case.due_on > timezone.localdate()
    assert LedgerEvent.objects.filter(action="case.opened", object_id=str(case.pk)).count() == 1
    assert queries.checks_awaiting_case(tagged.checkpoint).count() == 0


def test_a_check_makes_one_case_and_a_passed_check_none(tagged, certificate):
    check = failed_check(tagged, certificate)
    case_from_check(tagged, check)
    with pytest.raises(DomainError) as again:
        case_from_check(tagged, check, actor=tagged.bureau)
    assert again.value.code == "CASE_EXISTS"
    passed = failed_check(tagged, certificate, ear_tags=[])
    assert passed.result == "pass"
    with pytest.raises(DomainError):
        case_from_check(tagged, passed)
    assert Case.objects.count() == 1


def test_a_case_walks_from_investigation_to_closure(tagged, case):
    assert available_actions(tagged.checkpoint, case).names == ["add_evidence"]
    assert available_actions(tagged.bureau, case).names == ["investigate", "add_evidence"]
    case = cases.investigate(actor=tagged.bureau, case_id=case.pk)
    cases.add_photos(actor=tagged.checkpoint, case_id=case.pk, uploads=[png()], note="车厢耳标")
    photo = case.evidence.get(kind="photo")
    assert photo.image.name.endswith(".jpg") and photo.thumbnail
    case = decide(tagged.bureau, case)
    assert case.status == "decided" and case.amount == Decimal("2000.00")
    case = cases.close(actor=tagged.bureau, case_id=case.pk)
    assert case.status == "closed" and case.due_on is None and case.closed_at
    assert list(
        LedgerEvent.objects.filter(object_id=str(case.pk), object_type="enforcement.case")
        .order_by("seq")
        .values_list("action", flat=True)
    ) == ["case.opened", "case.investigating", "case.evidence_added", "case.decided", "case.closed"]


def test_a_closed_case_refuses_every_change(tagged, case):
    cases.investigate(actor=tagged.bureau, case_id=case.pk)
    decide(tagged.bureau, case)
    cases.close(actor=tagged.bureau, case_id=case.pk)
    events = LedgerEvent.objects.count()
    evidence = case.evidence.count()
    changes = [
        lambda: cases.investigate(actor=tagged.bureau, case_id=case.pk),
        lambda: decide(tagged.bureau, case, "warning", None),
        lambda: cases.close(actor=tagged.bureau, case_id=case.pk),
        lambda: cases.add_photos(actor=tagged.bureau, case_id=case.pk, uploads=[png()]),
        lambda: cases.link_record(
            actor=tagged.bureau,
            case_id=case.pk,
            command=parse(LinkRecord, {"record_kind": "farm", "record_ref": str(case.farm_id)}),
        ),
    ]
    for change in changes:
        with pytest.raises(DomainError) as refused:
            change()
        assert refused.value.code == "INVALID_TRANSITION"
    case.refresh_from_db()
    assert case.status == "closed" and case.decision == "fine"
    assert LedgerEvent.objects.count() == events and case.evidence.count() == evidence
    assert available_actions(tagged.bureau, case).names == []


def test_a_decision_is_taken_in_its_stage_by_the_bureau(tagged, case):
    with pytest.raises(DomainError) as early:
        decide(tagged.bureau, case)
    assert early.value.code == "INVALID_TRANSITION"
    cases.investigate(actor=tagged.bureau, case_id=case.pk)
    with pytest.raises(PermissionDenied):
        decide(tagged.checkpoint, case)
    with pytest.raises(NotFound):
        decide(tagged.jiyuan_bureau, case)
    for decision, amount in (("fine", None), ("fine", "0"), ("warning", "100")):
        with pytest.raises(DomainError) as refused:
            decide(tagged.bureau, case, decision, amount)
        assert refused.value.code == "VALIDATION_ERROR"
    case.refresh_from_db()
    assert case.status == "investigating" and case.decision == ""


def test_a_case_is_opened_by_hand_within_reach(personas):
    case = open_by_hand(personas.bureau, kind="no_certificate", vehicle="鄂E·X0001")
    assert case.status == "open" and case.source == "manual" and case.number.startswith("420506-")
    with pytest.raises(NotFound):
        open_by_hand(personas.bureau, region="419001")
    with pytest.raises(PermissionDenied):
        open_by_hand(personas.county_supervisor)
    with pytest.raises(DomainError):
        open_by_hand(personas.bureau, region="999999")


def test_a_held_slaughter_entry_makes_a_case_of_its_source(tagged, certificate):
    vet = factories.make_resident_vet()
    case = open_by_hand(
        vet,
        kind="tag_mismatch",
        region="420506",
        source="slaughter",
        certificate=certificate.number,
        summary="入场耳标与证明不符，暂扣待查",
    )
    assert case.source == "slaughter" and case.certificate_number == certificate.number
    assert case.evidence.get().record_kind == "certificate"


def test_fraud_decided_disqualifies_the_farm_in_the_subsidy_app(tagged, farm):
    policy = make_policy(tagged.bureau)
    case = open_by_hand(tagged.bureau, kind="subsidy_fraud", farm=farm.pk)
    cases.investigate(actor=tagged.bureau, case_id=case.pk)
    decide(tagged.bureau, case, "fine", "5000", "虚报免疫数量骗取补助")
    disqualification = Disqualification.objects.get(farm=farm)
    assert disqualification.policy == policy and case.number in disqualification.reason
    assert LedgerEvent.objects.filter(action="subsidy.farm_disqualified").count() == 1


def test_no_violation_keeps_the_subsidy(tagged, farm):
    make_policy(tagged.bureau)
    case = open_by_hand(tagged.bureau, kind="vaccine_resale", farm=farm.pk)
    cases.investigate(actor=tagged.bureau, case_id=case.pk)
    decide(tagged.bureau, case, "no_violation", None, "查无实据")
    assert not Disqualification.objects.exists()


def test_the_desk_lists_overdue_cases_first(personas):
    first = open_by_hand(personas.bureau, summary="甲")
    second = open_by_hand(personas.bureau, summary="乙")
    Case.objects.filter(pk=second.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    listed = list(queries.cases_visible_to(personas.bureau))
    assert [c.pk for c in listed] == [second.pk, first.pk]
    assert [c.pk for c in queries.cases_visible_to(personas.bureau, overdue=True)] == [second.pk]
    assert queries.counts_by_stage(personas.bureau)["overdue"] == 1
    assert not queries.cases_visible_to(personas.jiyuan_supervisor).exists()
    with pytest.raises(PermissionDenied):
        queries.cases_visible_to(personas.farmer_longquan)


@given(
    st.sampled_from(["warning", "fine", "confiscation", "transfer", "no_violation"]),
    st.one_of(st.none(), st.decimals(min_value=-10, max_value=10**6, places=2)),
)
def test_only_a_fine_has_an_amount_and_it_is_positive(decision, amount):
    problems = rules.decision_problems(decision, amount)
    assert (not problems) == (
        (decision == "fine" and amount is not None and amount > 0)
        or (decision != "fine" and amount is None)
    )


def test_the_stage_deadlines_follow_the_table():
    assert set(rules.STAGE_WORKDAYS) == {s for s in rules.TRANSITIONS}
    assert rules.kind_from_flags(["count_mismatch", "tag_mismatch"]) == "tag_mismatch"
    assert rules.kind_from_flags(["count_mismatch"]) == "other"
