"""Everything the site keeps about one e-mail address (GDPR articles 15 and 20): its
comments (with the reader flags on them), its subscriptions, the sent log of its digests
(``follows.SentItem``, kept 15 days so that no item is sent twice) and its stop of the
e-mails about its comments; as a page, JSON and CSV.

A reader's flag is stored without an e-mail address (a keyed hash of the network address it
came from, which many people share), so no flag can be tied to an address: flags appear
here as what was reported about the address's own comments.
"""

import csv
import io
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from core.csv_cells import formula_safe_row
from core.visibility import public_page_ids
from feedback import conf
from feedback.models import CommentNotificationOptOut, PublicComment, ReaderFlag
from feedback.moderation import pages_of
from follows.models import SentItem, Subscription
from follows.names import followed_names
from follows.sent import sent_item_descriptions

Status = PublicComment.Status

# What the author is told of a comment's moderation status: three states.
STATES = {
    Status.PUBLISHED: ("published", pgettext_lazy("comment state", "Published")),
    Status.HELD: ("waiting", pgettext_lazy("comment state", "Waiting for a moderator")),
    Status.FLAGGED: ("waiting", pgettext_lazy("comment state", "Waiting for a moderator")),
    Status.REMOVED: ("removed", pgettext_lazy("comment state", "Removed")),
    Status.SPAM: ("removed", pgettext_lazy("comment state", "Removed")),
}
CONFIRMED = gettext_lazy("Confirmed")
UNCONFIRMED = gettext_lazy("Not confirmed")


def normalised(email):
    return (email or "").strip().lower()


def comments_of(email):
    """The comments written from ``email`` (official answers are the municipality's)."""
    return PublicComment.objects.filter(user_email__iexact=normalised(email), is_official=False)


def subscriptions_of(email):
    return Subscription.objects.filter(email__iexact=normalised(email))


def isoformat(moment):
    return timezone.localtime(moment).isoformat() if moment else None


@dataclass
class CommentRecord:
    comment: PublicComment
    page_title: str
    page_url: str  # absolute; empty when the page is not public
    flags: list = field(default_factory=list)

    @property
    def state(self):
        return STATES.get(self.comment.status, STATES[Status.HELD])[0]

    @property
    def state_label(self):
        return STATES.get(self.comment.status, STATES[Status.HELD])[1]


@dataclass
class SubscriptionRecord:
    subscription: Subscription
    followed: str
    page_url: str

    @property
    def state_label(self):
        return CONFIRMED if self.subscription.confirmed_at else UNCONFIRMED


class ResidentData:
    """What is kept about ``email``, read once."""

    def __init__(self, email):
        self.email = normalised(email)
        self.comments = self._comments()
        subscriptions = list(subscriptions_of(self.email).select_related("page", "topic"))
        public = public_page_ids(item.page_id for item in subscriptions)
        self.subscriptions = [
            SubscriptionRecord(item, name, self._url(item.page) if item.page_id in public else "")
            for item, name in zip(subscriptions, followed_names(subscriptions), strict=True)
        ]
        self.sent_items = list(
            SentItem.objects.filter(email=self.email).order_by("sent_at").values("key", "sent_at")
        )
        descriptions = sent_item_descriptions(item["key"] for item in self.sent_items)
        for item in self.sent_items:
            item["description"] = descriptions[item["key"]]
        stop = CommentNotificationOptOut.objects.filter(email=self.email).first()
        self.notifications_stopped = stop.created_at if stop else None

    @staticmethod
    def _url(page):
        return conf.site_url() + (page.url or "")

    def _comments(self):
        comments = list(comments_of(self.email).order_by("submit_date", "pk"))
        pages = {str(page.pk): page for page in pages_of(comments)}
        public = public_page_ids(page.pk for page in pages.values())
        flags = {}
        for flag in ReaderFlag.objects.filter(comment__in=comments).order_by("flagged_at"):
            flags.setdefault(flag.comment_id, []).append(flag)
        records = []
        for comment in comments:
            page = pages.get(comment.object_pk)
            url = ""
            if page is not None and page.pk in public:
                url = self._url(page) + f"#{comment.anchor}"
            records.append(
                CommentRecord(comment, page.title if page else "", url, flags.get(comment.pk, []))
            )
        return records

    @property
    def is_empty(self):
        return not (
            self.comments or self.subscriptions or self.sent_items or self.notifications_stopped
        )

    # --- Downloads ----------------------------------------------------------------------

    def as_json(self):
        return {
            "email": self.email,
            "exported_at": isoformat(timezone.now()),
            "comments": [
                {
                    "id": record.comment.pk,
                    "page": record.page_title,
                    "url": record.page_url,
                    "section": record.comment.section_title,
                    "submitted_at": isoformat(record.comment.submit_date),
                    "name": record.comment.user_name,
                    "email": record.comment.user_email,
                    "website": record.comment.user_url,
                    "ip_address": record.comment.ip_address,
                    "text": record.comment.comment,
                    "status": record.state,
                    "in_reply_to": (
                        record.comment.parent_id
                        if record.comment.parent_id != record.comment.pk
                        else None
                    ),
                    "email_on_new_comments": record.comment.followup,
                    "comments_as": record.comment.contributor_type,
                    "reader_flags": [
                        {
                            "reason": flag.reason,
                            "flagged_at": isoformat(flag.flagged_at),
                            "reviewed": flag.reviewed,
                        }
                        for flag in record.flags
                    ],
                }
                for record in self.comments
            ],
            "subscriptions": [
                {
                    "id": record.subscription.pk,
                    "follows": record.subscription.kind,
                    "followed": record.followed,
                    "url": record.page_url,
                    "language": record.subscription.language,
                    "rhythm": record.subscription.rhythm,
                    "created_at": isoformat(record.subscription.created_at),
                    "confirmed_at": isoformat(record.subscription.confirmed_at),
                }
                for record in self.subscriptions
            ],
            "digest_items_sent": [
                {
                    "item": item["key"],
                    "description": item["description"],
                    "sent_at": isoformat(item["sent_at"]),
                }
                for item in self.sent_items
            ],
            "comment_emails_stopped_at": isoformat(self.notifications_stopped),
        }

    def as_csv(self):
        """One table, a row per comment, reader flag and subscription, every cell safe from
        spreadsheet formulas."""
        out = io.StringIO()
        out.write("\ufeff")  # a BOM: spreadsheets then read UTF-8 (Lithuanian letters)
        writer = csv.writer(out)
        writer.writerow(
            [
                _("Record"),
                _("Number"),
                _("Date"),
                _("Page or what is followed"),
                _("Link"),
                _("Name"),
                _("E-mail address"),
                _("Website"),
                _("IP address"),
                _("Text"),
                _("Status"),
                _("Details"),
            ]
        )
        for record in self.comments:
            comment = record.comment
            writer.writerow(
                formula_safe_row(
                    [
                        _("comment"),
                        comment.pk,
                        isoformat(comment.submit_date),
                        record.page_title,
                        record.page_url,
                        comment.user_name,
                        comment.user_email,
                        comment.user_url,
                        comment.ip_address,
                        comment.comment,
                        record.state_label,
                        comment.section_title,
                    ]
                )
            )
            for flag in record.flags:
                writer.writerow(
                    formula_safe_row(
                        [
                            _("reader's report of your comment"),
                            comment.pk,
                            isoformat(flag.flagged_at),
                            record.page_title,
                            record.page_url,
                            "",
                            "",
                            "",
                            "",
                            "",
                            _("Reviewed") if flag.reviewed else _("Not reviewed yet"),
                            flag.get_reason_display(),
                        ]
                    )
                )
        for record in self.subscriptions:
            item = record.subscription
            writer.writerow(
                formula_safe_row(
                    [
                        _("subscription"),
                        item.pk,
                        isoformat(item.created_at),
                        record.followed,
                        record.page_url,
                        "",
                        item.email,
                        "",
                        "",
                        "",
                        record.state_label,
                        f"{item.get_language_display()}, {item.get_rhythm_display()}",
                    ]
                )
            )
        for item in self.sent_items:
            writer.writerow(
                formula_safe_row(
                    [
                        _("item sent in a digest"),
                        "",
                        isoformat(item["sent_at"]),
                        item["description"],
                        "",
                        "",
                        self.email,
                        *[""] * 4,
                        item["key"],
                    ]
                )
            )
        if self.notifications_stopped:
            writer.writerow(
                formula_safe_row(
                    [
                        _("e-mails about your comments stopped"),
                        "",
                        isoformat(self.notifications_stopped),
                        *[""] * 3,
                        self.email,
                        *[""] * 5,
                    ]
                )
            )
        return out.getvalue()
