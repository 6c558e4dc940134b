"""``manage.py load_demo``: load the demonstration site, in Lithuanian and English.

Idempotent: running it again updates the same pages, document and translations in place.
`make run` adds ``--admin-if-missing``, so that a newcomer's first run ends with how to sign
in: an administrator account with a password shown once, or, when the database has one
already, its name and how to set a new password.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from wagtail.models import Locale, Page

from documents.models import CityDocument
from home.demo.accounts import (
    ADMIN_USERNAME,
    DEMO_PASSWORD,
    create_demo_accounts,
    reset_superuser,
)
from home.demo.bilingual import DemoContentError
from home.demo.loader import DemoSiteLoader
from home.demo.order_pdf import FontNotFoundError


class Command(BaseCommand):
    help = (
        "Load the demonstration site of the Alytus Strategic Development Plan until 2030: "
        "Lithuanian pages from the working-groups article, the mayor's order as a PDF, and "
        "their English translations. Safe to run again."
    )

    def add_arguments(self, parser):
        admin = parser.add_mutually_exclusive_group()
        admin.add_argument(
            "--admin",
            action="store_true",
            help=f"Also create the superuser '{ADMIN_USERNAME}', or reset its password.",
        )
        admin.add_argument(
            "--admin-if-missing",
            action="store_true",
            help=(
                f"Create the superuser '{ADMIN_USERNAME}' with a generated password (shown once) "
                "when there is no administrator yet; otherwise say how to sign in (local demos "
                "only, as `make run` does)."
            ),
        )
        parser.add_argument(
            "--users",
            action="store_true",
            help="Also create one demo account per role (local demos only; see the README).",
        )
        parser.add_argument(
            "--password",
            help="The password for --admin (default: a generated one, printed at the end).",
        )

    def handle(self, *args, **options):
        if options["password"] and not options["admin"]:
            raise CommandError("--password is only used with --admin.")
        if options["users"] and not settings.DEBUG:
            raise CommandError(
                "Demo accounts share a published password: they are only created for local "
                "demos (DEBUG on), never on a production site."
            )
        if options["admin_if_missing"] and not settings.DEBUG:
            raise CommandError(
                "--admin-if-missing prints a password: it is only for local demos (DEBUG on). "
                "On a server, create the administrator with `manage.py createsuperuser`."
            )
        # Each optional step returns lines to print once everything is committed.
        notes = []
        try:
            with transaction.atomic():
                loader = DemoSiteLoader()
                loader.load()
                if options["users"]:
                    notes += self.create_users(loader.economy_group)
                if options["admin"]:
                    notes += self.create_admin(options["password"])
                elif options["admin_if_missing"]:
                    notes += self.sign_in_notes()
        except (DemoContentError, FontNotFoundError) as error:
            raise CommandError(str(error)) from error
        self.print_summary()
        for line in notes:
            self.stdout.write(line)

    def create_admin(self, password):
        """Create or reset the superuser; return how to log in."""
        password = reset_superuser(password)
        return [
            self.style.SUCCESS("Superuser ready. Log in at:"),
            f"  {self.admin_url()}",
            f"  user: {ADMIN_USERNAME}",
            f"  password: {password}",
        ]

    def sign_in_notes(self):
        """Create the superuser when there is no active one; return how to sign in."""
        usernames = list(
            get_user_model()
            .objects.filter(is_superuser=True, is_active=True)
            .order_by("pk")
            .values_list(get_user_model().USERNAME_FIELD, flat=True)
        )
        if not usernames:
            return [
                *self.create_admin(None),
                "  The password is shown only this once: keep it, or set a new one with",
                f"  .venv/bin/python manage.py changepassword {ADMIN_USERNAME}",
            ]
        names = ", ".join(usernames)
        return [
            self.style.SUCCESS(f"Sign in at {self.admin_url()} as {names}."),
            "  Forgot the password? Set a new one with",
            f"  .venv/bin/python manage.py changepassword {usernames[0]}",
        ]

    @staticmethod
    def admin_url():
        return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/"

    def create_users(self, economy_group):
        """One account per role; return how to log in."""
        rows = create_demo_accounts(economy_group)
        lines = [self.style.SUCCESS(f"Demo accounts (password: {DEMO_PASSWORD}):")]
        lines += [f"  {username:<14} {roles}" for username, roles in rows]
        return lines

    def print_summary(self):
        self.stdout.write(self.style.SUCCESS("Demo site loaded."))
        for locale in Locale.objects.order_by("pk"):
            pages = Page.objects.filter(locale=locale, depth__gt=1)
            self.stdout.write(
                f"  pages ({locale.language_code}): {pages.count()}, "
                f"live {pages.filter(live=True).count()}"
            )
        self.stdout.write(f"  documents: {CityDocument.objects.count()}")
