from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowsConfig(AppConfig):
    """Following the plan by e-mail: subscriptions with double opt-in and digests."""

    name = "follows"
    verbose_name = _("Follows")
    default_auto_field = "django.db.models.BigAutoField"
