"""Template tags of public comments: author names, form fields, section links, e-mail URLs."""

from urllib.parse import urlsplit

from django import template
from django.utils.html import format_html

from feedback import conf
from feedback.threads import PageComments, comments_version

register = template.Library()


def is_http_url(url):
    try:
        parts = urlsplit(url or "")
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


@register.simple_tag(takes_context=True)
def page_comments(context, page):
    """The comments of a commentable page as its reader sees them (read lazily)."""
    return PageComments(page, context["request"])


@register.simple_tag
def listed_comments_version():
    """For the key of a cached listing that shows comment counts."""
    return comments_version()


@register.simple_tag
def comment_author(comment):
    """The author of a comment: the municipality for an official answer, else the name the
    commenter gave, linked to their website when it is an http(s) address; or that the
    author removed their name."""
    if comment.is_official:
        return str(conf.official_author())
    if comment.erased_by_author:
        return format_html('<span class="comment__author--removed">{}</span>', comment.author_name)
    if is_http_url(comment.user_url):
        return format_html(
            '<a href="{}" rel="nofollow ugc noopener noreferrer">{}</a>',
            comment.user_url,
            comment.user_name,
        )
    return comment.user_name


@register.simple_tag
def comment_author_name(comment):
    """The name shown for a comment, as text."""
    return str(conf.official_author()) if comment.is_official else comment.author_name


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
