"""A page's published versions, as the public record names them (plan drafts' versions,
their compare and the council's consultation report)."""

from wagtail.models import PageLogEntry


def published_revisions(page):
    """The revisions that were published, oldest first, each with its publication date
    (``published_at``), its place in the list (``number``, from 1), its version label and
    change note as the editor gave them for that version."""
    entries = (
        PageLogEntry.objects.filter(page=page, action="wagtail.publish", revision__isnull=False)
        .select_related("revision")
        .order_by("timestamp")
    )
    seen, revisions = set(), []
    for entry in entries:
        if entry.revision_id not in seen:
            seen.add(entry.revision_id)
            revision = entry.revision
            revision.published_at = entry.timestamp
            revision.number = len(revisions) + 1
            revision.version_label = revision.content.get("version_label", "")
            revision.change_note = revision.content.get("change_note", "")
            revision.previous = revisions[-1] if revisions else None
            revisions.append(revision)
    return revisions
