"""Spam and abuse defence: CSRF, the honeypot and signed timestamp of
django-contrib-comments, the rate limit per client address, and cache-safe pages."""

import pytest

from django.core import mail
from django.test import Client, override_settings

from feedback.models import PublicComment
from tests.feedback.helpers import (
    comment_data,
    confirmation_links,
    expired_timestamp,
    make_comment,
    path_of,
    post_comment,
)

pytestmark = pytest.mark.django_db


def test_a_post_without_the_csrf_token_is_refused_with_403(article):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/lt/comments/post/", comment_data(article))
    assert response.status_code == 403
    assert "<h1>" in response.content.decode()  # a readable page, not Django's debug one
    assert len(mail.outbox) == 0
    # The same post with the token that the form endpoint gives is accepted.
    form = browser.get(f"/lt/comments/form/{article.pk}/")
    token = form.cookies["csrftoken"].value
    response = browser.post(
        "/lt/comments/post/", {**comment_data(article), "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1


def test_a_flag_without_the_csrf_token_is_refused_with_403(article):
    comment = make_comment(article)
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(f"/lt/comments/c/{comment.pk}/flag/", {"reason": "spam"})
    assert response.status_code == 403
    assert comment.reader_flags.count() == 0


def test_a_filled_honeypot_is_refused(client, article):
    response = post_comment(client, article, honeypot="http://spam.example")
    assert response.status_code == 400
    assert len(mail.outbox) == 0
    assert PublicComment.objects.count() == 0


def test_a_tampered_security_hash_is_refused(client, article):
    data = comment_data(article, comment="Mano tekstas.")
    data["security_hash"] = "0" * 40
    response = client.post("/lt/comments/post/", data)
    assert response.status_code == 400
    assert len(mail.outbox) == 0
    # The reader's text is kept for a second try, with a fresh hash.
    html = response.content.decode()
    assert "Mano tekstas." in html
    assert 'value="' + "0" * 40 + '"' not in html


def test_a_tampered_target_is_refused(client, article, site_tree):
    # The hash signs the content type and object: moving the comment to another page fails.
    data = comment_data(article)
    data["object_pk"] = str(site_tree.lt["group"].pk)
    data["content_type"] = "workinggroups.workinggrouppage"
    response = client.post("/lt/comments/post/", data)
    assert response.status_code == 400
    assert len(mail.outbox) == 0


def test_an_expired_timestamp_is_refused_and_the_text_kept(client, article):
    response = post_comment(client, article, comment="Rašiau ilgai.", timestamp=expired_timestamp())
    assert response.status_code == 400
    html = response.content.decode()
    assert "Rašiau ilgai." in html
    assert 'role="alert"' in html
    assert len(mail.outbox) == 0
    assert PublicComment.objects.count() == 0


def test_the_sixth_comment_in_a_minute_gets_429_and_nothing_past_the_limit_is_stored(
    client, article
):
    for number in range(5):
        response = post_comment(client, article, comment=f"Komentaras {number}.")
        assert response.status_code == 302
    response = post_comment(client, article, comment="Šeštas komentaras.")
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    html = response.content.decode()
    assert "<h1>" in html  # a readable page, in the site's layout
    # Five confirmation e-mails, none for the sixth; only five can ever be stored.
    assert len(mail.outbox) == 5
    for link in confirmation_links():
        client.get(path_of(link))
    assert PublicComment.objects.count() == 5
    assert not PublicComment.objects.filter(comment="Šeštas komentaras.").exists()


def test_the_limit_is_per_client_address(article):
    one, other = Client(REMOTE_ADDR="10.0.0.1"), Client(REMOTE_ADDR="10.0.0.2")
    for number in range(5):
        assert post_comment(one, article, comment=f"Komentaras {number}.").status_code == 302
    assert post_comment(one, article, comment="Dar vienas.").status_code == 429
    assert post_comment(other, article, comment="Kitas žmogus.").status_code == 302


@override_settings(FEEDBACK_PROXY_COUNT=1, TRUSTED_PROXIES=["10.0.0.100"])
def test_behind_a_trusted_proxy_the_forwarded_address_counts(article):
    proxy = Client(REMOTE_ADDR="10.0.0.100")
    first = {"HTTP_X_FORWARDED_FOR": "192.0.2.9, 1.2.3.4"}  # a spoofed entry, then the real one
    second = {"HTTP_X_FORWARDED_FOR": "5.6.7.8"}
    for number in range(5):
        assert (
            post_comment(proxy, article, comment=f"K {number}.", headers=first).status_code == 302
        )
    assert post_comment(proxy, article, comment="K 6.", headers=first).status_code == 429
    assert post_comment(proxy, article, comment="K 7.", headers=second).status_code == 302


@override_settings(FEEDBACK_RATE_LIMIT="2/h")
def test_the_limit_is_a_setting(client, article):
    assert post_comment(client, article, comment="Vienas.").status_code == 302
    assert post_comment(client, article, comment="Du.").status_code == 302
    assert post_comment(client, article, comment="Trys.").status_code == 429


# --- Caching -----------------------------------------------------------------------------


def test_pages_carry_no_form_token_so_they_can_be_cached(client, article, draft):
    make_comment(article)
    for page in (article, draft):
        response = client.get(page.url)
        html = response.content.decode()
        assert "csrfmiddlewaretoken" not in html
        assert 'name="timestamp"' not in html and 'name="security_hash"' not in html
        assert "csrftoken" not in response.cookies
        assert f"/lt/comments/form/{page.pk}/" in html  # the form comes from there


def test_the_form_endpoint_is_never_cached(client, article):
    response = client.get(f"/lt/comments/form/{article.pk}/", HTTP_X_REQUESTED_WITH="fetch")
    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    for directive in ("no-cache", "no-store", "private"):
        assert directive in cache_control
    assert "X-Requested-With" in response["Vary"]
    html = response.content.decode()
    assert "csrfmiddlewaretoken" in html and 'name="security_hash"' in html
    # Each request signs its own timestamp.
    assert "<html" not in html  # a fragment for the page's script


def test_without_javascript_the_form_is_a_page_of_its_own(client, article):
    response = client.get(f"/lt/comments/form/{article.pk}/")
    html = response.content.decode()
    assert "<html" in html and "csrfmiddlewaretoken" in html
    assert article.title in html


def test_the_form_is_only_served_for_commentable_live_pages(client, site_tree, article):
    assert client.get(f"/lt/comments/form/{site_tree.lt['standard'].pk}/").status_code == 404
    article.unpublish()
    assert client.get(f"/lt/comments/form/{article.pk}/").status_code == 404


def test_the_xtd_rest_api_is_not_exposed(client):
    # django-comments-xtd's API would post comments past the rate limit and the rules.
    assert client.post("/lt/comments/api/comment/", {}).status_code == 404
    assert client.get("/comments/api/comment/", follow=True).status_code == 404


def test_production_counts_the_address_the_proxy_forwards():
    """Behind the proxy of docs/nginx.conf.example REMOTE_ADDR is the proxy's: without this,
    every reader would share one rate limit."""
    from tests.production.test_settings import run_manage

    code = "from django.conf import settings; print(settings.FEEDBACK_PROXY_COUNT)"
    assert run_manage("shell", "--no-imports", "-c", code).stdout.strip() == "1"
    result = run_manage("shell", "--no-imports", "-c", code, FEEDBACK_PROXY_COUNT="2")
    assert result.stdout.strip() == "2"
