"""A page title is one line of text: no control characters.

A title goes into e-mail subjects (a line break there is a header injection that the mail
library refuses, and the workflow action that sent the mail failed with it), into <title>,
feeds and search results. Every page type takes ``OneLineTitleMixin``.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def without_control_characters(text):
    """``text`` with each control character replaced by a space (for text stored before the
    rule, or written in code around it)."""
    return CONTROL_CHARACTERS.sub(" ", text)


def validate_one_line(value):
    if CONTROL_CHARACTERS.search(value or ""):
        raise ValidationError(
            _("The title cannot contain line breaks, tabs or other control characters."),
            code="control_characters",
        )


class OneLineTitleMixin:
    """For a page type: its title is refused (form and model validation) if it holds a
    control character, and shown in the admin and its e-mails without one."""

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        try:
            validate_one_line(self.title)
        except ValidationError as error:
            errors.setdefault("title", []).extend(error.error_list)
        if errors:
            raise ValidationError(errors)

    def get_admin_display_title(self):
        return without_control_characters(super().get_admin_display_title())
