"""The sign-in forms of the admin (WAGTAILADMIN_USER_LOGIN_FORM) and of private pages
(Wagtail's /<lang>/_util/login/, routed in cityplan/urls.py): Wagtail's and Django's, with
failed sign-ins throttled, so that passwords cannot be guessed at speed.

Failures are counted per account (whatever the address) and per client address (whatever
the account), in core/ratelimit.py's windows: `ADMIN_LOGIN_FAILURES_PER_ACCOUNT` and
`ADMIN_LOGIN_FAILURES_PER_ADDRESS` (settings/base.py), each (failures, seconds). Past either
limit the form says how long to wait and does not check the password at all, so a right
guess signs nobody in. A sign-in clears its account's failures, never its address's: those
may be other accounts' guesses.
"""

import math

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy, ngettext

from wagtail.admin.forms.auth import LoginForm

from core import ratelimit

ACCOUNT_BUCKET = "login-account"
ADDRESS_BUCKET = "login-address"


def _rate(name):
    count, seconds = getattr(settings, name)
    return ratelimit.Rate(count, seconds)


class ThrottledSignIn:
    """Throttles the failures of an AuthenticationForm (its ``request`` gives the address)."""

    def _limits(self, username):
        """(bucket, key, rate) of each count a failed sign-in adds to."""
        return [
            (
                ACCOUNT_BUCKET,
                ratelimit.keyed_hash(username.strip().casefold()),
                _rate("ADMIN_LOGIN_FAILURES_PER_ACCOUNT"),
            ),
            (
                ADDRESS_BUCKET,
                ratelimit.client_fingerprint(self.request),
                _rate("ADMIN_LOGIN_FAILURES_PER_ADDRESS"),
            ),
        ]

    def clean(self):
        username = self.cleaned_data.get("username")
        if username is None or not self.cleaned_data.get("password"):
            return super().clean()  # nothing to check: the fields' errors say what is missing
        limits = self._limits(username)
        waits = [
            decision.retry_after
            for decision in (ratelimit.check(*limit) for limit in limits)
            if not decision.allowed
        ]
        if waits:
            minutes = math.ceil(max(waits) / 60)
            raise ValidationError(
                ngettext(
                    "Too many failed sign-in attempts. Please try again in %(minutes)s minute.",
                    "Too many failed sign-in attempts. Please try again in %(minutes)s minutes.",
                    minutes,
                )
                % {"minutes": minutes},
                code="throttled",
            )
        try:
            cleaned_data = super().clean()
        except ValidationError as error:
            if error.code == "invalid_login":
                for limit in limits:
                    ratelimit.count(*limit)
            raise
        ratelimit.reset(*limits[0])
        return cleaned_data


class ThrottledLoginForm(ThrottledSignIn, LoginForm):
    """The admin's sign-in form.

    Wagtail's form leaves the password field unlabelled (Django then shows the field's name,
    "Password", untranslated) and builds the username's placeholder from the field's name in
    the nominative ("Įveskite savo vartotojo vardas"): both are given whole sentences here.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = gettext_lazy("Password")
        self.fields["username"].widget.attrs["placeholder"] = gettext_lazy("Enter your username")


class ThrottledAuthenticationForm(ThrottledSignIn, AuthenticationForm):
    """The sign-in form of private pages."""
