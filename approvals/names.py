"""Workflow and task names in each reader's language.

Wagtail keeps a workflow's or a task's name as one string and shows it as it is stored. The
data migration names ours in English, and those names are messages of the catalogue: every
workflow and task loaded from the database carries its stored name as a ``TranslatedName``,
which reads in the active language wherever Wagtail shows it (the editor's lock banner and
status panel, the dashboard, reports, the pages' history, Wagtail's e-mails and ours).

The stored English name stays the one source of truth. The admin's forms show a known name
in the administrator's language; saving it stores the English name again. A workflow or task
that an administrator creates, or a name they change, is kept as typed and shown so in
every language until its name is added to ``KNOWN`` and translated in the catalogue.
"""

import copy

from django.conf import settings
from django.db.models.signals import post_init, pre_save
from django.utils.html import escape
from django.utils.translation import gettext, gettext_noop, override

from wagtail.log_actions import LogFormatter

CONSULTATIVE_WORKFLOW = gettext_noop("Consultative approval")
EDITORIAL_WORKFLOW = gettext_noop("Editorial review")
WORKING_GROUP_REVIEW = gettext_noop("Working-group review")
CONSULTATIVE_DECISION = gettext_noop("Consultative group decision")
EDITORIAL_APPROVAL = gettext_noop("Editorial approval")

# The names the data migration gives (0002_roles_and_workflows).
KNOWN = frozenset(
    {
        CONSULTATIVE_WORKFLOW,
        EDITORIAL_WORKFLOW,
        WORKING_GROUP_REVIEW,
        CONSULTATIVE_DECISION,
        EDITORIAL_APPROVAL,
    }
)


def translated(name):
    """``name`` in the active language, if it is one of ours."""
    return gettext(name) if name in KNOWN else name


def stored(name):
    """The name to store for ``name`` as typed in any of the site's languages."""
    for known in KNOWN:
        for code, _label in settings.LANGUAGES:
            with override(code):
                if gettext(known) == name:
                    return known
    return name


class TranslatedName(str):
    """A stored name (the string's value, which the database and lookups see) that reads
    in the active language when shown: ``str()``, ``%`` and ``format()``, and templates."""

    def __str__(self):
        return translated(str.__str__(self))

    def __format__(self, format_spec):
        return format(str(self), format_spec)

    def __html__(self):
        return escape(str(self))


def show_translated(sender, instance, **kwargs):
    name = instance.__dict__.get("name")  # absent when the field is deferred
    if isinstance(name, str) and not isinstance(name, TranslatedName):
        instance.name = TranslatedName(name)


def store_english(sender, instance, **kwargs):
    instance.name = TranslatedName(stored(str.__str__(instance.name)))


def connect(models):
    """Give the workflow and task models (``Workflow``, ``Task`` and each task type) their
    names in the reader's language."""
    for model in models:
        post_init.connect(show_translated, sender=model, dispatch_uid=f"name-{model._meta.label}")
        pre_save.connect(store_english, sender=model, dispatch_uid=f"name-{model._meta.label}")


# Wagtail's log entries of a workflow step keep the names as they were stored.
WORKFLOW_LOG_ACTIONS = (
    "wagtail.workflow.start",
    "wagtail.workflow.approve",
    "wagtail.workflow.reject",
    "wagtail.workflow.resume",
    "wagtail.workflow.cancel",
)


class TranslatedNamesFormatter(LogFormatter):
    """Wagtail's message of a workflow step (the pages' history, the site history report),
    with the workflow's and the tasks' names in the reader's language."""

    def __init__(self, formatter):
        self.formatter = formatter
        self.label = formatter.label

    def format_message(self, log_entry):
        entry = copy.copy(log_entry)
        entry.data = copy.deepcopy(log_entry.data)
        workflow = entry.data.get("workflow") if isinstance(entry.data, dict) else None
        if isinstance(workflow, dict):
            for part in (workflow, workflow.get("task"), workflow.get("next")):
                if isinstance(part, dict) and isinstance(part.get("title"), str):
                    part["title"] = TranslatedName(part["title"])
        return self.formatter.format_message(entry)

    def format_comment(self, log_entry):
        return self.formatter.format_comment(log_entry)
