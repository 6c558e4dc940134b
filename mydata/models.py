"""The administrators' log of the residents' erasures of their own data."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Erasure(models.Model):
    """One erasure a resident made from their "my data" page (GDPR article 17): when, what
    they asked for and how much was erased. The address is kept only as a keyed hash
    (``core.ratelimit.keyed_hash`` of the address in lower case): an administrator who is
    asked about an address can find its erasures, nobody can read the address back."""

    class Scope(models.TextChoices):
        NAME = "name", _("Remove my name")
        COMMENTS = "comments", _("Remove my comments entirely")

    erased_at = models.DateTimeField(_("erased at"), default=timezone.now, db_index=True)
    address_hash = models.CharField(_("address (keyed hash)"), max_length=64, db_index=True)
    scope = models.CharField(_("what was asked"), max_length=10, choices=Scope.choices)
    comments_anonymised = models.PositiveIntegerField(_("comments kept without the name"))
    comments_emptied = models.PositiveIntegerField(_("comments emptied above others' replies"))
    comments_deleted = models.PositiveIntegerField(_("comments deleted"))
    subscriptions_deleted = models.PositiveIntegerField(_("subscriptions deleted"))
    digest_log_deleted = models.PositiveIntegerField(_("sent digest items deleted"), default=0)
    notification_stops_deleted = models.PositiveIntegerField(_("stops of comment e-mails deleted"))

    class Meta:
        verbose_name = _("erasure of a resident's data")
        verbose_name_plural = _("erasures of residents' data")
        ordering = ["-erased_at", "-pk"]
        # Only superusers read the log; nobody edits it.
        default_permissions = ()

    def __str__(self):
        return f"{self.erased_at:%Y-%m-%d %H:%M} {self.get_scope_display()}"
