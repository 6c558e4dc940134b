"""``manage.py send_follow_digests --rhythm immediate|daily|weekly``: e-mail the followers
of one rhythm what is new in what they follow (``follows.digest``).

Schedule it (cron, systemd timers; docs/operations.md):
``*/5 * * * * … manage.py send_follow_digests --rhythm immediate``,
``0 7 * * * … --rhythm daily``, ``0 7 * * 1 … --rhythm weekly``.
A run that was stopped half-way can simply be run again.
"""

from django.core.management.base import BaseCommand

from follows.digest import send_digests
from follows.models import Subscription


class Command(BaseCommand):
    help = (
        "E-mail every confirmed follower of the rhythm a digest of what is new in what they "
        "follow; sends nothing to an address with nothing new, and nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--rhythm", required=True, choices=[choice.value for choice in Subscription.Rhythm]
        )

    def handle(self, *args, **options):
        def progress(number, entries):
            self.stdout.write(f"Digest {number} sent ({entries} item(s)).")
            self.stdout.flush()

        digests, entries = send_digests(options["rhythm"], progress=progress)
        if digests:
            self.stdout.write(f"Sent {digests} digest(s), {entries} item(s) in all.")
        else:
            self.stdout.write("Nothing new for anyone; nothing sent.")
