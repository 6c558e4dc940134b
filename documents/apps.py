from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documents and images")

    def ready(self):
        from core import changes
        from documents import publicity
        from documents.models import CityDocument, CityImage

        publicity.connect()
        # Pages show documents (title, address) and images (file, alternative text) in
        # fragments of the chrome's generation.
        for model in (CityDocument, CityImage):
            post_save.connect(changes.chrome_changed, sender=model)
            post_delete.connect(changes.chrome_changed, sender=model)
