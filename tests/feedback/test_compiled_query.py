"""The comment queries compiled once and run again with other values give the rows the ORM
gives, on SQLite and on PostgreSQL, one query a run."""

import pytest

from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from cityplan.compiled_query import CompiledQuery
from feedback.models import Disposition, PublicComment
from feedback.threads import PUBLISHED_COUNTS, SHOWN_COLUMNS, SHOWN_COMMENTS
from tests.feedback.helpers import make_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def threads(article):
    first = make_comment(article, comment="Pirmas.\n\nAntra pastraipa.", is_official=True)
    reply = make_comment(article, parent=first, comment="Atsakymas.")
    Disposition.objects.create(comment=reply, outcome="accepted", reason="Dėl to.")
    second = make_comment(article, comment="Antras.", status=PublicComment.Status.HELD)
    third = make_comment(article, comment="Trečias.", user_url="https://example.lt")
    make_comment(article, parent=third, comment="Paslėptas.", status=PublicComment.Status.FLAGGED)
    return [first.thread_id, second.thread_id, third.thread_id]


def test_shown_comments_are_the_rows_of_values_list(article, threads):
    for thread_ids in (threads, threads[:1], threads[1:], [*threads, threads[0]]):
        expected = list(
            PublicComment.objects.filter(
                content_type_id=article.content_type_id,
                object_pk=str(article.pk),
                thread_id__in=thread_ids,
            )
            .order_by("thread_id", "order")
            .values_list(*SHOWN_COLUMNS)
        )
        with CaptureQueriesContext(connection) as queries:
            rows = SHOWN_COMMENTS.run(
                content_type_id=article.content_type_id,
                object_pk=str(article.pk),
                thread_ids=thread_ids,
            )
        assert rows == expected
        assert len(queries) == 1
    # Converted as values_list() converts them, whatever the database gives.
    submitted = rows[0][SHOWN_COLUMNS.index("submit_date")]
    assert submitted.tzinfo is not None
    assert {type(row[SHOWN_COLUMNS.index("is_official")]) for row in rows} == {bool}


def test_published_counts_are_the_rows_of_values_list(article, threads):
    expected = list(
        PublicComment.objects.filter(
            content_type_id=article.content_type_id,
            object_pk=str(article.pk),
            status=PublicComment.Status.PUBLISHED,
        )
        .order_by()
        .values_list("section_id", "thread_id")
        .annotate(comments=Count("pk"))
    )
    rows = PUBLISHED_COUNTS.run(content_type_id=article.content_type_id, object_pk=str(article.pk))
    assert sorted(rows) == sorted(expected)
    assert sorted(rows) == [("", threads[0], 2), ("", threads[2], 1)]


def test_a_page_without_comments_has_no_rows(article, threads):
    assert PUBLISHED_COUNTS.run(content_type_id=article.content_type_id, object_pk="0") == []


def test_only_values_found_in_the_compiled_parameters_are_accepted(article):
    # A value the queryset does not put in its filters cannot be replaced: refused at once.
    unused = CompiledQuery(
        PublicComment,
        lambda content_type_id, object_pk: PublicComment.objects.filter(
            content_type_id=content_type_id
        ).values_list("pk"),
    )
    with pytest.raises(ValueError, match="did not find every value"):
        unused.run(content_type_id=article.content_type_id, object_pk=str(article.pk))
