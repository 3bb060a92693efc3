"""Pure rules: working days, anomaly flags, payment methods, transition tables."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from smartvet.subsidy import rules, workdays


def test_publicity_counts_chinese_holidays_and_make_up_days():
    # National Day 2025: 1-8 October off, Sunday 28 September and Saturday 11 October worked.
    assert workdays.workdays_from(date(2025, 9, 26), 5) == [
        date(2025, 9, 26),
        date(2025, 9, 28),
        date(2025, 9, 29),
        date(2025, 9, 30),
        date(2025, 10, 9),
    ]
    # 9, 10, Saturday 11 (调休), 13, 14 October
    assert workdays.last_workday_of_period(date(2025, 10, 9), 5) == date(2025, 10, 14)


def test_a_year_the_package_does_not_know_falls_back_to_weekends():
    # 2030-01-04 is a Friday; the next working days skip the weekend.
    assert workdays.workdays_from(date(2030, 1, 4), 3) == [
        date(2030, 1, 4),
        date(2030, 1, 7),
        date(2030, 1, 8),
    ]


def test_the_holiday_table_overrides_both():
    overrides = {date(2030, 1, 7): False, date(2030, 1, 5): True}
    assert workdays.workdays_from(date(2030, 1, 4), 3, overrides) == [
        date(2030, 1, 4),
        date(2030, 1, 5),
        date(2030, 1, 8),
    ]


@given(st.dates(min_value=date(2004, 1, 1), max_value=date(2035, 12, 31)), st.integers(1, 30))
def test_a_period_holds_exactly_its_working_days(start, count):
    end = workdays.last_workday_of_period(start, count)
    assert workdays.workdays_between(start, end) == count
    assert workdays.is_workday(end)
    assert end - start < timedelta(days=count * 3 + 15)


def test_the_holiday_table_is_read_from_the_database(db):
    from smartvet.subsidy.models import Holiday

    Holiday.objects.create(date=date(2031, 1, 1), name="元旦", is_workday=False)
    assert workdays.overrides() == {date(2031, 1, 1): False}


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
