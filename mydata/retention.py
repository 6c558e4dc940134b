"""How long residents' data is kept when nobody erases it (run daily by
``manage.py apply_retention``):

- a subscription not confirmed within ``UNCONFIRMED_FOR`` is deleted (its confirmation link
  has long been refused);
- a comment's IP address is cleared ``ip_days`` after the comment was written (the site
  settings' "keep commenters' IP addresses for" days: the command reads them, so feedback
  never reads the site settings).

An unconfirmed comment needs no rule: nothing of it is stored until its confirmation link is
opened (feedback/pending.py); the link itself lives 7 days in the resident's mailbox.
"""

from datetime import timedelta

from feedback.models import PublicComment
from follows.models import Subscription

UNCONFIRMED_FOR = timedelta(days=7)


def delete_unconfirmed_subscriptions(now):
    """Delete the subscriptions left unconfirmed for ``UNCONFIRMED_FOR``; their count."""
    stale = Subscription.objects.filter(
        confirmed_at__isnull=True, created_at__lt=now - UNCONFIRMED_FOR
    )
    count = stale.count()
    stale.delete()
    return count


def clear_comment_ip_addresses(now, ip_days):
    """Clear the IP addresses of comments written more than ``ip_days`` days before ``now``;
    the number of comments cleared."""
    return PublicComment.objects.filter(
        ip_address__isnull=False, submit_date__lt=now - timedelta(days=ip_days)
    ).update(ip_address=None)
