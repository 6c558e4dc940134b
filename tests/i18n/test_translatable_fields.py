"""Every content field of every page type is translated or synchronised by choice: it is
named in the page type's `override_translatable_fields` (wagtail-localize), with text as a
TranslatableField and dates, numbers, choices, documents and relations synchronised."""

from datetime import date

import pytest

from django.db import models

from modelcluster.fields import ParentalKey
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, get_page_models
from wagtail_localize.fields import SynchronizedField, TranslatableField
from wagtail_localize.models import Translation, TranslationSource

from plans.models import CouncilStep
from tests.factories import WorkingGroupPageFactory, build_site

# Left to wagtail-localize's default on purpose: tags are shared across languages.
NOT_CHOSEN = {("news.NewsArticlePage", "tags"), ("news.NewsArticlePage", "tagged_items")}
# Text fields that hold data, not prose: the same in every language.
SYNCHRONISED_TEXT = {("plans.PlanDraftPage", "version_label")}
TEXT = (models.CharField, models.TextField, RichTextField, StreamField)


def own_fields(model):
    """The page type's own fields: columns, many-to-many relations and inline children."""
    page_fields = {field.name for field in Page._meta.get_fields()}
    names = {}
    for field in model._meta.get_fields():
        if field.name in page_fields or field.name.endswith("_ptr"):
            continue
        inline = field.one_to_many and isinstance(field.remote_field, ParentalKey)
        if field.concrete or (field.many_to_many and not field.auto_created) or inline:
            names[field.name] = field
    return names


def test_every_page_field_is_chosen_deliberately():
    for model in get_page_models():
        if model is Page:
            continue
        chosen = {field.field_name: field for field in model.override_translatable_fields}
        label = model._meta.label
        for name, field in own_fields(model).items():
            if (label, name) in NOT_CHOSEN:
                continue
            assert name in chosen, f"{label}.{name} is neither translated nor synchronised"
            kind = type(chosen[name])
            is_prose = isinstance(field, TEXT) and not getattr(field, "choices", None)
            if is_prose and (label, name) not in SYNCHRONISED_TEXT:
                assert kind is TranslatableField, f"{label}.{name} is text: translate it"
            elif getattr(field, "concrete", False) or getattr(field, "many_to_many", False):
                assert kind is SynchronizedField, f"{label}.{name} is data: synchronise it"
        for name in ("title", "slug", "seo_title", "search_description"):
            assert type(chosen.get(name)) is TranslatableField, f"{label}.{name}"


@pytest.mark.django_db
def test_synchronised_relations_follow_the_lithuanian_page(client):
    site = build_site()
    draft, english = site.lt["draft"], site.en["draft"]
    other_group = WorkingGroupPageFactory(parent=site.lt["group_index"], title="Kita grupė")
    draft.council_steps.add(
        CouncilStep(kind=CouncilStep.Kind.COUNCIL, date=date(2021, 3, 25), body="Taryba")
    )
    draft.responsible_groups.add(other_group)
    draft.save_revision().publish()

    source, _created = TranslationSource.update_or_create_from_instance(draft)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=site.en_locale
    )
    translation.save_target(publish=True)

    english = type(english).objects.get(pk=english.pk)
    assert [step.body for step in english.council_steps.all()] == ["Taryba"]
    assert set(english.responsible_groups.all()) == set(draft.responsible_groups.all())
    html = client.get(english.url).content.decode()
    assert 'Council decision: <span lang="lt">Taryba</span>' in html
