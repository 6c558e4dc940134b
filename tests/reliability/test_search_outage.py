"""The search node stopped while editors publish: every page publishes and can be read,
the search page answers 503 with a message, and after the node restarts `search_retry`
(the documented catch-up, README "Search") makes the index complete: each page published
or renamed meanwhile is found by its title, a renamed one no longer by its old title.

Real parts: an OpenSearch node of this test (scripts/opensearch on a free port, never the
suite's node), stopped by its PID while pages are being published, and started again.
tests/search/test_fallback.py covers the same outage step by step (the timeout, the
"marked down" queue, `update_index`); this is the whole of it as a visitor and an editor
meet it.
"""

import io
import re
import threading
import uuid

import pytest

from django.core.management import call_command
from django.utils import translation

from search.models import PendingIndexUpdate
from tests.factories import NewsArticlePageFactory
from tests.reliability.servers import PrivateOpenSearch, wait_until

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

UNAVAILABLE = "Search is temporarily unavailable. Please try again in a few minutes."
# One word of its own per page, so that a search finds that page by its title.
WORDS = [
    "Ąžuolyno",
    "Vidzgirio",
    "Dainavos",
    "Putinų",
    "Likiškėlių",
    "Nemunaičio",
    "Daugų",
    "Radžiūnų",
    "Miklusėnų",
    "Pivašiūnų",
    "Simno",
    "Krokialaukio",
]


@pytest.fixture
def search_node(settings):
    """A private node, and the site's search backend on it, in indices of this test."""
    node = PrivateOpenSearch()
    try:
        node.start()
        settings.WAGTAILSEARCH_BACKENDS = {
            "default": {
                "BACKEND": "search.backends.opensearch2",
                "URLS": [node.url],
                "INDEX_PREFIX": f"test_reliability_{uuid.uuid4().hex[:8]}_",
                "TIMEOUT": 10,
                "OPTIONS": {"max_retries": 1, "retry_on_timeout": False},
                "INDEX_SETTINGS": {
                    "settings": {"index": {"number_of_shards": 1, "number_of_replicas": 0}}
                },
            }
        }
        yield node
    finally:
        node.remove()  # the node's data go with it (the indices included)


def found_links(client, query):
    response = client.get("/lt/search/", {"q": query})
    assert response.status_code == 200, response.content.decode()[:2000]
    results = re.search(
        r'<ol class="search-results"[^>]*>.*?</ol>', response.content.decode(), re.S
    )
    return re.findall(r'<h2><a href="([^"]+)">', results.group(0)) if results else []


def publish(parent, title):
    article = NewsArticlePageFactory(parent=parent, title=title, live=False)
    article.save_revision().publish()
    article.refresh_from_db()
    return article


def quietly(command):
    out = io.StringIO()
    try:
        call_command(command, stdout=out, stderr=out)
    except SystemExit as exit_:
        return exit_.code, out.getvalue()
    return 0, out.getvalue()


def test_pages_publish_while_the_search_node_is_stopped_and_are_found_after(
    client, site_tree, search_node
):
    news_index = site_tree.lt["news_index"]
    renamed = publish(news_index, "Skulptūrų parkas prie Alytaus pilies")
    quietly("update_index")  # the node's indices, with their analyzers, from the database
    assert renamed.url in found_links(client, "Skulptūrų")

    # The node stops while the editors keep publishing: before, during and after its
    # shutdown, each publish must go through.
    stopping = threading.Thread(target=search_node.stop)
    published = []
    stopping.start()
    while stopping.is_alive() and len(published) < len(WORDS) - 3:
        published.append(publish(news_index, f"Naujiena apie {WORDS[len(published)]} seniūniją"))
    stopping.join(timeout=120)
    assert not stopping.is_alive()
    for _ in range(3):
        published.append(publish(news_index, f"Naujiena apie {WORDS[len(published)]} seniūniją"))
    revision = renamed.get_latest_revision_as_object()
    revision.title = "Vaikų žaidimų aikštelė prie Alytaus pilies"
    revision.save_revision().publish()
    renamed.refresh_from_db()

    # Readers get every page, and a search page that says search is unavailable.
    for page in [*published, renamed]:
        assert page.live
        assert client.get(page.url).status_code == 200
    response = client.get("/lt/search/", {"q": "seniūniją"})
    assert response.status_code == 503
    with translation.override("lt"):
        assert translation.gettext(UNAVAILABLE) in response.content.decode()
    assert PendingIndexUpdate.objects.exists()  # the changes wait for the catch-up

    search_node.start()
    code, output = quietly("search_retry")
    assert code == 0, output
    code, output = quietly("search_health")
    assert code == 0, output

    # (The node shows new writes within its refresh interval, a second: a bounded wait.)
    for number, page in enumerate([*published, renamed]):
        query = WORDS[number] if page is not renamed else "žaidimų aikštelė"
        wait_until(
            lambda page=page, query=query: page.url in found_links(client, query),
            30,
            f"{page.title!r} is not found by {query!r} after search_retry",
        )
    assert renamed.url not in found_links(client, "Skulptūrų")
