"""Public views of "my data": ask for the link, see the data, download it, erase it.

The link is the proof of the address: the same "check your mailbox" answer follows every
well-formed request, whether or not the address has data, so the form tells nobody which
addresses wrote here. Requests are limited per client (an answer 429 says so) and per
address (silently: the answer must not differ). Nothing of these views is cached.
"""

import functools
import json

from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from core import ratelimit
from mydata import emails, links
from mydata.erasure import erase
from mydata.forms import ErasureForm, LinkRequestForm
from mydata.models import Erasure
from mydata.records import ResidentData, normalised

CLIENT_RATE = ratelimit.Rate(5, 3600)  # requests for a link per client address
ADDRESS_RATE = ratelimit.Rate(3, 24 * 3600)  # links mailed to one address


def status_page(request, heading, *paragraphs, status=200, back=True):
    """A heading and paragraphs, with a link to ask for a new link (``back``)."""
    context = {"heading": heading, "paragraphs": paragraphs, "back": back}
    return render(request, "mydata/status.html", context, status=status)


@never_cache
@csrf_protect
@require_http_methods(["GET", "POST"])
def request_link(request):
    """The form that mails an address the link to its data."""
    if request.method == "GET":
        return render(request, "mydata/request.html", {"form": LinkRequestForm()})
    decision = ratelimit.hit("mydata", request, CLIENT_RATE)
    if not decision.allowed:
        minutes = -(-decision.retry_after // 60)
        response = status_page(
            request,
            _("Too many requests"),
            ngettext(
                "You have asked for links too often. Please wait %(minutes)s minute and try again.",
                "You have asked for links too often. Please wait %(minutes)s minutes and try "
                "again.",
                minutes,
            )
            % {"minutes": minutes},
            status=429,
            back=False,
        )
        response["Retry-After"] = str(decision.retry_after)
        return response
    form = LinkRequestForm(request.POST)
    if not form.is_valid():
        return render(request, "mydata/request.html", {"form": form}, status=400)
    email = normalised(form.cleaned_data["email"])
    if ratelimit.count("mydata-address", ratelimit.keyed_hash(email), ADDRESS_RATE).allowed:
        emails.send_access_link(email)
    return HttpResponseRedirect(reverse("mydata-sent"))


@never_cache
@require_GET
def sent(request):
    hours = int(links.VALID_FOR.total_seconds() // 3600)
    return status_page(
        request,
        _("Check your mailbox"),
        _(
            "A link is on its way to the address you gave: open it within %(hours)s hours to "
            "see what we keep about the address."
        )
        % {"hours": hours},
        _(
            "Nothing arrived after a few minutes? Look in the spam folder, check the address "
            "and ask again. The same address receives at most three links a day."
        ),
        back=False,
    )


def invalid_link(request, refusal):
    messages = {
        "expired": _(
            "The link has expired: links to your data are valid for %(hours)s hours. Ask for "
            "a new one."
        )
        % {"hours": int(links.VALID_FOR.total_seconds() // 3600)},
        "damaged": _(
            "The link is damaged or incomplete. Copy the whole address from the e-mail into "
            "your browser, or ask for a new link."
        ),
    }
    return status_page(
        request, _("This link is no longer valid"), messages[refusal.reason], status=400
    )


def read_key(view):
    """Pass the address of the link's key to ``view``, or answer that the link is refused."""

    @functools.wraps(view)
    def wrapped(request, key, *args, **kwargs):
        try:
            email = links.read_access_key(key)
        except links.LinkRefused as refusal:
            return invalid_link(request, refusal)
        return view(request, key, email, *args, **kwargs)

    return wrapped


def overview_context(key, email, data):
    return {
        "email": email,
        "data": data,
        "json_url": reverse("mydata-download", args=[key, "json"]),
        "csv_url": reverse("mydata-download", args=[key, "csv"]),
        "scopes": Erasure.Scope,
    }


@never_cache
@csrf_protect
@require_http_methods(["GET", "POST"])
@read_key
def overview(request, key, email):
    """Every comment, reader flag on them and subscription of the link's address; a POST
    (its key read again) erases them as chosen, once the box is ticked."""
    form = ErasureForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        record = erase(email, form.cleaned_data["scope"])
        return render(request, "mydata/erased.html", {"record": record, "email": email})
    context = overview_context(key, email, ResidentData(email))
    context.update(form=form, failed_scope=request.POST.get("scope", ""))
    return render(request, "mydata/overview.html", context, status=400 if form.is_bound else 200)


@never_cache
@require_GET
@read_key
def download(request, key, email, extension):
    """The same data as JSON or CSV (a file to keep or take elsewhere: GDPR article 20)."""
    data = ResidentData(email)
    stamp = timezone.localdate().isoformat()
    if extension == "json":
        response = HttpResponse(
            json.dumps(data.as_json(), ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
    else:
        response = HttpResponse(data.as_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="my-data-{stamp}.{extension}"'
    return response
