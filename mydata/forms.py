"""The public forms of "my data": asking for the link, and confirming an erasure."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mydata.models import Erasure


class LinkRequestForm(forms.Form):
    """An e-mail address, and the honeypot that catches spam robots (as the comment form)."""

    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("The one you wrote comments or followed the plan with."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "required": True}),
    )
    honeypot = forms.CharField(
        label=pgettext_lazy("comment form", "Leave this field empty (it catches spam robots)"),
        required=False,
    )

    def clean_honeypot(self):
        if self.cleaned_data.get("honeypot"):
            raise forms.ValidationError(
                _("The field for spam robots was filled in, so no link was sent.")
            )
        return ""


class ErasureForm(forms.Form):
    """What to erase, confirmed by a tick."""

    scope = forms.ChoiceField(choices=Erasure.Scope.choices, widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label=_("I understand that this cannot be undone."),
        error_messages={"required": _("Tick the box to confirm.")},
    )


class AddressLookupForm(forms.Form):
    """The administrators' search of the erasure log by address."""

    email = forms.EmailField(label=_("E-mail address"), required=False, max_length=254)
