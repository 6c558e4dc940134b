from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documents and images")

    def ready(self):
        from core import changes
        from documents import publicity
        from documents.models import CityDocument

        publicity.connect()
        # Pages list documents by title and address in fragments of the chrome's generation.
        post_save.connect(changes.chrome_changed, sender=CityDocument)
        post_delete.connect(changes.chrome_changed, sender=CityDocument)
