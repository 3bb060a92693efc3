import importlib

import pytest


@pytest.fixture(autouse=True)
def _compulsory_plan(_reference_data, db):
    """Transactional tests flush every table, the immunization plan (migration data)
    included; put it back, as the root conftest does for the regions."""
    from django.apps import apps

    migration = importlib.import_module("smartvet.immunization.migrations.0002_default_plan")
    migration.load_plan(apps, None)
