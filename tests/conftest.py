"""Fixtures shared by every test: personas, API clients, skip-or-fail for missing parts."""

from __future__ import annotations

import importlib
import os

import pytest
from django.conf import settings
from django.test import TransactionTestCase
from django.test.utils import setup_databases

from tests.support import snapshot
from tests.support.api import ApiClient
from tests.support.personas import PERSONA_NAMES, create_personas, stored_personas

pytest_plugins = ["tests.support.scheduling", "tests.exchange.plugin"]

REQUIRE_ALL = os.environ.get("SMARTVET_REQUIRE_ALL") == "1"
ON_POSTGRES = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def skip_or_fail(reason: str) -> None:
    """A missing part skips the test, except under SMARTVET_REQUIRE_ALL=1 (CI): then fail."""
    if REQUIRE_ALL:
        pytest.fail(f"SMARTVET_REQUIRE_ALL=1 and {reason}")
    pytest.skip(reason)


def pytest_collection_modifyitems(config, items):
    from tests.support import pg

    if pg.wanted() and not ON_POSTGRES:
        reason = "PostgreSQL binaries not found under /usr/lib/postgresql/*/bin"
        if REQUIRE_ALL:
            raise pytest.UsageError(f"SMARTVET_REQUIRE_ALL=1 and {reason}")
        for item in items:
            item.add_marker(pytest.mark.skip(reason=reason))


def pytest_ignore_collect(collection_path, config):
    # PostgreSQL-only tests exist only in the PostgreSQL pass (never skipped in the other).
    if collection_path.name == "pg" and collection_path.is_dir() and not ON_POSTGRES:
        return True
    return None


@pytest.fixture(autouse=True)
def _no_memory_between_tests():
    """What a process remembers outside the database is forgotten after each test, as the
    database is: region labels (a renamed village must not keep its name in the next test)
    and the cache (one test's verification calls must not rate-limit the next's)."""
    yield
    from django.core.cache import cache

    from smartvet.core.queries import forget_region_labels

    forget_region_labels()
    cache.clear()


@pytest.fixture(autouse=True)
def _platform_language():
    """Every test ends in the platform's language: a request in English leaves English active
    in the thread (LocaleMiddleware activates and never deactivates), and a later test's
    Chinese messages would come out in English."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_setup, django_db_blocker):
    """The personas are written once per test database (one per xdist worker), after the
    migrations: every `db` test runs in a transaction that rolls back to them. pytest-django
    sets up only the databases the collected tests use; a module fixture that copies the
    test database (tests/exchange/test_federation.py) may be all there is: then this does."""
    from tests.support.scheduling import uses_database  # a plugin: pytest imports it first

    with django_db_blocker.unblock():
        if not any(uses_database(item) for item in request.session.items):
            setup_databases(verbosity=0, interactive=False, aliases={"default"})
        create_personas()
        snapshot.take()


def _restore_instead_of_flush(flush):
    """A transactional test ends with the database copied back from the session's snapshot
    (tests/support/snapshot.py) where there is one, instead of Django's flush: the next test
    then finds the reference data and the personas without reloading them."""

    def teardown(self):
        if not snapshot.restore(self._databases_names(include_mirrors=False)):
            flush(self)

    return teardown


TransactionTestCase._fixture_teardown = _restore_instead_of_flush(
    TransactionTestCase._fixture_teardown
)


# Data the migrations load (regions, the compulsory plan, the shipped subsidy policy): without
# a snapshot a transactional test flushes it with every other table when it ends.
MIGRATION_DATA = (
    "smartvet.immunization.migrations.0002_default_plan:load_plan",
    "smartvet.subsidy.migrations.0002_load_default_policy:load",
    "smartvet.surveillance.migrations.0002_default_rules:load",
)


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Put the migration data and the personas back before each transactional test when the
    one before it flushed them (no snapshot: e.g. PostgreSQL as a user who is not a superuser).
    Plain `db` tests need nothing: pytest-django runs them all before the transactional ones."""
    marker = request.node.get_closest_marker("django_db")
    by_marker = bool(marker and marker.kwargs.get("transaction"))
    if by_marker or {"transactional_db", "live_server"} & set(request.fixturenames):
        from django.apps import apps

        from smartvet.core import reference_data
        from smartvet.core.models import Region

        request.getfixturevalue("_django_db_helper" if by_marker else "transactional_db")
        if Region.objects.filter(code="CN").exists():
            return
        reference_data.load(Region)
        for target in MIGRATION_DATA:
            module, function = target.split(":")
            getattr(importlib.import_module(module), function)(apps, None)
        create_personas()


@pytest.fixture
def personas(db):
    return stored_personas()


def _persona_fixture(name):
    @pytest.fixture(name=name)
    def fixture(personas):
        return getattr(personas, name)

    return fixture


for _name in PERSONA_NAMES:
    globals()[_name] = _persona_fixture(_name)


@pytest.fixture
def api():
    """api(user) -> a client carrying that user's bearer token; api() -> anonymous."""
    return ApiClient
