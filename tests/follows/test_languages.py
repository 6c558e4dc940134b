"""The follow form and its e-mail in the reader's language: preset from the page, and the
same thing followed from its English and Lithuanian pages is one subscription."""

import pytest

from django.core import mail
from django.test import Client

from wagtail.models import PageViewRestriction

from follows.models import Subscription
from tests.follows.following import confirmation_paths, follow, form_link

pytestmark = pytest.mark.django_db


def test_an_english_reader_gets_the_form_and_the_email_in_english(site_tree):
    group_en, group_lt = site_tree.en["group"], site_tree.lt["group"]
    form = Client().get(form_link(Client(), group_en.url)).content.decode()
    assert '<option value="en" selected>English</option>' in form
    assert "Your e-mail address" in form
    assert follow(group_en.url).status_code == 302
    (message,) = mail.outbox
    assert message.subject == f"Confirm that you want to follow “{group_en.title}”"
    (path,) = confirmation_paths()
    assert path.startswith("/en/follow/confirm/")
    assert group_en.title in Client().get(path).content.decode()

    # The Lithuanian page of the same group: the same subscription, in Lithuanian now.
    follow(group_lt.url, language="lt", rhythm="weekly")
    subscription = Subscription.objects.get()
    assert subscription.page_id == group_lt.pk
    assert (subscription.language, subscription.rhythm) == ("lt", "weekly")
    lithuanian_form = Client().get(form_link(Client(), group_lt.url)).content.decode()
    assert '<option value="lt" selected>Lietuvių</option>' in lithuanian_form
    assert "Jūsų el. pašto adresas" in lithuanian_form and "kartą per dieną" in lithuanian_form


def test_lithuanian_chosen_on_an_english_page_names_the_lithuanian_page(site_tree):
    group_en, group_lt = site_tree.en["group"], site_tree.lt["group"]
    assert group_en.title != group_lt.title
    assert follow(group_en.url, language="lt").status_code == 302
    (message,) = mail.outbox
    assert message.subject == f"Patvirtinkite, kad norite sekti „{group_lt.title}“"


def test_the_translation_of_a_private_page_cannot_be_followed(site_tree):
    group_en, group_lt = site_tree.en["group"], site_tree.lt["group"]
    PageViewRestriction.objects.create(
        page=group_lt, restriction_type=PageViewRestriction.PASSWORD, password="slapta"
    )
    # The English page itself is public, but a subscription names the Lithuanian one, which
    # is not: the form is refused instead of mailing a link that could never be confirmed.
    assert Client().get(f"/en/follow/?page={group_en.pk}").status_code == 404
    assert not mail.outbox
