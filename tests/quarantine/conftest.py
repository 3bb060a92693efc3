import pytest

from tests.quarantine import factories


@pytest.fixture
def tagged(personas):
    """Pig tags 1-420506-00000001..1000 in 龙泉镇's stock."""
    factories.stock_tags(personas)
    return personas


@pytest.fixture
def farm(tagged):
    return factories.ready_farm(tagged)


@pytest.fixture
def declaration(tagged, farm):
    return factories.declare(tagged.farmer_longquan, farm, factories.tags(1, 5))


@pytest.fixture
def certificate(tagged, declaration):
    return factories.certify(tagged, declaration)


@pytest.fixture
def resident_vet(tagged):
    return factories.make_resident_vet()
