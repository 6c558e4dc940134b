"""Following like a browser: open the disclosure's form, post it, read the e-mail."""

import re

from django.core import mail
from django.test import Client

CONFIRM_LINK = re.compile(r"https?://[^\s\"'<>]+(/(?:lt|en)/follow/confirm/[^\s\"'<>/]+/)")
FORM_LINK = re.compile(r'href="(/(?:lt|en)/follow/\?[^"]+)" data-follow-link')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
HIDDEN = re.compile(r'<input type="hidden" name="(page|priority|tag)" value="([^"]*)">')


def form_link(client, url):
    """The address of the follow form that the page at ``url`` links to."""
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sekti naujienas el. paštu" in html or "Follow news by e-mail" in html
    return FORM_LINK.search(html).group(1).replace("&amp;", "&")


def follow(url, email="ona@example.lt", client=None, **fields):
    """Open the follow form of the page at ``url`` as a browser would (its script's request,
    CSRF checked) and send it; returns the answer to the POST."""
    client = client or Client(enforce_csrf_checks=True)
    link = form_link(client, url)
    form = client.get(link, headers={"X-Requested-With": "fetch"})
    assert form.status_code == 200
    html = form.content.decode()
    data = dict(HIDDEN.findall(html))
    data.update(
        csrfmiddlewaretoken=CSRF.search(html).group(1),
        email=email,
        language=fields.pop("language", re.search(r'<option value="(\w+)" selected', html)[1]),
        rhythm=fields.pop("rhythm", "daily"),
        website="",
    )
    data.update(fields)
    action = re.search(r'<form method="post" action="([^"]+)"', html).group(1)
    return client.post(action, data)


def confirmation_paths():
    return [CONFIRM_LINK.search(message.body).group(1) for message in mail.outbox]
