"""Density per farm/village/township/county and the sampling lists (large farms, CDC 25%)."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from smartvet.immunization import queries
from tests.immunization.factories import antibody_test, immunize, make_lot
from tests.support.factories import make_farm


def _range():
    today = timezone.localdate()
    return today - timedelta(days=30), today


def test_density_rolls_up_from_farm_to_county(
    station_longquan, station_yaqueling, county_supervisor, pig_farm, tender_lot
):
    start, end = _range()
    immunize(station_longquan, pig_farm, tender_lot, category="sow", animals=50)
    immunize(station_longquan, pig_farm, tender_lot, category="sow", animals=50)  # booster
    immunize(station_longquan, pig_farm, tender_lot, category="fattening_pig", animals=100)
    farm_b = make_farm(station_yaqueling, region="420506108201", stock={"sow": 100})
    immunize(station_yaqueling, farm_b, make_lot(station_yaqueling), animals=90)
    by_farm = queries.density(county_supervisor, disease="FMD", start=start, end=end, level="farm")
    assert {r["name"]: r["density"] for r in by_farm} == {
        pig_farm.name: Decimal("60.0"),
        farm_b.name: Decimal("90.0"),
    }
    by_township = queries.density(county_supervisor, disease="FMD", start=start, end=end)
    assert [(r["key"], r["required"], r["immunized"]) for r in by_township] == [
        ("420506107", 250, 150),
        ("420506108", 100, 90),
    ]
    (county,) = queries.density(
        county_supervisor, disease="FMD", start=start, end=end, level="county"
    )
    assert county["density"] == Decimal("68.6") and county["farms"] == 2
    village = queries.density(
        county_supervisor, disease="FMD", start=start, end=end, level="village"
    )
    assert {r["key"] for r in village} == {"420506107201", "420506108201"}
    # a township sees only its own farms
    assert (
        len(queries.density(station_yaqueling, disease="FMD", start=start, end=end, level="farm"))
        == 1
    )
    assert queries.density(county_supervisor, disease="HPAI", start=start, end=end) == []


def test_sampling_lists_large_farms_and_the_cdc_quarter(station_longquan, cdc):
    year = timezone.localdate().year
    large = make_farm(station_longquan, stock={"sow": 1000, "fattening_pig": 4500})
    scale = [make_farm(station_longquan, stock={"sow": 100}) for _ in range(5)]
    make_farm(station_longquan, kind="household", stock={"sow": 3})
    overview = queries.sampling_overview(cdc, year)
    assert [(row["farm"].pk, row["ok"], row["min_samples"]) for row in overview["large"]] == [
        (large.pk, False, 20)
    ]
    assert overview["scale_farms"] == 5 and overview["target"] == 2
    assert overview["still_needed"] == 2 and len(overview["to_sample"]) == 5
    antibody_test(cdc, large, samples=19, qualified=19, lab="自检")
    antibody_test(cdc, scale[0], samples=20, qualified=19, lab="疾控")
    overview = queries.sampling_overview(cdc, year)
    assert overview["large"][0]["ok"] is False  # 19 samples are not enough
    assert overview["sampled"] == 1 and overview["still_needed"] == 1
    assert scale[0] not in overview["to_sample"]
    antibody_test(cdc, large, samples=20, qualified=19, lab="自检")
    assert queries.sampling_overview(cdc, year)["large"][0]["ok"] is True
