"""Finding 4: unapproved plan drafts published in English.

A translator could submit an unpublished (unapproved) Lithuanian plan draft for translation
and publish its English page, whose untranslated text falls back to the Lithuanian source;
or write an English-only plan draft and publish it. Both bypassed the Consultative
approval. The rule (``approvals.translations``): a plan draft goes live in English only as
the translation of the live (approved) Lithuanian draft, made from that live version.

Each attack is what the translator's browser sends to the admin, on every way a page goes
live there: wagtail-localize's translation editor ("Publish in English"), the page editor,
"Sync translated pages" with "Publish immediately", bulk publishing, the revision-revert
form; scheduled publishing and a direct ``Revision.publish`` are checked at the model.
"""

import pytest

from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator

from approvals.translations import UnapprovedTranslationError
from news.models import NewsArticlePage
from plans.models import PlanDraftPage
from tests.approvals.helpers import create_accounts, draft_form_data, edit_url, fresh, login, lt
from tests.factories import NewsArticlePageFactory, PlanDraftPageFactory

pytestmark = pytest.mark.django_db

NOT_APPROVED = (
    "The Lithuanian original “%(title)s” has not been approved and published: its "
    "translation cannot be published."
)
SOURCE_CHANGED = (
    "This translation was made from a version of “%(title)s” other than the published one: "
    "update it from the Lithuanian original (Sync translated pages) before publishing."
)
NO_SOURCE = (
    "This page has no Lithuanian original: it can go live only as the translation of an "
    "approved, published Lithuanian page."
)
WRITTEN_IN_LITHUANIAN = (
    "Pages of this type are written in Lithuanian and reach other languages only as "
    "translations: translate the Lithuanian page instead."
)
LT_TITLE = "Plano projektas 0.2 (nepatvirtintas)"


@pytest.fixture
def site(site_tree):
    """The bilingual site, built once for the module (tests/conftest.py)."""
    return site_tree


@pytest.fixture
def users(site):
    return create_accounts(site)


@pytest.fixture
def english():
    return Locale.objects.get(language_code="en")


@pytest.fixture
def translator(client, users):
    return login(client, users["translator"])


@pytest.fixture
def lt_draft(site):
    """An editor's new draft, submitted to nobody yet: not approved, not live."""
    return PlanDraftPageFactory(parent=site.lt["plan_index"], title=LT_TITLE, live=False)


def submit_for_translation(client, page, locale, capture):
    """The translator's "Translate this page" form (wagtail-localize publishes what it
    creates after the transaction: run those callbacks as a real request would)."""
    with capture(execute=True):
        response = client.post(
            reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
            {"locales": [locale.pk]},
        )
    assert response.status_code == 302
    return Page.objects.get(translation_key=page.translation_key, locale=locale).specific


def publish_in_translation_editor(client, page, capture):
    with capture(execute=True):
        return client.post(edit_url(page), {"action": "publish"})


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def assert_refused(response, page, message, **values):
    assert not fresh(page).live
    assert fresh(page).live_revision is None
    assert response.status_code == 302
    assert lt(message, **values) in messages_of(response)


def approve_and_publish(page, users):
    """The Lithuanian draft approved (here: published by an administrator)."""
    page = fresh(page)
    page.save_revision(user=users["administrator"]).publish(user=users["administrator"])
    return fresh(page)


# --- an unapproved Lithuanian draft submitted for translation ---------------------------


def test_its_english_page_cannot_be_published_from_the_translation_editor(
    translator, lt_draft, english, django_capture_on_commit_callbacks
):
    en_draft = submit_for_translation(
        translator, lt_draft, english, django_capture_on_commit_callbacks
    )
    assert not en_draft.live

    response = publish_in_translation_editor(
        translator, en_draft, django_capture_on_commit_callbacks
    )

    assert_refused(response, en_draft, NOT_APPROVED, title=LT_TITLE)
    assert response["Location"] == edit_url(en_draft)


def stop_translation(client, page):
    """wagtail-localize's "Stop synced translation": the page editor takes over."""
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=page.locale
    )
    client.post(reverse("wagtail_localize:stop_translation", args=[translation.pk]))
    assert not Translation.objects.get(pk=translation.pk).enabled


def test_nor_from_the_page_editor_once_the_translation_is_stopped(
    translator, lt_draft, english, django_capture_on_commit_callbacks
):
    en_draft = submit_for_translation(
        translator, lt_draft, english, django_capture_on_commit_callbacks
    )
    stop_translation(translator, en_draft)

    with django_capture_on_commit_callbacks(execute=True):
        response = translator.post(
            edit_url(en_draft), {**draft_form_data(en_draft), "action-publish": "1"}
        )

    assert_refused(response, en_draft, NOT_APPROVED, title=LT_TITLE)


def test_nor_by_syncing_with_publish_immediately(
    translator, lt_draft, english, django_capture_on_commit_callbacks
):
    en_draft = submit_for_translation(
        translator, lt_draft, english, django_capture_on_commit_callbacks
    )
    source = TranslationSource.objects.get(object_id=lt_draft.translation_key)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = translator.post(url, {"publish_translations": "on"})

    assert_refused(response, en_draft, NOT_APPROVED, title=LT_TITLE)
    assert lt("Nothing was updated or published.") in messages_of(response)


def test_nor_by_bulk_publishing(translator, lt_draft, english, django_capture_on_commit_callbacks):
    en_draft = submit_for_translation(
        translator, lt_draft, english, django_capture_on_commit_callbacks
    )
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])

    with django_capture_on_commit_callbacks(execute=True):
        translator.post(f"{url}?id={en_draft.pk}", {"include_descendants": ""})

    assert not fresh(en_draft).live


def test_nor_through_the_revision_revert_form(
    translator, lt_draft, english, django_capture_on_commit_callbacks
):
    en_draft = submit_for_translation(
        translator, lt_draft, english, django_capture_on_commit_callbacks
    )
    stop_translation(translator, en_draft)
    revision = fresh(en_draft).latest_revision
    url = reverse("wagtailadmin_pages:revisions_revert", args=[en_draft.pk, revision.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = translator.post(url, {**draft_form_data(en_draft), "action-publish": "1"})

    assert_refused(response, en_draft, NOT_APPROVED, title=LT_TITLE)


def test_scheduled_publishing_leaves_it_a_draft(
    translator, lt_draft, english, django_capture_on_commit_callbacks
):
    en_draft = submit_for_translation(
        translator, lt_draft, english, django_capture_on_commit_callbacks
    )
    revision = fresh(en_draft).latest_revision
    revision.approved_go_live_at = timezone.now() - timezone.timedelta(minutes=1)
    revision.save(update_fields=["approved_go_live_at"])

    call_command("publish_scheduled")

    assert not fresh(en_draft).live
    revision.refresh_from_db()
    assert revision.approved_go_live_at is None


def test_the_model_refuses_a_direct_publish(
    users, translator, lt_draft, english, django_capture_on_commit_callbacks
):
    en_draft = submit_for_translation(
        translator, lt_draft, english, django_capture_on_commit_callbacks
    )
    revision = fresh(en_draft).latest_revision
    with pytest.raises(UnapprovedTranslationError):
        revision.publish(user=users["translator"])
    page = fresh(en_draft)
    page.live = True
    with pytest.raises(UnapprovedTranslationError):
        page.save()
    assert not fresh(en_draft).live


def test_a_translation_made_before_the_approval_is_updated_before_it_is_published(
    users, translator, lt_draft, english, django_capture_on_commit_callbacks
):
    """Made from the unapproved text, the English page must take the approved one first."""
    en_draft = submit_for_translation(
        translator, lt_draft, english, django_capture_on_commit_callbacks
    )
    approve_and_publish(lt_draft, users)

    response = publish_in_translation_editor(
        translator, en_draft, django_capture_on_commit_callbacks
    )
    assert_refused(response, en_draft, SOURCE_CHANGED, title=LT_TITLE)

    source = TranslationSource.objects.get(object_id=lt_draft.translation_key)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = translator.post(url, {"publish_translations": "on"})
    assert response.status_code == 302
    assert fresh(en_draft).live


# --- English-only plan drafts -------------------------------------------------------------


def test_a_translator_cannot_create_and_publish_an_english_only_plan_draft(
    translator, site, django_capture_on_commit_callbacks
):
    en_index = site.en["plan_index"]
    url = reverse("wagtailadmin_pages:add", args=["plans", "plandraftpage", en_index.pk])
    data = draft_form_data(
        site.en["draft"], title="Plan draft 0.9 (English only)", slug="english-only"
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = translator.post(url, {**data, "action-publish": "1"})

    assert response.status_code == 302
    assert lt(WRITTEN_IN_LITHUANIAN) in messages_of(response)
    assert not PlanDraftPage.objects.filter(slug="english-only").exists()


def test_an_english_only_plan_draft_made_in_code_cannot_be_published(
    translator, site, django_capture_on_commit_callbacks
):
    english_only = PlanDraftPageFactory(
        parent=site.en["plan_index"], title="Plan draft 0.9 (English only)", live=False
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = translator.post(
            edit_url(english_only), {**draft_form_data(english_only), "action-publish": "1"}
        )

    assert_refused(response, english_only, NO_SOURCE)


# --- what stays allowed ---------------------------------------------------------------------


def test_the_translation_of_an_approved_live_draft_is_published_by_the_translator(
    users, translator, lt_draft, english, django_capture_on_commit_callbacks
):
    approve_and_publish(lt_draft, users)
    en_draft = submit_for_translation(
        translator, lt_draft, english, django_capture_on_commit_callbacks
    )
    first_live_revision = fresh(en_draft).live_revision_id

    response = publish_in_translation_editor(
        translator, en_draft, django_capture_on_commit_callbacks
    )

    assert response.status_code == 302
    assert fresh(en_draft).live
    assert fresh(en_draft).live_revision_id != first_live_revision


# --- "Sync translated pages" publishes only what the user may publish ----------------------


def test_syncing_does_not_publish_a_lithuanian_page_the_translator_may_not_publish(
    users, translator, site, django_capture_on_commit_callbacks
):
    lithuanian = Locale.objects.get(language_code="lt")
    english_article = NewsArticlePageFactory(
        parent=site.en["news_index"], title="Written in English", live=False
    )
    TranslationCreator(users["translator"], [lithuanian]).create_translations(english_article)
    lt_article = NewsArticlePage.objects.get(
        translation_key=english_article.translation_key, locale=lithuanian
    )
    source = TranslationSource.objects.get(object_id=english_article.translation_key)

    with django_capture_on_commit_callbacks(execute=True):
        response = translator.post(
            reverse("wagtail_localize:update_translations", args=[source.pk]),
            {"publish_translations": "on"},
        )

    assert response.status_code == 302
    assert not fresh(lt_article).live
    assert lt("Nothing was updated or published.") in messages_of(response)
