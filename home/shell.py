"""The site shell's data, kept in Django's cache: main menu, breadcrumbs, language links,
site settings and which sections are private; and what pages show of other pages (the home
page's plan progress, the meeting decisions a plan lists).

Every public page shows them, and reading them from the database costs about ten queries
per page. They change only when pages are published, unpublished, saved, moved or deleted,
or when view restrictions, site settings, sites, locales or indicator values change: each
of those bumps one generation key, which makes every entry stale at once (no key lookups,
no per-page purges).
The bump happens at once and again when the transaction commits, so that a reader who
rendered the old tree in between cannot keep it cached.
"""

import uuid

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save

from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

GENERATION_KEY = "cityplan:shell:generation"
# An entry outlives no bump; the timeout only bounds what an unnoticed change could leave.
TIMEOUT = 60 * 60


def _generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        cache.add(GENERATION_KEY, generation, None)
        generation = cache.get(GENERATION_KEY, generation)
    return generation


def cached(name, *parts, build):
    """The value stored under `name` and `parts` in the current generation, or `build()`."""
    key = ":".join(["cityplan:shell", _generation(), name, *map(str, parts)])
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value


def bump(**kwargs):
    """Make every entry stale, now and when the current transaction commits."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    transaction.on_commit(lambda: cache.set(GENERATION_KEY, uuid.uuid4().hex, None))


def _bump_for_page(sender, instance, **kwargs):
    if isinstance(instance, Page):
        bump()


# --- Private sections ---------------------------------------------------------------


def restricted_paths():
    """Tree paths of the pages that carry a view restriction (their sections are private)."""
    return cached(
        "restricted",
        build=lambda: sorted(PageViewRestriction.objects.values_list("page__path", flat=True)),
    )


def public_q():
    """A filter for pages outside private sections: Wagtail's `.public()` without its query
    (it reads every restriction on every call) while no section is private, and from one
    cached list of paths when some are. Use as `pages.filter(public_q())`."""
    public = Q()
    for path in restricted_paths():
        public &= ~Q(path__startswith=path)
    return public


class CachedViewRestrictionsMixin:
    """A page type whose serving skips the view-restriction queries (two per request) while
    no section of the site is private; otherwise Wagtail's own check runs unchanged."""

    def get_view_restrictions(self):
        if not restricted_paths():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def connect():
    page_published.connect(_bump_for_page, dispatch_uid="shell-published")
    page_unpublished.connect(_bump_for_page, dispatch_uid="shell-unpublished")
    post_page_move.connect(_bump_for_page, dispatch_uid="shell-moved")
    # Every page model sends its own post_save / post_delete: listen to all, keep pages.
    post_save.connect(_bump_for_page, dispatch_uid="shell-page-saved")
    post_delete.connect(_bump_for_page, dispatch_uid="shell-page-deleted")
    # Indicator values: the home page's plan progress.
    for model in (
        PageViewRestriction,
        Site,
        Locale,
        apps.get_model("home", "SiteSettings"),
        apps.get_model("plans", "IndicatorValue"),
    ):
        post_save.connect(bump, sender=model, dispatch_uid=f"shell-saved-{model.__name__}")
        post_delete.connect(bump, sender=model, dispatch_uid=f"shell-deleted-{model.__name__}")
