"""Two published versions of a plan draft compared, with what led from one to the other.

Only published revisions of the live draft itself can be compared: ids that are not numbers,
revisions of another page and revisions never published are refused with a message, not an
error. The comparison links each version to the body's decision that approved it and lists
the comments made on the older version(s) with what became of them.
"""

from dataclasses import dataclass
from functools import cached_property

from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from wagtail.models import Page

from approvals.models import Decision
from approvals.rules import APPROVE
from core.versions import published_revisions
from feedback.models import PublicComment
from plans.changes import compare_tree, summary
from plans.versions import compare_sections


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
    """Everything the compare page and the change ledger show, each part worked out when
    first read: the page keeps the text and tree parts in a fragment (two versions never
    change), so a request that finds it reads neither version's blocks."""

    page: object
    versions: list
    older: object
    newer: object
    with_links: bool = True

    @cached_property
    def version_pages(self):
        return version_content(self.page, self.older), version_content(self.page, self.newer)

    @cached_property
    def sections(self):
        return compare_sections(*self.version_pages)

    @cached_property
    def elements(self):
        return compare_tree(*self.version_pages, self.page.localized_groups())

    @cached_property
    def summary(self):
        return summary(self.elements)

    @cached_property
    def decisions(self):
        return approval_decisions(self.page, self.versions) if self.with_links else {}

    @cached_property
    def comments(self):
        if not self.with_links:
            return []
        return answered_comments(self.page, self.versions, self.older, self.newer)

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
    return Comparison(page, versions, older, newer, with_links)
