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
def browser_context_args(browser_context_args):
    # A visitor whose browser asks for Lithuanian, the site's first language. (LocaleMiddleware
    # sends a browser that prefers English from / to /en/.)
    return {**browser_context_args, "locale": "lt-LT"}


@pytest.fixture
def demo_site(transactional_db, live_server):
    """The demo content, committed so that the live server's thread sees it.

    A transactional test may start on a flushed database (an earlier one emptied it), so
    the locales, the tree's root and the root collection that Wagtail's migrations create
    are made first if they are missing.
    """
    lithuanian, _ = ensure_locales()
    ensure_root(lithuanian)
    root_collection()
    call_command("load_demo", stdout=io.StringIO())
    return live_server
