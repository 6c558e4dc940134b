"""The form a member fills in when voting in the moderation queue or the page's workflow screen."""

from django import forms
from django.utils.translation import gettext_lazy as _


class VoteForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    is_public = forms.BooleanField(
        label=_("Show my comment publicly (without my name)"), required=False
    )
