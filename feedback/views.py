"""Public views: the comment form, posting, e-mail confirmation, flags, permalinks, CSV.

Caching: pages (which may be served from a cache) carry the comments but never a form.
Every form (with its CSRF token and the signed timestamp of django-contrib-comments) comes
from ``comment_form``, which is never cached: the page's script loads it into the page, and
without JavaScript the "Write a comment" link opens it as a page of its own.
"""

import csv
import ipaddress
from datetime import timedelta

from django_comments.signals import comment_was_posted, comment_will_be_posted
from django_comments_xtd import signed
from django_comments_xtd import views as xtd_views
from django_comments_xtd.conf import settings as xtd_settings
from django_comments_xtd.models import TmpXtdComment
from django_comments_xtd.signals import confirmation_received

from django.contrib.sites.shortcuts import get_current_site
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wagtail.models import Page

from core import ratelimit
from core.visibility import public_q
from feedback import conf, moderation
from feedback.forms import FlagForm, PublicCommentForm
from feedback.models import CommentableMixin, PublicComment
from feedback.threads import PageComments

CONFIRMATION_VALID_FOR = timedelta(days=7)


def commentable_page(page_id):
    """The live, public, commentable page ``page_id`` (specific), or 404."""
    page = get_object_or_404(Page.objects.live().filter(public_q()), pk=page_id).specific
    if not isinstance(page, CommentableMixin):
        raise Http404("This page takes no comments.")
    return page


def wants_fragment(request):
    return request.headers.get("X-Requested-With") == "fetch"


def form_auto_id(section="", reply_to=None):
    if reply_to:
        return f"comment-r{reply_to}-%s"
    if section:
        return f"comment-s{section[:8]}-%s"
    return "comment-%s"


def render_form(request, page, form, *, status=200, errors=(), reply_to=None):
    context = {
        "target": page,
        "target_url": page.get_url(request=request),
        "form": form,
        "form_errors": list(errors),
        "reply_to": reply_to,
        "section": page_section(page, form["section"].value()),
        "availability": page.comment_availability(),
    }
    template = (
        "feedback/includes/form.html" if wants_fragment(request) else "feedback/form_page.html"
    )
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ["X-Requested-With"])
    return response


def page_section(page, section_id):
    if not section_id:
        return None
    return next((s for s in page.comment_sections() if s.id == section_id), None)


@never_cache
@require_GET
def comment_form(request, page_id):
    """The comment form for a page, a section or a reply: a fragment for the page's script,
    or a page of its own."""
    page = commentable_page(page_id)
    reply_to = None
    reply_id = request.GET.get("reply_to", "")
    if reply_id:
        reply_to = (
            PublicComment.objects.published()
            .filter(pk=reply_id if reply_id.isdigit() else 0, object_pk=str(page.pk))
            .filter(content_type_id=page.content_type_id)
            .first()
        )
        if reply_to is None:
            raise Http404("No such comment to reply to.")
    section = request.GET.get("section", "")
    if reply_to is not None:
        section = reply_to.section_id
    if page_section(page, section) is None:
        section = ""
    form = PublicCommentForm(
        page,
        reply_to=reply_to,
        initial={"section": section},
        auto_id=form_auto_id(section, reply_to.pk if reply_to else None),
    )
    return render_form(request, page, form, reply_to=reply_to)


def _client_ip(request):
    try:
        return str(ipaddress.ip_address(ratelimit.client_address(request)))
    except ValueError:
        return None


def rate_limited(request, decision, template="feedback/rate_limited.html"):
    response = render(
        request, template, {"retry_after": decision.retry_after, "target": None}, status=429
    )
    response["Retry-After"] = str(decision.retry_after)
    return response


def refused(request, message, status=400):
    return render(request, "feedback/refused.html", {"message": message}, status=status)


@never_cache
@csrf_protect
@require_POST
def post_comment(request):
    """Check a posted comment; if it passes, django-comments-xtd e-mails the confirmation
    link (the comment is stored only when the link is opened)."""
    decision = ratelimit.hit("post", request, conf.rate_limit())
    if not decision.allowed:
        return rate_limited(request, decision)

    page = None
    object_pk = request.POST.get("object_pk", "")
    if object_pk.isdigit():
        page = Page.objects.live().filter(public_q()).filter(pk=object_pk).first()
    page = page.specific if page is not None else None
    if not isinstance(page, CommentableMixin) or request.POST.get("content_type") != str(
        page._meta
    ):
        return refused(request, _("This page does not take comments."))

    reply_to = None
    reply_id = request.POST.get("reply_to", "0")
    if reply_id.isdigit() and int(reply_id):
        reply_to = PublicComment.objects.filter(pk=int(reply_id)).first()
    form = PublicCommentForm(
        page,
        data=request.POST,
        reply_to=reply_to,
        auto_id=form_auto_id(request.POST.get("section", ""), reply_id if reply_to else None),
    )

    availability = page.comment_availability()
    if not availability.is_open:
        form.is_valid()
        form.refresh_security_data()
        return render_form(request, page, form, status=403, reply_to=reply_to)
    if not form.is_valid():
        errors = form.security_error_messages()
        form.refresh_security_data()
        if not errors:
            errors = [_("Your comment was not sent. Please correct the marked fields.")]
        return render_form(request, page, form, status=400, errors=errors, reply_to=reply_to)

    comment = form.get_comment_object(site_id=get_current_site(request).id)
    comment.ip_address = _client_ip(request)
    if request.user.is_authenticated:
        comment.user = request.user
    responses = comment_will_be_posted.send(
        sender=comment.__class__, comment=comment, request=request
    )
    if any(response is False for _receiver, response in responses):
        form.refresh_security_data()
        return render_form(
            request,
            page,
            form,
            status=400,
            errors=[_("Your comment could not be accepted.")],
            reply_to=reply_to,
        )
    comment_was_posted.send(sender=comment.__class__, comment=comment, request=request)

    stored = comment.get("xtd_comment")
    if stored is not None:  # signed-in users skip the e-mail confirmation (xtd)
        stored.refresh_from_db()
        return comment_result(request, stored)
    return HttpResponseRedirect(f"{reverse('feedback-sent')}?page={page.pk}")


@never_cache
@require_GET
def sent(request):
    page_id = request.GET.get("page", "")
    page = commentable_page(page_id) if page_id.isdigit() else None
    return render(request, "feedback/sent.html", {"target": page})


def comment_result(request, comment):
    """After a comment is stored: its place on the page, or the "awaits moderation" page."""
    if comment.is_published:
        return redirect(comment.get_absolute_url())
    return render(
        request,
        "django_comments_xtd/moderated.html",
        {"comment": comment, "target": comment.content_object},
    )


@never_cache
@require_GET
def confirm(request, key):
    """The link in the confirmation e-mail: store the comment (xtd's flow), apply the
    moderation rules (feedback.signals), publish it or hold it."""
    try:
        tmp_comment = signed.loads(str(key), extra_key=xtd_settings.COMMENTS_XTD_SALT)
    except Exception:  # a bad signature, a damaged link, a page that is gone
        return render(request, "feedback/confirm_invalid.html", {"expired": False}, status=400)
    if tmp_comment.submit_date and timezone.now() - tmp_comment.submit_date > (
        CONFIRMATION_VALID_FOR
    ):
        return render(request, "feedback/confirm_invalid.html", {"expired": True}, status=400)

    # The link opened twice at once (a double click; a mail scanner and the reader) must
    # store the comment once: the confirmations of one page's comments take turns, each
    # holding a lock on the page's row from its "stored already?" to its insert.
    with transaction.atomic():
        list(Page.objects.select_for_update().filter(pk=tmp_comment.object_pk).values("pk"))
        existing = xtd_views._get_comment_if_exists(tmp_comment)
        if existing is not None:  # the link was opened before
            return comment_result(request, existing)

        responses = confirmation_received.send(
            sender=TmpXtdComment, comment=tmp_comment, request=request
        )
        if any(response is False for _receiver, response in responses):
            return render(request, "django_comments_xtd/discarded.html", {"comment": tmp_comment})
        comment = xtd_views._create_comment(tmp_comment)
    if comment.is_published:
        moderation.notify_followers(comment)
        moderation.pages_changed([comment.content_object])
    return comment_result(request, comment)


@never_cache
@require_GET
def mute(request, key):
    """The unsubscribe link of follow-up e-mails (xtd's view, with a readable error)."""
    try:
        signed.loads(str(key), extra_key=xtd_settings.COMMENTS_XTD_SALT)
    except Exception:
        return render(request, "feedback/confirm_invalid.html", {"expired": False}, status=400)
    return xtd_views.mute(request, key)


@require_GET
def permalink(request, comment_id):
    """A comment's permanent address: its page, showing as many threads as needed."""
    comment = get_object_or_404(PublicComment, pk=comment_id)
    page = comment.content_object
    if page is None or not getattr(page, "live", False):
        raise Http404("The page of this comment is gone.")
    url = page.get_url(request=request)
    if not comment.is_published:
        return redirect(f"{url}#comments")
    return redirect(f"{url}?comment={comment.pk}#{comment.anchor}")


@require_GET
def more_threads(request, page_id):
    """The next threads of a page, for the "Show more comments" button."""
    page = commentable_page(page_id)
    try:
        offset = max(0, int(request.GET.get("offset", 0)))
    except ValueError:
        offset = 0
    comments = PageComments(page, request, offset=offset, limit=conf.threads_per_page())
    return render(request, "feedback/includes/more_threads.html", {"comments": comments})


@never_cache
@csrf_protect
@require_http_methods(["GET", "POST"])
def flag(request, comment_id):
    """A reader reports a comment; enough reports hide it until a moderator reviews it."""
    comment = get_object_or_404(PublicComment.objects.published(), pk=comment_id)
    page = comment.content_object
    if page is None or not getattr(page, "live", False):
        raise Http404("The page of this comment is gone.")
    context = {"comment": comment, "target": page, "target_url": page.get_url(request=request)}
    if request.method == "POST":
        decision = ratelimit.hit("flag", request, conf.flag_rate_limit())
        if not decision.allowed:
            return rate_limited(request, decision)
        form = FlagForm(request.POST)
        if form.is_valid():
            counted, hidden = moderation.flag(
                comment,
                ratelimit.client_fingerprint(request),
                form.cleaned_data["reason"],
                conf.flag_threshold(),
            )
            context.update(counted=counted, hidden=hidden)
            return render(request, "feedback/flagged.html", context)
        status = 400
    else:
        form = FlagForm()
        status = 200
    context["form"] = form
    return render(request, "feedback/flag.html", context, status=status)


CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """A cell a spreadsheet will not run as a formula."""
    text = str(value if value is not None else "")
    return "'" + text if text.startswith(CSV_FORMULA_START) else text


@require_GET
def dispositions_csv(request, page_id):
    """ "You said — we did" as CSV: each published comment with a disposition."""
    page = commentable_page(page_id)
    if not page.comment_dispositions:
        raise Http404("This page records no dispositions.")
    comments = PageComments(page, None, limit=1)
    base = conf.site_url()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{page.slug}-you-said-we-did.csv"'
    response.write("\ufeff")  # a BOM: spreadsheets then read UTF-8 (Lithuanian letters)
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Comment"),
            _("Date"),
            _("Name"),
            pgettext("part of a plan draft", "Section"),
            _("You said"),
            _("Outcome"),
            _("Reason"),
            _("Decided on"),
            _("Link"),
        ]
    )
    for disposition in comments.dispositions:
        comment = disposition.comment
        section = disposition.section
        writer.writerow(
            [
                csv_cell(comment.pk),
                csv_cell(timezone.localtime(comment.submit_date).date().isoformat()),
                csv_cell(comment.user_name),
                csv_cell(
                    f"{section.number}. {section.title}" if section else comment.section_title
                ),
                csv_cell(comment.comment),
                csv_cell(disposition.get_outcome_display()),
                csv_cell(disposition.reason),
                csv_cell(timezone.localtime(disposition.decided_at).date().isoformat()),
                csv_cell(base + comment.get_absolute_url()),
            ]
        )
    return response
