"""Whole-village sourcing reaches supervision (issue 17 point 4): purchase-ins from a
purification farm valid that day over all purchase-ins, refreshed and rebuilt alike."""

from __future__ import annotations

from smartvet.supervision import queries, services
from tests.enforcement.disposal_factories import certify_purification
from tests.enforcement.test_purification import _buy, _household
from tests.support.factories import make_farm


def test_the_share_of_purchases_from_purification_farms_reaches_the_figures(personas):
    station = personas.station_longquan
    breeder = make_farm(station, name="龙泉种猪场")
    certify_purification(personas.bureau, breeder)
    other = make_farm(station, name="普通猪场")
    _buy(station, _household(station), breeder)
    _buy(station, _household(station), other)
    services.refresh()
    period = queries.period(None, None)
    figures = queries.figures(personas.county_supervisor, "420506107", period)["figures"]
    assert figures["purchases_from_purification"] == 50
    assert services.check("420506").differences == []
