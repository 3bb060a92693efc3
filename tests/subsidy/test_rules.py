"""Pure rules: anomaly flags, payment methods, transition tables (working days: tests/core)."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from smartvet.subsidy import rules


def test_individuals_are_paid_through_yikatong():
    assert rules.is_individual("420506197503124511")
    assert rules.is_individual("42050619750312451x")
    assert not rules.is_individual("91420506MA4F00001W")
    assert not rules.is_individual("")
    assert rules.payment_method_problem(payee_is_individual=True, account_kind="bank")
    assert rules.payment_method_problem(payee_is_individual=False, account_kind="yikatong")
    assert rules.payment_method_problem(payee_is_individual=True, account_kind="yikatong") is None
    assert rules.payment_method_problem(payee_is_individual=False, account_kind="bank") is None


def test_payment_after_30_april_is_late():
    assert rules.payment_is_late(date(2025, 5, 1), date(2025, 4, 30))
    assert not rules.payment_is_late(date(2025, 4, 30), date(2025, 4, 30))


def test_no_flags_for_a_consistent_farm():
    assert (
        rules.anomaly_flags(
            stock={"sow": 400},
            quarantined={"fattening_pig": 100},
            immunized={"sow": 400, "fattening_pig": 100},
            doses_bought=500,
            doses_used=500,
            antibody_tests=[{"samples": 20}],
            stock_basis=["sow"],
        )
        == []
    )


@given(
    st.dictionaries(st.sampled_from(["sow", "fattening_pig"]), st.integers(0, 1000)),
    st.dictionaries(st.sampled_from(["sow", "fattening_pig"]), st.integers(0, 1000)),
    st.integers(0, 3000),
    st.integers(0, 3000),
)
def test_flags_name_what_is_inconsistent(stock, immunized, bought, used):
    flags = rules.anomaly_flags(
        stock=stock,
        quarantined={},
        immunized=immunized,
        doses_bought=bought,
        doses_used=used,
        antibody_tests=[1],
        stock_basis=["sow"],
    )
    codes = {flag["code"] for flag in flags}
    assert ("IMMUNIZED_ABOVE_STOCK" in codes) == (
        immunized.get("sow", 0) > stock.get("sow", 0) and "sow" in immunized
    )
    assert ("VACCINE_USED_ABOVE_BOUGHT" in codes) == (used > bought)
    assert ("IMMUNIZED_ABOVE_DOSES" in codes) == (sum(immunized.values()) > bought)


def test_evidence_is_required_only_with_flags():
    assert rules.evidence_problem([{"code": "X"}], " ").code == "EVIDENCE_REQUIRED"
    assert rules.evidence_problem([{"code": "X"}], "发票") is None
    assert rules.evidence_problem([], "") is None


def test_every_transition_target_is_a_known_status():
    from smartvet.subsidy.models import ApplicationStatus, QualificationStatus

    for table, statuses in (
        (rules.APPLICATION_TRANSITIONS, ApplicationStatus.values),
        (rules.QUALIFICATION_TRANSITIONS, QualificationStatus.values),
    ):
        for source, targets in table.items():
            assert source in statuses and targets <= set(statuses)
    assert "paid" not in rules.APPLICATION_TRANSITIONS  # paid is final
