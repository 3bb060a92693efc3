import pytest

from tests.consult import factories
from tests.support.factories import YAQUELING_VILLAGE, make_farm


@pytest.fixture
def expert_entry(personas):
    """陈科技特派员 knows pigs and cattle, diseases and breeding, and serves 夷陵区."""
    return factories.entry(
        personas.expert, species=("pig", "cattle"), topics=("disease", "breeding")
    )


@pytest.fixture
def jiyuan_expert(personas):
    return factories.jiyuan_expert()


@pytest.fixture
def own_farm(personas):
    return make_farm(personas.farmer_longquan, phone="13800001111")


@pytest.fixture
def other_farm(personas):
    return make_farm(personas.station_yaqueling, region=YAQUELING_VILLAGE)
