"""Purge the listings too: a page's publish, unpublish, move or deletion changes the pages
that list it (its ancestors: the section index, the home page), and, for a page in the main
menu, every page. The page's own URL is purged by Wagtail's frontend-cache handlers."""

from django.apps import apps
from django.db.models.signals import post_delete

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move


def purge(urls):
    if not urls:
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    purge_urls_from_cache(sorted(set(urls)))


def listing_urls(page):
    """The page's ancestors below the tree's root (a section index, the home page)."""
    pages = page.get_ancestors()[1:]
    return [url for ancestor in pages if (url := ancestor.specific_deferred.get_full_url())]


def purge_listings(page, *, menu_changed):
    from pagecache import store

    if menu_changed or page.depth <= 3:
        store.purge_site()
    purge(listing_urls(page))


def on_publish_or_unpublish(sender, instance, **kwargs):
    purge_listings(instance, menu_changed=instance.show_in_menus)


def on_move_or_delete(sender, instance, **kwargs):
    """A move changes addresses (the page's and its descendants'); both are rare: drop every
    page from the page cache, and the page's old listings from the proxy."""
    from pagecache import store

    store.purge_site()
    if isinstance(instance, Page) and instance.live and kwargs.get("parent_page_before"):
        old_parent = kwargs["parent_page_before"]
        old_urls = [old_parent.specific_deferred.get_full_url(), *listing_urls(old_parent)]
        purge([url for url in old_urls if url] + listing_urls(instance))


def connect():
    if not apps.is_installed("wagtail.contrib.frontend_cache"):
        return
    page_published.connect(on_publish_or_unpublish, dispatch_uid="pagecache-published")
    page_unpublished.connect(on_publish_or_unpublish, dispatch_uid="pagecache-unpublished")
    post_page_move.connect(on_move_or_delete, dispatch_uid="pagecache-moved")
    for model in apps.get_models():
        if issubclass(model, Page):
            post_delete.connect(
                on_move_or_delete,
                sender=model,
                dispatch_uid=f"pagecache-deleted-{model._meta.label}",
            )
