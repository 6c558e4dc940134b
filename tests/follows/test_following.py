"""Following by e-mail without an account: the four kinds of things, double opt-in, one
confirmation e-mail a day, the rate limit, the honeypot and hostile input."""

import datetime
import uuid
from unittest import mock

import pytest

from django.core import mail, signing
from django.test import Client
from django.utils import timezone

from taggit.models import Tag
from wagtail.models import PageViewRestriction

from follows import optin
from follows.models import Subscription
from tests.factories import PlanDraftPageFactory, plan_tree_json
from tests.follows.following import confirmation_paths, follow, form_link

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(lt_site):
    return lt_site.lt["group"]


@pytest.fixture
def plan(lt_site):
    """A published plan draft with two priorities."""
    tree, _indicators, _measures = plan_tree_json(2, [lt_site.lt["group"].pk])
    page = PlanDraftPageFactory(
        parent=lt_site.lt["plan_index"], title="Strateginis planas", slug="planas-2030"
    )
    page.plan_tree = tree
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def confirm_page(client, path):
    return client.get(path).content.decode()


# --- The four kinds -------------------------------------------------------------------


def test_a_working_group_is_followed_after_the_emailed_link_is_confirmed(group):
    response = follow(group.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/lt/follow/sent/")
    subscription = Subscription.objects.get()
    assert (subscription.kind, subscription.page_id) == ("group", group.pk)
    assert (subscription.language, subscription.rhythm) == ("lt", "daily")
    assert subscription.confirmed_at is None
    # One e-mail, in Lithuanian, text and HTML, with the signed link.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ona@example.lt"]
    assert message.subject == f"Patvirtinkite, kad norite sekti „{group.title}“"
    assert "atsivėrusiame puslapyje paspauskite mygtuką" in message.body
    assert "Patvirtinkite, ką norite sekti" in message.alternatives[0][0]
    assert "/lt/follow/manage/" in message.body  # everything the address follows
    sent = Client().get(response["Location"]).content.decode()
    assert "Patikrinkite el. paštą" in sent


def test_a_plan_draft_is_followed_from_its_page(lt_site):
    draft = lt_site.lt["draft"]
    assert follow(draft.url).status_code == 302
    subscription = Subscription.objects.get()
    assert (subscription.kind, subscription.page_id) == ("plan", draft.pk)


def test_a_priority_is_followed_from_its_view_by_its_element_id(plan):
    priority_url = plan.url + plan.reverse_subpage("priority", args=[2])
    response = follow(priority_url, rhythm="weekly")
    assert response.status_code == 302
    subscription = Subscription.objects.get()
    second = plan.plan_tree.raw_data[1]
    assert subscription.kind == "priority"
    assert (subscription.page_id, str(subscription.priority_id)) == (plan.pk, second["id"])
    assert subscription.rhythm == "weekly"
    assert "2. Prioritetas 2" in mail.outbox[0].subject


def test_a_news_topic_is_followed_from_the_index_and_from_an_article(lt_site):
    index, article = lt_site.lt["news_index"], lt_site.lt["article"]
    article.tags.add("sportas")
    article.save_revision().publish()
    # Without a topic chosen, the index offers nothing to follow.
    assert "data-follow-link" not in Client().get(index.url).content.decode()
    formed = Tag.objects.get(name="darbo grupės")
    assert follow(f"{index.url}?tag={formed.slug}").status_code == 302
    # The article offers each of its topics.
    form = Client().get(form_link(Client(), article.url)).content.decode()
    assert '<option value="sportas">sportas</option>' in form
    assert follow(article.url, email="jonas@example.lt", topic="sportas").status_code == 302
    follows = {(s.email, s.topic.slug) for s in Subscription.objects.all()}
    assert follows == {("ona@example.lt", formed.slug), ("jonas@example.lt", "sportas")}
    assert {s.kind for s in Subscription.objects.all()} == {"topic"}


# --- Double opt-in --------------------------------------------------------------------


def test_opening_the_link_shows_a_button_and_only_its_post_confirms(group):
    follow(group.url)
    (path,) = confirmation_paths()
    client = Client(enforce_csrf_checks=True)
    page = confirm_page(client, path)
    assert "Patvirtinkite, ką norite sekti" in page and group.title in page
    assert Subscription.objects.get().confirmed_at is None  # a mail scanner confirms nothing
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    subscription = Subscription.objects.get()
    response = client.post(
        path, {"csrfmiddlewaretoken": token, "subscription": [str(subscription.pk)]}
    )
    assert response.status_code == 200
    assert "Sekate el. paštu" in response.content.decode()
    assert "/lt/follow/manage/" in response.content.decode()
    assert Subscription.objects.get().confirmed_at is not None
    assert len(mail.outbox) == 1  # nothing more is sent on confirming
    # The link again: it says what is followed.
    assert "Tai jau buvo patvirtinta" in confirm_page(Client(), path)


def test_a_second_request_within_a_day_sends_nothing_and_the_first_link_confirms_it(group, lt_site):
    follow(group.url)
    follow(lt_site.lt["draft"].url, client=Client(enforce_csrf_checks=True))
    follow(group.url, rhythm="weekly")  # again: updates the request, no second row
    assert len(mail.outbox) == 1
    assert Subscription.objects.count() == 2
    assert Subscription.objects.get(kind="group").rhythm == "weekly"
    (path,) = confirmation_paths()
    page = confirm_page(Client(), path)
    assert group.title in page and lt_site.lt["draft"].title in page
    # What is unticked stays unconfirmed.
    Client().post(path, {"subscription": [str(Subscription.objects.get(kind="group").pk)]})
    assert list(Subscription.objects.filter(confirmed_at__isnull=True)) == [
        Subscription.objects.get(kind="plan")
    ]
    Client().post(path, {"subscription": [str(Subscription.objects.get(kind="plan").pk)]})
    assert not Subscription.objects.filter(confirmed_at__isnull=True).exists()

    # A day later, a new request gets its e-mail.
    Subscription.objects.update(created_at=timezone.now() - datetime.timedelta(hours=25))
    follow(lt_site.lt["news_index"].url + "?tag=" + Tag.objects.get().slug)
    assert len(mail.outbox) == 2


def test_following_again_when_confirmed_changes_nothing_and_sends_nothing(group):
    follow(group.url)
    Subscription.objects.update(confirmed_at=timezone.now())
    response = follow(group.url, language="en", rhythm="immediate")
    assert response.status_code == 302  # the same answer: it tells nobody what one follows
    subscription = Subscription.objects.get()
    assert (subscription.language, subscription.rhythm) == ("lt", "daily")
    assert len(mail.outbox) == 1


def test_a_tampered_expired_or_foreign_link_is_refused_clearly(group):
    follow(group.url)
    (path,) = confirmation_paths()
    key = path.rstrip("/").rsplit("/", 1)[1]
    tampered = path.replace(key, key[:-2] + ("AA" if not key.endswith("AA") else "BB"))
    response = Client().post(tampered, {"subscription": "1"})
    assert response.status_code == 400
    assert "Nuoroda sugadinta arba nepilna" in response.content.decode()

    later = timezone.now() + datetime.timedelta(days=8)
    with mock.patch("django.core.signing.time.time", return_value=later.timestamp()):
        response = Client().get(path)
    assert response.status_code == 400
    assert "Patvirtinimo nuoroda nebegalioja" in response.content.decode()

    # A pickle-like key (no signer separators) is refused unread.
    response = Client().get("/lt/follow/confirm/gASVJgAAAAAAAAB9lIwMc3Vic2NyaXB0aW9ulEsBcy4/")
    assert response.status_code == 400
    assert "Tai ne šios svetainės patvirtinimo nuoroda" in response.content.decode()
    # A key signed for something else (another salt) is refused.
    other = signing.dumps({"subscription": Subscription.objects.get().pk}, salt="feedback.mute")
    assert Client().post(f"/lt/follow/confirm/{other}/", {"subscription": "1"}).status_code == 400
    assert Subscription.objects.get().confirmed_at is None


# --- Abuse and bad input --------------------------------------------------------------


def test_the_form_is_rate_limited_per_client(group, settings):
    settings.FOLLOWS_RATE_LIMIT = "2/m"
    client = Client(enforce_csrf_checks=True)
    assert follow(group.url, email="a@example.lt", client=client).status_code == 302
    assert follow(group.url, email="b@example.lt", client=client).status_code == 302
    response = follow(group.url, email="c@example.lt", client=client)
    assert response.status_code == 429
    assert "Per daug bandymų" in response.content.decode()
    assert not Subscription.objects.filter(email="c@example.lt").exists()


def test_a_filled_honeypot_stores_and_sends_nothing(group):
    response = follow(group.url, website="http://spam.example")
    assert response.status_code == 400
    assert "Užpildytas šlamšto robotams skirtas laukas" in response.content.decode()
    assert not Subscription.objects.exists() and not mail.outbox


def test_a_bad_address_comes_back_with_what_was_typed(group):
    response = follow(group.url, email="ona@", rhythm="weekly")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Jūsų prašymas neišsiųstas" in html
    assert 'value="ona@"' in html
    assert 'value="weekly" id="follow-rhythm-2" checked' in html or (
        'value="weekly"' in html and "checked" in html.split('value="weekly"')[1][:40]
    )
    assert not Subscription.objects.exists()


@pytest.mark.parametrize(
    "query",
    [
        "page=1%20OR%201%3D1",
        "page=99999999999999999999999999",
        "page=-1",
        "page=%C2%B2",
        "tag=%27%3B%20DROP",
        "tag=no-such-topic",
        "page={draft}&priority=..%2F..",
        "page={draft}&priority={uuid}",
        "page={news_index}",
        "",
    ],
)
def test_hostile_or_unknown_targets_get_a_404(group, lt_site, query):
    query = query.format(
        draft=lt_site.lt["draft"].pk, uuid=uuid.uuid4(), news_index=lt_site.lt["news_index"].pk
    )
    assert Client().get(f"/lt/follow/?{query}").status_code == 404
    data = dict(part.split("=", 1) for part in query.split("&") if "=" in part)
    response = Client().post("/lt/follow/", {**data, "email": "a@example.lt", "rhythm": "daily"})
    assert response.status_code == 404
    assert not Subscription.objects.exists()


def test_private_or_unpublished_pages_cannot_be_followed(group, lt_site):
    draft = lt_site.lt["draft"]
    PageViewRestriction.objects.create(
        page=group, restriction_type=PageViewRestriction.PASSWORD, password="slapta"
    )
    draft.unpublish()
    for page in (group, draft):
        assert Client().get(f"/lt/follow/?page={page.pk}").status_code == 404
        response = Client().post(
            "/lt/follow/",
            {"page": page.pk, "email": "a@example.lt", "language": "lt", "rhythm": "daily"},
        )
        assert response.status_code == 404
    assert not Subscription.objects.exists()


def test_a_confirmation_link_confirms_nothing_that_is_no_longer_public(group):
    follow(group.url)
    (path,) = confirmation_paths()
    group.unpublish()
    ids = [str(pk) for pk in Subscription.objects.values_list("pk", flat=True)]
    response = Client().post(path, {"subscription": ids})
    assert "Niekas nepatvirtinta" in response.content.decode()
    assert Subscription.objects.get().confirmed_at is None


def test_the_pages_offer_the_form_without_a_token_in_the_cached_page(group, settings):
    """The page may be cached: it carries a link; the form and its token come uncached."""
    settings.PAGE_CACHE_SECONDS = 300
    client = Client()
    client.get(group.url)
    page = client.get(group.url)
    assert page["X-Page-Cache"] == "hit"
    assert "csrfmiddlewaretoken" not in page.content.decode()
    form = Client().get(form_link(Client(), group.url))
    assert "no-store" in form["Cache-Control"]
    assert 'name="csrfmiddlewaretoken"' in form.content.decode()


def test_optin_keys_carry_json_with_their_own_salt():
    subscription = Subscription(pk=7)
    key = optin.confirmation_key(subscription)
    assert signing.loads(key, salt="follows.confirm") == {"subscription": 7}
    with pytest.raises(signing.BadSignature):
        signing.loads(key, salt="feedback.confirm")
