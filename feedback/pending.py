"""A comment between posting and confirmation: the JSON its confirmation link carries, and
storing it, with the moderation rules applied, when the link is opened (at once for a
signed-in user). Until then nothing of it is stored."""

from datetime import datetime

from wagtail.models import Page, Revision

from feedback import moderation
from feedback.models import ContributorType, PublicComment

# The fields of a pending comment and their JSON types.
FIELDS = {
    "page": int,
    "site": int,
    "name": str,
    "email": str,
    "url": str,
    "text": str,
    "submitted": str,
    "ip": (str, type(None)),
    "reply_to": int,
    "followup": bool,
    "section": str,
    "section_title": str,
    "revision": (int, type(None)),
    "contributor": str,
}
# Links sent before the contributor type was asked carry no such field.
OPTIONAL = {"contributor": ""}


def from_form(form, site_id, ip_address):
    """The pending comment of a valid ``PublicCommentForm``."""
    data = form.get_comment_create_data(site_id=site_id)
    return {
        "page": form.target_object.pk,
        "site": data["site_id"],
        "name": data["user_name"],
        "email": data["user_email"],
        "url": data["user_url"],
        "text": data["comment"],
        "submitted": data["submit_date"].isoformat(),
        "ip": ip_address,
        "reply_to": data["parent_id"] or 0,
        "followup": bool(data["followup"]),
        "section": data["section_id"],
        "section_title": data["section_title"],
        "revision": data["revision_id"],
        "contributor": data["contributor_type"],
    }


def is_well_formed(pending):
    pending = {**OPTIONAL, **pending}
    if set(pending) != set(FIELDS):
        return False
    if not all(isinstance(pending[name], kind) for name, kind in FIELDS.items()):
        return False
    try:
        return submitted(pending).tzinfo is not None
    except ValueError:
        return False


def submitted(pending):
    return datetime.fromisoformat(pending["submitted"])


def lock(page):
    """Hold the page's row until the transaction ends: the confirmations of one page's
    comments take turns, so a link opened twice at once (a double click; a mail scanner and
    the reader) stores one comment."""
    list(Page.objects.select_for_update().filter(pk=page.pk).values("pk"))


def stored(page, pending):
    """The comment stored from this pending comment before, or ``None``."""
    return PublicComment.objects.filter(
        content_type_id=page.content_type_id,
        object_pk=str(page.pk),
        user_email=pending["email"],
        submit_date=submitted(pending),
    ).first()


def replies_to_a_published_comment(page, pending):
    """A reply's parent is still published on the page (always true of a new thread)."""
    if not pending["reply_to"]:
        return True
    return (
        PublicComment.objects.published()
        .filter(
            pk=pending["reply_to"],
            content_type_id=page.content_type_id,
            object_pk=str(page.pk),
        )
        .exists()
    )


def contributor_type(pending):
    value = pending.get("contributor", "")
    return value if value in ContributorType.values else ""


def store(page, pending, user=None):
    """Store the comment, published or held as the moderation rules say; ``None`` when they
    discard it (an e-mail domain of the block list)."""
    if moderation.is_blacklisted_email(pending["email"]):
        return None
    reasons = moderation.hold_reasons(
        name=pending["name"],
        email=pending["email"],
        url=pending["url"],
        text=pending["text"],
        user=user,
    )
    status = PublicComment.Status.HELD if reasons else PublicComment.Status.PUBLISHED
    revision_id = pending["revision"]
    if revision_id and not Revision.objects.filter(pk=revision_id).exists():
        revision_id = None  # the page version written on was deleted since
    comment = PublicComment(
        content_type_id=page.content_type_id,
        object_pk=str(page.pk),
        site_id=pending["site"],
        user=user if user is not None and user.is_authenticated else None,
        user_name=pending["name"],
        user_email=pending["email"],
        user_url=pending["url"],
        comment=pending["text"],
        submit_date=submitted(pending),
        ip_address=pending["ip"],
        is_public=not reasons,
        is_removed=False,
        parent_id=pending["reply_to"],
        followup=pending["followup"],
        section_id=pending["section"],
        section_title=pending["section_title"],
        contributor_type=contributor_type(pending),
        revision_id=revision_id,
        status=status,
        held_reasons=reasons,
    )
    comment.save()
    return comment
