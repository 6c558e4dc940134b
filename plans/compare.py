"""Two published versions of a plan draft compared, with what led from one to the other.

Only published revisions of the live draft itself can be compared: ids that are not numbers,
revisions of another page and revisions never published are refused with a message, not an
error. The comparison links each version to the body's decision that approved it and lists
the comments made on the older version(s) with what became of them.
"""

from dataclasses import dataclass

from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from wagtail.models import Page

from approvals.models import Decision
from approvals.rules import APPROVE
from feedback.models import PublicComment
from plans.changes import compare_tree, summary
from plans.versions import compare_sections, published_revisions


class VersionChoiceError(ValueError):
    """The request does not name two published versions of this draft."""


def chosen_versions(page, older_id, newer_id, latest_by_default=False):
    """``(versions, older, newer)``: every published version, and the two chosen (by revision
    id, in either order; with ``latest_by_default`` and neither given, the last two). Raises
    ``VersionChoiceError``."""
    versions = published_revisions(page)
    by_id = {str(revision.pk): revision for revision in versions}
    if latest_by_default and not older_id and not newer_id:
        if len(versions) < 2:
            raise VersionChoiceError(_("This draft has only one published version."))
        return versions, versions[-2], versions[-1]
    older, newer = by_id.get(str(older_id or "")), by_id.get(str(newer_id or ""))
    if older is None or newer is None:
        raise VersionChoiceError(_("Choose two published versions of this draft to compare."))
    if older.number > newer.number:
        older, newer = newer, older
    return versions, older, newer


def approval_decisions(page, versions):
    """``{revision id: Decision}``: the body's approval that each version went live on.

    A version approved through the workflow has its own decision; a translation, published
    after its Lithuanian source was approved, gets the last approval before it went live.
    """
    page_ids = (
        Page.objects.filter(translation_key=page.translation_key)
        .annotate(object_id=Cast("pk", CharField()))
        .values("object_id")
    )
    decisions = list(
        Decision.objects.filter(outcome=APPROVE, task_state__workflow_state__object_id__in=page_ids)
        .select_related("task_state")
        .order_by("decided_at")
    )
    found = {}
    for version in versions:
        exact = [d for d in decisions if d.task_state.revision_id == version.pk]
        earlier = [d for d in decisions if d.decided_at <= version.published_at]
        if exact or earlier:
            found[version.pk] = (exact or earlier)[-1]
    return found


def answered_comments(page, versions, older, newer):
    """Published comments made on the versions from ``older`` up to (not including)
    ``newer``, that moderators gave a disposition, oldest first."""
    revision_ids = [v.pk for v in versions if older.number <= v.number < newer.number]
    return list(
        PublicComment.objects.for_page(page)
        .published()
        .filter(revision_id__in=revision_ids, disposition__isnull=False)
        .select_related("disposition")
        .order_by("submit_date")
    )


@dataclass
class Comparison:
    """Everything the compare page and the change ledger show."""

    versions: list
    older: object
    newer: object
    sections: list
    elements: list
    summary: list
    decisions: dict
    comments: list

    @property
    def has_changes(self):
        return bool(self.elements) or any(s.status != "unchanged" for s in self.sections)

    @property
    def older_decision(self):
        return self.decisions.get(self.older.pk)

    @property
    def newer_decision(self):
        return self.decisions.get(self.newer.pk)


# What the compare reads of a version: its text and its plan tree.
COMPARED_FIELDS = ("sections", "plan_tree")


def version_content(page, revision):
    """The compared fields of a version, as a page object built from the revision's stored
    content alone (no query: not ``with_content_json``, whose other fields, foreign keys
    and admin comments would each be read from the database)."""
    content = {name: revision.content[name] for name in COMPARED_FIELDS if name in revision.content}
    return page.specific_class.from_serializable_data({"pk": page.pk, **content})


def comparison_of(page, older_id, newer_id, *, with_links=True, latest_by_default=False):
    """The comparison of two published versions of ``page`` (a live plan draft)."""
    versions, older, newer = chosen_versions(page, older_id, newer_id, latest_by_default)
    old_page, new_page = version_content(page, older), version_content(page, newer)
    elements = compare_tree(old_page, new_page, page.localized_groups())
    return Comparison(
        versions=versions,
        older=older,
        newer=newer,
        sections=compare_sections(old_page, new_page),
        elements=elements,
        summary=summary(elements),
        decisions=approval_decisions(page, versions) if with_links else {},
        comments=answered_comments(page, versions, older, newer) if with_links else [],
    )
