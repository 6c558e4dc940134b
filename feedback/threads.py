"""The comments of one page as readers see them: counts, threads, sections, dispositions.

The number of queries does not depend on how many comments a page has:

1. counts of published comments per section and thread (one aggregate), which also gives
   the threads to show (sorted and sliced in Python);
2. every comment of those threads, with its disposition (one query, of the columns the list
   shows: rows, not model instances);
3. the page versions those comments were written on (pages with sections only);
4. the "You said — we did" dispositions (pages with dispositions only).

The first two are asked on every page view: they are compiled to SQL once per process
(``CompiledQuery``) and run with the page's values, not built through the ORM each time.

A thread is listed when it holds a published comment. A comment that is not published
(held, hidden after flags, removed) is left out, unless a published reply sits below it:
then it stays as a placeholder, so the replies keep their context.
"""

from collections import namedtuple
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django_comments_xtd.models import max_thread_level_for_content_type

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.urls import reverse
from django.utils.functional import cached_property

from wagtail.models import Revision

from cityplan.compiled_query import CompiledQuery
from feedback import conf
from feedback.models import Disposition, PublicComment

MAX_SHOWN = 1000


def _int(value, default=0):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


# What the list shows of a comment: ``PageComments`` loads these columns as named rows.
SHOWN_COLUMNS = (
    "pk",
    "thread_id",
    "parent_id",
    "level",
    "status",
    "is_removed",
    "is_official",
    "user_name",
    "user_url",
    "comment",
    "submit_date",
    "section_id",
    "section_title",
    "revision_id",
    "disposition__outcome",
    "disposition__reason",
)
ShownComment = namedtuple("ShownComment", SHOWN_COLUMNS)


def published_on(content_type_id, object_pk):
    """The published comments of a page."""
    return PublicComment.objects.published().filter(
        content_type_id=content_type_id, object_pk=object_pk
    )


# Per section and thread, how many comments are published on a page.
PUBLISHED_COUNTS = CompiledQuery(
    PublicComment,
    lambda content_type_id, object_pk: (
        published_on(content_type_id, object_pk)
        .order_by()
        .values_list("section_id", "thread_id")
        .annotate(comments=Count("pk"))
    ),
)
# Every comment of some threads of a page, in thread order, as the list shows them.
SHOWN_COMMENTS = CompiledQuery(
    PublicComment,
    lambda content_type_id, object_pk, thread_ids: (
        PublicComment.objects.filter(
            content_type_id=content_type_id, object_pk=object_pk, thread_id__in=thread_ids
        )
        .order_by("thread_id", "order")
        .values_list(*SHOWN_COLUMNS)
    ),
)


@dataclass
class CommentNode:
    """A comment in its thread, with what the list needs to show it. ``comment`` is a row of
    ``SHOWN_COLUMNS``; ``disposition`` is ``(outcome, reason)`` or ``None``."""

    comment: tuple
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
    disposition: tuple | None = None


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
        section = params.get("section", "")
        self.selected_section = self.section_map.get(section)
        self.offset = max(0, offset)
        shown = _int(params.get("comments"), self.per_page) if limit is None else limit
        self.limit = min(max(shown, 1), MAX_SHOWN)
        self.focus_id = _int(params.get("comment"), 0) or None
        self.content_type = ContentType.objects.get_for_id(page.content_type_id)
        self.max_level = max_thread_level_for_content_type(self.content_type)
        self._load()

    # --- Queries ------------------------------------------------------------------------

    @property
    def effective_order(self):
        return self.order or conf.default_order()

    def _load(self):
        # One row per (section, thread): counts per section, and threads (a thread is counted
        # once, in every section it has comments in) without a query per section.
        rows = PUBLISHED_COUNTS.run(
            content_type_id=self.page.content_type_id, object_pk=str(self.page.pk)
        )
        self.section_counts = {}
        section_threads = {}
        all_threads = set()
        for section_id, thread_id, comments in rows:
            self.section_counts[section_id] = self.section_counts.get(section_id, 0) + comments
            section_threads.setdefault(section_id, set()).add(thread_id)
            all_threads.add(thread_id)
        self.total = sum(self.section_counts.values())
        if self.selected_section:
            listed = section_threads.get(self.selected_section.id, set())
        else:
            listed = all_threads
        self.thread_total = len(listed)

        if self.focus_id and self.offset == 0:
            self._include_focused_thread()
        newest_first = self.effective_order != "oldest"
        thread_ids = sorted(listed, reverse=newest_first)[self.offset : self.offset + self.limit]
        comments = []
        if thread_ids:
            # The list of threads padded (with its first one again) to a power of two: a few
            # shapes of the query to compile and prepare, not one per number of threads.
            padded = thread_ids + thread_ids[:1] * (
                (1 << (len(thread_ids) - 1).bit_length()) - len(thread_ids)
            )
            comments = list(
                map(
                    ShownComment._make,
                    SHOWN_COMMENTS.run(
                        content_type_id=self.page.content_type_id,
                        object_pk=str(self.page.pk),
                        thread_ids=padded,
                    ),
                )
            )
        self.shown_until = self.offset + len(thread_ids)
        self.threads = self._build_threads(thread_ids, comments)

    def _include_focused_thread(self):
        published = published_on(self.page.content_type_id, str(self.page.pk))
        if self.selected_section:
            published = published.filter(section_id=self.selected_section.id)
        focused = published.filter(pk=self.focus_id).values_list("thread_id", flat=True).first()
        if focused is None:
            return
        before = (
            {"thread_id__gt": focused}
            if self.effective_order != "oldest"
            else {"thread_id__lt": focused}
        )
        position = published.filter(**before).values("thread_id").distinct().count()
        self.limit = min(max(self.limit, position + 1), MAX_SHOWN)

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
        # One reverse() each, not one per comment: the addresses differ by the id only.
        permalink = reverse("feedback-comment", args=[0]).replace("/0/", "/{}/")
        flag_url = reverse("feedback-flag", args=[0]).replace("/0/", "/{}/")
        reply_url = None  # the form's address with "?reply_to=", built once
        published = PublicComment.Status.PUBLISHED
        for comment in comments:
            node = CommentNode(
                comment=comment,
                is_visible=comment.status == published,
                permalink=permalink.format(comment.pk),
                flag_url=flag_url.format(comment.pk),
            )
            node.can_reply = (
                node.is_visible and self.availability.is_open and comment.level < self.max_level
            )
            if node.can_reply:
                if reply_url is None:
                    reply_url = self.form_url(reply_to=comment.pk).removesuffix(str(comment.pk))
                node.reply_url = f"{reply_url}{comment.pk}"
            if comment.disposition__outcome is not None:
                node.disposition = (comment.disposition__outcome, comment.disposition__reason)
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
        return self.section_counts.get(section_id, 0)

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
