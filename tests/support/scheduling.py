"""How `pytest -n 2 --dist loadgroup` (Makefile) shares the suite between its two workers.

- The tests of a module that builds a module-scoped fixture (a server's data dir with its
  bench data, an R probe) run on one worker, so the fixture is built once, not once per
  worker. Only tests that use no database: a group goes to the front of the queue, and
  pytest-django's order (plain database tests before the transactional ones, which flush
  on PostgreSQL) must hold for the others.
- The tests that start processes of their own (marked any_database) and those groups go
  first, so that the longest tests do not run alone at the end while the other worker idles.
"""

from __future__ import annotations

import pytest


def uses_database(item: pytest.Item) -> bool:
    fixtures = getattr(item, "fixturenames", ())
    return item.get_closest_marker("django_db") is not None or "_django_db_helper" in fixtures


def _builds_a_module_fixture(item: pytest.Item) -> bool:
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return False
    return any(d.scope == "module" for defs in info.name2fixturedefs.values() for d in defs)


def _goes_first(item: pytest.Item) -> bool:
    return not uses_database(item) and (
        item.get_closest_marker("any_database") is not None or _builds_a_module_fixture(item)
    )


def pytest_configure(config: pytest.Config) -> None:
    # xdist declares the marker; without it (`-p no:xdist`) --strict-markers would refuse it.
    config.addinivalue_line("markers", "xdist_group(name): run these tests on one worker")


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(items: list[pytest.Item]):
    # Before xdist's own hook, which reads the groups into the test ids.
    for item in items:
        if _builds_a_module_fixture(item) and not uses_database(item):
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))
    result = yield
    # After pytest-django's sort: a stable sort keeps its order among the others.
    items.sort(key=lambda item: not _goes_first(item))
    return result
