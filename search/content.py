"""What the search knows about a searchable object, whichever backend runs.

The kind shown and filtered on (news, working group, ...), the date, the language and the
plain text of pages and documents. Page models are named by their labels, never imported:
search/ knows pages through Wagtail's API and documents through their model (DESIGN.md).
"""

import datetime
import unicodedata

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page
from wagtail.search import index

# The result types the search page filters on, in the order of its filter list.
KINDS = {
    "news": _("News"),
    "group": _("Working group"),
    "meeting": _("Meeting"),
    "draft": _("Plan draft"),
    "document": _("Document"),
    "page": _("Information page"),
}
KIND_OF_MODEL = {
    "news.newsarticlepage": "news",
    "workinggroups.workinggrouppage": "group",
    "workinggroups.meetingpage": "meeting",
    "plans.plandraftpage": "draft",
    "documents.citydocument": "document",
}
# The date a result carries, shows and is filtered on: the date that matters to a reader
# of each type. A plan draft's is the opening of its public consultation, or the
# publication of its current version when it has none; working groups and information
# pages have none (their publication date is only when an editor happened to load them).
DATE_FIELDS_OF_MODEL = {
    "news.newsarticlepage": ("date",),
    "workinggroups.meetingpage": ("starts_at",),
    "plans.plandraftpage": ("consultation_opens", "last_published_at"),
    "documents.citydocument": ("document_date",),
}
WORKING_GROUP_MODEL = "workinggroups.WorkingGroupPage"
LANGUAGES = ("lt", "en")


def model_label(model):
    return model._meta.label_lower


def kind_of(obj):
    return KIND_OF_MODEL.get(model_label(type(obj)), "page")


def date_of(obj):
    """The result's date (a `date`, a moment's day in the site's time zone), or None."""
    for field in DATE_FIELDS_OF_MODEL.get(model_label(type(obj)), ()):
        value = getattr(obj, field, None)
        if isinstance(value, datetime.datetime):
            return timezone.localdate(value) if timezone.is_aware(value) else value.date()
        if value is not None:
            return value
    return None


def language_of(obj):
    """The language code of a translatable object; None for shared ones (documents)."""
    locale = getattr(obj, "locale", None)
    return locale.language_code if locale is not None else None


def fold(text):
    """Lower case without diacritics: "Plėtros" -> "pletros"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _as_text(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return "\n".join(filter(None, (_as_text(item) for item in value)))
    if isinstance(value, dict):
        return "\n".join(filter(None, (_as_text(item) for item in value.values())))
    if isinstance(value, (models.Manager, models.QuerySet)):
        return ""
    return force_str(value)


def title_and_text(obj):
    """``(title, text)``: the title (with other boosted fields, such as a document's number),
    and every other searchable field as plain text.

    The same text the search server stores, so that snippets of the database backend and of
    the search server come from the same words.
    """
    headings = []
    parts = []
    for field in type(obj).get_search_fields():
        if not isinstance(field, index.SearchField):
            continue
        value = _as_text(field.get_value(obj)).strip()
        if not value:
            continue
        if field.field_name == "title" or (field.boost or 1) >= 2:
            headings.append(value)
        elif value not in parts:
            parts.append(value)
    return " ".join(headings), "\n".join(parts)


def working_group_model():
    return apps.get_model(WORKING_GROUP_MODEL)


def working_group_page_ids(group):
    """Ids of the pages that belong to ``group`` in any language: the group, its meetings,
    and the pages that name it among their related or responsible groups."""
    group_model = working_group_model()
    groups = list(group_model.objects.filter(translation_key=group.translation_key))
    ids = set()
    for each in groups:
        ids.update(Page.objects.descendant_of(each, inclusive=True).values_list("pk", flat=True))
    for model in apps.get_models():
        if not issubclass(model, Page):
            continue
        for field in model._meta.get_fields():
            if field.many_to_many and field.related_model is group_model and field.concrete:
                ids.update(
                    model.objects.filter(**{f"{field.name}__in": groups}).values_list(
                        "pk", flat=True
                    )
                )
    return ids


def working_group_document_ids(page_ids):
    """Ids of the documents that the pages ``page_ids`` refer to (Wagtail's reference index)."""
    from django.contrib.contenttypes.models import ContentType

    from wagtail.documents import get_document_model
    from wagtail.models import ReferenceIndex

    page_type = ContentType.objects.get_for_model(Page)
    document_type = ContentType.objects.get_for_model(get_document_model())
    return {
        int(pk)
        for pk in ReferenceIndex.objects.filter(
            base_content_type=page_type,
            object_id__in=[str(pk) for pk in page_ids],
            to_content_type=document_type,
        ).values_list("to_object_id", flat=True)
    }
