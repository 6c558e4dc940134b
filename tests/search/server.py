"""Tests against the real search server (OpenSearch from scripts/opensearch, or the
Elasticsearch that ELASTICSEARCH_URL names).

The test run's default search backend is the database one (cityplan/settings/test.py);
`SearchServerTestCase` switches its class to the server, in indices of its own
(INDEX_PREFIX `test_cityplan_`), emptied before the class builds its data. A missing or
unreachable server fails these tests: it never skips them.
"""

import io
import json
import urllib.request

import pytest

from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from wagtail.search.backends import get_search_backend
from wagtail.test.utils import WagtailPageTestCase


def server_backend_settings():
    """The WAGTAILSEARCH_BACKENDS entry of the test server; fails when there is none."""
    backend = getattr(settings, "SEARCH_SERVER_BACKEND", None)
    if not backend:
        raise AssertionError(
            "No search server for the search tests: set OPENSEARCH_URL (or ELASTICSEARCH_URL), "
            "or run them with `make test` / `make pytest`, which start scripts/opensearch."
        )
    url = backend["URLS"][0].rstrip("/")
    try:
        with urllib.request.urlopen(f"{url}/_cluster/health", timeout=10) as response:  # noqa: S310
            status = json.load(response)["status"]
    except OSError as error:
        raise AssertionError(f"The search server at {url} cannot be reached: {error}") from error
    if status not in ("green", "yellow"):
        raise AssertionError(f"The search server at {url} is {status}")
    return backend


def delete_test_indices(backend):
    """Remove every index of the test prefix (named, not by wildcard: clusters may refuse)."""
    pattern = f"{backend.index_prefix}*"
    for name in list(backend.es.indices.get(index=pattern).keys()):
        backend.es.indices.delete(index=name)


def rebuild_index():
    """`update_index` into fresh indices (mappings and analyzers included), quietly."""
    call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())


def refresh_indices():
    backend = get_search_backend()
    backend.es.indices.refresh(index=f"{backend.index_prefix}*")


@pytest.mark.slow  # each class builds its indices on the server
class SearchServerTestCase(WagtailPageTestCase):
    """A test class whose default search backend is the search server.

    `build_content()` makes the class's data with indexing switched off; the index is then
    rebuilt once, in bulk, as `update_index` does in production.
    """

    @classmethod
    def setUpClass(cls):
        cls.search_backend_settings = server_backend_settings()
        cls._search_override = override_settings(
            WAGTAILSEARCH_BACKENDS={"default": cls.search_backend_settings}
        )
        cls._search_override.enable()
        cls.addClassCleanup(cls._search_override.disable)
        delete_test_indices(get_search_backend())
        super().setUpClass()

    @classmethod
    def setUpTestData(cls):
        quiet = {**cls.search_backend_settings, "AUTO_UPDATE": False}
        with override_settings(WAGTAILSEARCH_BACKENDS={"default": quiet}):
            cls.build_content()
        rebuild_index()

    @classmethod
    def build_content(cls):
        """Override: create the pages and documents of the class."""
