"""Browser tests: Playwright drives Debian's chromium against pytest-django's live server.

`playwright install` is never needed (and cannot work here): the tests use /usr/bin/chromium.
If it is missing the tests fail, they do not skip.
"""

import io
from pathlib import Path

import pytest

from django.core.management import call_command

from tests.factories import ensure_locales, ensure_root, root_collection

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def _serialized_test_database(django_db_setup):
    """What Django serialized of the freshly migrated test database (for
    `serialized_rollback`), read before Playwright starts."""
    from django.db import DEFAULT_DB_ALIAS, connections

    return getattr(connections[DEFAULT_DB_ALIAS], "_test_serialized_contents", None)


@pytest.fixture(scope="session")
def playwright(_serialized_test_database, playwright):
    """Playwright's sync API keeps an asyncio loop running in the test thread. From then on
    asgiref's thread-critical local gives Django a new connection object (context-local, not
    thread-local), which lacks the serialized contents, so `serialized_rollback` would
    silently restore nothing. Hand them over to the new connection object."""
    from django.db import DEFAULT_DB_ALIAS, connections

    if _serialized_test_database is not None:
        connections[DEFAULT_DB_ALIAS]._test_serialized_contents = _serialized_test_database
    return playwright


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A visitor whose browser asks for Lithuanian, the site's first language. (LocaleMiddleware
    # sends a browser that prefers English from / to /en/.)
    return {**browser_context_args, "locale": "lt-LT"}


@pytest.fixture
def demo_site(transactional_db, live_server):
    """The demo content, committed so that the live server's thread sees it.

    Browser tests are transactional: each one ends by emptying the database, data
    migrations' rows included (Wagtail's root page, locale and collection, the roles and
    workflows). Mark them `django_db(transaction=True, serialized_rollback=True)` so that
    those rows are restored first; the locales, the tree's root and the root collection are
    still made here if they are missing.
    """
    lithuanian, _ = ensure_locales()
    ensure_root(lithuanian)
    root_collection()
    call_command("load_demo", stdout=io.StringIO())
    return live_server
