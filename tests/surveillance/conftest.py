import pytest

from tests.support.factories import YAQUELING_VILLAGE, make_farm


@pytest.fixture
def farm(personas):
    return make_farm(personas.station_longquan)


@pytest.fixture
def other_farm(personas):
    return make_farm(personas.station_yaqueling, region=YAQUELING_VILLAGE)


@pytest.fixture
def evaluated(django_capture_on_commit_callbacks):
    """Run what a service leaves for after its commit (the evaluation task, the email)."""

    def run(service, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(*args, **kwargs)

    return run
