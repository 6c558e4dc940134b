"""What a reader follows, by e-mail address, with no account needed.

A subscription names one followed thing: a working group, a plan draft (all its versions), a
priority of a plan draft (by the priority's stable element id), or a news topic (a tag). It
is confirmed by a link sent to the address (double opt-in): nothing is sent to an address
before ``confirmed_at`` is set.
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class Subscription(models.Model):
    """One address following one thing, in one language, at one rhythm."""

    class Kind(models.TextChoices):
        GROUP = "group", _("working group")
        PLAN = "plan", _("plan draft")
        PRIORITY = "priority", _("plan priority")
        TOPIC = "topic", _("news topic")

    class Rhythm(models.TextChoices):
        IMMEDIATE = "immediate", _("at once")
        DAILY = "daily", _("once a day")
        WEEKLY = "weekly", _("once a week")

    email = models.EmailField(_("e-mail address"), db_index=True)
    kind = models.CharField(_("follows"), max_length=16, choices=Kind.choices)
    # The working group or plan draft followed (for a priority: its plan draft), in any of
    # its languages: what the digest shows is read in ``language``.
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    priority_id = models.UUIDField(_("priority"), null=True, blank=True)
    topic = models.ForeignKey(
        "taggit.Tag",
        verbose_name=_("topic"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    rhythm = models.CharField(
        _("how often"), max_length=16, choices=Rhythm.choices, default=Rhythm.DAILY
    )
    # Set when a signed-in editor follows from the admin (confirmed at once).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        ordering = ["email", "kind", "pk"]
        indexes = [models.Index(fields=["confirmed_at", "rhythm"])]
        # One subscription per address and followed thing (following it again updates it):
        # per kind, as the fields that name a thing differ (and NULLs never clash).
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "kind",
                "page",
                condition=models.Q(kind__in=["group", "plan"]),
                name="follows_one_page_per_address",
            ),
            models.UniqueConstraint(
                Lower("email"),
                "page",
                "priority_id",
                condition=models.Q(kind="priority"),
                name="follows_one_priority_per_address",
            ),
            models.UniqueConstraint(
                Lower("email"),
                "topic",
                condition=models.Q(kind="topic"),
                name="follows_one_topic_per_address",
            ),
        ]

    def __str__(self):
        return f"{self.email} — {self.get_kind_display()}"


class SentItem(models.Model):
    """One item of a digest e-mailed to an address: the sent log that keeps a digest run
    that crashed and runs again from telling anyone the same thing twice.

    Kept per address, not per subscription, so that an article that both a followed group
    and a followed topic report is told once, and a row outlives an unsubscribe and a new
    subscription. Rows are recorded in the transaction that hands the digest to the mail
    backend (``follows.digest``) and pruned once no run looks that far back.
    """

    email = models.CharField(_("e-mail address"), max_length=254)  # stored in lower case
    key = models.CharField(_("item"), max_length=200)
    rhythm = models.CharField(_("how often"), max_length=16, choices=Subscription.Rhythm.choices)
    sent_at = models.DateTimeField(_("sent"))

    class Meta:
        verbose_name = _("sent digest item")
        verbose_name_plural = _("sent digest items")
        constraints = [
            models.UniqueConstraint(fields=["email", "key"], name="follows_item_sent_once")
        ]
        indexes = [models.Index(fields=["email", "rhythm", "sent_at"])]

    def __str__(self):
        return f"{self.email}: {self.key}"
