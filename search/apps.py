from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from wagtail.contrib.search_promotions.models import SearchPromotion

        from core import changes

        # Kept search results show the promoted ones (search.views).
        post_save.connect(changes.chrome_changed, sender=SearchPromotion)
        post_delete.connect(changes.chrome_changed, sender=SearchPromotion)
