"""Moderation in the Wagtail admin: the queue, a thread in context, actions, official
answers and dispositions; the council's consultation report of a page's version.

Permissions (``feedback.<codename>``): ``moderate_comment`` for the queue and its actions,
``answer_comment`` for official answers, ``set_disposition`` for dispositions. The
consultation report: administrators and the groups the page names (``may_make_report``).
"""

from collections import Counter

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from django.views.decorators.http import require_POST

from wagtail.admin.auth import permission_required
from wagtail.models import Page

from approvals.roles import ADMINISTRATORS
from core.versions import published_revisions
from feedback import conf, moderation, reports
from feedback.forms import (
    BulkActionForm,
    DispositionForm,
    OfficialAnswerForm,
    RemovalReasonForm,
    version_label,
)
from feedback.models import ConsultationReport, Disposition, PublicComment, ReaderFlag

Status = PublicComment.Status

QUEUES = {
    "held": Q(status=Status.HELD),
    "flagged": Q(status=Status.FLAGGED) | Q(status=Status.PUBLISHED, flag_count__gt=0),
    "published": Q(status=Status.PUBLISHED),
    "removed": Q(status__in=[Status.REMOVED, Status.SPAM]),
}
PER_PAGE = 50


def queue_labels():
    return {
        "held": pgettext("comment queue", "Held"),
        "flagged": pgettext("comment queue", "Flagged"),
        "published": pgettext("comment queue", "Published"),
        "removed": pgettext("comment queue", "Removed and spam"),
    }


def _pages_by_pk(comments):
    pks = {int(comment.object_pk) for comment in comments if comment.object_pk.isdigit()}
    return {str(page.pk): page for page in Page.objects.filter(pk__in=pks)}


def _flag_reasons(comments):
    rows = (
        ReaderFlag.objects.filter(comment__in=comments, reviewed=False)
        .values("comment_id", "reason")
        .annotate(n=Count("pk"))
    )
    labels = dict(ReaderFlag.Reason.choices)
    reasons = {}
    for row in rows:
        reasons.setdefault(row["comment_id"], []).append(
            f"{labels.get(row['reason'], row['reason'])} ({row['n']})"
        )
    return reasons


def _safe_next(request, fallback):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@permission_required("feedback.moderate_comment")
def queue(request):
    status = request.GET.get("status", "held")
    if status not in QUEUES:
        status = "held"
    comments = PublicComment.objects.select_related(None).filter(QUEUES[status])
    page_filter = request.GET.get("page_id", "")
    if page_filter.isdigit():
        comments = comments.filter(object_pk=page_filter)
    comments = comments.order_by("-submit_date", "-pk")

    counts = PublicComment.objects.aggregate(
        **{key: Count("pk", filter=condition) for key, condition in QUEUES.items()}
    )
    paginator = Paginator(comments, PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("p"))
    rows = list(page_obj.object_list)
    pages = _pages_by_pk(rows)
    reasons = _flag_reasons(rows)
    for comment in rows:
        comment.page = pages.get(comment.object_pk)
        comment.flag_reasons = reasons.get(comment.pk, [])

    commented_pks = PublicComment.objects.order_by().values_list("object_pk", flat=True).distinct()
    page_choices = Page.objects.filter(
        pk__in=[int(pk) for pk in commented_pks if pk.isdigit()]
    ).order_by("title")
    labels = queue_labels()
    return TemplateResponse(
        request,
        "feedback/admin/queue.html",
        {
            "page_title": _("Comments"),
            "header_title": _("Comments"),
            "header_icon": "comment",
            "status": status,
            "tabs": [(key, labels[key], counts[key]) for key in QUEUES],
            "page_obj": page_obj,
            "elided_page_range": paginator.get_elided_page_range(page_obj.number),
            "comments": rows,
            "page_choices": page_choices,
            "page_filter": page_filter,
            "bulk_actions": BulkActionForm.base_fields["action"].choices,
            "removal_form": RemovalReasonForm(auto_id="queue-%s"),
            "flag_threshold": conf.flag_threshold(),
        },
    )


@permission_required("feedback.moderate_comment")
def thread(request, comment_id):
    comment = get_object_or_404(PublicComment, pk=comment_id)
    page = (
        Page.objects.filter(pk=comment.object_pk).first() if comment.object_pk.isdigit() else None
    )
    if page is not None:
        page = page.specific
    comments = list(
        PublicComment.objects.select_related(None)
        .select_related("user")
        .filter(thread_id=comment.thread_id)
        .order_by("order")
    )
    reasons = _flag_reasons(comments)
    for item in comments:
        item.flag_reasons = reasons.get(item.pk, [])
    disposition = Disposition.objects.filter(comment=comment).first()
    can_dispose = bool(page is not None and getattr(page, "comment_dispositions", False))
    section = None
    if page is not None and comment.section_id and hasattr(page, "comment_sections"):
        section = next((s for s in page.comment_sections() if s.id == comment.section_id), None)
    return TemplateResponse(
        request,
        "feedback/admin/thread.html",
        {
            "page_title": _("Comment thread"),
            "header_title": _("Comment thread"),
            "header_icon": "comment",
            "comment": comment,
            "thread": comments,
            "target": page,
            "section": section,
            "answer_form": OfficialAnswerForm(),
            "removal_form": RemovalReasonForm(),
            "disposition_form": (
                DispositionForm(instance=disposition, versions=published_revisions(page))
                if can_dispose
                else None
            ),
            "disposition": disposition,
            "can_answer": request.user.has_perm("feedback.answer_comment"),
            "can_dispose": can_dispose and request.user.has_perm("feedback.set_disposition"),
            "queue_url": _safe_next(request, reverse("feedback_admin:queue")),
            "official_author": conf.official_author(),
        },
    )


ACTION_MESSAGES = {
    "approve": lambda n: ngettext("%(n)d comment approved.", "%(n)d comments approved.", n),
    "remove": lambda n: ngettext("%(n)d comment removed.", "%(n)d comments removed.", n),
    "spam": lambda n: ngettext(
        "%(n)d comment marked as spam.", "%(n)d comments marked as spam.", n
    ),
}


def moderate(request, action, comments, back):
    """Apply ``action`` to ``comments``; a removal takes the reason posted with it. Returns
    the redirect to ``back``, with what was done or why nothing was."""
    options = {}
    if action == "remove":
        reason_form = RemovalReasonForm(request.POST)
        if not reason_form.is_valid():
            errors = Counter(
                str(error) for errors in reason_form.errors.values() for error in errors
            )
            messages.error(request, " ".join(errors))
            return redirect(back)
        options = {
            "reason": reason_form.cleaned_data["removal_reason"],
            "note": reason_form.cleaned_data["removal_note"].strip(),
        }
    moderation.ACTIONS[action](comments, request.user, **options)
    messages.success(request, ACTION_MESSAGES[action](len(comments)) % {"n": len(comments)})
    return redirect(back)


@require_POST
@permission_required("feedback.moderate_comment")
def act(request, comment_id, action):
    if action not in moderation.ACTIONS:
        raise Http404
    comment = get_object_or_404(PublicComment, pk=comment_id)
    back = _safe_next(request, reverse("feedback_admin:thread", args=[comment.pk]))
    return moderate(request, action, [comment], back)


@require_POST
@permission_required("feedback.moderate_comment")
def bulk(request):
    form = BulkActionForm(request.POST)
    back = _safe_next(request, reverse("feedback_admin:queue"))
    if not form.is_valid():
        messages.error(request, _("Choose an action and at least one comment."))
        return redirect(back)
    return moderate(request, form.cleaned_data["action"], list(form.cleaned_data["ids"]), back)


@require_POST
@permission_required("feedback.answer_comment")
def answer(request, comment_id):
    comment = get_object_or_404(PublicComment, pk=comment_id)
    form = OfficialAnswerForm(request.POST)
    back = reverse("feedback_admin:thread", args=[comment.pk])
    if comment.status in (Status.REMOVED, Status.SPAM):
        messages.error(request, _("A removed comment cannot be answered."))
        return redirect(back)
    if not form.is_valid():
        messages.error(request, _("Write the answer first."))
        return redirect(back)
    answer = moderation.answer_officially(
        comment, request.user, form.cleaned_data["text"], conf.official_author()
    )
    messages.success(request, _("The official answer is published."))
    return redirect(reverse("feedback_admin:thread", args=[answer.pk]))


@require_POST
@permission_required("feedback.set_disposition")
def disposition(request, comment_id):
    comment = get_object_or_404(PublicComment, pk=comment_id)
    back = reverse("feedback_admin:thread", args=[comment.pk])
    page = comment.content_object
    if not getattr(page, "comment_dispositions", False):
        messages.error(request, _("Comments on this page take no dispositions."))
        return redirect(back)
    if request.POST.get("clear"):
        moderation.clear_disposition(comment)
        messages.success(request, _("The disposition is cleared."))
        return redirect(back)
    form = DispositionForm(request.POST, versions=published_revisions(page))
    if not form.is_valid():
        errors = Counter(str(error) for errors in form.errors.values() for error in errors)
        messages.error(request, " ".join(errors))
        return redirect(back)
    moderation.set_disposition(
        comment,
        form.cleaned_data["outcome"],
        form.cleaned_data["reason"],
        request.user,
        landed_in=form.cleaned_data["landed_in"],
    )
    messages.success(request, _("The disposition is saved."))
    return redirect(back)


def may_make_report(user, page):
    """Administrators, and the coordinators the page names, make its consultation report."""
    if not getattr(page, "comment_dispositions", False):
        return False
    if user.is_superuser:
        return True
    names = [ADMINISTRATORS, *page.consultation_report_groups()]
    return user.groups.filter(name__in=names).exists()


def report_page(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not may_make_report(request.user, page):
        raise PermissionDenied
    return page


def consultation_reports(request, page_id):
    """A page's published versions, each with its comments and its report (or the button
    that makes it)."""
    page = report_page(request, page_id)
    versions = published_revisions(page)[::-1]
    counts = dict(
        PublicComment.objects.published()
        .filter(content_type_id=page.content_type_id, object_pk=str(page.pk), is_official=False)
        .order_by()
        .values_list("revision_id")
        .annotate(n=Count("pk"))
    )
    reports = {
        report.revision_id: report
        for report in ConsultationReport.objects.filter(page=page).prefetch_related(
            "files__document"
        )
    }
    for version in versions:
        version.label = version_label(version)
        version.comment_count = counts.get(version.pk, 0)
        version.report = reports.get(version.pk)
    return TemplateResponse(
        request,
        "feedback/admin/consultation_reports.html",
        {
            "page_title": _("Consultation report"),
            "header_title": _("Consultation report"),
            "header_icon": "doc-full",
            "target": page,
            "versions": versions,
        },
    )


@require_POST
def make_consultation_report(request, page_id, revision_id):
    page = report_page(request, page_id)
    version = next((v for v in published_revisions(page) if v.pk == revision_id), None)
    if version is None:
        raise Http404
    report, made = reports.make_report(page, version, request.user)
    if made:
        messages.success(
            request,
            ngettext(
                "The report is made (%(n)d comment). Its files are frozen.",
                "The report is made (%(n)d comments). Its files are frozen.",
                report.comment_count,
            )
            % {"n": report.comment_count},
        )
    else:
        messages.info(request, _("This version's report was made before: here it is, unchanged."))
    return redirect(reverse("feedback_admin:reports", args=[page.pk]))
