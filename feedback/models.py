"""Public comments: the commentable-page mixin, the comment model and its moderation data.

The comment model extends django-comments-xtd's ``XtdComment`` (settings:
``COMMENTS_XTD_MODEL``), so threading stays xtd's; posting, e-mail confirmation and
follow-up notifications are this app's (views, pending, links, emails). This app adds where
a comment sits on a page (a section and the page version it was written on), its moderation
status, reader flags, official answers and dispositions. This app imports no page app:
pages inherit ``CommentableMixin``.
"""

import json
from dataclasses import dataclass

from django_comments_xtd.models import XtdComment, XtdCommentManager

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.panels import FieldPanel


@dataclass(frozen=True)
class CommentSection:
    """A part of a page that readers can comment on (a plan draft's section)."""

    id: str
    number: int
    title: str

    @property
    def anchor(self):
        return f"section-{self.id}"


@dataclass(frozen=True)
class CommentAvailability:
    """Whether a page takes new comments now and, if not, the notice that says why."""

    is_open: bool
    notice: str = ""


class CommentableMixin(models.Model):
    """A page that takes public comments. Put it before ``Page`` in the bases.

    Its template shows the comments with ``{% include "feedback/includes/comments.html" %}``
    (they are read there, through the ``page_comments`` tag). Subclasses may override
    ``comment_window()`` (comments open only inside it; with ``comment_window_required`` the
    window alone decides, and the subclass may drop the switch: ``comments_open = None``),
    ``comment_sections_field`` (readers may comment on one section of it) and set
    ``comment_dispositions = True`` (moderators record what became of each comment).
    """

    comments_open = models.BooleanField(
        _("accept comments"),
        default=True,
        help_text=_(
            "Readers can comment on this page. Untick to close the comments; published "
            "comments stay visible."
        ),
    )

    #: Moderators record what became of each comment ("You said — we did").
    comment_dispositions = False
    #: Comments are accepted only inside ``comment_window()``, which alone opens and closes
    #: them (such a page has no switch of its own): without a window they are closed.
    comment_window_required = False
    #: The name of a StreamField whose top-level blocks readers can comment on one by one;
    #: a block's id is the section's stable id (and its public anchor ``section-<id>``).
    comment_sections_field = None
    comment_panels = [FieldPanel("comments_open")]

    class Meta:
        abstract = True

    def comment_window(self):
        """``(opens, closes)``: comments are accepted only between them (``None``: no limit)."""
        return None, None

    def consultation_report_groups(self):
        """Names of the groups whose members, besides administrators, may make the council's
        consultation report of this page (pages with dispositions only)."""
        return []

    def comment_sections(self):
        """The page's commentable sections: the blocks of ``comment_sections_field``, read
        from the stream's stored form (what the blocks refer to, such as documents, is not
        needed for their ids and headings)."""
        if not self.comment_sections_field:
            return []
        stream = getattr(self, self.comment_sections_field)
        return [
            CommentSection(str(block.get("id")), number, self.comment_section_title(block["value"]))
            for number, block in enumerate(stream.raw_data, start=1)
        ]

    def comment_section_title(self, value):
        """A section's heading, from its block's stored value."""
        if hasattr(value, "get"):
            return str(value.get("heading") or value.get("title") or "")
        return str(value)[:80]

    def comment_section_data(self, stream_data=None):
        """``{block id: raw value}`` of the sections, from the page or a revision's content."""
        if not self.comment_sections_field:
            return {}
        if stream_data is None:
            stream_data = getattr(self, self.comment_sections_field).raw_data
        if isinstance(stream_data, str):
            stream_data = json.loads(stream_data or "[]")
        return {
            str(block.get("id")): block.get("value")
            for block in stream_data or []
            if isinstance(block, dict) and block.get("id")
        }

    def comment_availability(self, now=None):
        if not self.comment_window_required and not self.comments_open:
            return CommentAvailability(False, _("Comments on this page are closed."))
        opens, closes = self.comment_window()
        if self.comment_window_required and not (opens and closes):
            return CommentAvailability(False, _("This page is not open for public comments."))
        now = now or timezone.now()
        if opens and now < opens:
            return CommentAvailability(
                False,
                _("Comments open on %(date)s.")
                % {"date": date_format(timezone.localtime(opens), "DATETIME_FORMAT")},
            )
        if closes and now >= closes:
            return CommentAvailability(
                False,
                _("The public consultation ended on %(date)s. Comments are closed.")
                % {"date": date_format(timezone.localtime(closes), "DATETIME_FORMAT")},
            )
        return CommentAvailability(True)

    @property
    def accepts_comments(self):
        return self.comment_availability().is_open

    @staticmethod
    def with_comment_counts(queryset):
        """Annotate a queryset of commentable pages with ``comment_count`` (a subquery, so a
        listing costs no extra query per page)."""
        counts = (
            PublicComment.objects.published()
            .filter(
                content_type_id=OuterRef("content_type_id"),
                object_pk=Cast(OuterRef("pk"), models.CharField()),
            )
            .order_by()
            .values("object_pk")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return queryset.annotate(
            comment_count=Coalesce(Subquery(counts, output_field=models.IntegerField()), Value(0))
        )


class PublicCommentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PublicComment.Status.PUBLISHED)

    def for_page(self, page):
        return self.filter(
            content_type=ContentType.objects.get_for_model(page), object_pk=str(page.pk)
        )

    def pending_review(self):
        """Held comments and those hidden by reader flags: the moderators' to-do list."""
        return self.filter(status__in=[PublicComment.Status.HELD, PublicComment.Status.FLAGGED])


class PublicCommentManager(XtdCommentManager.from_queryset(PublicCommentQuerySet)):
    pass


class RemovalReason(models.TextChoices):
    """Why a moderator did not publish a comment, as its author is told by e-mail."""

    OFF_TOPIC = "off_topic", _("Not about the subject of the page")
    OFFENSIVE = "offensive", _("Insulting or disrespectful language")
    PERSONAL_DATA = "personal_data", _("Reveals someone's personal data")
    ADVERTISING = "advertising", _("Advertising")
    REPEATED = "repeated", _("Repeats an earlier comment")


class ContributorType(models.TextChoices):
    """Who a comment speaks for, as its author says (the council's consultation report)."""

    RESIDENT = "resident", pgettext_lazy("contributor type", "Resident")
    ORGANISATION = "organisation", pgettext_lazy("contributor type", "Organisation")
    WORKING_GROUP = "working_group", pgettext_lazy("contributor type", "Working group")


class AuthorErasure(models.TextChoices):
    """What the author of a comment erased of it with their own data (GDPR article 17)."""

    NAME = "name", _("The author removed their name")
    COMMENT = "comment", _("The author deleted this comment")


class PublicComment(XtdComment):
    """A comment by a member of the public (or an official answer) on a commentable page."""

    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
        HELD = "held", _("Held for moderation")
        FLAGGED = "flagged", _("Hidden after reader flags")
        REMOVED = "removed", _("Removed")
        SPAM = "spam", _("Spam")

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PUBLISHED, db_index=True
    )
    held_reasons = models.JSONField(_("why it was held"), default=list, blank=True)
    section_id = models.CharField(_("section"), max_length=64, blank=True, db_index=True)
    section_title = models.CharField(_("section heading"), max_length=255, blank=True)
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("page version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_official = models.BooleanField(_("official answer"), default=False)
    contributor_type = models.CharField(
        _("comments as"),
        max_length=20,
        choices=ContributorType.choices,
        blank=True,
        help_text=_("Given by the author (optional); the consultation report counts by it."),
    )
    flag_count = models.PositiveIntegerField(_("reader flags awaiting review"), default=0)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    followers_notified = models.BooleanField(default=False, editable=False)
    removal_reason = models.CharField(
        _("reason for removal"), max_length=20, choices=RemovalReason.choices, blank=True
    )
    removal_note = models.TextField(_("moderator's explanation"), max_length=1000, blank=True)
    # The e-mails to the author about the comment, each sent once however often it is moderated.
    author_told_published = models.BooleanField(default=False, editable=False)
    author_told_rejected = models.BooleanField(default=False, editable=False)
    # Set when the author erased their data: ``NAME``, the text stays without the name, e-mail
    # address, website and IP address; ``COMMENT``, an empty placeholder kept only above
    # others' replies, so that their thread still reads in order.
    erased_by_author = models.CharField(
        _("erased by its author"),
        max_length=10,
        choices=AuthorErasure.choices,
        blank=True,
        editable=False,
    )

    objects = PublicCommentManager()

    class Meta:
        verbose_name = _("public comment")
        verbose_name_plural = _("public comments")
        default_permissions = ()
        permissions = [
            ("moderate_comment", "Can moderate public comments"),
            ("answer_comment", "Can post official answers to public comments"),
            ("set_disposition", "Can record what became of a comment on a plan draft"),
        ]

    def get_absolute_url(self, anchor_pattern=None):
        return reverse("feedback-comment", args=[self.pk])

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def anchor(self):
        return f"c{self.pk}"

    @property
    def author_name(self):
        """The name shown with the comment: its author's, or that they removed it."""
        if self.erased_by_author:
            return str(AuthorErasure.NAME.label)
        return self.user_name

    def held_reason_labels(self):
        return [hold_reason_label(reason) for reason in self.held_reasons or []]


HOLD_REASONS = {
    "link": _("contains a link"),
    "first_comment": _("first comment from this e-mail address"),
    "spam_before": _("an earlier comment from this e-mail address was marked as spam"),
}


def hold_reason_label(reason):
    """A moderator-readable label of one stored hold reason (``{"rule": ..., "detail": ...}``)."""
    rule = reason.get("rule", "") if isinstance(reason, dict) else str(reason)
    if rule == "blocked_word":
        return _("contains a blocked word: %(word)s") % {"word": reason.get("detail", "")}
    return HOLD_REASONS.get(rule, rule)


class ReaderFlag(models.Model):
    """A reader's report that a comment breaks the rules; one per reader and comment."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        ABUSE = "abuse", _("Abusive or offensive")
        OFF_TOPIC = "off_topic", _("Off topic")
        PRIVATE = "private", _("Reveals personal data")
        OTHER = "other", _("Something else")

    comment = models.ForeignKey(
        PublicComment, on_delete=models.CASCADE, related_name="reader_flags"
    )
    # A keyed hash of the reader's client address: the address itself is not stored.
    reader = models.CharField(max_length=64)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    flagged_at = models.DateTimeField(_("flagged at"), default=timezone.now)
    reviewed = models.BooleanField(_("reviewed"), default=False)

    class Meta:
        verbose_name = _("reader flag")
        verbose_name_plural = _("reader flags")
        constraints = [
            models.UniqueConstraint(fields=["comment", "reader"], name="one_flag_per_reader")
        ]

    def __str__(self):
        return f"{self.comment_id}: {self.reason}"


class BlockedWord(models.Model):
    """A word or phrase that holds a comment for moderation (edited by moderators)."""

    word = models.CharField(
        _("word or phrase"),
        max_length=100,
        help_text=_("Matched as a whole word or phrase, ignoring case."),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        verbose_name = _("blocked word")
        verbose_name_plural = _("blocked words")
        ordering = ["word"]
        constraints = [
            models.UniqueConstraint(Lower("word"), name="blocked_word_unique_ignoring_case")
        ]

    def __str__(self):
        return self.word

    def clean(self):
        super().clean()
        self.word = " ".join((self.word or "").split())


class Disposition(models.Model):
    """What became of a comment on a plan draft, with the reason ("You said — we did")."""

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        PARTLY = "partly", _("Partly accepted")
        NOT_ACCEPTED = "not_accepted", _("Not accepted")
        OUT_OF_SCOPE = "out_of_scope", _("Out of scope")

    comment = models.OneToOneField(
        PublicComment, on_delete=models.CASCADE, related_name="disposition"
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    reason = models.TextField(_("reason"), max_length=2000)
    landed_in = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("version where the change landed"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The published version that carries the change (accepted comments)."),
    )
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("disposition")
        verbose_name_plural = _("dispositions")

    def __str__(self):
        return f"{self.comment_id}: {self.get_outcome_display()}"


class CommentNotificationOptOut(models.Model):
    """An e-mail address that stopped the e-mails about its own comments (published, not
    published, answered by the municipality), with one click in any of them.

    Kept per address, not per comment: the address is all that identifies a commenter, and
    someone who asked for no more of these e-mails means the comments they write later too.
    The notifications of new comments on a page they follow have their own switch
    (``PublicComment.followup``).
    """

    email = models.EmailField(_("e-mail address"), unique=True)  # stored in lower case
    created_at = models.DateTimeField(_("stopped on"), default=timezone.now)

    class Meta:
        verbose_name = _("stopped comment notifications")
        verbose_name_plural = _("stopped comment notifications")

    def __str__(self):
        return self.email

    @classmethod
    def stop(cls, email):
        cls.objects.get_or_create(email=email.strip().lower())

    @classmethod
    def has_stopped(cls, email):
        return cls.objects.filter(email=email.strip().lower()).exists()


class ConsultationReport(models.Model):
    """The report on the public comments of one version of a page that goes with it to the
    council's committees. Frozen once made: its files never change, and anyone can check
    the copy they hold against the SHA-256 the public page shows."""

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )
    revision = models.OneToOneField(
        "wagtailcore.Revision",
        verbose_name=_("page version"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    version = models.CharField(_("version"), max_length=100)
    comment_count = models.PositiveIntegerField(_("comments"))
    created_at = models.DateTimeField(_("made at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("made by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("consultation report")
        verbose_name_plural = _("consultation reports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.page_id}: {self.revision_id}"


class ConsultationReportFile(models.Model):
    """One format of a consultation report: the stored document and its SHA-256."""

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "DOCX"
        CSV = "csv", "CSV"

    report = models.ForeignKey(ConsultationReport, on_delete=models.CASCADE, related_name="files")
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    # Protected: a frozen report's file cannot be deleted from under it.
    document = models.ForeignKey(
        "documents.CityDocument",
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    sha256 = models.CharField("SHA-256", max_length=64)

    class Meta:
        verbose_name = _("consultation report file")
        verbose_name_plural = _("consultation report files")
        ordering = ["report", "format"]
        constraints = [
            models.UniqueConstraint(fields=["report", "format"], name="one_file_per_format")
        ]

    def __str__(self):
        return f"{self.report_id}: {self.format}"
