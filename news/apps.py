from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from taggit.models import Tag

        from core import changes
        from news.models import TopicName

        # Topics and their names show in every cached page that lists an article's topics.
        for model in (Tag, TopicName):
            post_save.connect(changes.chrome_changed, sender=model, dispatch_uid=f"news-{model}")
            post_delete.connect(changes.chrome_changed, sender=model, dispatch_uid=f"news-{model}")
