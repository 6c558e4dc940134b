"""The e-mail that carries the "my data" link, in the language it was asked in."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from feedback import conf
from mydata import links


def send_access_link(email):
    """Mail ``email`` the link to its data (valid for ``links.VALID_FOR``)."""
    questions_to = conf.reply_address(None)
    context = {
        "url": conf.site_url() + reverse("mydata-overview", args=[links.access_key(email)]),
        "hours": int(links.VALID_FOR.total_seconds() // 3600),
        "questions_to": questions_to,
    }
    message = EmailMultiAlternatives(
        _("Your data on the strategic plan's website"),
        render_to_string("mydata/emails/access_link.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        [email],
        reply_to=[questions_to] if questions_to else None,
    )
    message.attach_alternative(
        render_to_string("mydata/emails/access_link.html", context), "text/html"
    )
    message.send()
