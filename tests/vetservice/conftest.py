from __future__ import annotations

import pytest

from tests.immunization.factories import make_lot
from tests.support.factories import make_farm
from tests.vetservice import factories as f


@pytest.fixture
def catalogue(bureau):
    f.open_catalogue(bureau)


@pytest.fixture
def xingmu(county_supervisor, catalogue):
    """兴牧公司, the lead company of 龙泉镇, with 刘防疫员 on its roster for 龙泉一村."""
    provider = f.register_provider(
        county_supervisor, "provider_xingmu", villages=[f.LONGQUAN_VILLAGE]
    )
    f.enrol(county_supervisor, "vaccinator_longquan")
    return provider


@pytest.fixture
def huimin(county_supervisor, catalogue):
    """鸦鹊岭惠民防疫服务社, the lead of 鸦鹊岭镇, with 赵防疫员."""
    provider = f.register_provider(
        county_supervisor,
        "provider_yaqueling",
        township=f.YAQUELING,
        villages=[f.YAQUELING_VILLAGE],
    )
    f.enrol(county_supervisor, "vaccinator_yaqueling", villages=[f.YAQUELING_VILLAGE])
    return provider


@pytest.fixture
def farm(farmer_longquan):
    """farmer_longquan's pig farm in 龙泉一村, served by nobody yet."""
    return make_farm(farmer_longquan, stock={"sow": 50, "fattening_pig": 200})


@pytest.fixture
def agreed_farm(farm, xingmu, farmer_longquan):
    f.make_agreement(
        xingmu.account,
        farm,
        services=("immunization", "castration", "diagnosis"),
        prices={"castration": "12.50"},
        confirm_by=farmer_longquan,
    )
    return farm


@pytest.fixture
def lot(station_longquan):
    return make_lot(station_longquan, doses=1000)
