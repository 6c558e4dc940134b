"""On PostgreSQL the queries a page asks again are prepared (DATABASE_PREPARED_STATEMENTS):
the server no longer parses and plans them for every reader."""

import pytest

from django.db import connection


@pytest.mark.django_db
def test_an_article_read_again_is_answered_by_prepared_statements(client, site_tree):
    assert connection.vendor == "postgresql", "the tests run on PostgreSQL (make test)"
    url = site_tree.lt["article"].url
    for _ in range(3):
        assert client.get(url).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [statement for (statement,) in cursor.fetchall()]
    assert any("news_newsarticlepage" in statement for statement in prepared), prepared
    # Wagtail's own (the page's view restrictions) too: every query asked again is.
    assert any("wagtailcore_pageviewrestriction" in statement for statement in prepared)
