"""``manage.py send_comment_digest``: e-mail moderators the comments that wait for review.

Schedule it (cron, a systemd timer), e.g. every weekday at 8:00:
``0 8 * * 1-5 cd /srv/cityplan && .venv/bin/python manage.py send_comment_digest``
"""

from django.core.management.base import BaseCommand

from feedback.digest import send_digest


class Command(BaseCommand):
    help = (
        "E-mail the users who hold feedback.moderate_comment a digest of held comments and of "
        "comments hidden by reader flags. Sends nothing when none wait."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--to", action="append", default=[], help="Also send to this address (repeatable)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say who would get it; send nothing."
        )

    def handle(self, *args, **options):
        count, recipients = send_digest(options["to"], dry_run=options["dry_run"])
        if not count:
            self.stdout.write("No comments wait for moderation; nothing sent.")
        elif not recipients:
            self.stderr.write(
                f"{count} comment(s) wait, but no active user with an e-mail address holds "
                "feedback.moderate_comment (use --to)."
            )
        else:
            verb = "Would send" if options["dry_run"] else "Sent"
            self.stdout.write(
                f"{verb} a digest of {count} comment(s) to {len(recipients)} moderator(s): "
                + ", ".join(recipients)
            )
