"""What the sent log's items told, in words: ``follows.SentItem.key`` (made in
follows/items.py) read back as the item's kind and, while its page is public, the page's
title, for a resident's own data (mydata/)."""

from django.utils.text import capfirst

from wagtail.models import Page, Revision

from core.visibility import public_page_ids
from feedback.models import PublicComment
from follows.items import KIND_LABELS
from news.models import NewsArticlePage


def kind_of(key):
    """``(label, reference)``: reference is ``("page" | "revision" | "comment", pk)``."""
    parts = key.split(":")
    match parts:
        case ["article", page, *_]:
            return capfirst(NewsArticlePage._meta.verbose_name), ("page", page)
        case ["meeting", page, "moved", *_]:
            return KIND_LABELS["meeting_moved"], ("page", page)
        case ["meeting", page, facet] if f"meeting_{facet}" in KIND_LABELS:
            return KIND_LABELS[f"meeting_{facet}"], ("page", page)
        case ["version", revision, *_]:
            return KIND_LABELS["version"], ("revision", revision)
        case ["consultation", page, moment, *_] if f"consultation_{moment}" in KIND_LABELS:
            return KIND_LABELS[f"consultation_{moment}"], ("page", page)
        case ["answer", comment]:
            return KIND_LABELS["answer"], ("comment", comment)
    return None, None


def as_int(value):
    return int(value) if str(value).isdigit() else None


def sent_item_descriptions(keys):
    """``{key: text}`` for ``keys``, in a fixed number of queries; a key this code does not
    know (an older format) is shown as it is stored."""
    kinds = {key: kind_of(key) for key in keys}
    wanted = {"page": set(), "revision": set(), "comment": set()}
    for _label, reference in kinds.values():
        if reference and as_int(reference[1]) is not None:
            wanted[reference[0]].add(as_int(reference[1]))
    page_of = {("page", pk): pk for pk in wanted["page"]}
    if wanted["revision"]:
        for pk, page in Revision.page_revisions.filter(pk__in=wanted["revision"]).values_list(
            "pk", "object_id"
        ):
            page_of[("revision", pk)] = as_int(page)
    if wanted["comment"]:
        for pk, page in PublicComment.objects.filter(pk__in=wanted["comment"]).values_list(
            "pk", "object_pk"
        ):
            page_of[("comment", pk)] = as_int(page)
    public = public_page_ids(pk for pk in page_of.values() if pk is not None)
    titles = dict(Page.objects.filter(pk__in=public).values_list("pk", "title"))
    descriptions = {}
    for key, (label, reference) in kinds.items():
        if label is None:
            descriptions[key] = key
            continue
        title = titles.get(page_of.get((reference[0], as_int(reference[1]))))
        descriptions[key] = f"{label}: {title}" if title else str(label)
    return descriptions
