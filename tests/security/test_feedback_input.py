"""Out-of-range and malformed numbers in the comment URLs: an attacker probing with ids that
do not fit the database's integer columns gets a 404 or 400 (or the value is ignored), never
a server error."""

import pytest

from django.core import mail
from django.urls import reverse

from feedback.models import PublicComment
from tests.feedback.helpers import comment_data, make_comment

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999999"  # beyond PostgreSQL's bigint
BIG = "9223372036854775808"  # one past bigint's largest value
LONG = "9" * 5000  # more digits than Python's int() converts
# Superscript and Arabic-Indic digits pass str.isdigit(); int() refuses the first.
NUMBERS = [HUGE, BIG, LONG, "-1", "²", "١٢"]


@pytest.fixture
def article(site_tree):
    page = site_tree.lt["article"]
    page.save_revision().publish()
    page.refresh_from_db()
    make_comment(page, comment="Esamas komentaras.")
    return page


@pytest.mark.parametrize("number", NUMBERS)
def test_a_permalinked_comment_id_out_of_range_is_ignored(client, article, number):
    response = client.get(article.url, {"comment": number})
    assert response.status_code == 200
    assert "Esamas komentaras." in response.content.decode()


@pytest.mark.parametrize("number", [HUGE, BIG, LONG])
def test_a_comment_address_out_of_range_is_not_found(client, article, number):
    assert client.get(f"/lt/comments/c/{number}/").status_code == 404
    assert client.get(f"/lt/comments/c/{number}/flag/").status_code == 404
    assert client.post(f"/lt/comments/c/{number}/flag/", {"reason": "spam"}).status_code == 404


@pytest.mark.parametrize("number", NUMBERS)
def test_replying_to_an_id_out_of_range_is_refused(client, article, number):
    response = client.get(f"/lt/comments/form/{article.pk}/", {"reply_to": number})
    assert response.status_code == 404


@pytest.mark.parametrize("number", NUMBERS)
def test_posting_a_reply_to_an_id_out_of_range_is_refused(client, article, number):
    response = client.post("/lt/comments/post/", comment_data(article, reply_to=number))
    assert response.status_code == 400
    assert not mail.outbox
    assert PublicComment.objects.count() == 1


@pytest.mark.parametrize("number", NUMBERS)
def test_posting_to_a_page_id_out_of_range_is_refused(client, article, number):
    response = client.post("/lt/comments/post/", comment_data(article, object_pk=number))
    assert response.status_code == 400
    assert not mail.outbox


@pytest.mark.parametrize("number", [HUGE, BIG, LONG])
def test_form_and_threads_of_a_page_id_out_of_range_are_not_found(client, article, number):
    assert client.get(f"/lt/comments/form/{number}/").status_code == 404
    assert client.get(f"/lt/comments/threads/{number}/").status_code == 404
    assert client.get(f"/lt/comments/you-said-we-did/{number}.csv").status_code == 404


@pytest.mark.parametrize("number", [*NUMBERS, "1e999", "nan"])
def test_an_offset_out_of_range_is_ignored(client, article, number):
    response = client.get(f"/lt/comments/threads/{article.pk}/", {"offset": number})
    assert response.status_code == 200


@pytest.mark.parametrize("number", NUMBERS)
def test_the_sent_page_ignores_a_page_out_of_range(client, article, number):
    response = client.get("/lt/comments/sent/", {"page": number})
    assert response.status_code in (200, 404)


@pytest.mark.parametrize("number", NUMBERS)
def test_the_moderation_queue_ignores_a_page_filter_out_of_range(admin_client, article, number):
    for status in ("held", "flagged", "published", "removed"):
        response = admin_client.get(
            reverse("feedback_admin:queue"), {"page_id": number, "status": status, "p": number}
        )
        assert response.status_code == 200


@pytest.mark.parametrize("number", [HUGE, BIG, LONG])
def test_admin_comment_addresses_out_of_range_are_not_found(admin_client, article, number):
    # Django's LocaleMiddleware sends a 404 of /admin/ on to /lt/admin/, where it is a 404.
    thread = reverse("feedback_admin:queue") + f"{number}/"
    assert admin_client.get(thread, follow=True).status_code == 404
    assert admin_client.post(f"{thread}approve/", follow=True).status_code == 404
    response = admin_client.post(f"{thread}answer/", {"text": "Ačiū."}, follow=True)
    assert response.status_code == 404
