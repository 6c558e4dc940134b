"""The page a visitor sees while the database is unavailable (cityplan/outage.py): 503 with
a readable page in their language, never a 500 or a traceback. Fast: the database "fails"
through a patched connection; tests/reliability/test_database_restart.py stops a real one.
"""

from unittest import mock

import pytest

from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.utils import translation

UNAVAILABLE = "The site is temporarily unavailable"


def database_down():
    """Every new query fails as it does when PostgreSQL refuses connections."""
    return mock.patch.object(
        BaseDatabaseWrapper,
        "ensure_connection",
        side_effect=OperationalError('connection to server at "127.0.0.1" failed'),
    )


def assert_outage_page(response, language):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    with translation.override(language):
        assert f"<h1>{translation.gettext(UNAVAILABLE)}</h1>" in html
    assert f'<html lang="{language}">' in html
    assert "/static/css/cityplan.css" in html
    assert "Traceback" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["lt", "en"])
def test_a_page_needing_the_database_answers_503_in_the_visitors_language(
    client, site_tree, language, caplog
):
    url = site_tree.lt["article"].url if language == "lt" else site_tree.en["article"].url
    assert client.get(url).status_code == 200
    with database_down():
        response = client.get(url)
    assert_outage_page(response, language)
    with translation.override("lt"):
        assert "Svetainė laikinai nepasiekiama" in translation.gettext(UNAVAILABLE)
    assert any(r.name == "core.outage" and r.levelname == "ERROR" for r in caplog.records)
    # The database is back: the same page again, nothing to restart.
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_a_middleware_that_fails_on_the_database_also_gives_the_outage_page(site_tree):
    # Django turns an error in a middleware into a 500 inside that middleware; the outage
    # middleware replaces it. (The test client would re-raise the error: told not to.)
    client = Client(raise_request_exception=False)
    with mock.patch(
        "wagtail.contrib.redirects.middleware.RedirectMiddleware.__call__",
        side_effect=OperationalError("server closed the connection unexpectedly"),
    ):
        response = client.get("/en/")
    assert_outage_page(response, "en")


@pytest.mark.django_db
def test_other_errors_stay_server_errors(site_tree):
    client = Client(raise_request_exception=False)
    with mock.patch(
        "wagtail.contrib.redirects.middleware.RedirectMiddleware.__call__",
        side_effect=ValueError("a bug, not an outage"),
    ):
        response = client.get("/lt/")
    assert response.status_code == 500
    assert "Retry-After" not in response
