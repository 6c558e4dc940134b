"""``manage.py follows_bounce <address> …``, or a bounce message on standard input: stop every
follow e-mail to an address that cannot receive mail.

Its subscriptions are deleted, not suspended: an address that bounces permanently is gone,
a suspended subscription would be personal data kept for nothing, and the reader can follow
again in two clicks. Only permanent failures count: give the MTA's bounces (delivery
status notifications) to it, e.g. in Postfix's ``aliases``:
``bounces: "|/srv/cityplan/.venv/bin/python /srv/cityplan/manage.py follows_bounce"``;
a delivery status that says the failure is temporary (4.x.x, "delayed") changes nothing.
"""

import email
import sys
from email.utils import parseaddr

from django.core.management.base import BaseCommand

from follows.models import Subscription


def recipient(value):
    """The address of a DSN's ``Final-Recipient: rfc822; someone@example.org``."""
    return parseaddr(str(value).rpartition(";")[2].strip())[1]


def failed_recipients(message):
    """The addresses a bounce message says failed permanently."""
    found = []
    for part in message.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        for fields in part.get_payload()[1:]:  # the per-message fields come first
            action = str(fields.get("Action", "")).strip().lower()
            status = str(fields.get("Status", "")).strip()
            target = fields.get("Original-Recipient") or fields.get("Final-Recipient")
            if action == "failed" and status.startswith("5") and target:
                found.append(recipient(target))
    for header in message.get_all("X-Failed-Recipients", []):
        found += [parseaddr(address)[1] for address in header.split(",")]
    return [address for address in found if "@" in address]


class Command(BaseCommand):
    help = (
        "Delete every follow subscription of the addresses given, or of the permanently "
        "failed recipients of a bounce message read from standard input."
    )

    def add_arguments(self, parser):
        parser.add_argument("addresses", nargs="*", help="Addresses that bounce.")

    def handle(self, *args, **options):
        addresses = options["addresses"]
        if not addresses:
            addresses = failed_recipients(email.message_from_binary_file(sys.stdin.buffer))
        if not addresses:
            self.stdout.write("No permanently failed address found; nothing changed.")
            return
        for address in addresses:
            deleted, _detail = Subscription.objects.filter(email__iexact=address.strip()).delete()
            self.stdout.write(f"{address}: {deleted} subscription(s) deleted.")
