"""Helpers of the security tests of public comments (tests/feedback/helpers.py posts and
reads the e-mails)."""

from django.utils import translation

from tests.feedback.helpers import make_comment


def published(page):
    """The page, published with a revision (as an editor leaves it)."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def known_commenter(page, email="ona@example.lt"):
    """An address with a published comment already: its next comment is published at once."""
    return make_comment(page, user_email=email, user_name="Ona", comment="Ankstesnis.")


def lt(message):
    """A message as the Lithuanian site shows it."""
    with translation.override("lt"):
        return str(translation.gettext(message))
