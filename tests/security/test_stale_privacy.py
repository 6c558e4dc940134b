"""Privacy never depends on a process's own copy of anything (security review, finding 8).

The attack: with the cache kept per process, a page made private by an editor in one
process stayed public in the others, with no time limit. Now a page's view restriction and
every listing's "public pages only" filter are read from the database on each request, and
production refuses to start without the one cache its processes share.

The other process is played here by a restriction written straight into the database, so
that no signal tells this process anything.
"""

import subprocess
import sys

import pytest

from wagtail.models import PageViewRestriction

from core import chrome
from tests.production.test_settings import ROOT, run_manage

pytestmark = pytest.mark.django_db


def restrict_behind_this_process(page):
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=page, restriction_type="password", password="slaptas")]
    )


def test_a_page_made_private_elsewhere_is_private_here_at_once(client, site_tree):
    article = site_tree.lt["article"]
    index = site_tree.lt["news_index"]
    assert client.get(article.url).status_code == 200
    assert article.title in client.get(index.url).content.decode()

    restrict_behind_this_process(article)

    response = client.get(article.url)
    assert article.intro not in response.content.decode()  # the password form instead
    assert 'name="password"' in response.content.decode()
    # Listings no longer show it either, once the other process's signal has moved the
    # shared chrome generation (in production, Redis) that keys their cached fragments.
    chrome.bump()
    assert article.title not in client.get(index.url).content.decode()
    assert article.title not in client.get(f"{index.url}rss/").content.decode()


def test_production_refuses_to_start_with_a_cache_of_its_own_per_process():
    result = run_manage("check", REDIS_URL="")
    assert result.returncode != 0
    assert "REDIS_URL must be set in production" in result.stderr


def test_the_wsgi_entry_point_also_refuses_without_a_shared_cache():
    code = "import cityplan.wsgi"
    environment = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SECRET_KEY": "k3Q9x-production-like-secret-for-the-check-0a8f7d6c5b4e3f2a1",
        "DATABASE_URL": "sqlite:///:memory:",
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "REDIS_URL must be set in production" in result.stderr
