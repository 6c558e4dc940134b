"""Erasing an address's data (GDPR article 17), as its owner chooses on their page.

- "Remove my name" (``Erasure.Scope.NAME``): a published comment that was answered (a
  published reply by someone else, or the municipality's decision on it) keeps its text,
  without the name, e-mail address, website and IP address, shown as "The author removed
  their name": the answer would make no sense without it. Every other comment is deleted.
- "Remove my comments entirely" (``COMMENTS``): every comment is deleted.

A deleted comment that others replied to (at any depth) stays as an empty placeholder, "The
author deleted this comment", with nothing of its author or text: deleting the row would
cut the replies from their thread (django-comments-xtd threads by parent), and deleting the
replies would erase other people's words. A placeholder is never published again.

In both cases the address's subscriptions, its digests' sent log and its stop of the comment
e-mails are deleted.
Reader flags carry no e-mail address (records.py): the flags on a deleted comment go with
it. Every erasure is logged (``Erasure``) with counts and a keyed hash of the address; the
pages that showed the comments are made stale at once (their comment lists' version moves
and their cached copies are purged).
"""

from django.db import transaction

from core.ratelimit import keyed_hash
from feedback import moderation
from feedback.models import (
    AuthorErasure,
    CommentNotificationOptOut,
    Disposition,
    PublicComment,
    ReaderFlag,
)
from follows.models import SentItem
from mydata.models import Erasure
from mydata.records import comments_of, normalised, subscriptions_of

Status = PublicComment.Status
PERSONAL_FIELDS = {"user_name": "", "user_email": "", "user_url": "", "ip_address": None}


def address_hash(email):
    return keyed_hash(normalised(email))


def plan(own, scope):
    """``(anonymise, empty, delete)``: the ids of ``own`` comments (of one address) each
    erasure step takes, read from the threads they are in (one query)."""
    own_ids = {comment.pk for comment in own}
    rows = PublicComment.objects.filter(thread_id__in={c.thread_id for c in own}).values_list(
        "pk", "parent_id", "status"
    )
    children = {}
    for pk, parent_id, status in rows:
        if parent_id != pk:
            children.setdefault(parent_id, []).append((pk, status))
    decided = set(
        Disposition.objects.filter(comment_id__in=own_ids).values_list("comment_id", flat=True)
    )

    def others_below(pk):
        return any(
            child not in own_ids or others_below(child) for child, _status in children.get(pk, ())
        )

    def answered(comment):
        return comment.pk in decided or any(
            child not in own_ids and status == Status.PUBLISHED
            for child, status in children.get(comment.pk, ())
        )

    anonymise, empty, delete = set(), set(), set()
    for comment in own:
        if scope == Erasure.Scope.NAME and comment.is_published and answered(comment):
            anonymise.add(comment.pk)
        elif others_below(comment.pk):
            empty.add(comment.pk)
        else:
            delete.add(comment.pk)
    return anonymise, empty, delete


def erase(email, scope):
    """Erase ``email``'s data as ``scope`` says; the ``Erasure`` logged."""
    email = normalised(email)
    with transaction.atomic():
        own = list(comments_of(email).select_related(None).select_for_update())
        pages = moderation.pages_of(own)
        anonymise, empty, delete = plan(own, scope)
        PublicComment.objects.filter(pk__in=anonymise).update(
            **PERSONAL_FIELDS, user=None, followup=False, erased_by_author=AuthorErasure.NAME
        )
        ReaderFlag.objects.filter(comment_id__in=empty).delete()
        Disposition.objects.filter(comment_id__in=empty).delete()
        PublicComment.objects.filter(pk__in=empty).update(
            **PERSONAL_FIELDS,
            user=None,
            followup=False,
            comment="",
            section_title="",
            contributor_type="",
            held_reasons=[],
            flag_count=0,
            removal_reason="",
            removal_note="",
            status=Status.REMOVED,
            is_public=False,
            is_removed=True,
            erased_by_author=AuthorErasure.COMMENT,
        )
        PublicComment.objects.filter(pk__in=delete).delete()
        subscriptions = subscriptions_of(email)
        subscription_count = subscriptions.count()
        subscriptions.delete()
        sent = SentItem.objects.filter(email=email)
        sent_count = sent.count()
        sent.delete()
        stops = CommentNotificationOptOut.objects.filter(email=email)
        stop_count = stops.count()
        stops.delete()
        record = Erasure.objects.create(
            address_hash=address_hash(email),
            scope=scope,
            comments_anonymised=len(anonymise),
            comments_emptied=len(empty),
            comments_deleted=len(delete),
            subscriptions_deleted=subscription_count,
            digest_log_deleted=sent_count,
            notification_stops_deleted=stop_count,
        )
    moderation.pages_changed(pages)
    return record
