"""The digests' links: unsubscribe (one click, RFC 8058) and manage an address's
subscriptions. Both answer in the language of their address (``/lt/…``, ``/en/…``)."""

from django import forms
from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from follows import links
from follows.models import Subscription
from follows.names import followed_name

LINK_MESSAGES = {
    "damaged": gettext_lazy(
        "The link is damaged or incomplete. Copy the whole address from the e-mail into your "
        "browser."
    ),
    "expired": gettext_lazy(
        "This link has expired. The next e-mail about what you follow has one that works."
    ),
}


def status_page(request, heading, *paragraphs, status=200, manage_url=""):
    return render(
        request,
        "follows/status.html",
        {"heading": heading, "paragraphs": paragraphs, "manage_url": manage_url},
        status=status,
    )


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
            "names": [followed_name(s) for s in subscriptions],
            "manage_url": links.manage_url(address),
        },
    )


class SubscriptionChoices(forms.Form):
    """The language and rhythm of each of an address's subscriptions, and which to stop."""

    def __init__(self, subscriptions, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for subscription in subscriptions:
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
                    followed_name(subscription),
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
