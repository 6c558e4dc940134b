"""When the search server goes away: pages still save and publish within the timeout, the
search page answers 503 with a message, and after a restart `update_index` brings the index
back to the database's count.

The site reaches the suite's search node through a gate of these tests (tests/search/gate.py)
that they close and open again: the site's client is refused as by a stopped node, and the
node itself, shared by the suite, keeps running (tests/reliability/test_search_outage.py
stops a node of its own by its PID).
"""

import io
import socket
import threading
from unittest import mock

import pytest
from opensearchpy import Urllib3HttpConnection

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

from wagtail.search.backends import get_search_backend
from wagtail.test.utils import WagtailPageTestCase

from news.models import NewsArticlePage
from search import outage
from search.models import PendingIndexUpdate
from tests.factories import NewsArticlePageFactory, build_site
from tests.search.gate import SearchGate
from tests.search.server import delete_test_indices, server_backend_settings

TIMEOUT_SECONDS = 2
UNAVAILABLE = "Search is temporarily unavailable. Please try again in a few minutes."


def fallback_backend(gate):
    """The suite's search server, reached through ``gate``, in indices of these tests."""
    server = server_backend_settings()  # the search tests need a server: fail early without one
    return {
        "BACKEND": server["BACKEND"],
        "URLS": [gate.url],
        "INDEX_PREFIX": f"{server['INDEX_PREFIX']}fallback_",
        # Generous for the tests' own requests on a busy machine; the tests that measure
        # the site's 2 s timeout set it themselves (a closed gate refuses at once anyway).
        "TIMEOUT": 30,
        "OPTIONS": {"max_retries": 1, "retry_on_timeout": False},
        "INDEX_SETTINGS": {"settings": {"index": {"number_of_shards": 1, "number_of_replicas": 0}}},
    }


def health():
    """(exit code, output) of `manage.py search_health`."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("search_health", stdout=out, stderr=err)
    except SystemExit as exit_:
        return exit_.code, out.getvalue() + err.getvalue()
    return 0, out.getvalue() + err.getvalue()


class ServerRequests:
    """Counts the HTTP requests the search client sends (every try: a retry counts again)."""

    def __enter__(self):
        self.count = 0
        original = Urllib3HttpConnection.perform_request

        def perform_request(connection, *args, **kwargs):
            self.count += 1
            return original(connection, *args, **kwargs)

        self._patch = mock.patch.object(Urllib3HttpConnection, "perform_request", perform_request)
        self._patch.start()
        return self

    def __exit__(self, *exc):
        self._patch.stop()


def publish_article(parent, title):
    """Create and publish a news article; returns (page, requests sent to the search
    server meanwhile)."""
    with ServerRequests() as requests:
        article = NewsArticlePageFactory(parent=parent, title=title, live=False)
        article.save_revision().publish()
    article.refresh_from_db()
    return article, requests.count


@pytest.mark.slow  # builds indices on the search server
class SearchServerDownTests(WagtailPageTestCase):
    @classmethod
    def setUpClass(cls):
        cls.gate = SearchGate(server_backend_settings()["URLS"][0]).open()
        cls.addClassCleanup(cls.gate.close)
        cls.backend_settings = fallback_backend(cls.gate)
        cls._override = override_settings(WAGTAILSEARCH_BACKENDS={"default": cls.backend_settings})
        cls._override.enable()
        cls.addClassCleanup(cls._override.disable)
        delete_test_indices(get_search_backend())
        cls.addClassCleanup(lambda: delete_test_indices(get_search_backend()))
        super().setUpClass()

    @classmethod
    def setUpTestData(cls):
        cls.site_data = build_site()

    def setUp(self):
        # The node keeps its data across the tests' outages, and the database rolls back:
        # start each test from an index of this test's database.
        call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())
        # The rebuild wrote everything: nothing waits for a retry, the server is up.
        PendingIndexUpdate.objects.all().delete()
        outage.mark_up(get_search_backend())

    def tearDown(self):
        # A test that failed half-way must not leave the gate closed for the next one.
        if not self.gate.is_open:
            self.gate.open()

    def test_publish_search_and_reindex_across_an_outage(self):
        code, output = health()
        self.assertEqual(code, 0, output)

        self.gate.close()
        with self.assertLogs("modelsearch.index", "ERROR"):
            article, requests = publish_article(
                self.site_data.lt["news_index"], "Naujiena paskelbta be paieškos serverio"
            )
        self.assertTrue(article.live)
        # One write was tried (and its one retry of the refused connection); the publish's
        # other writes were not, so it waited for the server at most once.
        self.assertIn(requests, (1, 2))

        with self.assertLogs("search.views", "ERROR"):
            response = self.client.get("/lt/search/", {"q": "naujiena"})
        self.assertEqual(response.status_code, 503)
        with translation.override("lt"):
            self.assertContains(response, translation.gettext(UNAVAILABLE), status_code=503)
        with self.assertLogs("search.views", "ERROR"):
            suggestions = self.client.get("/en/search/suggest/", {"q": "nauj"})
        self.assertEqual(suggestions.status_code, 503)
        self.assertEqual(suggestions.json()["suggestions"], [])
        code, output = health()
        self.assertEqual(code, 2, output)

        self.gate.open()
        code, output = health()
        self.assertEqual(code, 1, output)  # the article published meanwhile is missing
        self.assertIn("news.NewsArticlePage", output)

        call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())
        code, output = health()
        total = output.splitlines()[-2] if "wait for" in output else output.splitlines()[-1]
        database_count, index_count = total.split()[1:3]
        self.assertEqual(database_count, index_count, output)
        response = self.client.get("/lt/search/", {"q": "paskelbta be paieškos serverio"})
        self.assertContains(response, article.url)

        # The queued retry: the changes made during the outage are written again.
        self.assertTrue(
            PendingIndexUpdate.objects.filter(
                content_type=ContentType.objects.get_for_model(NewsArticlePage),
                object_id=str(article.pk),
            ).exists()
        )
        out = io.StringIO()
        call_command("search_retry", stdout=out)
        self.assertIn("0 still pending", out.getvalue())
        self.assertFalse(PendingIndexUpdate.objects.exists())
        code, output = health()
        self.assertEqual(code, 0, output)

    def test_writes_skipped_after_a_failure_are_queued_and_retried(self):
        # Once a write failed, the next ones within SEARCH_SERVER_RETRY_AFTER are not even
        # tried (a publish saves several times): they wait in the queue for search_retry.
        backend = get_search_backend()
        outage.mark_down(backend)
        with self.assertLogs("modelsearch.index", "ERROR") as logs:
            article, requests = publish_article(
                self.site_data.lt["news_index"], "Naujiena apie vandenvietę"
            )
        self.assertTrue(any("SearchServerDown" in line for line in logs.output))
        self.assertEqual(requests, 0)  # nothing waited for the server
        code, output = health()
        self.assertEqual(code, 1, output)
        self.assertIn("search_retry", output)
        call_command("search_retry", stdout=io.StringIO())
        code, output = health()
        self.assertEqual(code, 0, output)
        response = self.client.get("/lt/search/", {"q": "vandenvietę"})
        self.assertContains(response, article.url)

    def test_publish_is_not_held_up_by_a_server_that_does_not_answer(self):
        # A server that accepts connections and never answers (a hung node, a dropped
        # network): each request gives up after the timeout.
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        accepted = []

        def accept():
            while True:
                try:
                    accepted.append(listener.accept()[0])
                except OSError:
                    return

        threading.Thread(target=accept, daemon=True).start()
        hung = {
            **self.backend_settings,
            "URLS": [f"http://127.0.0.1:{listener.getsockname()[1]}"],
            "TIMEOUT": TIMEOUT_SECONDS,
        }
        try:
            with (
                override_settings(WAGTAILSEARCH_BACKENDS={"default": hung}),
                self.assertLogs("modelsearch.index", "ERROR"),
            ):
                article, requests = publish_article(
                    self.site_data.lt["news_index"], "Naujiena, kai serveris neatsako"
                )
        finally:
            listener.close()
            for connection in accepted:
                connection.close()
        self.assertTrue(article.live)
        # One request waited for the timeout, not retried; the publish's other writes were
        # not tried.
        self.assertEqual(requests, 1)
        self.assertEqual(len(accepted), 1)
