"""Index updates that the search server missed while it was down, for a later retry."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingIndexUpdate(models.Model):
    """An object whose search document could not be written (or removed) when it changed.

    `manage.py search_retry` writes them once the server is back; `update_index` (a full
    rebuild) makes them moot, and `search_retry` then only confirms them.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    deleted = models.BooleanField(
        default=False, help_text=_("The object was deleted: remove its search document.")
    )
    failed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pending search index update")
        verbose_name_plural = _("pending search index updates")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="one_pending_update_per_object"
            )
        ]

    def __str__(self):
        return f"{self.content_type.app_label}.{self.content_type.model} {self.object_id}"
