"""Browser tests: Playwright drives Debian's chromium against pytest-django's live server.

`playwright install` is never needed (and cannot work here): the tests use /usr/bin/chromium.
If it is missing the tests fail, they do not skip.

The demo site is loaded once for all the browser tests (`demo_database`), committed so that
the live server's thread sees it, and the database is put back as it was after the last
one. The browser tests run one after another (tests/conftest.py puts them together) and
share it, so they follow one rule:

    A browser test leaves the demo as it found it. It may read anything; what it adds
    (pages, comments, users) it deletes with `delete_after`, which runs even when the test
    fails; it changes no existing row that another test reads (make a new object instead).

Within tests/e2e, `transactional_db` and `db` (and so every fixture that asks for them, such
as `django_user_model`) are that shared, committed database: the test and the live server
see each other's writes at once, and nothing is rolled back or flushed after a test.
"""

import io
import json
from pathlib import Path

import pytest

from django.core.management import call_command

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
    thread-local), which lacks the serialized contents, so `serialized_rollback` in the
    tests that run after the browser tests would silently restore nothing. Hand them over to
    the new connection object."""
    from django.db import DEFAULT_DB_ALIAS, connections

    if _serialized_test_database is not None:
        connections[DEFAULT_DB_ALIAS]._test_serialized_contents = _serialized_test_database
    return playwright


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A visitor whose browser asks for Lithuanian, the site's first language. (LocaleMiddleware
    # sends a browser that prefers English from / to /en/.)
    return {**browser_context_args, "locale": "lt-LT"}


@pytest.fixture(scope="package")
def demo_database(django_db_setup, django_db_blocker):
    """The demo site with one account per role (home/demo/accounts.py), committed, for every
    browser test; afterwards the database holds again what it held before (what the
    migrations made, as the tests that run next expect)."""
    from django.db import connection, connections

    from home.demo.accounts import create_demo_accounts
    from tests.factories import ensure_locales, ensure_root, root_collection
    from workinggroups.models import WorkingGroupPage

    with django_db_blocker.unblock():
        before = content_types_first(connection.creation.serialize_db_to_string())
        lithuanian, _ = ensure_locales()
        ensure_root(lithuanian)
        root_collection()
        call_command("load_demo", stdout=io.StringIO())
        create_demo_accounts(WorkingGroupPage.objects.get(locale=lithuanian, number=1))
    yield
    with django_db_blocker.unblock():
        call_command(
            "flush",
            interactive=False,
            reset_sequences=False,
            inhibit_post_migrate=True,
            verbosity=0,
        )
        connection.creation.deserialize_db_from_string(before)
        connections.close_all()


def demo_rows():
    """How many rows the demo has of what browser tests add: pages and their versions,
    workflows, comments, accounts, documents, images and translations."""
    from django.contrib.auth import get_user_model

    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, Revision, WorkflowState
    from wagtail_localize.models import TranslatableObject

    from feedback.models import PublicComment

    models = [
        Page,
        Revision,
        WorkflowState,
        PublicComment,
        get_user_model(),
        get_document_model(),
        get_image_model(),
        TranslatableObject,
    ]
    return {model._meta.label: model.objects.count() for model in models}


def content_types_first(serialized):
    """Django's serialized database with the content types first: a model whose constructor
    looks up its own content type (Wagtail's tasks) would otherwise create it, under a new
    id, before its row is restored."""
    objects = json.loads(serialized)
    objects.sort(key=lambda obj: obj["model"] != "contenttypes.contenttype")
    return json.dumps(objects)


@pytest.fixture
def transactional_db(demo_database, django_db_blocker):
    """The shared demo database, committed as it is written (see the module's docstring):
    pytest-django's own would empty the database after each test. The test's connections
    are closed after it, as Django's transactional tests do (else the one opened while
    Playwright's loop runs would outlive the test database)."""
    from django.db import connections

    with django_db_blocker.unblock():
        before = demo_rows()
        yield
        left = {label: (count, before[label]) for label, count in demo_rows().items()}
        changed = {label: counts for label, counts in left.items() if counts[0] != counts[1]}
        connections.close_all()
    assert not changed, (
        f"the test left the demo changed (rows now, before): {changed}; "
        "delete what it adds with delete_after (tests/e2e/conftest.py)"
    )


@pytest.fixture
def db(transactional_db):
    """The same shared demo database: pytest-django's own would flush it after each test too
    (a test that uses the live server is a transactional one)."""


@pytest.fixture
def demo_site(transactional_db, live_server):
    """The live server, serving the demo site."""
    return live_server


@pytest.fixture
def delete_after(transactional_db):
    """Register querysets of what a test adds to the demo; they are deleted after the test
    (pages with their translations and aliases), whether it passed or failed."""
    from wagtail.models import Page

    querysets = []
    yield querysets.append
    for queryset in reversed(querysets):
        if issubclass(queryset.model, Page):
            delete_pages(queryset)
        else:
            queryset.delete()


def delete_pages(pages):
    """Delete pages with their translations and aliases in every locale, and what
    wagtail-localize keeps of them."""
    from wagtail.models import Page
    from wagtail_localize.models import TranslatableObject

    keys = list(pages.values_list("translation_key", flat=True))
    for page in Page.objects.filter(translation_key__in=keys).order_by("-depth"):
        page.delete()
    TranslatableObject.objects.filter(translation_key__in=keys).delete()
