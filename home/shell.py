"""The site shell's data, kept in Django's cache: main menu, breadcrumbs, language links,
site settings, which sections are private, and routing (home/routing.py); and what pages
show of other pages and documents (the home page's plan progress, the meeting decisions a
plan lists, an article's topics, working groups and documents).

Every public page shows them, and reading them from the database costs about ten queries
per page. They change only when pages are published, unpublished, saved, moved or deleted,
or when view restrictions, site settings, sites, locales, documents, topics (tags) or
indicator values change: each of those bumps one generation key, which makes every entry
stale at once (no key lookups, no per-page purges).
The bump happens at once and again when the transaction commits, so that a reader who
rendered the old tree in between cannot keep it cached.

A request reads the generation once (one cache round trip), and each process keeps its
own copy of the current generation's entries, so a page's shell costs no round trip for
what this process has read before. Entries are kept pickled and unpickled on each use, as
they would be from the cache: no request can change what another one gets.
"""

import pickle
import uuid

from asgiref.local import Local

from django.apps import apps
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save

from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

GENERATION_KEY = "cityplan:shell:generation"
# An entry outlives no bump; the timeout only bounds what an unnoticed change could leave.
TIMEOUT = 60 * 60
# This process's copies: at most this many entries of one generation (breadcrumbs and
# language links are per page), dropped all at once when full or when the generation moves.
PROCESS_ENTRIES = 5000

_request = Local()  # the generation read by the request in progress
_process = {"generation": None, "entries": {}}


def _begin_request(**kwargs):
    _request.active = True
    _request.generation = None


def _end_request(**kwargs):
    _request.active = False
    _request.generation = None


def _generation():
    in_request = getattr(_request, "active", False)
    if in_request and _request.generation:
        return _request.generation
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        cache.add(GENERATION_KEY, generation, None)
        generation = cache.get(GENERATION_KEY, generation)
    if in_request:
        _request.generation = generation
    return generation


def _process_entries(generation):
    if _process["generation"] != generation or len(_process["entries"]) >= PROCESS_ENTRIES:
        _process["generation"], _process["entries"] = generation, {}
    return _process["entries"]


def _key(generation, name, parts):
    return ":".join(["cityplan:shell", generation, name, *map(str, parts)])


def cached(name, *parts, build):
    """The value stored under `name` and `parts` in the current generation, or `build()`."""
    value = stored(name, *parts)
    if value is None:
        value = build()
        store(name, *parts, value=value)
    return value


def stored(name, *parts):
    """The value stored under `name` and `parts` in the current generation, or None."""
    generation = _generation()
    key = _key(generation, name, parts)
    entries = _process_entries(generation)
    if key in entries:
        return pickle.loads(entries[key])  # noqa: S301 (bytes this process pickled itself)
    value = cache.get(key)
    if value is not None:
        entries[key] = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    return value


def store(name, *parts, value):
    """Keep `value` under `name` and `parts` until the generation moves."""
    generation = _generation()
    key = _key(generation, name, parts)
    cache.set(key, value, TIMEOUT)
    _process_entries(generation)[key] = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)


def _new_generation():
    _request.generation = None
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def bump(**kwargs):
    """Make every entry stale, now and when the current transaction commits."""
    _new_generation()
    transaction.on_commit(_new_generation)


def _bump_for_page(sender, instance, **kwargs):
    if isinstance(instance, Page):
        bump()


def site_key(request):
    """The request's site as part of a key (page addresses depend on the site)."""
    site = Site.find_for_request(request)
    return site.pk if site else "-"


def parent_url(page, request):
    """The address of the page's parent, as `{% pageurl page.get_parent %}` gives it."""
    return cached(
        "parent-url",
        site_key(request),
        page.path[: -page.steplen],
        build=lambda: page.get_parent().get_url(request=request),
    )


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
    request_started.connect(_begin_request, dispatch_uid="shell-request-started")
    request_finished.connect(_end_request, dispatch_uid="shell-request-finished")
    page_published.connect(_bump_for_page, dispatch_uid="shell-published")
    page_unpublished.connect(_bump_for_page, dispatch_uid="shell-unpublished")
    post_page_move.connect(_bump_for_page, dispatch_uid="shell-moved")
    # Every page model sends its own post_save / post_delete: listen to all, keep pages.
    post_save.connect(_bump_for_page, dispatch_uid="shell-page-saved")
    post_delete.connect(_bump_for_page, dispatch_uid="shell-page-deleted")
    # Indicator values: the home page's plan progress; documents and topics (tags): what
    # articles list.
    for model in (
        PageViewRestriction,
        Site,
        Locale,
        apps.get_model("home", "SiteSettings"),
        apps.get_model("plans", "IndicatorValue"),
        apps.get_model("documents", "CityDocument"),
        apps.get_model("taggit", "Tag"),
    ):
        post_save.connect(bump, sender=model, dispatch_uid=f"shell-saved-{model.__name__}")
        post_delete.connect(bump, sender=model, dispatch_uid=f"shell-deleted-{model.__name__}")
