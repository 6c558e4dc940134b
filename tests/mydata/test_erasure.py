"""Erasing one's data from the "my data" page: the name removed from answered comments
(shown at once, also to readers of a cached page), comments deleted (others' replies keep
their thread), subscriptions deleted, every erasure logged without the address."""

import pytest

from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone

from core.ratelimit import keyed_hash
from feedback import moderation
from feedback.models import AuthorErasure, Disposition, PublicComment, ReaderFlag
from follows.models import SentItem, Subscription
from mydata.models import Erasure
from tests.feedback.helpers import make_comment
from tests.mydata.helpers import overview_url

pytestmark = pytest.mark.django_db

Status = PublicComment.Status
ONA = "ona@example.lt"


def ona_says(page, text, **fields):
    values = {
        "user_name": "Ona Unikalioji",
        "user_email": ONA,
        "user_url": "https://ona.example.lt",
        "ip_address": "192.0.2.7",
        "comment": text,
    }
    return make_comment(page, **{**values, **fields})


def answer(page, parent, text="Ačiū, atsižvelgsime."):
    return make_comment(
        page,
        parent=parent,
        user_name="Savivaldybė",
        user_email="info@alytus.example",
        comment=text,
        is_official=True,
    )


def erase(client, scope, email=ONA, confirm=True):
    data = {"scope": scope, **({"confirm": "on"} if confirm else {})}
    return client.post(overview_url(email), data)


def cached(client, url):
    client.get(url)
    response = client.get(url)
    assert response["X-Page-Cache"] == "hit"


def test_remove_my_name_keeps_answered_comments_without_it_and_deletes_the_rest(
    client, article, subscribe, settings
):
    settings.PAGE_CACHE_SECONDS = 300
    answered = ona_says(article, "Reikia daugiau dviračių takų.")
    answer(article, answered)
    unanswered = ona_says(article, "Neatsakytas komentaras.")
    held = ona_says(article, "Laukiantis komentaras.", status=Status.HELD)
    decided = ona_says(article, "Sprendimas priimtas dėl šio.")
    Disposition.objects.create(comment=decided, outcome="accepted", reason="Priimta.")
    other = make_comment(article, user_name="Jonas", user_email="jonas@example.lt")
    subscribe(ONA)
    subscribe("jonas@example.lt")
    cached(client, article.url)

    response = erase(client, Erasure.Scope.NAME)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Jūsų duomenys ištrinti" in page
    assert "2 komentarai, į kuriuos buvo atsakyta, lieka be jūsų vardo" in page
    assert "Ištrinti 2 komentarai." in page
    assert "Ištrinta 1 prenumerata." in page
    remaining = PublicComment.objects.filter(pk__in=[answered.pk, decided.pk]).order_by("pk")
    for comment in remaining:
        assert (comment.user_name, comment.user_email, comment.user_url) == ("", "", "")
        assert comment.ip_address is None
        assert comment.erased_by_author == AuthorErasure.NAME
        assert comment.status == Status.PUBLISHED
    assert remaining[0].comment == "Reikia daugiau dviračių takų."
    assert not PublicComment.objects.filter(pk__in=[unanswered.pk, held.pk]).exists()
    assert PublicComment.objects.filter(pk=other.pk, user_name="Jonas").exists()
    assert list(Subscription.objects.values_list("email", flat=True)) == ["jonas@example.lt"]

    # At once on the page, though it was in the page cache.
    response = client.get(article.url)
    assert response["X-Page-Cache"] == "miss"
    public = response.content.decode()
    removed_name = '<span class="comment__author--removed">Autorius pašalino savo vardą</span>'
    assert public.count(removed_name) == 2
    assert "Reikia daugiau dviračių takų." in public
    assert "Ačiū, atsižvelgsime." in public
    assert "Ona Unikalioji" not in public
    assert "ona.example.lt" not in public
    assert "Neatsakytas komentaras." not in public


def test_remove_my_comments_entirely_keeps_the_replies_of_others_in_their_thread(client, article):
    first = ona_says(article, "Pirmasis Onos komentaras.")
    reply = make_comment(
        article,
        parent=first,
        user_name="Jonas",
        user_email="jonas@example.lt",
        comment="Jono atsakymas.",
    )
    ReaderFlag.objects.create(comment=first, reader="r" * 64, reason=ReaderFlag.Reason.SPAM)
    alone = ona_says(article, "Antrasis Onos komentaras.")
    own_reply = ona_says(article, "Ona atsako sau.", parent=alone)

    response = erase(client, Erasure.Scope.COMMENTS)

    assert "Ištrinti 2 komentarai." in response.content.decode()
    assert "1 komentaras, į kurį atsakė kiti, ištuštintas" in response.content.decode()
    placeholder = PublicComment.objects.get(pk=first.pk)
    assert placeholder.comment == ""
    assert (placeholder.user_name, placeholder.user_email, placeholder.ip_address) == ("", "", None)
    assert placeholder.status == Status.REMOVED
    assert not ReaderFlag.objects.filter(comment=first).exists()
    assert not PublicComment.objects.filter(pk__in=[alone.pk, own_reply.pk]).exists()
    public = client.get(article.url).content.decode()
    assert "Autorius ištrynė šį komentarą." in public
    assert "Jono atsakymas." in public
    assert "Onos komentaras" not in public and "Ona atsako sau." not in public
    # The reply still sits under the placeholder, in its thread.
    assert public.index("Autorius ištrynė šį komentarą.") < public.index("Jono atsakymas.")
    assert PublicComment.objects.get(pk=reply.pk).parent_id == first.pk

    # A moderator cannot publish the empty placeholder again.
    moderation.approve([placeholder])
    assert PublicComment.objects.get(pk=first.pk).status == Status.REMOVED


def test_every_erasure_is_logged_with_counts_and_no_address(client, article, subscribe):
    ona_says(article, "Komentaras.")
    subscribe(ONA)
    SentItem.objects.create(email=ONA, key="page:1", rhythm="weekly", sent_at=timezone.now())
    SentItem.objects.create(
        email="jonas@example.lt", key="page:1", rhythm="weekly", sent_at=timezone.now()
    )
    erase(client, Erasure.Scope.COMMENTS, email="Ona@Example.LT")
    assert list(SentItem.objects.values_list("email", flat=True)) == ["jonas@example.lt"]
    (record,) = Erasure.objects.all()
    assert record.address_hash == keyed_hash(ONA)
    assert record.scope == Erasure.Scope.COMMENTS
    assert (record.comments_deleted, record.subscriptions_deleted, record.digest_log_deleted) == (
        1,
        1,
        1,
    )
    values = Erasure.objects.values_list().get()
    assert not any("ona" in str(value).lower() for value in values)


def test_an_erasure_needs_the_tick_a_csrf_token_and_a_valid_link(client, article):
    comment = ona_says(article, "Lieka.")
    unticked = erase(client, Erasure.Scope.COMMENTS, confirm=False)
    assert unticked.status_code == 400
    assert "Nieko neištrinta." in unticked.content.decode()
    assert "Pažymėkite langelį, kad patvirtintumėte." in unticked.content.decode()
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(overview_url(ONA), {"scope": "comments", "confirm": "on"}).status_code == 403
    key_cut = client.post(overview_url(ONA)[:-8] + "/", {"scope": "comments", "confirm": "on"})
    assert key_cut.status_code == 400
    assert erase(client, "everything").status_code == 400
    assert PublicComment.objects.filter(pk=comment.pk, comment="Lieka.").exists()
    assert not Erasure.objects.exists()


def test_the_log_is_shown_to_superusers_only(client, article, django_user_model):
    ona_says(article, "Komentaras.")
    erase(client, Erasure.Scope.NAME)
    erase(client, Erasure.Scope.NAME, email="jonas@example.lt")
    moderator = django_user_model.objects.create_user("moderatore", "m@example.lt", "x")
    moderator.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(moderator)
    assert client.get("/admin/my-data/erasures/").status_code in (302, 403)
    assert "/admin/my-data/erasures/" not in client.get("/admin/").content.decode()

    admin = django_user_model.objects.create_superuser("admin", "admin@example.lt", "x")
    client.force_login(admin)
    assert "/admin/my-data/erasures/" in client.get("/admin/").content.decode()
    page = client.get("/admin/my-data/erasures/").content.decode()
    assert page.count("Pašalinti mano vardą") >= 2
    assert keyed_hash(ONA)[:12] in page
    found = client.get("/admin/my-data/erasures/", {"email": "ONA@example.lt"}).content.decode()
    assert keyed_hash(ONA)[:12] in found
    assert keyed_hash("jonas@example.lt")[:12] not in found


def test_moderators_see_the_removed_name_without_the_address(client, article, django_user_model):
    kept = ona_says(article, "Atsakytas komentaras.")
    answer(article, kept)
    erase(client, Erasure.Scope.NAME)
    admin = django_user_model.objects.create_superuser("admin", "admin@example.lt", "x")
    client.force_login(admin)
    for url in ["/admin/comments/?status=published", f"/admin/comments/{kept.pk}/"]:
        page = client.get(url).content.decode()
        assert "Autorius pašalino savo vardą" in page, url
        assert "Atsakytas komentaras." in page
        assert "Ona Unikalioji" not in page and ONA not in page
