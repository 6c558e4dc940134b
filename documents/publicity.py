"""Which documents live public pages use: `CityDocument.on_public_page`, kept up to date.

A page uses a document when its content refers to it in any field: a chooser (a plan
draft's attached files, a meeting's minutes, the order that formed a working group), a
StreamField block or a rich-text link. Wagtail's reference index records those references
for every page as the database holds it: for a live page its published content (its drafts
live in revisions), for a page never published its latest draft. So the documents used by
live public pages are those the reference index lists for the live pages outside private
sections, whatever else refers to them.

`refresh()` compares that with `on_public_page` and saves each document that changed, which
also updates its search index entry. It runs whenever what is live or public may change: a
page saved whole (publishing, unpublishing, a page created live in code), moved or deleted,
a view restriction added or removed; never on a draft's save, which leaves the page as it
is. That is a few queries per publish, and none per request.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField
from django.db.models.functions import Cast
from django.db.models.signals import post_delete, post_save

from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.signals import post_page_move


def used_by_public_pages():
    """The ids (as text, as the reference index keeps them) of the documents that live
    public pages refer to, as a subquery."""
    public_pages = Page.objects.live().public().annotate(key=Cast("pk", CharField()))
    return ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        to_content_type=ContentType.objects.get_for_model(get_document_model()),
        object_id__in=public_pages.values("key"),
    ).values("to_object_id")


def refresh():
    """Set `on_public_page` of every document from the live public pages of now; returns
    the documents that changed."""
    documents = get_document_model().objects.annotate(key=Cast("pk", CharField()))
    used = used_by_public_pages()
    changed = [
        *documents.filter(on_public_page=False, key__in=used),
        *documents.filter(on_public_page=True).exclude(key__in=used),
    ]
    for document in changed:
        document.on_public_page = not document.on_public_page
        document.save(update_fields=["on_public_page"])
    return changed


def _page_saved(sender, instance, created=False, update_fields=None, raw=False, **kwargs):
    if raw or not isinstance(instance, Page):
        return
    if update_fields is not None and "live" not in update_fields:
        return  # a draft saved, a page locked: nothing the public sees changed
    if created and not instance.live:
        return
    # Wagtail updates the reference index in a background task (a worker in production),
    # from the database; what the page refers to must count at once, including the
    # relations it is about to save (modelcluster saves them after this signal).
    if ReferenceIndex.is_indexed(type(instance)):
        with transaction.atomic():
            ReferenceIndex.create_or_update_for_object(instance)
    refresh()


def _page_deleted(sender, instance, **kwargs):
    if instance.live:
        refresh()


def _refresh(**kwargs):
    refresh()


def connect():
    # Every page model sends its own post_save: listen to all, keep pages.
    post_save.connect(_page_saved, dispatch_uid="documents-publicity-page-saved")
    post_delete.connect(_page_deleted, sender=Page, dispatch_uid="documents-publicity-deleted")
    post_page_move.connect(_refresh, dispatch_uid="documents-publicity-moved")
    post_save.connect(
        _refresh, sender=PageViewRestriction, dispatch_uid="documents-publicity-restricted"
    )
    post_delete.connect(
        _refresh, sender=PageViewRestriction, dispatch_uid="documents-publicity-unrestricted"
    )
