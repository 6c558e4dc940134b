"""Confirmation e-mails as a relay: anyone can type any address into the comment form, and
the site then e-mails that address, from the municipality, quoting what was typed. The
e-mail now quotes a short excerpt of the comment with its links replaced, greets a name
without links, and the posting rate limit still caps how many are sent."""

import re

import pytest

from django.core import mail
from django.test import override_settings

from feedback.models import PublicComment
from home.models import SiteSettings
from tests.feedback.helpers import confirmation_links, path_of, post_comment
from tests.security.comments import known_commenter, lt, published

pytestmark = pytest.mark.django_db

PHISHING = (
    "Gerbiamas gyventojau, jūsų savivaldybės paskyra užblokuota dėl įtartinos veiklos. "
    "Atblokuokite ją per 24 valandas čia: https://alytus-savivaldybe.evil.example/login "
    "arba www.evil-alytus.lt, arba rašykite pagalba@evil-alytus.lt, arba 185.12.4.9/x. "
    "Kitaip jūsų duomenys bus ištrinti, o deklaracija atmesta. Ačiū, Savivaldybė."
)
LINKS = ("evil", "https://", "www.", "185.12.4.9", "@evil")


@pytest.fixture
def article(site_tree):
    return published(site_tree.lt["article"])


def quoted(body):
    """The part of the plain-text e-mail between its two rules: what it quotes."""
    return re.search(r"-{16}\n(.*?)\n-{16}", body, flags=re.S).group(1)


def test_a_stranger_gets_a_short_excerpt_without_links(client, article):
    response = post_comment(
        client, article, email="auka@example.lt", name="Savivaldybė", comment=PHISHING
    )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["auka@example.lt"]
    excerpt = quoted(message.body)
    assert len(excerpt) <= 160
    assert excerpt.endswith("…")
    assert PHISHING.startswith(excerpt[:-1].split(" [")[0])
    assert "Kitaip jūsų duomenys" not in message.body
    html = message.alternatives[0][0]
    for text in (message.body, html):
        assert not [link for link in LINKS if link in text.lower()]
    # The only addresses the e-mail links to are the site's own, and the municipality's
    # address for questions (the site settings').
    hrefs = re.findall(r'href="([^"]*)"', html)
    own = ("http://testserver/lt/", f"mailto:{SiteSettings.objects.get().email}")
    assert hrefs and all(href.startswith(own) for href in hrefs)
    assert lt("[link]") in excerpt or "[link]" in excerpt


def test_links_in_the_name_are_not_relayed(client, article):
    post_comment(client, article, email="auka@example.lt", name="Žr. www.evil-alytus.lt")
    (message,) = mail.outbox
    html = message.alternatives[0][0]
    for text in (message.body, html):
        assert "evil" not in text


def test_the_excerpt_is_cut_at_a_word(client, article):
    words = "žodis " * 60
    post_comment(client, article, comment=words.strip())
    excerpt = quoted(mail.outbox[0].body)
    assert len(excerpt) <= 160
    assert excerpt.endswith("žodis…")


def test_a_short_comment_is_quoted_whole_and_stored_whole(client, article):
    known_commenter(article)
    post_comment(client, article, comment="Trumpa mintis.")
    assert quoted(mail.outbox[0].body) == "Trumpa mintis."

    mail.outbox.clear()
    post_comment(client, article, comment=PHISHING)
    client.get(path_of(confirmation_links()[0]))
    assert PublicComment.objects.get(comment=PHISHING).status == PublicComment.Status.HELD


@override_settings(FEEDBACK_RATE_LIMIT="3/m")
def test_the_rate_limit_caps_the_e_mails_sent(client, article):
    statuses = [
        post_comment(client, article, email=f"auka{n}@example.lt", comment=f"Nr. {n}.").status_code
        for n in range(5)
    ]
    assert statuses == [302, 302, 302, 429, 429]
    assert len(mail.outbox) == 3
