"""Template tags of public comments: the comment list, author names, form fields, section
links, e-mail URLs."""

import re
from html import escape as html_escape
from urllib.parse import urlsplit

from django import template
from django.utils import dateformat
from django.utils.formats import get_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext, pgettext

from feedback import conf
from feedback.models import Disposition

register = template.Library()


def is_http_url(url):
    try:
        parts = urlsplit(url or "")
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def escape_text(text):
    """``escape()`` without its wrapper for lazy texts: the same characters, but a comment
    list calls it some ten times a comment."""
    return html_escape(str(text))


NEWLINES = re.compile(r"\r\n|\r")
PARAGRAPH_BREAKS = re.compile("\n{2,}")


def paragraphs(text):
    """What ``linebreaks(text, autoescape=True)`` gives (paragraphs and ``<br>``, escaped),
    without its wrappers for lazy texts."""
    return "\n\n".join(
        "<p>%s</p>" % escape_text(paragraph).replace("\n", "<br>")  # noqa: UP031 (as Django)
        for paragraph in PARAGRAPH_BREAKS.split(NEWLINES.sub("\n", str(text)))
    )


class ParsedDateFormat:
    """A date format such as ``DATETIME_FORMAT``, parsed once, with Django's own patterns:
    ``dateformat.format()`` (the ``date`` filter) parses it again for every date, a third of
    its time. The output is the filter's."""

    def __init__(self, format_string):
        self.pieces = [
            (True, piece) if number % 2 else (False, dateformat.re_escaped.sub(r"\1", piece))
            for number, piece in enumerate(dateformat.re_formatchars.split(format_string))
            if piece
        ]

    def format(self, value):
        date = dateformat.DateFormat(value)
        return "".join(
            str(getattr(date, piece)()) if is_specifier else piece
            for is_specifier, piece in self.pieces
        )


class ThreadMarkup:
    """The markup of comment threads (``PageComments.threads``), built in Python.

    Through a template (an ``{% include %}`` per comment, a dozen conditions, four
    translations, two date filters) a comment cost about 0.3 ms to render, nearly half of an
    article's render time; built here, about 0.03 ms. What is the same for every comment
    (translations, the municipality's name, the date format, the outcome labels) is worked
    out once per list. Everything a commenter wrote is escaped; translations go in as they
    are, as ``{% translate %}`` puts them. The markup, whitespace included, is what the
    template gave (tests/feedback/test_comment_markup.py holds it).
    """

    def __init__(self):
        self.official_name = escape(str(conf.official_author()))
        # As {% translate %} gives them (escaped); {% blocktranslate %} texts are not escaped,
        # only what goes into them.
        self.official_badge = escape(gettext("Official answer of the municipality"))
        self.permalink_title = escape(gettext("Permanent link to this comment"))
        self.on_section = gettext('On section <a href="%(url)s">%(number)s. %(title)s</a>')
        self.on_section_title = gettext("On section “%(title)s”")
        self.version = gettext("version %(version)s")
        self.section_removed = escape(gettext("This section is no longer in the draft."))
        self.section_changed = escape(
            gettext("This section has changed since this comment was written.")
        )
        self.reply = escape(pgettext("comment", "Reply"))
        self.reply_to = gettext("to %(name)s")
        self.report = escape(pgettext("comment", "Report"))
        self.removed = escape(gettext("This comment was removed by a moderator."))
        self.hidden = escape(gettext("This comment is hidden while a moderator reviews it."))
        self.datetime_format = ParsedDateFormat(get_format("DATETIME_FORMAT"))
        self.outcomes = {value: str(label) for value, label in Disposition.Outcome.choices}

    def threads(self, threads, offset=0):
        """Each thread as a list item numbered from ``offset + 1`` (``id="thread-N"``)."""
        parts = []
        for number, node in enumerate(threads, start=offset + 1):
            self.item(node, number, parts)
        return mark_safe("".join(parts))  # noqa: S308 (what commenters wrote is escaped)

    def item(self, node, thread_number, parts):
        comment = node.comment
        parts += (
            '<li class="comment',
            " comment--official" if comment.is_official else "",
            "" if node.is_visible else " comment--placeholder",
            f'" id="thread-{thread_number}">' if thread_number else '">',
            f'\n    <article class="comment__box" id="c{comment.pk}" tabindex="-1">\n        \n',
        )
        if node.is_visible:
            self.body(node, parts)
        else:
            text = self.removed if comment.is_removed else self.hidden
            parts.append(f'        <p class="comment__placeholder">{text}</p>\n')
        parts.append("        \n    </article>\n    ")
        if node.children:
            parts.append('<ol class="comment-list comment-list--replies">')
            for child in node.children:
                self.item(child, None, parts)
            parts.append("</ol>")
        parts.append("\n</li>\n")

    def body(self, node, parts):
        comment = node.comment
        if comment.is_official:
            author = name = self.official_name
        else:
            name = escape_text(comment.user_name)
            author = name
            if is_http_url(comment.user_url):
                author = (
                    f'<a href="{escape_text(comment.user_url)}" '
                    f'rel="nofollow ugc noopener noreferrer">{name}</a>'
                )
        submitted = template_localtime(comment.submit_date)
        parts += (
            '        <header class="comment__header">\n            <p class="comment__author">',
            author,
            f' <span class="badge badge--official">{self.official_badge}</span>'
            if comment.is_official
            else "",
            f'</p>\n            <p class="meta"><a class="comment__permalink" '
            f'href="{escape_text(node.permalink)}" title="{self.permalink_title}">'
            f'<time datetime="{submitted.isoformat()}">'
            f"{escape_text(self.datetime_format.format(submitted))}</time></a>",
        )
        if comment.section_id and comment.level == 0:
            parts.append("\n                · ")
            if node.section:
                parts.append(
                    self.on_section
                    % {
                        "url": escape_text("#" + node.section.anchor),
                        "number": node.section.number,
                        "title": escape_text(node.section.title),
                    }
                )
            else:
                parts.append(self.on_section_title % {"title": escape_text(comment.section_title)})
            if node.version_label:
                parts += (", ", self.version % {"version": escape_text(node.version_label)})
        parts.append("</p>\n            ")
        if comment.level == 0:
            if node.section_removed:
                parts.append(f'<p class="comment__changed">{self.section_removed}</p>')
            elif node.section_changed:
                parts.append(f'<p class="comment__changed">{self.section_changed}</p>')
        parts += (
            '\n        </header>\n        <div class="comment__text">',
            paragraphs(comment.comment),
            "</div>\n        ",
        )
        if node.disposition:
            outcome, reason = node.disposition
            parts.append(
                f'<p class="comment__disposition"><span class="badge badge--outcome-'
                f'{escape_text(outcome)}">'
                f"{escape_text(self.outcomes.get(outcome, outcome))}</span> "
                f"{escape_text(reason)}</p>"
            )
        parts.append('\n        <ul class="comment__actions inline-list">\n            ')
        if node.can_reply:
            parts.append(
                f'<li><a href="{escape_text(node.reply_url)}" data-comment-form-link '
                'rel="nofollow">'
                f'{self.reply}<span class="visually-hidden"> {self.reply_to % {"name": name}}'
                "</span></a></li>"
            )
        parts.append("\n            ")
        if not comment.is_official:
            parts.append(
                f'<li><a href="{escape_text(node.flag_url)}" rel="nofollow">{self.report}</a></li>'
            )
        parts.append("\n        </ul>\n        <div data-comment-form-target></div>\n")


@register.simple_tag
def comment_threads(comments):
    """The threads of ``comments`` (a ``PageComments``) as list items, with their replies."""
    return ThreadMarkup().threads(comments.threads, comments.offset)


@register.simple_tag
def comment_author_name(comment):
    """The name shown for a comment, as text."""
    return str(conf.official_author()) if comment.is_official else comment.user_name


@register.inclusion_tag("feedback/includes/field.html")
def comment_field(field):
    """A form field with its label, help text and errors tied to it for screen readers."""
    describedby = []
    if field.help_text:
        describedby.append(f"{field.auto_id}-help")
    if field.errors:
        describedby.append(f"{field.auto_id}-error")
    attrs = {}
    if describedby:
        attrs["aria-describedby"] = " ".join(describedby)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return {"field": field, "widget": field.as_widget(attrs=attrs)}


@register.inclusion_tag("feedback/includes/section_comments.html")
def section_comments(comments, section_id):
    """A plan section's comment count, its link, and "Comment on this section"."""
    if not comments:
        return {}
    section = comments.section_map.get(str(section_id))
    return {
        "comments": comments,
        "section": section,
        "count": comments.section_count(str(section_id)),
        "list_url": comments.section_url(str(section_id)),
        "form_url": comments.form_url(section=str(section_id)),
        "is_open": comments.availability.is_open,
    }


@register.simple_tag
def site_url(path=""):
    """An absolute address on the public site, for e-mails (``WAGTAILADMIN_BASE_URL``)."""
    path = str(path or "")
    if is_http_url(path):
        return path
    return conf.site_url() + path
