"""Moderation: the rules that hold a new comment, and what moderators and readers do to it.

Status changes go through ``QuerySet.update()`` (one statement per table, no ``save()``
signals) and end with ``pages_changed()``, which purges the pages from a frontend cache
when ``wagtail.contrib.frontend_cache`` is installed, so cached pages show the new state.

A resident hears what becomes of their comment, once per event however often it is
moderated: when it is published, when a moderator removes it before it was published (with
the reason), and when the municipality answers it officially (an answer, or a decision in
"You said — we did"). Only about a comment on a live, public page, and only once the change
is committed: a moderation rolled back tells nobody.
"""

import re

from django_comments_xtd.models import BlackListedDomain

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation

from wagtail.models import Page

from core import changes as core_changes
from feedback import emails
from feedback.models import (
    AuthorErasure,
    BlockedWord,
    CommentNotificationOptOut,
    Disposition,
    PublicComment,
    ReaderFlag,
)
from feedback.threads import comments_changed

Status = PublicComment.Status

# Anything a reader or a mail client would turn into a link: a scheme, "www.", an e-mail-less
# domain with a common top-level domain, or HTML markup pointing somewhere.
LINK_PATTERN = re.compile(
    r"""(?ix)
    (?:\b(?:https?|ftp|javascript|data|vbscript)\s*:)          # a scheme
    | \bwww\d{0,3}\.                                          # www.example
    | \bhref\s*=                                              # markup
    | (?<![@\w.-])(?:[a-z0-9-]{1,63}\.)+                      # a bare domain ...
      (?:com|net|org|info|biz|io|co|ru|su|lt|lv|ee|pl|de|eu|uk|us|xyz|top|site|online|shop|
         club|click|link|live|pro|app|dev|me|tk|ml|ga|cf|gq|cn|in|ua|by)\b(?!@)
    """
)


def count_links(text):
    return len(LINK_PATTERN.findall(text or ""))


def blocked_words_in(*texts):
    """The block-list entries found, as whole words or phrases, in any of ``texts``."""
    found = []
    haystack = "\n".join(text or "" for text in texts)
    for word in BlockedWord.objects.values_list("word", flat=True):
        pattern = r"(?<!\w)" + r"\s+".join(re.escape(part) for part in word.split()) + r"(?!\w)"
        if word.strip() and re.search(pattern, haystack, flags=re.IGNORECASE):
            found.append(word)
    return found


def is_blacklisted_email(email):
    domain = (email or "").rpartition("@")[2].strip().lower()
    return bool(domain) and BlackListedDomain.objects.filter(domain__iexact=domain).exists()


def hold_reasons(*, name, email, url, text, user=None):
    """Why a new comment must wait for a moderator (an empty list: publish it)."""
    if user is not None and user.is_authenticated and user.has_perm("feedback.moderate_comment"):
        return []
    reasons = []
    if url or count_links(text) or count_links(name):
        reasons.append({"rule": "link"})
    earlier = PublicComment.objects.filter(user_email__iexact=email)
    if earlier.filter(status=Status.SPAM).exists():
        reasons.append({"rule": "spam_before"})
    elif not earlier.filter(status=Status.PUBLISHED).exists():
        reasons.append({"rule": "first_comment"})
    reasons += [{"rule": "blocked_word", "detail": word} for word in blocked_words_in(text, name)]
    return reasons


# --- Changes of state --------------------------------------------------------------------


def pages_of(comments):
    """The distinct pages the comments belong to (one query per content type)."""
    by_type = {}
    for comment in comments:
        by_type.setdefault(comment.content_type_id, set()).add(comment.object_pk)
    pages = []
    for content_type_id, object_pks in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None:
            pages += list(model._default_manager.filter(pk__in=object_pks))
    return pages


def pages_changed(pages):
    """What pages show of their comments must follow moderation: their comment lists and
    every cached copy of them and of the listings that show their comment counts."""
    pages = [page for page in pages if page is not None]
    comments_changed(pages)
    core_changes.pages_changed(pages)


def page_language(page):
    locale = getattr(page, "locale", None)
    return getattr(locale, "language_code", None) or settings.LANGUAGE_CODE


def notify_followers(comment, told=()):
    """Send the follow-up notifications of a newly published comment, once, in the language
    of its page (not to the addresses in ``told``, which hear of it otherwise)."""
    updated = PublicComment.objects.filter(pk=comment.pk, followers_notified=False).update(
        followers_notified=True
    )
    if not updated:
        return
    page = comment.content_object
    with translation.override(page_language(page)):
        emails.send_followup(comment, page, told)


def tells_its_author(comment):
    """Whether the author of ``comment`` hears what becomes of it: a resident's comment
    (confirmed by e-mail; staff who comment signed in see it in the admin, official answers
    are the municipality's) from an address that has not stopped these e-mails."""
    return bool(
        comment.user_email
        and not comment.is_official
        and comment.user_id is None
        and not CommentNotificationOptOut.has_stopped(comment.user_email)
    )


def tell_author(comment, send, told_field=None):
    """Send ``send(comment, page)`` to the author of ``comment``, in its page's language, once
    the transaction commits. With ``told_field`` (the comment's record of that e-mail), only
    if it is not set yet, and set it: repeated moderation repeats no e-mail. Nothing is said
    about a comment on a page the public cannot see (unpublished, or in a private section):
    the e-mail would quote and link what is not public."""
    if not tells_its_author(comment):
        return False
    page = comment.content_object
    if page is None or not Page.objects.live().public().filter(pk=page.pk).exists():
        return False
    if told_field:
        untold = PublicComment.objects.filter(pk=comment.pk, **{told_field: False})
        if not untold.update(**{told_field: True}):
            return False
    language = page_language(page)

    def send_in_language():
        with translation.override(language):
            send(comment, page)

    transaction.on_commit(send_in_language, robust=True)
    return True


def published(comment):
    """Tell who should hear of a newly published comment: the readers who follow its page,
    and its author."""
    tell_author(comment, emails.send_published_notice, "author_told_published")
    notify_followers(comment)


def _set_status(comments, status, user, **fields):
    comments = list(comments)
    if not comments:
        return []
    ids = [comment.pk for comment in comments]
    fields.update(
        {
            "status": status,
            "is_public": status == Status.PUBLISHED,
            "is_removed": status in (Status.REMOVED, Status.SPAM),
            "moderated_at": timezone.now(),
            "moderated_by": user if user is not None and user.is_authenticated else None,
        }
    )
    if status == Status.PUBLISHED:
        fields["flag_count"] = 0
        ReaderFlag.objects.filter(comment_id__in=ids, reviewed=False).update(reviewed=True)
    PublicComment.objects.filter(pk__in=ids).update(**fields)
    return list(PublicComment.objects.filter(pk__in=ids))


def approve(comments, user=None, *, tell_authors=True):
    """Publish comments (held, flagged or removed ones); their readers' flags are reviewed.
    Their authors are told unless ``tell_authors`` is false (another e-mail tells them).
    A comment its author deleted (an empty placeholder above others' replies) stays removed."""
    comments = [c for c in comments if c.erased_by_author != AuthorErasure.COMMENT]
    with transaction.atomic():
        approved = _set_status(comments, Status.PUBLISHED, user, removal_reason="", removal_note="")
    for comment in approved:
        if tell_authors:
            published(comment)
        else:
            notify_followers(comment)
    pages_changed(pages_of(approved))
    return approved


def remove(comments, user=None, *, reason="", note=""):
    """Remove comments. The author of a comment that was held (never published) is told,
    with ``reason`` (a ``RemovalReason``) and the moderator's ``note`` if given."""
    ids = [comment.pk for comment in comments]
    with transaction.atomic():
        held = set(
            PublicComment.objects.select_for_update()
            .filter(pk__in=ids, status=Status.HELD)
            .values_list("pk", flat=True)
        )
        removed = _set_status(
            comments, Status.REMOVED, user, removal_reason=reason, removal_note=note
        )
    for comment in removed:
        if comment.pk in held:
            tell_author(comment, emails.send_rejection_notice, "author_told_rejected")
    pages_changed(pages_of(removed))
    return removed


def mark_spam(comments, user=None):
    """Remove comments as spam (their authors are not told): later comments from the same
    addresses are held."""
    with transaction.atomic():
        spam = _set_status(comments, Status.SPAM, user, removal_reason="", removal_note="")
    pages_changed(pages_of(spam))
    return spam


ACTIONS = {"approve": approve, "remove": remove, "spam": mark_spam}


def flag(comment, reader, reason, threshold):
    """Record a reader's flag. Returns ``(counted, hidden)``: whether this reader's flag is
    new, and whether the comment is now hidden pending review."""
    try:
        with transaction.atomic():
            ReaderFlag.objects.create(comment=comment, reader=reader, reason=reason)
    except IntegrityError:
        return False, False
    PublicComment.objects.filter(pk=comment.pk).update(flag_count=F("flag_count") + 1)
    hidden = bool(
        PublicComment.objects.filter(
            pk=comment.pk,
            status=Status.PUBLISHED,
            is_official=False,
            flag_count__gte=threshold,
        ).update(status=Status.FLAGGED, is_public=False)
    )
    if hidden:
        pages_changed([comment.content_object])
    return True, hidden


def answer_officially(comment, user, text, author_name):
    """Publish the municipality's answer as a reply to ``comment`` (publishing the comment
    too if it was held). Replies go as deep as threads may; deeper, to the parent."""
    from django_comments_xtd.models import max_thread_level_for_content_type

    parent = comment
    max_level = max_thread_level_for_content_type(comment.content_type)
    while parent.level >= max_level and parent.parent_id != parent.pk:
        parent = PublicComment.objects.get(pk=parent.parent_id)
    if not comment.is_published:
        # The e-mail of the answer tells the author that their comment is published too.
        approve([comment], user, tell_authors=False)
    answer = PublicComment(
        content_type=comment.content_type,
        object_pk=comment.object_pk,
        site_id=comment.site_id,
        user=user,
        user_name=str(author_name)[:50],
        user_email=user.email or "",
        comment=text,
        submit_date=timezone.now(),
        is_public=True,
        is_removed=False,
        parent_id=parent.pk,
        section_id=comment.section_id,
        section_title=comment.section_title,
        revision_id=comment.revision_id,
        is_official=True,
        status=Status.PUBLISHED,
        moderated_by=user,
        moderated_at=timezone.now(),
    )
    answer.save()
    told = ()
    if tell_answer(comment, answer):
        told = (comment.user_email,)
    notify_followers(answer, told)
    pages_changed([comment.content_object])
    return answer


def tell_answer(comment, answer):
    """E-mail the author of ``comment`` (only them: the page's followers get the follow-up
    notification) the official ``answer``, a new event each time; it also tells them the
    comment is published, so the "published" e-mail is not sent after it."""

    def send(comment, page):
        emails.send_answer_notice(comment, answer, page)

    PublicComment.objects.filter(pk=comment.pk).update(author_told_published=True)
    return tell_author(comment, send)


def set_disposition(comment, outcome, reason, user, landed_in=None):
    """Record what became of ``comment``; its author is e-mailed the decision when it is new
    or changed (not when a moderator saves it again unchanged)."""
    before = Disposition.objects.filter(comment=comment).values_list("outcome", "reason").first()
    disposition, _ = Disposition.objects.update_or_create(
        comment=comment,
        defaults={
            "outcome": outcome,
            "reason": reason,
            "landed_in": landed_in,
            "decided_at": timezone.now(),
            "decided_by": user,
        },
    )
    if before != (outcome, reason):

        def send(comment, page):
            emails.send_disposition_notice(comment, disposition, page)

        tell_author(comment, send)
    pages_changed([comment.content_object])
    return disposition


def clear_disposition(comment):
    Disposition.objects.filter(comment=comment).delete()
    pages_changed([comment.content_object])
