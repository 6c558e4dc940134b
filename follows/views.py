"""Following by e-mail: the form, the confirmation link, editors' follow in the admin, and
the digests' links: unsubscribe (one click, RFC 8058) and manage an address's subscriptions
(both answer in the language of their address, ``/lt/…``, ``/en/…``).

Caching: the pages that offer the form may be served from the page cache or the proxy, so
they carry only a link to it (``{% follow_form %}``); the form, with its CSRF token, comes
from ``follow``, which is never cached: the page's script loads it into the page when the
reader opens "Follow by e-mail", and without JavaScript the link opens it as a page of its
own. This is how the comment form reaches cached pages too (feedback/views.py).
"""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.users.models import UserProfile

from core import ratelimit
from feedback import conf as feedback_conf
from follows import followed as things
from follows import links, optin
from follows.forms import FollowForm
from follows.models import Subscription
from follows.names import followed_names
from news.models import topic_name
from plans.models import PlanDraftPage
from workinggroups.models import WorkingGroupPage


def rate():
    """Follow requests per client address (``FOLLOWS_RATE_LIMIT``, as comments' ``5/m``)."""
    return feedback_conf.parse_rate(
        getattr(settings, "FOLLOWS_RATE_LIMIT", "5/m"), "FOLLOWS_RATE_LIMIT"
    )


def wants_fragment(request):
    return request.headers.get("X-Requested-With") == "fetch"


def status_page(request, heading, *paragraphs, back=None, status=200, manage_url=""):
    """A heading, a lead paragraph and more, and a link back (``(url, label)``) or to the
    address's subscriptions."""
    back_url, back_label = back or ("", "")
    context = {
        "heading": heading,
        "paragraphs": paragraphs,
        "back_url": back_url,
        "back_label": back_label,
        "manage_url": manage_url,
    }
    return render(request, "follows/status.html", context, status=status)


def back_to(followed):
    url = followed.url if followed else ""
    if not url:
        return None
    return url, _("Back to “%(title)s”") % {"title": followed.title}


def render_form(request, followed, form, status=200):
    template = "follows/includes/form.html" if wants_fragment(request) else "follows/form_page.html"
    context = {"form": form, "followed": followed, "hidden": followed.query()}
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ["X-Requested-With"])
    return response


def followed_or_404(data):
    followed = things.from_request(data)
    if followed is None:
        raise Http404(_("There is nothing here to follow."))
    return followed


@never_cache
@csrf_protect
@require_http_methods(["GET", "POST"])
def follow(request):
    """The follow form (a fragment for the page's script, or a page of its own) and what
    it sends: an unconfirmed subscription and, at most once a day, the confirmation e-mail."""
    if request.method == "GET":
        followed = followed_or_404(request.GET)
        initial = {"language": translation.get_language(), "rhythm": Subscription.Rhythm.DAILY}
        if followed.topics and request.GET.get("tag"):
            initial["topic"] = request.GET["tag"]
        return render_form(request, followed, FollowForm(followed, initial=initial))

    decision = ratelimit.hit("follow", request, rate())
    if not decision.allowed:
        response = status_page(
            request,
            _("Too many attempts"),
            ngettext(
                "You have sent too much in a short time. Please wait %(seconds)s second and "
                "try again.",
                "You have sent too much in a short time. Please wait %(seconds)s seconds and "
                "try again.",
                decision.retry_after,
            )
            % {"seconds": decision.retry_after},
            status=429,
        )
        response["Retry-After"] = str(decision.retry_after)
        return response
    followed = followed_or_404(request.POST)
    form = FollowForm(followed, data=request.POST)
    if not form.is_valid():
        return render_form(request, followed, form, status=400)
    data = form.cleaned_data
    topic = form.chosen_topic()
    subscription, send = optin.request(
        data["email"], followed.subscription_lookup(topic), data["language"], data["rhythm"]
    )
    if send:
        # The e-mail names the page in the language chosen for the e-mails, not the page's.
        with translation.override(subscription.language):
            described = things.describe(subscription)
        title = described[0] if described else (topic_name(topic) if topic else followed.title)
        optin.send_confirmation(subscription, title, page=followed.page)
    query = urlencode(followed.query())
    return HttpResponseRedirect(f"{reverse('follows:sent')}?{query}")


@never_cache
@require_GET
def sent(request):
    """The same answer whatever the address already follows."""
    return status_page(
        request,
        _("Check your mailbox"),
        _(
            "If this address does not follow it yet, we have sent it a link: open it within "
            "7 days to confirm. Until then we send nothing else."
        ),
        _(
            "We send at most one such e-mail a day to an address: the link of the first one "
            "also confirms what you asked for later. An address that already follows it "
            "keeps its settings; change them through the link in our e-mails."
        ),
        back=back_to(things.from_request(request.GET)),
    )


def invalid_confirmation_link(request, reason):
    messages_by_reason = {
        "expired": _(
            "The confirmation link has expired (links are valid for 7 days). Please follow "
            "again from the page."
        ),
        "damaged": _(
            "The link is damaged or incomplete. Copy the whole address from the e-mail into "
            "your browser."
        ),
        "outdated": _("This is not a confirmation link of this site. Please follow again."),
    }
    return status_page(
        request, _("This link is no longer valid"), messages_by_reason[reason], status=400
    )


def described(subscriptions):
    """``[(subscription, title, url)]``; what is no longer public is left out."""
    found = []
    for subscription in subscriptions:
        description = things.describe(subscription)
        if description is not None:
            found.append((subscription, *description))
    return found


@never_cache
@csrf_protect
@require_http_methods(["GET", "POST"])
def confirm(request, key):
    """The link of the confirmation e-mail. Opening it (GET) only shows what would be
    confirmed and a button: mail scanners and link previews open every link in an e-mail,
    and must not confirm anything. The button (POST) confirms what is ticked."""
    try:
        subscription_id = optin.read_confirmation_key(key)
    except optin.LinkRefused as refusal:
        return invalid_confirmation_link(request, refusal.reason)
    subscription = Subscription.objects.filter(pk=subscription_id).first()
    if subscription is None:
        return status_page(
            request,
            _("This link is no longer valid"),
            _(
                "What it was to confirm has been removed (unconfirmed requests are kept for "
                "7 days). Please follow again from the page."
            ),
            status=404,
        )
    pending = described(optin.pending_of(subscription.email).order_by("created_at", "pk"))
    if request.method == "POST":
        ids = {things.parse_id(value) for value in request.POST.getlist("subscription")}
        chosen = [item for item in pending if item[0].pk in ids]
        optin.confirm(Subscription.objects.filter(pk__in=[item[0].pk for item in chosen]))
        return render(
            request,
            "follows/confirmed.html",
            {
                "email": subscription.email,
                "confirmed": chosen,
                "manage_url": links.manage_url(subscription.email),
            },
        )
    if not pending:
        # Nothing waits: the link was used before (or what it named is no longer public).
        return render(
            request,
            "follows/confirmed.html",
            {
                "email": subscription.email,
                "confirmed": described([subscription]) if subscription.confirmed_at else [],
                "before": True,
                "manage_url": links.manage_url(subscription.email),
            },
        )
    return render(
        request,
        "follows/confirm.html",
        {"email": subscription.email, "pending": pending, "key": key},
    )


# --- The digests' links ------------------------------------------------------------------

LINK_MESSAGES = {
    "damaged": gettext_lazy(
        "The link is damaged or incomplete. Copy the whole address from the e-mail into your "
        "browser."
    ),
    "expired": gettext_lazy(
        "This link has expired. The next e-mail about what you follow has one that works."
    ),
}


def invalid_link(request, refusal):
    return status_page(
        request, _("This link is no longer valid"), LINK_MESSAGES[refusal.reason], status=400
    )


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, key):
    """Stop the subscriptions a digest's link names. A GET only asks (mail scanners open
    every link); a POST stops them: the page's button, or a mail client's one-click request
    (RFC 8058), which has neither cookies nor a CSRF token, so none is asked: the signed key
    is the proof, and it can do nothing but delete the subscriptions it names."""
    try:
        ids = links.read_unsubscribe_key(key)
    except links.LinkRefused as refusal:
        return invalid_link(request, refusal)
    subscriptions = list(Subscription.objects.filter(pk__in=ids).select_related("page", "topic"))
    if not subscriptions:
        return status_page(
            request,
            _("You are unsubscribed"),
            _("You no longer follow this: no more e-mails about it will come."),
        )
    address = subscriptions[0].email
    if request.method == "POST":
        Subscription.objects.filter(pk__in=[s.pk for s in subscriptions]).delete()
        remaining = Subscription.objects.filter(email__iexact=address).exists()
        return status_page(
            request,
            _("You are unsubscribed"),
            _("We will no longer e-mail %(address)s about this.") % {"address": address},
            manage_url=links.manage_url(address) if remaining else "",
        )
    return render(
        request,
        "follows/unsubscribe.html",
        {
            "address": address,
            "names": followed_names(subscriptions),
            "manage_url": links.manage_url(address),
        },
    )


class SubscriptionChoices(forms.Form):
    """The language and rhythm of each of an address's subscriptions, and which to stop."""

    def __init__(self, subscriptions, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for subscription, name in zip(subscriptions, followed_names(subscriptions), strict=True):
            prefix = f"s{subscription.pk}"
            self.fields[f"{prefix}-language"] = forms.ChoiceField(
                label=_("Language"), choices=settings.LANGUAGES, initial=subscription.language
            )
            self.fields[f"{prefix}-rhythm"] = forms.ChoiceField(
                label=_("How often"),
                choices=Subscription.Rhythm.choices,
                initial=subscription.rhythm,
            )
            self.fields[f"{prefix}-stop"] = forms.BooleanField(
                label=_("Stop following"), required=False
            )
            self.rows.append(
                (
                    subscription,
                    name,
                    self[f"{prefix}-language"],
                    self[f"{prefix}-rhythm"],
                    self[f"{prefix}-stop"],
                )
            )

    def save(self):
        """Apply the choices; returns how many subscriptions were stopped."""
        stopped = 0
        for subscription, *_fields in self.rows:
            prefix = f"s{subscription.pk}"
            if self.cleaned_data[f"{prefix}-stop"]:
                subscription.delete()
                stopped += 1
                continue
            subscription.language = self.cleaned_data[f"{prefix}-language"]
            subscription.rhythm = self.cleaned_data[f"{prefix}-rhythm"]
            subscription.save(update_fields=["language", "rhythm"])
        return stopped


@never_cache
@csrf_protect
@require_http_methods(["GET", "POST"])
def manage(request, key):
    """Every subscription of one address (from its signed link): change each one's language
    and rhythm, stop some, or stop them all."""
    try:
        address = links.read_manage_key(key)
    except links.LinkRefused as refusal:
        return invalid_link(request, refusal)
    subscriptions = Subscription.objects.filter(email__iexact=address).select_related(
        "page", "topic"
    )
    if request.method == "POST" and "stop_all" in request.POST:
        subscriptions.delete()
        return status_page(
            request,
            _("You are unsubscribed"),
            _("We will no longer e-mail %(address)s about anything on this site that you followed.")
            % {"address": address},
        )
    subscriptions = list(subscriptions.filter(confirmed_at__isnull=False).order_by("pk"))
    form = SubscriptionChoices(subscriptions, request.POST if request.method == "POST" else None)
    saved = False
    status = 200
    if request.method == "POST":
        if form.is_valid():
            form.save()
            subscriptions = list(
                Subscription.objects.filter(email__iexact=address, confirmed_at__isnull=False)
                .select_related("page", "topic")
                .order_by("pk")
            )
            form = SubscriptionChoices(subscriptions)
            saved = True
        else:
            status = 400
    return render(
        request,
        "follows/manage.html",
        {"address": address, "form": form, "saved": saved},
        status=status,
    )


# --- Editors follow from the admin ---------------------------------------------------------


def admin_language(user):
    language = UserProfile.get_for_user(user).get_preferred_language()
    codes = [code for code, _name in settings.LANGUAGES]
    language = (language or "").split("-")[0]
    return language if language in codes else settings.LANGUAGE_CODE


def editor_lookup(page):
    kind = Subscription.Kind.GROUP if isinstance(page, WorkingGroupPage) else Subscription.Kind.PLAN
    return {"kind": kind, "page": things.canonical_page(page)}


def followable_in_admin(page):
    return isinstance(page, WorkingGroupPage | PlanDraftPage)


def editor_subscription(user, page):
    """The subscription of ``user``'s address to ``page``, or ``None``."""
    if not user.email:
        return None
    return Subscription.objects.filter(email__iexact=user.email, **editor_lookup(page)).first()


def may_see_in_admin(user, page):
    policy = PagePermissionPolicy()
    return policy.explorable_instances(user).filter(pk=page.pk).exists()


@require_POST
def admin_follow(request, page_id):
    """Follow or stop following a working group or plan draft from its edit view, with the
    editor's address (confirmed at once: it is their account's) and admin language."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not followable_in_admin(page) or not may_see_in_admin(request.user, page):
        raise PermissionDenied
    user = request.user
    if not user.email:
        messages.error(
            request, _("Your account has no e-mail address: add one in your account settings.")
        )
    else:
        existing = editor_subscription(user, page)
        if existing is not None and existing.confirmed_at is not None:
            existing.delete()
            messages.success(
                request,
                _("You no longer follow “%(title)s” by e-mail.") % {"title": page.title},
            )
        else:
            language = admin_language(user)
            if existing is None:
                existing = Subscription(email=user.email, **editor_lookup(page))
            existing.user = user
            existing.language = language
            existing.confirmed_at = timezone.now()
            existing.save()
            messages.success(
                request,
                _("You follow “%(title)s”: we e-mail %(email)s %(rhythm)s.")
                % {
                    "title": page.title,
                    "email": user.email,
                    "rhythm": existing.get_rhythm_display(),
                },
            )
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    return HttpResponseRedirect(next_url)
