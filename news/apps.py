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

        def tag_changed(sender, created=False, **kwargs):
            # A new tag shows on no live page before a publish, which moves the generation.
            if not created:
                changes.chrome_changed()

        # Topics and their English names show in every cached page that lists an article's
        # topics.
        post_save.connect(tag_changed, sender=Tag, dispatch_uid="news-tag-saved", weak=False)
        post_delete.connect(changes.chrome_changed, sender=Tag, dispatch_uid="news-tag-deleted")
        post_save.connect(changes.chrome_changed, sender=TopicName)
        post_delete.connect(changes.chrome_changed, sender=TopicName)
