"""Tests: `make test`. PostgreSQL from DATABASE_URL, fast hashing, in-memory e-mail."""

import os

from .base import *  # noqa: F403

# Under pytest-xdist (`make test` runs two workers) each worker has a test database of its
# own (pytest-django); it gets its own media folder and search indices too.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = str(BASE_DIR / ".cache" / f"test-media{WORKER}")  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
# The page cache is off (tests/pagecache turns it on), so tests see each change at once.
PAGE_CACHE_SECONDS = 0

# `make test` migrates one database before the tests, while the checks run
# (scripts/test-template), and sets CITYPLAN_TEST_TEMPLATE=1: each worker's test database is
# then made as a copy of it (PostgreSQL's CREATE DATABASE ... TEMPLATE), which leaves the
# migrations nothing to do. Without it each test database is migrated.
TEST_DATABASE_TEMPLATE = f"test_{DATABASES['default']['NAME']}_template"  # noqa: F405
if (
    env.bool("CITYPLAN_TEST_TEMPLATE", default=False)  # noqa: F405
    and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"  # noqa: F405
):
    DATABASES["default"].setdefault("TEST", {})["TEMPLATE"] = TEST_DATABASE_TEMPLATE  # noqa: F405
# The SQLite search tests run in a copy of a SQLite database made the same way
# (tests/search/test_database_lithuanian.py): they name it here, with pytest's --reuse-db.
if env("CITYPLAN_TEST_DATABASE", default=""):  # noqa: F405
    DATABASES["default"].setdefault("TEST", {})["NAME"] = env("CITYPLAN_TEST_DATABASE")  # noqa: F405

# Search: the test run indexes into the database backend, which rolls back with each test
# and costs no network round trip per save. The search tests switch to the search server
# (SEARCH_SERVER_BACKEND, from OPENSEARCH_URL or ELASTICSEARCH_URL) with the fixtures of
# tests/search/conftest.py, in indices of their own.
if SEARCH_SERVER_BACKEND:  # noqa: F405
    SEARCH_SERVER_BACKEND = {  # noqa: F405
        **SEARCH_SERVER_BACKEND,  # noqa: F405
        "INDEX_PREFIX": f"test_{WORKER}{env('ELASTICSEARCH_INDEX_PREFIX')}",  # noqa: F405
        # Generous on a loaded 2-core machine (index rebuilds); the outage test sets its own 2 s.
        "TIMEOUT": 30,
        # One node: no replicas, so that the indices are green at once.
        "INDEX_SETTINGS": {"settings": {"index": {"number_of_shards": 1, "number_of_replicas": 0}}},
    }
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}

# The production Content-Security-Policy (base.py) on every test response, so that the
# browser tests run under it as the public site and the admin do in production.
INSTALLED_APPS = [*INSTALLED_APPS, "csp"]  # noqa: F405
MIDDLEWARE = [*MIDDLEWARE]  # noqa: F405
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "core.csp.CityCSPMiddleware",
)
