"""Fixtures of the enforcement tests: a certificate on the road (quarantine's factories)."""

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
def certificate(tagged, farm):
    """Five pigs of farmer_longquan on their way to 夷陵区定点屠宰场 in 鄂E·A1234."""
    return factories.certify(
        tagged, factories.declare(tagged.farmer_longquan, farm, factories.tags(1, 5))
    )
