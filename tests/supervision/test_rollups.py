"""The daily rollups equal the facts: kept current from the ledger, rebuilt by the same
count, and a check that names any difference (issue 13 point 2)."""

from __future__ import annotations

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from smartvet.supervision import queries, services
from smartvet.supervision.models import Rollup, Summary
from tests.quarantine import factories as quarantine
from tests.support.factories import LONGQUAN_VILLAGE, YAQUELING_VILLAGE, make_farm


def _this_year():
    return queries.period(None, None)


def test_a_registered_farm_reaches_the_figures_after_the_refresh(personas):
    services.refresh()  # the first run rebuilds; afterwards only what the ledger names
    before = queries.figures(personas.county_supervisor, "420506", _this_year())["figures"]
    make_farm(personas.station_longquan, region=LONGQUAN_VILLAGE, stock={"sow": 10})
    services.refresh()
    after = queries.figures(personas.county_supervisor, "420506", _this_year())["figures"]
    assert after["farms_registered"] == before["farms_registered"] + 1
    assert after["animals_in_stock"] == before["animals_in_stock"] + 10


def test_children_add_up_to_the_parent(personas):
    make_farm(personas.station_longquan, region=LONGQUAN_VILLAGE)
    make_farm(personas.station_longquan, region="420506107")  # a farm without a village
    make_farm(personas.station_yaqueling, region=YAQUELING_VILLAGE)
    services.refresh()
    for code in ("420506", "420506107"):
        answer = queries.figures(personas.county_supervisor, code, _this_year())
        total = sum(child["figures"]["farms_registered"] for child in answer["children"])
        assert total == answer["figures"]["farms_registered"] > 0
    own = queries.figures(personas.county_supervisor, "420506107", _this_year())["children"][-1]
    assert own["name"] == "龙泉镇本级" and own["figures"]["farms_registered"] == 1


def test_a_certificate_counts_and_its_arrival_elsewhere_is_seen_at_the_origin(personas):
    quarantine.stock_tags(personas)
    farm = quarantine.ready_farm(personas)
    certificate = quarantine.certify(
        personas, quarantine.declare(personas.farmer_longquan, farm, quarantine.tags(1, 3))
    )
    services.refresh()
    figures = queries.figures(personas.county_supervisor, "420506", _this_year())["figures"]
    assert figures["declarations"] == 1 and figures["certificates"] == 1
    assert figures["certificates_unarrived"] == 1
    assert figures["certificate_hours_median"] == 0
    assert figures["tags_issued"] == 3  # the certificate's tags leave the township's stock

    # the certificate arrives: the event names the destination, the count sits at the origin
    from smartvet.quarantine.models import Certificate

    Certificate.objects.filter(pk=certificate.pk).update(arrived_at=timezone.now())
    assert services.check("420506").differences
    from django.db import transaction

    from smartvet.core import ledger

    with transaction.atomic():
        ledger.record(
            actor=personas.slaughterhouse,
            action="certificate.arrived",
            obj=certificate,
            region="429999",
            summary={"number": certificate.number},
        )
    services.refresh()
    assert services.check("420506").differences == []
    figures = queries.figures(personas.county_supervisor, "420506", _this_year())["figures"]
    assert figures["certificates_unarrived"] == 0


def test_the_check_names_a_difference_and_the_rebuild_clears_it(personas):
    make_farm(personas.station_longquan)
    services.rebuild("420506")
    assert services.check("420506").differences == []
    row = Rollup.objects.filter(measure="farms_registered").first()
    Rollup.objects.filter(pk=row.pk).update(value=row.value + 5)
    differences = services.check("420506").differences
    # the rollup differs from the facts, and the summaries (township's day, county's day and
    # month) from the rollups they sum
    assert [(d.measure, d.place, d.species, d.stored - d.counted) for d in differences] == [
        ("farms_registered", row.place, row.species, 5),
        ("farms_registered", row.township, "township_day", -5),
        ("farms_registered", "420506", "county_day", -5),
        ("farms_registered", "420506", "county_month", -5),
    ]
    services.rebuild("420506")
    assert services.check("420506").differences == []


def test_a_summary_that_differs_from_its_rollups_is_named_and_rebuilt(personas):
    make_farm(personas.station_longquan)
    services.rebuild("420506")
    month = Summary.objects.get(grain="county_month", measure="farms_registered")
    Summary.objects.filter(pk=month.pk).update(value=month.value + 2)
    differences = services.check("420506").differences
    assert [(d.place, d.species, d.day, d.stored - d.counted) for d in differences] == [
        ("420506", "county_month", month.day, 2)
    ]
    services.rebuild("420506")
    assert services.check("420506").differences == []
    # the figures above a county read the summaries
    for code in ("42", "4205"):
        answer = queries.figures(personas.province_supervisor, code, _this_year())
        assert answer["figures"]["farms_registered"] == 1


def test_the_commands_rebuild_a_period_and_fail_on_a_difference(personas, capsys):
    make_farm(personas.station_longquan)
    today = timezone.localdate()
    call_command(
        "supervision-rebuild",
        "--from",
        str(today - timedelta(days=1)),
        "--to",
        str(today),
        "--region",
        "420506",
    )
    call_command("supervision-check", "--region", "420506")
    Rollup.objects.filter(measure="farms_registered").update(value=99)
    try:
        call_command("supervision-check", "--region", "420506")
    except SystemExit as exit:
        assert exit.code == 1
    else:
        raise AssertionError("the check passed over a difference")
    assert "farms_registered" in capsys.readouterr().out


def test_summaries_built_from_nothing_equal_what_the_check_counts(personas):
    """A county's first summaries are written by the database (one INSERT … SELECT a grain);
    the check, which counts them in Python from the rollups, finds them equal: a certificate's
    hour buckets, a township's own farm and a village's alike."""
    quarantine.stock_tags(personas)
    farm = quarantine.ready_farm(personas)
    quarantine.certify(
        personas, quarantine.declare(personas.farmer_longquan, farm, quarantine.tags(1, 3))
    )
    make_farm(personas.station_longquan, region="420506107")  # the township's own place
    make_farm(personas.station_yaqueling, region=YAQUELING_VILLAGE)
    assert not Summary.objects.exists()
    services.rebuild("420506")
    grains = set(Summary.objects.values_list("grain", flat=True))
    assert grains == {"township_day", "county_day", "county_month"}
    assert Summary.objects.filter(grain="township_day", township="420506107").exists()
    assert services.check("420506").differences == []
    answer = queries.figures(personas.province_supervisor, "42", _this_year())
    assert answer["figures"]["farms_registered"] == 3
    assert answer["figures"]["certificates"] == 1
