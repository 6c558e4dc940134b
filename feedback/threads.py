"""The comments of one page as readers see them: counts, threads, sections, dispositions.

Nothing is read until the templates ask, so that a page whose comment list is in the
cache (`{% cache %}` keyed on `cache_key`, which holds the page's comments version) costs no
comment query. Then the number of queries does not depend on how many comments a page has:

1. counts of published comments per section and thread (one aggregate), which also gives
   the threads to show (sorted and sliced in Python);
2. every comment of those threads, with its disposition (one query);
3. the page versions those comments were written on (pages with sections only);
4. the "You said — we did" dispositions, and the consultation reports' files (pages
   with dispositions only).

A thread is listed when it holds a published comment. A comment that is not published
(held, hidden after flags, removed) is left out, unless a published reply sits below it:
then it stays as a placeholder, so the replies keep their context.
"""

import uuid
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django_comments_xtd.models import max_thread_level_for_content_type

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Count
from django.urls import reverse
from django.utils.functional import cached_property

from wagtail.models import Revision

from core import chrome
from feedback import conf
from feedback.models import ConsultationReportFile, Disposition, PublicComment

MAX_SHOWN = 1000
# The report's files in the order readers look for them: PDF, DOCX, CSV.
FORMATS = list(ConsultationReportFile.Format.values)
# Ids are compared as numbers only when they fit the database's integer columns.
MAX_ID = 2**63 - 1


def _int(value, default=0):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if -MAX_ID <= number <= MAX_ID else default


def _version_key(page_id):
    return f"feedback:comments-version:{page_id}"


def comments_version(page=None):
    """The version of the page's comment list (of every page's, for listings that show
    comment counts): it moves whenever a comment of the page is published, hidden, removed,
    answered or given a disposition."""
    return cache.get(_version_key(page.pk if page else "all")) or "0"


def comments_changed(pages):
    """Make the cached comment lists of `pages`, and the listings' counts, stale."""
    versions = {_version_key(page.pk): uuid.uuid4().hex for page in pages}
    cache.set_many({**versions, _version_key("all"): uuid.uuid4().hex}, None)


def published_on(page):
    """The published comments of a page."""
    return PublicComment.objects.published().filter(
        content_type_id=page.content_type_id, object_pk=str(page.pk)
    )


def read_consultation_reports(page):
    """The page's reports, newest first, each with ``public_files`` (PDF, DOCX, CSV) and
    none without one: one query, the files with their report and document."""
    files = (
        ConsultationReportFile.objects.filter(report__page_id=page.pk)
        .select_related("report", "document")
        .order_by("-report__created_at", "report_id")
    )
    reports = {}
    for item in files:
        if item.document.is_public:
            report = reports.setdefault(item.report_id, item.report)
            report.__dict__.setdefault("public_files", []).append(item)
    for report in reports.values():
        report.public_files.sort(key=lambda item: FORMATS.index(item.format))
    return list(reports.values())


@dataclass
class CommentNode:
    """A comment in its thread, with what the list needs to show it."""

    comment: PublicComment
    children: list = field(default_factory=list)
    is_visible: bool = True
    can_reply: bool = False
    section: object = None
    version_label: str = ""
    section_changed: bool = False
    section_removed: bool = False
    reply_url: str = ""
    permalink: str = ""
    flag_url: str = ""
    disposition: Disposition | None = None


class PageComments:
    """Comments of ``page`` for ``request`` (``?order=``, ``?section=``, ``?comments=`` to show
    more threads, ``?comment=`` to include a permalinked comment's thread)."""

    def __init__(self, page, request, offset=0, limit=None):
        self.page = page
        self.request = request
        self.page_url = page.get_url(request=request) or ""
        params = request.GET if request is not None else {}
        self.per_page = conf.threads_per_page()
        self.order = params.get("order") if params.get("order") in ("oldest", "newest") else None
        self.availability = page.comment_availability()
        self.sections = page.comment_sections()
        self.section_map = {section.id: section for section in self.sections}
        self.selected_section = self.section_map.get(params.get("section", ""))
        self.offset = min(max(0, offset), MAX_ID)
        shown = _int(params.get("comments"), self.per_page) if limit is None else limit
        self.limit = min(max(shown, 1), MAX_SHOWN)
        self.focus_id = _int(params.get("comment"), 0) or None

    @property
    def cache_key(self):
        """What the rendered list depends on besides the language and the page's address."""
        return ":".join(
            str(part)
            for part in (
                self.page.pk,
                comments_version(self.page),
                self.page.live_revision_id,
                self.effective_order,
                self.selected_section.id if self.selected_section else "",
                self.offset,
                self.limit,
                self.focus_id or "",
                self.availability.is_open,
            )
        )

    @property
    def sections_cache_key(self):
        """What a page's sections show of its comments (their counts, links and "Comment on
        this section") depends on besides the page's content."""
        return f"{comments_version(self.page)}:{self.order or ''}:{self.availability.is_open}"

    # --- Queries ------------------------------------------------------------------------

    @property
    def effective_order(self):
        return self.order or conf.default_order()

    @cached_property
    def _counts(self):
        """(comments per section, threads per section, every thread), from one aggregate:
        one row per (section, thread), a thread counted in every section it has comments in."""
        section_counts, section_threads, all_threads = {}, {}, set()
        rows = published_on(self.page).order_by().values_list("section_id", "thread_id")
        for section_id, thread_id, comments in rows.annotate(comments=Count("pk")):
            section_counts[section_id] = section_counts.get(section_id, 0) + comments
            section_threads.setdefault(section_id, set()).add(thread_id)
            all_threads.add(thread_id)
        return section_counts, section_threads, all_threads

    @property
    def total(self):
        return sum(self._counts[0].values())

    @cached_property
    def _listed(self):
        _counts, section_threads, all_threads = self._counts
        if self.selected_section:
            return section_threads.get(self.selected_section.id, set())
        return all_threads

    @property
    def thread_total(self):
        return len(self._listed)

    @cached_property
    def _shown_thread_ids(self):
        limit = self.limit
        if self.focus_id and self.offset == 0:
            limit = self._limit_with_focused_thread(limit)
        newest_first = self.effective_order != "oldest"
        return sorted(self._listed, reverse=newest_first)[self.offset : self.offset + limit]

    def _limit_with_focused_thread(self, limit):
        published = published_on(self.page)
        if self.selected_section:
            published = published.filter(section_id=self.selected_section.id)
        focused = published.filter(pk=self.focus_id).values_list("thread_id", flat=True).first()
        if focused is None:
            return limit
        before = (
            {"thread_id__gt": focused}
            if self.effective_order != "oldest"
            else {"thread_id__lt": focused}
        )
        position = published.filter(**before).values("thread_id").distinct().count()
        return min(max(limit, position + 1), MAX_SHOWN)

    @property
    def shown_until(self):
        return self.offset + len(self._shown_thread_ids)

    @cached_property
    def threads(self):
        thread_ids = self._shown_thread_ids
        if not thread_ids:
            return []
        comments = list(
            PublicComment.objects.filter(
                content_type_id=self.page.content_type_id,
                object_pk=str(self.page.pk),
                thread_id__in=thread_ids,
            )
            .select_related("disposition")
            .order_by("thread_id", "order")
        )
        return self._build_threads(thread_ids, comments)

    def _revisions(self, comments):
        ids = {comment.revision_id for comment in comments if comment.revision_id}
        if not ids or not self.sections:
            return {}
        return {
            revision.pk: revision
            for revision in Revision.objects.filter(pk__in=ids).only("pk", "content", "created_at")
        }

    def _build_threads(self, thread_ids, comments):
        revisions = self._revisions([c for c in comments if c.section_id])
        current_sections = self.page.comment_section_data() if revisions else {}
        revision_sections = {}
        nodes = {}
        max_level = max_thread_level_for_content_type(
            ContentType.objects.get_for_id(self.page.content_type_id)
        )
        for comment in comments:
            node = CommentNode(
                comment=comment,
                is_visible=comment.is_published,
                permalink=comment.get_absolute_url(),
                flag_url=reverse("feedback-flag", args=[comment.pk]),
            )
            node.can_reply = (
                node.is_visible and self.availability.is_open and comment.level < max_level
            )
            if node.can_reply:
                node.reply_url = self.form_url(reply_to=comment.pk)
            node.disposition = getattr(comment, "disposition", None)
            if comment.section_id:
                node.section = self.section_map.get(comment.section_id)
                revision = revisions.get(comment.revision_id)
                if revision is not None:
                    node.version_label = str(revision.content.get("version_label") or "")
                    if revision.pk not in revision_sections:
                        revision_sections[revision.pk] = self.page.comment_section_data(
                            revision.content.get(self.page.comment_sections_field)
                        )
                    then = revision_sections[revision.pk].get(comment.section_id)
                    if comment.section_id not in current_sections:
                        node.section_removed = True
                    elif then is not None and then != current_sections[comment.section_id]:
                        node.section_changed = True
            nodes[comment.pk] = node
        roots = {}
        for comment in comments:
            node = nodes[comment.pk]
            parent = nodes.get(comment.parent_id)
            if comment.parent_id == comment.pk or parent is None:
                roots[comment.thread_id] = node
            else:
                parent.children.append(node)
        # A hidden comment stays (as a placeholder) only above a visible reply.
        threads = []
        for thread_id in thread_ids:
            root = roots.get(thread_id)
            if root is not None and self._prune(root):
                threads.append(root)
        return threads

    def _prune(self, node):
        node.children = [child for child in node.children if self._prune(child)]
        return node.is_visible or bool(node.children)

    # --- What the templates use ---------------------------------------------------------

    @property
    def has_more(self):
        return self.shown_until < self.thread_total

    @property
    def remaining(self):
        return max(0, self.thread_total - self.shown_until)

    def section_count(self, section_id):
        return self._counts[0].get(section_id, 0)

    @cached_property
    def dispositions(self):
        if not self.page.comment_dispositions or not self.total:
            return []
        rows = (
            Disposition.objects.filter(
                comment__content_type_id=self.page.content_type_id,
                comment__object_pk=str(self.page.pk),
                comment__status=PublicComment.Status.PUBLISHED,
            )
            .select_related("comment")
            .order_by("comment__submit_date", "comment__id")
        )
        result = []
        for disposition in rows:
            disposition.section = self.section_map.get(disposition.comment.section_id)
            result.append(disposition)
        return result

    @cached_property
    def consultation_reports(self):
        """The page's consultation reports, newest first, with their public files.

        Kept in the cache for the chrome's generation, which every document saved (a
        report made, a file made public) and every publish moves: a comment list made
        stale by a new comment does not read them again.
        """
        if not self.page.comment_dispositions:
            return []
        key = f"feedback:reports:{self.page.pk}:{chrome.generation()}"
        reports = cache.get(key)
        if reports is None:
            reports = read_consultation_reports(self.page)
            cache.set(key, reports, chrome.SECONDS)
        return reports

    def _query(self, **changes):
        params = {
            "order": self.order,
            "section": self.selected_section.id if self.selected_section else None,
        }
        params.update(changes)
        return urlencode({key: value for key, value in params.items() if value})

    def url(self, **changes):
        query = self._query(**changes)
        return f"{self.page_url}?{query}#comments" if query else f"{self.page_url}#comments"

    @property
    def order_links(self):
        return [
            ("oldest", self.url(order="oldest"), self.effective_order == "oldest"),
            ("newest", self.url(order="newest"), self.effective_order == "newest"),
        ]

    @property
    def all_sections_url(self):
        return self.url(section=None)

    def section_url(self, section_id):
        return self.url(section=section_id)

    @property
    def more_url(self):
        """Without JavaScript: the page with more threads, at the first new one."""
        query = self._query(comments=self.shown_until + self.per_page)
        return f"{self.page_url}?{query}#thread-{self.shown_until + 1}"

    @property
    def more_fragment_url(self):
        query = self._query(offset=self.shown_until)
        return f"{reverse('feedback-threads', args=[self.page.pk])}?{query}"

    def form_url(self, section=None, reply_to=None):
        pairs = (("section", section), ("reply_to", reply_to))
        query = urlencode({key: value for key, value in pairs if value})
        url = reverse("feedback-form", args=[self.page.pk])
        return f"{url}?{query}" if query else url

    @property
    def csv_url(self):
        return reverse("feedback-dispositions-csv", args=[self.page.pk])
