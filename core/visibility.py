"""Which pages the public may see in listings: live pages outside private sections."""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Left, Length

from wagtail.models import Page, PageViewRestriction


def public_q():
    """A filter for pages under no view restriction (on themselves or an ancestor): what
    Wagtail's `.public()` keeps, as a subquery of the listing's own query instead of a query
    of every restriction first. Use as `pages.filter(public_q())`."""
    restricted = PageViewRestriction.objects.filter(
        page__path=Left(OuterRef("path"), Length("page__path"))
    )
    return ~Q(Exists(restricted))


def public_page_ids(ids):
    """Which of the page ``ids`` the public may open (live, under no view restriction), in
    one query."""
    ids = {pk for pk in ids if pk is not None}
    return set(Page.objects.live().filter(public_q(), pk__in=ids).values_list("pk", flat=True))
