"""The app's settings, read from django.conf.settings with their defaults.

- ``FEEDBACK_RATE_LIMIT`` (``"5/m"``): comment posts per client address, as ``N/s``,
  ``N/m`` or ``N/h``; ``None`` turns the limit off. Past it: HTTP 429.
- ``FEEDBACK_FLAG_RATE_LIMIT`` (``"20/h"``): reader flags per client address.
- ``FEEDBACK_FLAG_THRESHOLD`` (``3``): flags from different readers that hide a comment
  until a moderator reviews it.
- ``FEEDBACK_MAX_LINKS`` (``3``): a comment with more links is refused; one with any link
  is held for moderation.
- ``FEEDBACK_MIN_LENGTH`` (``3``): the shortest comment accepted, in characters.
- ``COMMENT_MAX_LENGTH`` (``3000``, django-contrib-comments'): the longest comment.
- ``COMMENTS_TIMEOUT`` (``7200``, django-contrib-comments'): seconds a form stays valid.
- ``FEEDBACK_THREADS_PER_PAGE`` (``20``): threads shown at first and added by "show more".
- ``FEEDBACK_DEFAULT_ORDER`` (``"oldest"``): ``"oldest"`` or ``"newest"`` thread first.
- ``FEEDBACK_PROXY_COUNT`` (``0``): trusted reverse proxies that append the client's
  address to X-Forwarded-For (0: the client is REMOTE_ADDR).
- ``FEEDBACK_OFFICIAL_AUTHOR`` (``"Municipality"``): the name on official answers.
- ``FEEDBACK_DIGEST_TO_SUPERUSERS`` (``False``): also send the moderators' digest to
  superusers.
- ``FEEDBACK_REPLY_ADDRESS`` (``None``): the dotted path of a function of a page (or
  ``None``) that gives the address residents write to with questions about the e-mails of
  its comments (the site settings' in this project: this app imports no page app). Without
  one, or when it gives none: ``DEFAULT_FROM_EMAIL``'s address.
"""

import re
from dataclasses import dataclass
from email.utils import parseaddr

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

PERIODS = {"s": 1, "m": 60, "h": 3600}


@dataclass(frozen=True)
class Rate:
    """At most ``count`` requests in ``seconds``."""

    count: int
    seconds: int


def parse_rate(value, name):
    if value in (None, ""):
        return None
    match = re.fullmatch(r"\s*(\d+)\s*/\s*([smh])\s*", str(value))
    if not match:
        raise ImproperlyConfigured(f"{name} must look like '5/m' (per s, m or h), not {value!r}")
    return Rate(int(match[1]), PERIODS[match[2]])


def rate_limit():
    return parse_rate(getattr(settings, "FEEDBACK_RATE_LIMIT", "5/m"), "FEEDBACK_RATE_LIMIT")


def flag_rate_limit():
    return parse_rate(
        getattr(settings, "FEEDBACK_FLAG_RATE_LIMIT", "20/h"), "FEEDBACK_FLAG_RATE_LIMIT"
    )


def flag_threshold():
    return max(1, int(getattr(settings, "FEEDBACK_FLAG_THRESHOLD", 3)))


def max_links():
    return int(getattr(settings, "FEEDBACK_MAX_LINKS", 3))


def min_length():
    return int(getattr(settings, "FEEDBACK_MIN_LENGTH", 3))


def max_length():
    return int(getattr(settings, "COMMENT_MAX_LENGTH", 3000))


def threads_per_page():
    return max(1, int(getattr(settings, "FEEDBACK_THREADS_PER_PAGE", 20)))


def default_order():
    order = getattr(settings, "FEEDBACK_DEFAULT_ORDER", "oldest")
    return order if order in ("oldest", "newest") else "oldest"


def proxy_count():
    return int(getattr(settings, "FEEDBACK_PROXY_COUNT", 0))


def official_author():
    return getattr(settings, "FEEDBACK_OFFICIAL_AUTHOR", None) or _("Municipality")


def digest_to_superusers():
    return bool(getattr(settings, "FEEDBACK_DIGEST_TO_SUPERUSERS", False))


def site_url():
    """The public site's base URL for links in e-mails (no trailing slash)."""
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")


# A mailbox nobody reads: "no-reply@", "noreply@", "do-not-reply@", "donotreply@"...
NO_REPLY = re.compile(r"^(?:no|do[-_.]?not)[-_.]?reply(?:[-_.+]|$)", re.IGNORECASE)


def reply_address(page=None):
    """The address residents write to with questions about the e-mails of ``page``'s
    comments (their Reply-To and "Questions?" line), or "" when there is none: never a
    no-reply address, which would tell them to write where nobody reads."""
    candidates = []
    source = getattr(settings, "FEEDBACK_REPLY_ADDRESS", None)
    if source:
        candidates.append(import_string(source)(page))
    candidates.append(parseaddr(settings.DEFAULT_FROM_EMAIL)[1])
    for address in candidates:
        address = (address or "").strip()
        local_part = address.rpartition("@")[0]
        if local_part and not NO_REPLY.match(local_part):
            return address
    return ""
