"""``manage.py send_indicator_reminders``: e-mail indicators' owners the values due soon or
late (``plans.reminders``); each reminder goes once.

Schedule it (cron, a systemd timer) daily, e.g. at 7:30:
``30 7 * * * cd /srv/cityplan && .venv/bin/python manage.py send_indicator_reminders``
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from plans.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "E-mail the contact of each indicator's passport when its value is due within 30 days "
        "or late (from the periodicity and publication lag). Never twice for the same "
        "indicator, year and kind."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be sent; send nothing."
        )
        parser.add_argument("--date", help="Compute as on this day (YYYY-MM-DD) instead of today.")

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError("--date must be YYYY-MM-DD") from error
        sent, without_address = send_reminders(today, dry_run=options["dry_run"])
        verb = "Would send" if options["dry_run"] else "Sent"
        self.stdout.write(
            f"{verb} {len(sent)} reminder(s) to "
            f"{len({item.passport.contact_email for item in sent})} address(es)."
        )
        for item in without_address:
            self.stderr.write(
                f"Indicator {item.number} ({item.passport.plan.title}): its value for "
                f"{item.year} is {item.kind.replace('_', ' ')}, but its passport has no "
                "contact e-mail."
            )
