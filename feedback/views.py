"""Public views: the comment form, posting, e-mail confirmation, flags, permalinks, CSV.

Caching: pages (which may be served from a cache) carry the comments but never a form.
Every form (with its CSRF token and the signed timestamp of django-contrib-comments) comes
from ``comment_form``, which is never cached: the page's script loads it into the page, and
without JavaScript the "Write a comment" link opens it as a page of its own.
"""

import csv
import ipaddress
import re

from django.contrib.sites.shortcuts import get_current_site
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wagtail.models import Page

from core import ratelimit
from core.csv_cells import formula_safe_row
from feedback import conf, emails, links, moderation, pending
from feedback.forms import FlagForm, PublicCommentForm
from feedback.models import CommentableMixin, CommentNotificationOptOut, PublicComment
from feedback.threads import PageComments

# The largest id PostgreSQL's bigint holds.
MAX_ID = 2**63 - 1


# What every link from an e-mail says when it arrives cut or altered.
DAMAGED_LINK = gettext_lazy(
    "The link is damaged or incomplete. Copy the whole address from the e-mail into your browser."
)


def parse_id(value):
    """A database id typed into a URL, or ``None``: ASCII digits only (``str.isdigit()`` also
    takes "²", which ``int()`` refuses), within the range of the id columns."""
    if not isinstance(value, str) or not (value.isascii() and value.isdigit()) or len(value) > 19:
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


def public_commentable_page(page_id):
    """The live commentable page ``page_id`` (specific) outside every private section, or
    ``None``. Comments are written and confirmed on public pages only."""
    page = Page.objects.live().public().filter(pk=page_id).first() if page_id else None
    page = page.specific if page is not None else None
    return page if isinstance(page, CommentableMixin) else None


def commentable_page(page_id):
    """The live, public, commentable page ``page_id`` (specific), or 404."""
    page = public_commentable_page(page_id)
    if page is None:
        raise Http404("No such page takes comments.")
    return page


def visible_page(request, page_id):
    """The live page ``page_id`` (specific) if the visitor may see it, else ``None``: a page in
    a private section is unknown to a visitor who has not passed its restriction.

    Wagtail's own check, asked of the generic page: the page types' copy of it, which reads
    a cached list of private sections, is not relied on here.
    """
    page = Page.objects.live().filter(pk=page_id).first() if page_id else None
    if page is None:
        return None
    if not all(restriction.accept_request(request) for restriction in page.get_view_restrictions()):
        return None
    return page.specific


def visible_comment_page(request, comment):
    """The page of ``comment`` if the visitor may see it, else 404."""
    page = visible_page(request, parse_id(comment.object_pk))
    if page is None or page.content_type_id != comment.content_type_id:
        raise Http404("No such comment.")
    return page


def visible_commentable_page(request, page_id):
    page = visible_page(request, page_id)
    if not isinstance(page, CommentableMixin):
        raise Http404("No such page takes comments.")
    return page


def wants_fragment(request):
    return request.headers.get("X-Requested-With") == "fetch"


def form_auto_id(section="", reply_to=None):
    """The form fields' id pattern (a ``%s`` format): one per form on the page. A section id
    is a block's id, letters, digits and dashes: anything else a client posts is dropped."""
    if reply_to:
        return f"comment-r{reply_to}-%s"
    section = re.sub(r"[^0-9A-Za-z-]", "", section or "")[:8]
    if section:
        return f"comment-s{section}-%s"
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
            .filter(pk=parse_id(reply_id) or 0, object_pk=str(page.pk))
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


def status_page(request, heading, *paragraphs, back=None, status=200):
    """What became of a reader's comment, report or link, on one page: a heading, a lead
    paragraph and more, and a link back (``(url, label)``)."""
    back_url, back_label = back or ("", "")
    context = {
        "heading": heading,
        "paragraphs": paragraphs,
        "back_url": back_url,
        "back_label": back_label,
    }
    return render(request, "feedback/status.html", context, status=status)


def back_to(page):
    if page is None:
        return None
    return f"{page.url}#comments", _("Back to “%(title)s”") % {"title": page.title}


def rate_limited(request, decision):
    response = status_page(
        request,
        _("Too many attempts"),
        ngettext(
            "You have sent too much in a short time. Please wait %(seconds)s second and try again.",
            "You have sent too much in a short time. Please wait %(seconds)s seconds and try "
            "again.",
            decision.retry_after,
        )
        % {"seconds": decision.retry_after},
        _(
            "This request was not stored. Your browser's Back button takes you to the form with "
            "your text."
        ),
        status=429,
    )
    response["Retry-After"] = str(decision.retry_after)
    return response


def refused(request, message, status=400):
    return status_page(request, _("The comment was not accepted"), message, status=status)


@never_cache
@csrf_protect
@require_POST
def post_comment(request):
    """Check a posted comment; if it passes, e-mail its author the confirmation link (the
    comment is stored only when the link is opened). A signed-in user's comment is stored at
    once."""
    decision = ratelimit.hit("post", request, conf.rate_limit())
    if not decision.allowed:
        return rate_limited(request, decision)

    page = public_commentable_page(parse_id(request.POST.get("object_pk", "")))
    if page is None or request.POST.get("content_type") != str(page._meta):
        return refused(request, _("This page does not take comments."))

    reply_to = None
    reply_id = parse_id(request.POST.get("reply_to", ""))
    if reply_id:
        reply_to = PublicComment.objects.filter(pk=reply_id).first()
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

    unconfirmed = pending.from_form(form, get_current_site(request).id, _client_ip(request))
    if request.user.is_authenticated:  # signed-in users skip the e-mail confirmation
        return store_comment(request, page, unconfirmed, user=request.user)
    emails.send_confirmation_request(page, unconfirmed, links.confirmation_key(unconfirmed))
    return HttpResponseRedirect(f"{reverse('feedback-sent')}?page={page.pk}")


@never_cache
@require_GET
def sent(request):
    page_id = parse_id(request.GET.get("page", ""))
    page = commentable_page(page_id) if page_id else None
    return status_page(
        request,
        _("Check your e-mail"),
        _(
            "Thank you. We have sent a link to your e-mail address: open it to confirm your "
            "comment."
        ),
        _(
            "Your comment is published after you confirm it; some comments are read by a "
            "moderator first. The link is valid for 7 days. Until you open it, we store nothing."
        ),
        back=back_to(page),
    )


def comment_result(request, comment):
    """After a comment is stored: its place on the page, or the "awaits moderation" page."""
    if comment.is_published:
        return redirect(comment.get_absolute_url())
    return status_page(
        request,
        _("Your comment awaits a moderator"),
        _(
            "Thank you: your e-mail address is confirmed. A moderator reads your comment before "
            "it is published, usually within two working days."
        ),
        back=back_to(comment.content_object),
    )


def not_published(request, message, status):
    return status_page(
        request,
        _("Your comment was not published"),
        message,
        _("Nothing was stored."),
        status=status,
    )


def store_comment(request, page, unconfirmed, user=None):
    """Store a confirmed pending comment once, as the moderation rules say, and show where
    it went; store nothing if the page stopped taking comments or the comment it replies to
    is no longer published."""
    with transaction.atomic():
        pending.lock(page)
        existing = pending.stored(page, unconfirmed)
        if existing is not None:  # the link was opened before
            return comment_result(request, existing)
        availability = page.comment_availability()
        if not availability.is_open:
            return not_published(request, availability.notice, status=403)
        if not pending.replies_to_a_published_comment(page, unconfirmed):
            return not_published(
                request, _("The comment you reply to is not published."), status=409
            )
        stored = pending.store(page, unconfirmed, user)
    if stored is None:
        return refused(
            request,
            _(
                "Comments from this e-mail domain are not accepted. If you think this is a "
                "mistake, contact the municipality."
            ),
            status=200,
        )
    if stored.is_published:
        moderation.published(stored)
        moderation.pages_changed([page])
    return comment_result(request, stored)


def invalid_link(request, reason, messages):
    return status_page(request, _("This link is no longer valid"), messages[reason], status=400)


@never_cache
@require_GET
def confirm(request, key):
    """The link in the confirmation e-mail: if the page is still public and takes comments,
    store the comment, publish it or hold it for a moderator."""
    try:
        unconfirmed = links.read_confirmation_key(key)
        if not pending.is_well_formed(unconfirmed):
            raise links.LinkRefused("damaged")
    except links.LinkRefused as refusal:
        return invalid_link(
            request,
            refusal.reason,
            {
                "expired": _(
                    "The confirmation link has expired (links are valid for 7 days). "
                    "Please write your comment again."
                ),
                "damaged": _(
                    "The link is damaged or incomplete. Copy the whole address from the "
                    "e-mail into your browser, or write your comment again."
                ),
                "outdated": _(
                    "Confirmation links sent before the site was updated no longer work. "
                    "Please write your comment again."
                ),
            },
        )
    page = public_commentable_page(unconfirmed["page"])
    if page is None:
        return not_published(
            request, _("The page you commented on is no longer public."), status=404
        )
    return store_comment(request, page, unconfirmed)


@never_cache
@require_GET
def mute(request, key):
    """The unsubscribe link of follow-up e-mails: no more notifications about the page."""
    try:
        page_id, email = links.read_mute_key(key)
    except links.LinkRefused as refusal:
        no_longer = _(
            "This unsubscribe link no longer works. The next notification e-mail has one that does."
        )
        return invalid_link(
            request,
            refusal.reason,
            {
                "expired": no_longer,
                "outdated": no_longer,
                "damaged": DAMAGED_LINK,
            },
        )
    page = Page.objects.filter(pk=page_id).first()
    if page is not None:
        PublicComment.objects.filter(
            content_type_id=page.content_type_id,
            object_pk=str(page.pk),
            user_email__iexact=email,
            followup=True,
        ).update(followup=False)
    page = visible_page(request, page_id)
    if page is None:
        done = _("You will no longer receive e-mails about new comments on this page.")
    else:
        # As {% blocktranslate %} would: the translation as markup, the values escaped.
        done = mark_safe(  # noqa: S308
            _(
                "You will no longer receive e-mails about new comments on "
                '<a href="%(url)s">%(title)s</a>.'
            )
            % {"url": escape(page.url), "title": escape(page.title)}
        )
    return status_page(request, _("You are unsubscribed"), done)


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def stop_notices(request, key):
    """The unsubscribe link of the e-mails about a reader's own comments: it stops them for
    the comment's address. A GET only asks (mail scanners open every link); a POST stops
    them: the page's button, or a mail client's one-click request (RFC 8058), which has
    neither cookies nor a CSRF token, so none is asked: the signed key is the proof."""
    try:
        comment_id = links.read_author_notices_key(key)
    except links.LinkRefused as refusal:
        no_longer = _(
            "This unsubscribe link no longer works. The next e-mail about your comments has "
            "one that does."
        )
        return invalid_link(
            request,
            refusal.reason,
            {
                "expired": no_longer,
                "outdated": no_longer,
                "damaged": DAMAGED_LINK,
            },
        )
    comment = PublicComment.objects.filter(pk=comment_id).exclude(user_email="").first()
    if comment is None:
        return status_page(
            request,
            _("This link is no longer valid"),
            _(
                "The comment this e-mail was about has been deleted, so no more e-mails about "
                "it will come. If you get e-mails about your other comments, each has a link "
                "that stops them."
            ),
            status=404,
        )
    address = comment.user_email
    if request.method == "POST":
        CommentNotificationOptOut.stop(address)
        return status_page(
            request,
            _("You are unsubscribed"),
            _(
                "We will no longer e-mail %(address)s when your comments are published, not "
                "published or answered by the municipality."
            )
            % {"address": address},
            _(
                "If you asked for e-mails about new comments on a page, they have their own "
                "unsubscribe link."
            ),
        )
    return render(
        request,
        "feedback/stop_notices.html",
        {"address": address, "stopped": CommentNotificationOptOut.has_stopped(address)},
    )


@require_GET
def permalink(request, comment_id):
    """A comment's permanent address: its page, showing as many threads as needed."""
    comment = get_object_or_404(PublicComment, pk=comment_id)
    page = visible_comment_page(request, comment)
    url = page.get_url(request=request)
    if not comment.is_published:
        return redirect(f"{url}#comments")
    return redirect(f"{url}?comment={comment.pk}#{comment.anchor}")


@require_GET
def more_threads(request, page_id):
    """The next threads of a page, for the "Show more comments" button."""
    page = visible_commentable_page(request, page_id)
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
    page = visible_comment_page(request, comment)
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
            if not counted:
                said = _("You have already reported this comment. A moderator will review it.")
            elif hidden:
                said = "{} {}".format(
                    _("A moderator will review the comment."), _("It is hidden until then.")
                )
            else:
                said = _("A moderator will review the comment.")
            return status_page(
                request,
                _("Thank you for your report"),
                said,
                back=(f"{context['target_url']}#comments", _("Back to the page")),
            )
        status = 400
    else:
        form = FlagForm()
        status = 200
    context["form"] = form
    return render(request, "feedback/flag.html", context, status=status)


@require_GET
def dispositions_csv(request, page_id):
    """ "You said — we did" as CSV: each published comment with a disposition."""
    page = visible_commentable_page(request, page_id)
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
            formula_safe_row(
                [
                    comment.pk,
                    timezone.localtime(comment.submit_date).date().isoformat(),
                    comment.author_name,
                    f"{section.number}. {section.title}" if section else comment.section_title,
                    comment.comment,
                    disposition.get_outcome_display(),
                    disposition.reason,
                    timezone.localtime(disposition.decided_at).date().isoformat(),
                    base + comment.get_absolute_url(),
                ]
            )
        )
    return response
