"""A replayed build (tests/recorded.py) leaves the database as the real build left it."""

import pytest

from django.db import connection, transaction

from wagtail.models import Site

from tests import recorded
from tests.factories import CityDocumentFactory, make_site

pytestmark = pytest.mark.django_db


def every_row():
    """Each table's rows, in order."""
    rows = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} ORDER BY 1")  # noqa: S608
            rows[table] = cursor.fetchall()
    return rows


def build():
    return recorded.recorded(lambda: make_site(True), "test_recorded")


@pytest.fixture(autouse=True)
def no_recordings(monkeypatch):
    """None of the worker's recordings: this module's first build is real."""
    assert connection.vendor == "postgresql", "recorded builds replay on PostgreSQL only"
    monkeypatch.setattr(recorded, "_recordings", {})


def test_a_replayed_build_writes_the_rows_of_the_real_one_and_reads_them_back():
    savepoint = transaction.savepoint()
    real = build()
    rows_after_real = every_row()
    transaction.savepoint_rollback(savepoint)

    assert len(recorded._recordings) == 1
    replayed = build()
    assert every_row() == rows_after_real
    assert {key: (type(page), page.pk) for key, page in replayed.lt.items()} == {
        key: (type(page), page.pk) for key, page in real.lt.items()
    }
    assert replayed.en["article"].title == "Working groups formed"
    assert replayed.order.file.read(5) == b"%PDF-"
    replayed.order.file.close()
    # The ids handed out after it follow every id there is.
    assert CityDocumentFactory().pk > max(real.order.pk, real.minutes.pk, real.draft_file.pk)


def test_a_build_on_another_database_state_is_real():
    savepoint = transaction.savepoint()
    build()
    transaction.savepoint_rollback(savepoint)
    CityDocumentFactory(title="Made first")
    site = build()
    assert len(recorded._recordings) == 2
    assert site.lt["home"].get_children().count() == 4


def test_a_replay_that_does_not_fit_the_database_gives_way_to_a_real_build():
    savepoint = transaction.savepoint()
    build()
    transaction.savepoint_rollback(savepoint)
    # A recorded row that points at a row not there (as when the database holds the same
    # number of rows, but other ones): only PostgreSQL's deferred foreign-key check sees it.
    (recording,) = recorded._recordings.values()
    recording.statements.append(
        ("UPDATE wagtailcore_site SET root_page_id = %s", [2**31 - 1], False)
    )
    built = build()
    assert Site.objects.get(is_default_site=True).root_page_id == built.lt["home"].pk
