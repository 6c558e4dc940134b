"""Topics (the tags an article's translations share) in the reader's language: the English
site shows a topic's English name where an editor gave one, in the article, the index's
filter, the follow form, the subscription's name and the digest; the Lithuanian site its
name. Editors and translators keep the names under Snippets, in Lithuanian."""

import datetime

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.utils import timezone, translation

from taggit.models import Tag

from approvals.roles import TRANSLATORS
from follows.digest import send_digests
from follows.models import Subscription
from follows.names import followed_names
from news.models import TopicName
from tests.follows.following import form_link
from tests.follows.helpers import publish, subscribe

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic(site_tree):
    tag = Tag.objects.get(name="darbo grupės")
    TopicName.objects.create(tag=tag, name_en="working groups")
    return tag


def test_the_english_article_and_index_name_the_topic_in_english(site_tree, topic):
    lt, en = site_tree.lt, site_tree.en
    english = Client().get(en["article"].url).content.decode()
    assert f'?tag={topic.slug}">working groups</a>' in english
    assert ">darbo grupės</a>" not in english
    lithuanian = Client().get(lt["article"].url).content.decode()
    assert f'?tag={topic.slug}">darbo grupės</a>' in lithuanian
    index = Client().get(en["news_index"].url + f"?tag={topic.slug}").content.decode()
    assert f'<option value="{topic.slug}" selected>working groups</option>' in index
    form = Client().get(form_link(Client(), en["article"].url)).content.decode()
    assert f'<option value="{topic.slug}">working groups</option>' in form


def test_a_topic_without_an_english_name_keeps_its_own(site_tree):
    english = Client().get(site_tree.en["article"].url).content.decode()
    assert ">darbo grupės</a>" in english


def test_an_english_name_given_later_shows_on_cached_pages(site_tree, topic):
    url = site_tree.en["news_index"].url
    assert ">working groups</option>" in Client().get(url).content.decode()
    TopicName.objects.filter(tag=topic).get().delete()
    assert ">darbo grupės</option>" in Client().get(url).content.decode()


def test_the_subscription_and_the_english_digest_name_the_topic_in_english(site_tree, topic):
    now = timezone.now()
    subscription = subscribe(
        "ann@example.org", Subscription.Kind.TOPIC, page=None, topic=topic, language="en"
    )
    with translation.override("en"):
        assert followed_names([subscription]) == ["News topic: working groups"]
    with translation.override("lt"):
        assert followed_names([subscription])[0].endswith(": darbo grupės")
    publish(site_tree.en["article"], now - datetime.timedelta(hours=2))
    send_digests("daily", now)
    [digest] = mail.outbox
    assert "== Topic: working groups ==" in digest.body


def test_translators_keep_the_names_in_the_lithuanian_admin(site_tree, client):
    translator = get_user_model().objects.create_user("vertejas", password="x")
    translator.groups.add(Group.objects.get(name=TRANSLATORS))
    client.force_login(translator)
    tag = Tag.objects.create(name="strateginis planas", slug="strateginis-planas")
    add = "/admin/snippets/news/topicname/add/"
    page = client.get(add).content.decode()
    assert "<title>Naujas: Tema anglų kalba" in page
    assert "Pavadinimas (angliškai)" in page
    response = client.post(add, {"tag": tag.pk, "name_en": "strategic plan"})
    assert response.status_code == 302
    assert TopicName.objects.get(tag=tag).name_en == "strategic plan"
    # Bad input comes back with what was typed.
    response = client.post(add, {"tag": tag.pk, "name_en": "again"})
    assert response.status_code == 200
    assert 'value="again"' in response.content.decode()
