"""What a change of content makes stale, in one place: the chrome's generation
(core.chrome) and the cached copies of pages (Django's page cache and the caching proxy,
both purged through Wagtail's frontend-cache backends).

- A page published, unpublished, moved or deleted: the chrome (menus, breadcrumbs,
  language links, the footer's links to the accessibility statement and the information
  index, and the information index's tree of the site) and every route of the page and of
  the pages that list it (its ancestors: a section index and its feeds, the home page).
  Wagtail itself purges the page's own routes on publish and unpublish.
- A view restriction added, changed or removed: the chrome, and every route of the page,
  of its descendants and of its listings, so that nothing made private stays cached.
- Site settings (the footer's contacts and text), sites and locales: the chrome
  (`chrome_changed`, connected by the apps whose models those are).
- A workflow step (submitted, approved, rejected, cancelled): the chrome and the page's
  routes, since a plan draft shows its approval trail.
- Comments and indicator values: `pages_changed(pages)`, called by the apps that change them.

The chrome's generation also keys the fragments in which pages keep what they show of other
pages and documents (core.chrome), so whatever moves it makes those stale too.
"""

from django.apps import apps
from django.db.models.signals import post_delete, post_save

from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    task_approved,
    task_cancelled,
    task_rejected,
    task_submitted,
    workflow_approved,
    workflow_cancelled,
    workflow_rejected,
    workflow_submitted,
)

from core import chrome


def _with_listings(pages):
    """The pages and their ancestors below the tree's root, each once."""
    found = {}
    for page in pages:
        found[page.pk] = page
        for ancestor in page.get_ancestors().filter(depth__gt=1):
            found.setdefault(ancestor.pk, ancestor)
    return list(found.values())


def pages_changed(pages):
    """Purge every route of `pages` and of the pages that list them."""
    if apps.is_installed("wagtail.contrib.frontend_cache"):
        purge_pages_from_cache(_with_listings([page for page in pages if page.pk]))


def chrome_changed(**kwargs):
    chrome.bump()


def _page_published_or_unpublished(sender, instance, **kwargs):
    chrome.bump()
    pages_changed([instance])


def _page_moved(sender, instance, parent_page_before, url_path_before, url_path_after, **kwargs):
    """The new listings, and the old addresses of the page and its descendants (pages
    carrying their old `url_path` give their old URLs)."""
    chrome.bump()
    pages_changed([instance, parent_page_before])
    if url_path_before != url_path_after and apps.is_installed("wagtail.contrib.frontend_cache"):
        moved = []
        for page in instance.get_descendants(inclusive=True).specific(defer=True):
            page.url_path = url_path_before + page.url_path[len(url_path_after) :]
            moved.append(page)
        purge_pages_from_cache(moved)


def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        chrome.bump()
        parent = Page.objects.filter(path=instance.path[: -instance.steplen]).first()
        pages_changed([instance, *([parent] if parent else [])])


def _restriction_changed(sender, instance, **kwargs):
    chrome.bump()
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        pages_changed([*page.get_descendants(inclusive=True)])


def _workflow_changed(sender, instance, **kwargs):
    """`instance` is a workflow state or a task state."""
    workflow_state = getattr(instance, "workflow_state", instance)
    page = workflow_state.content_object
    if isinstance(page, Page):
        chrome.bump()
        pages_changed([page])


WORKFLOW_SIGNALS = (
    workflow_submitted,
    workflow_approved,
    workflow_rejected,
    workflow_cancelled,
    task_submitted,
    task_approved,
    task_rejected,
    task_cancelled,
)


def connect():
    for signal in WORKFLOW_SIGNALS:
        signal.connect(_workflow_changed, dispatch_uid="changes-workflow")
    page_published.connect(_page_published_or_unpublished, dispatch_uid="changes-published")
    page_unpublished.connect(_page_published_or_unpublished, dispatch_uid="changes-unpublished")
    post_page_move.connect(_page_moved, dispatch_uid="changes-moved")
    # Every page model sends its own post_delete: listen to all, keep pages.
    post_delete.connect(_page_deleted, dispatch_uid="changes-page-deleted")
    for signal in (post_save, post_delete):
        signal.connect(_restriction_changed, sender=PageViewRestriction)
        for model in (Site, Locale):
            signal.connect(chrome_changed, sender=model, dispatch_uid=f"changes-{model.__name__}")
