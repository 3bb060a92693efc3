"""Settings for the test suite: the product's settings plus a throw-away data dir, fast
password hashing, the immediate task backend, and — with SMARTVET_TEST_DB=postgres — a
throw-away PostgreSQL cluster started from /usr/lib/postgresql/*/bin (tests/support/pg.py).

This module is the earliest point pytest-django reads, so the cluster is up before any
connection is made; xdist workers inherit its address through SMARTVET_PG_URL."""

import os
import tempfile

os.environ["SMARTVET_TESTING"] = "1"
os.environ.setdefault("SMARTVET_DATA_DIR", tempfile.mkdtemp(prefix="smartvet-test-"))

from smartvet.settings import *  # noqa: F403
from tests.support import pg

os.makedirs(STATIC_ROOT, exist_ok=True)  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DEBUG = False

TEST_DATABASE = pg.configure_test_database()
if TEST_DATABASE:
    DATABASES = {"default": TEST_DATABASE}
