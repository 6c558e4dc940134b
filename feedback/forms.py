"""Forms: the public comment form (xtd's, with this site's labels and limits), the reader's
flag form and the moderators' forms."""

import unicodedata
from urllib.parse import urlsplit

from django_comments_xtd.forms import XtdCommentForm
from django_comments_xtd.models import max_thread_level_for_content_type

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from feedback import conf
from feedback.models import (
    ContributorType,
    Disposition,
    PublicComment,
    ReaderFlag,
    RemovalReason,
)
from feedback.moderation import count_links

# Bidirectional overrides and isolates can make text read differently from what it is.
BIDI_CONTROLS = {chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def without_control_characters(value, keep=""):
    """Drop control characters (NUL, newlines in a name...) and bidirectional overrides."""
    return "".join(
        ch
        for ch in value
        if ch in keep or (unicodedata.category(ch) != "Cc" and ch not in BIDI_CONTROLS)
    )


class PublicCommentForm(XtdCommentForm):
    """Name, e-mail, optional website and the comment; a hidden section and reply target.

    Security fields (content type, object, timestamp, HMAC hash) and the honeypot are
    django-contrib-comments'. ``refresh_security_data()`` re-signs a form that is shown
    again, so that a refused comment can be sent again with what the user typed.
    """

    section = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    contributor_type = forms.ChoiceField(
        label=pgettext_lazy("comment form", "You comment as (optional)"),
        help_text=_("The consultation report for the council counts comments by it."),
        choices=[("", pgettext_lazy("contributor type", "Not given")), *ContributorType.choices],
        required=False,
    )

    def __init__(self, target_object, data=None, initial=None, reply_to=None, **kwargs):
        self.reply_to_comment = reply_to
        initial = dict(initial or {})
        super().__init__(target_object, data=data, initial=initial, comment=reply_to, **kwargs)
        fields = self.fields
        fields["name"].label = pgettext_lazy("comment form", "Your name")
        fields["name"].help_text = _("Shown with your comment.")
        fields["name"].widget = forms.TextInput(attrs={"autocomplete": "name", "maxlength": 50})
        fields["email"].label = pgettext_lazy("comment form", "Your e-mail address")
        fields["email"].help_text = _(
            "We send you a link to confirm your comment, then tell you when it is published "
            "or answered. The address is never shown."
        )
        fields["email"].widget = forms.EmailInput(attrs={"autocomplete": "email"})
        fields["url"].label = pgettext_lazy("comment form", "Your website (optional)")
        fields["url"].help_text = _("A comment with a link waits for a moderator.")
        fields["url"].widget = forms.URLInput(attrs={"autocomplete": "url"})
        fields["url"].assume_scheme = "https"
        fields["comment"].label = pgettext_lazy("comment form", "Your comment")
        fields["comment"].max_length = conf.max_length()
        fields["comment"].help_text = _(
            "At most %(count)s characters. Be respectful: comments are moderated."
        ) % {"count": conf.max_length()}
        fields["comment"].widget = forms.Textarea(attrs={"rows": 6, "maxlength": conf.max_length()})
        fields["followup"].label = pgettext_lazy(
            "comment form", "Also e-mail me when others comment on this page"
        )
        fields["followup"].widget = forms.CheckboxInput()
        fields["honeypot"].label = pgettext_lazy(
            "comment form", "Leave this field empty (it catches spam robots)"
        )
        for name in ("name", "email", "comment"):
            fields[name].widget.attrs["required"] = True
        if reply_to is not None:
            self.initial["section"] = reply_to.section_id

    # --- Validation ---------------------------------------------------------------------

    def clean_name(self):
        name = " ".join(without_control_characters(self.cleaned_data["name"]).split())
        if not name:
            raise forms.ValidationError(_("Please write your name."))
        return name

    def clean_url(self):
        url = self.cleaned_data.get("url", "")
        if url and urlsplit(url).scheme.lower() not in ("http", "https"):
            raise forms.ValidationError(_("Give a web address that starts with https://."))
        return url

    def clean_comment(self):
        text = super().clean_comment().replace("\r\n", "\n").replace("\r", "\n")
        return without_control_characters(text, keep="\n\t").strip()

    def clean_section(self):
        section = self.cleaned_data.get("section", "")
        if not section:
            return ""
        sections = {item.id for item in self.target_object.comment_sections()}
        if section not in sections:
            raise forms.ValidationError(_("This section is no longer in the document."))
        return section

    def clean_reply_to(self):
        reply_to = self.cleaned_data.get("reply_to") or 0
        if not reply_to:
            return 0
        target = self.target_object
        parent = (
            PublicComment.objects.published()
            .filter(pk=reply_to, content_type_id=target.content_type_id, object_pk=str(target.pk))
            .first()
        )
        if parent is None:
            raise forms.ValidationError(_("The comment you reply to is not published."))
        if parent.level >= max_thread_level_for_content_type(parent.content_type):
            raise forms.ValidationError(_("Replies cannot go deeper here."))
        self.reply_to_comment = parent
        return reply_to

    def clean(self):
        cleaned = super().clean()
        text = cleaned.get("comment")
        if text is not None:
            if len(text.strip()) < conf.min_length():
                self.add_error(
                    "comment",
                    _("Your comment is too short (at least %(count)s characters).")
                    % {"count": conf.min_length()},
                )
            links = count_links(text)
            if links > conf.max_links():
                self.add_error(
                    "comment",
                    _("Your comment has %(links)s links; at most %(max)s are allowed.")
                    % {"links": links, "max": conf.max_links()},
                )
        return cleaned

    # --- Re-display ---------------------------------------------------------------------

    def refresh_security_data(self):
        """Give a bound form a new timestamp and hash (a refused comment is sent again)."""
        data = self.data.copy()
        for key, value in self.generate_security_data().items():
            data[key] = value
        self.data = data

    def security_error_messages(self):
        errors = self.security_errors()
        messages = []
        if "honeypot" in errors:
            messages.append(_("The field for spam robots was filled in, so we did not send it."))
        if "timestamp" in errors:
            messages.append(
                _("The form was open too long and has expired. Check your text and send it again.")
            )
        if "security_hash" in errors:
            messages.append(_("The form could not be verified. Check your text and send it again."))
        return messages

    # --- The comment xtd stores ---------------------------------------------------------

    def get_comment_create_data(self, site_id=None):
        data = super().get_comment_create_data(site_id=site_id)
        target = self.target_object
        section = self.cleaned_data.get("section", "")
        parent = self.reply_to_comment if self.cleaned_data.get("reply_to") else None
        if parent is not None:
            section = parent.section_id
        titles = {item.id: item.title for item in target.comment_sections()}
        data.update(
            {
                "comment": self.cleaned_data["comment"],
                "section_id": section,
                "contributor_type": self.cleaned_data.get("contributor_type", ""),
                "section_title": titles.get(section, parent.section_title if parent else "")[:255],
                "revision_id": getattr(target, "live_revision_id", None),
                "status": PublicComment.Status.PUBLISHED,
                "held_reasons": [],
            }
        )
        return data


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with this comment?"),
        choices=ReaderFlag.Reason.choices,
        widget=forms.RadioSelect,
    )


class OfficialAnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Official answer"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=conf.max_length(),
        help_text=_("Published at once as a reply, with the municipality's badge."),
    )


class DispositionForm(forms.ModelForm):
    """The outcome, the reason and (for a change made) the published version that carries it,
    chosen among the page's published versions (``versions``: revisions, oldest first)."""

    class Meta:
        model = Disposition
        fields = ["outcome", "reason", "landed_in"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"reason": _("Shown publicly in the “You said — we did” table.")}

    def __init__(self, *args, versions=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["landed_in"]
        field.queryset = field.queryset.filter(pk__in=[version.pk for version in versions])
        labels = {version.pk: version_label(version) for version in versions}
        field.label_from_instance = lambda revision: labels.get(revision.pk, str(revision.pk))


def version_label(revision):
    """A published version as people refer to it: its number (a plan draft's version label,
    else the revision's id) and its publication date."""
    published = getattr(revision, "published_at", None) or revision.created_at
    date = date_format(timezone.localtime(published), "DATE_FORMAT")
    number = (revision.content or {}).get("version_label")
    if number:
        return _("version %(number)s of %(date)s") % {"number": number, "date": date}
    return _("version No. %(id)s of %(date)s") % {"id": revision.pk, "date": date}


class RemovalReasonForm(forms.Form):
    """Why a moderator removes comments: the author of a held one is told by e-mail."""

    removal_reason = forms.ChoiceField(
        label=_("Reason for removal"),
        choices=[("", _("No reason given")), *RemovalReason.choices],
        required=False,
    )
    removal_note = forms.CharField(
        label=_("Explanation for the author (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    help_text = _(
        "When you remove a comment that was held, its author is told by e-mail, with this "
        "reason and explanation. Spam gets no e-mail."
    )


class BulkActionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            ("approve", _("Approve")),
            ("remove", _("Remove")),
            ("spam", _("Mark as spam")),
        ]
    )
    ids = forms.ModelMultipleChoiceField(queryset=PublicComment.objects.all())
