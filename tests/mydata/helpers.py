"""Helpers of the "my data" tests: the link of the e-mail, as the resident opens it."""

import re

from django.core import mail

from mydata import links

LINK = re.compile(r"https?://[^\s\"'<>]+/(?:mano-duomenys|my-data)/[^\s\"'<>/]+/")


def link_in(message):
    return re.sub(r"^https?://[^/]+", "", LINK.search(message.body).group(0))


def ask_for_link(client, email, language="lt", **extra):
    path = "/lt/mano-duomenys/" if language == "lt" else "/en/my-data/"
    return client.post(path, {"email": email, "honeypot": "", **extra})


def overview_url(email, language="lt"):
    prefix = "/lt/mano-duomenys/" if language == "lt" else "/en/my-data/"
    return f"{prefix}{links.access_key(email)}/"


def outbox_to(address):
    return [message for message in mail.outbox if message.to == [address]]
