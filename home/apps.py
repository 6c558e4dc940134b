from urllib.parse import urlsplit

from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


def sync_sites_domain(**kwargs):
    """Keep django.contrib.sites' record (used by comments' e-mails and the sitemap index)
    on the site's public address, WAGTAILADMIN_BASE_URL, instead of "example.com"."""
    from django.contrib.sites.models import Site

    domain = urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc
    if domain:
        Site.objects.update_or_create(
            pk=settings.SITE_ID, defaults={"domain": domain, "name": domain}
        )


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home and site shell")

    def ready(self):
        from core import changes
        from home.models import SiteSettings

        post_migrate.connect(sync_sites_domain, sender=self)
        # Every page's header and footer show the site settings.
        post_save.connect(changes.chrome_changed, sender=SiteSettings)
        post_delete.connect(changes.chrome_changed, sender=SiteSettings)
