import pytest

from smartvet.core.models import Role
from smartvet.core.services import create_account
from tests.quarantine import factories
from tests.support.personas import PASSWORD


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
    """驻场官方兽医 of 夷陵区定点屠宰场: an official vet of the county the slaughterhouse is in."""
    return create_account(
        actor=None,
        username="vet_yiling",
        password=PASSWORD,
        role=Role.OFFICIAL_VET,
        region=factories.YILING,
        display_name="周驻场官方兽医",
        organization="夷陵区动物卫生监督机构",
    )
