"""The site's chrome (header, main menu, language links, breadcrumbs, footer) rendered once
per generation and kept in Django's cache with its `{% cache %}` tag.

Every public page shows the chrome, and it changes only when the page tree, view
restrictions, sites, locales or site settings change: each of those moves one generation
(`bump()`, called by core.changes), which every fragment's key contains, so every fragment
is stale at once with no key lookups. A request reads the generation once, through the
context processor `chrome` (templates: `{% cache chrome.seconds "name" chrome.generation … %}`).
In a preview the generation is one of its own and nothing is kept, so an editor sees the
unsaved title in the breadcrumbs.
"""

import uuid

from django.core.cache import cache
from django.db import transaction
from django.utils.functional import SimpleLazyObject

GENERATION_KEY = "chrome:generation"
# A fragment outlives no bump; the time only bounds what an unnoticed change could leave.
SECONDS = 60 * 60


def generation():
    """The current generation (a new one when the cache has none)."""
    current = cache.get(GENERATION_KEY)
    if current is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        current = cache.get(GENERATION_KEY) or "none"
    return current


def _new_generation():
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def bump():
    """Make every fragment stale, now and again when the transaction commits (a reader who
    rendered the old tree in between must not keep it)."""
    _new_generation()
    transaction.on_commit(_new_generation)


def context_processor(request):
    """`chrome.generation` and `chrome.seconds` for the `{% cache %}` tags of the chrome."""
    if getattr(request, "is_preview", False):
        return {"chrome": {"generation": "preview", "seconds": 0}}
    return {
        "chrome": {"generation": SimpleLazyObject(generation), "seconds": SECONDS},
    }
