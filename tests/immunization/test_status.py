"""The interface other apps use: immunization_status, protection_problems, counts."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from smartvet.core.errors import NotFound
from smartvet.core.models import Region
from smartvet.immunization import queries
from smartvet.immunization.models import RegionalSwitch
from tests.immunization.factories import antibody_test, immunize, make_lot


def _problems(actor, farm, category, on_date):
    return queries.protection_problems(actor=actor, farm=farm, category=category, on_date=on_date)


def test_a_farm_without_immunization_is_not_protected(vet_longquan, pig_farm):
    today = timezone.localdate()
    statuses = queries.immunization_status(vet_longquan, pig_farm, "sow", today)
    assert [(s.disease, s.required, s.protected, s.since, s.until) for s in statuses] == [
        ("FMD", True, False, None, None)
    ]
    problems = _problems(vet_longquan, pig_farm, "sow", today)
    assert [(p.code, p.details["disease"]) for p in problems] == [("IMMUNIZATION_MISSING", "FMD")]
    assert "口蹄疫" in str(problems[0].message)


def test_protection_runs_from_the_vaccination_to_the_end_of_its_period(
    station_longquan, pig_farm, tender_lot
):
    day = timezone.localdate() - timedelta(days=10)
    immunize(station_longquan, pig_farm, tender_lot, category="sow", on=day)
    (status,) = queries.immunization_status(station_longquan, pig_farm, "sow", timezone.localdate())
    assert status.protected and status.since == day and status.until == day + timedelta(days=180)
    assert _problems(station_longquan, pig_farm, "sow", timezone.localdate()) == []
    assert _problems(station_longquan, pig_farm, "sow", day - timedelta(days=1))
    lapsed = _problems(station_longquan, pig_farm, "sow", day + timedelta(days=181))
    assert lapsed and lapsed[0].details["until"] == (day + timedelta(days=180)).isoformat()
    # other categories are not covered by the sows' vaccination
    assert _problems(station_longquan, pig_farm, "fattening_pig", timezone.localdate())


def test_the_gate_answers_only_for_a_farm_within_reach(vet_yaqueling, farmer_longquan, other_farm):
    for outsider in (vet_yaqueling, farmer_longquan):  # another township; not the owner
        with pytest.raises(NotFound):
            _problems(outsider, other_farm, "sow", timezone.localdate())


def test_a_lot_may_carry_its_own_protection_period(station_longquan, pig_farm):
    lot = make_lot(station_longquan, protection_days=30)
    day = timezone.localdate() - timedelta(days=31)
    immunize(station_longquan, pig_farm, lot, on=day)
    assert _problems(station_longquan, pig_farm, "sow", timezone.localdate())


def test_provincial_diseases_need_a_regional_switch(station_longquan, other_farm):
    today = timezone.localdate()

    def statuses():
        return queries.immunization_status(station_longquan, other_farm, "sheep", today)

    assert {s.disease: s.required for s in statuses()} == {
        "FMD": True,
        "PPR": True,
        "BRUCELLOSIS": False,
        "ECHINOCOCCOSIS": False,
    }
    RegionalSwitch.objects.create(disease="BRUCELLOSIS", region=Region.objects.get(code="42"))
    required = {s.disease for s in statuses() if s.required}
    assert required == {"FMD", "PPR", "BRUCELLOSIS"}
    RegionalSwitch.objects.create(
        disease="BRUCELLOSIS", enabled=False, region=Region.objects.get(code="420506")
    )
    codes = {p.details["disease"] for p in _problems(station_longquan, other_farm, "sheep", today)}
    assert codes == {"FMD", "PPR"}


def test_counts_for_the_subsidy(station_longquan, farmer_longquan, pig_farm, tender_lot, own_lot):
    today = timezone.localdate()
    start = today - timedelta(days=60)
    immunize(
        station_longquan,
        pig_farm,
        tender_lot,
        category="sow",
        animals=50,
        on=today - timedelta(days=50),
    )
    immunize(
        farmer_longquan,
        pig_farm,
        own_lot,
        category="fattening_pig",
        animals=150,
        doses=160,
        on=today - timedelta(days=5),
    )
    immunize(
        farmer_longquan,
        pig_farm,
        own_lot,
        category="fattening_pig",
        animals=40,
        on=today - timedelta(days=2),
    )
    assert queries.immunized_counts(pig_farm, start, today) == {"sow": 50, "fattening_pig": 190}
    assert queries.immunized_counts(pig_farm, today - timedelta(days=3), today) == {
        "fattening_pig": 40
    }
    assert queries.doses_bought(pig_farm, start, today) == 300
    assert queries.doses_bought(pig_farm, date(2000, 1, 1), date(2000, 12, 31)) == 0
    assert queries.doses_used(pig_farm, start, today) == 250
    history = queries.farm_immunizations(pig_farm)
    assert [row["category"] for row in history] == ["sow", "fattening_pig", "fattening_pig"]
    assert set(history[0]) == {"at", "date", "disease", "category", "animals", "lot", "by"}
    assert queries.farm_immunizations(pig_farm, until=history[0]["at"]) == history[:1]


def test_antibody_results_for_the_subsidy(cdc, pig_farm):
    today = timezone.localdate()
    antibody_test(cdc, pig_farm, sampled_on=today, samples=20, qualified=12, lab="疾控")
    (row,) = queries.antibody_results(pig_farm, today - timedelta(days=1), today)
    assert row["round"] == "initial" and row["samples"] == 20 and row["qualified"] == 12
    assert str(row["pass_rate"]) == "60.0"
