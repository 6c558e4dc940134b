"""The follow form: an e-mail address, a language and how often; on a news article, which of
its topics. A honeypot field catches spam robots, as on the comment form."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from follows.models import Subscription
from news.models import named_topics


class FollowForm(forms.Form):
    email = forms.EmailField(
        label=pgettext_lazy("follow form", "Your e-mail address"),
        help_text=_("We send a link to confirm it; nothing else comes before you open it."),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "required": True}),
    )
    topic = forms.ChoiceField(label=pgettext_lazy("follow form", "Topic"), choices=())
    language = forms.ChoiceField(
        label=pgettext_lazy("follow form", "Language of the e-mails"),
        choices=settings.LANGUAGES,
    )
    rhythm = forms.ChoiceField(
        label=pgettext_lazy("follow form", "How often"),
        choices=Subscription.Rhythm.choices,
        initial=Subscription.Rhythm.DAILY,
        widget=forms.RadioSelect,
    )
    # Filled only by robots: hidden from people by the stylesheet and from screen readers.
    website = forms.CharField(
        label=pgettext_lazy("follow form", "Leave this field empty (it catches spam robots)"),
        required=False,
    )

    def __init__(self, followed, *args, **kwargs):
        kwargs.setdefault("auto_id", "follow-%s")
        super().__init__(*args, **kwargs)
        self.followed = followed
        if followed.topics:
            self.fields["topic"].choices = [
                (topic.slug, topic.name) for topic in named_topics(followed.topics)
            ]
        else:
            del self.fields["topic"]

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(
                _("The field for spam robots was filled in, so nothing was sent.")
            )
        return ""

    def chosen_topic(self):
        slug = self.cleaned_data.get("topic")
        return next((tag for tag in self.followed.topics if tag.slug == slug), None)
