from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app shares; it imports no other app of the project."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"

    def ready(self):
        from core import changes

        changes.connect()
