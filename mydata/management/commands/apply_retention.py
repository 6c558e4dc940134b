"""``manage.py apply_retention``: delete what the site keeps no longer than it needs
(mydata/retention.py): unconfirmed subscriptions after 7 days, commenters' IP addresses
after the site settings' number of days.

Schedule it daily (cron, a systemd timer), e.g. at 3:30:
``30 3 * * * cd /srv/cityplan && .venv/bin/python manage.py apply_retention``
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from home.models import SiteSettings
from mydata import retention


def comment_ip_days():
    """The default site's "keep commenters' IP addresses for" days (the field's default
    when the site has no settings yet)."""
    days = (
        SiteSettings.objects.filter(site__is_default_site=True)
        .values_list("comment_ip_days", flat=True)
        .first()
    )
    return days or SiteSettings._meta.get_field("comment_ip_days").default


class Command(BaseCommand):
    help = (
        "Delete subscriptions left unconfirmed for 7 days and the IP addresses of comments "
        "older than the site settings allow."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        days = comment_ip_days()
        subscriptions = retention.delete_unconfirmed_subscriptions(now)
        addresses = retention.clear_comment_ip_addresses(now, days)
        self.stdout.write(
            f"Deleted {subscriptions} unconfirmed subscription(s); cleared the IP address of "
            f"{addresses} comment(s) older than {days} day(s)."
        )
