"""The site's roles and where their page permissions and workflows apply.

The groups, their model permissions and the two workflows are created by the data migration
``0002_roles_and_workflows``, their document and image (collection) permissions by ``0005``;
what depends on pages that editors create later (a section's page permissions, its workflow,
a working group's coordinators) is applied here, by signal handlers, when those pages are
created.
"""

from django.contrib.auth.models import Group, Permission

from wagtail.models import GroupPagePermission, Locale, Workflow, WorkflowPage

from approvals.names import CONSULTATIVE_WORKFLOW, EDITORIAL_WORKFLOW

EDITORS = "Editors"
COORDINATORS = "Working-group coordinators"
REVIEWERS = "Consultative reviewers"
COMMENT_MODERATORS = "Comment moderators"
TRANSLATORS = "Translators"
ADMINISTRATORS = "Administrators"

EDITING = ("add_page", "change_page")
TRANSLATING = ("add_page", "change_page", "publish_page")

# Section page type -> (what editors may do there, the workflow its pages go through).
SECTIONS = {
    "workinggroups.workinggroupindexpage": (EDITING, None),
    "plans.planindexpage": (EDITING, CONSULTATIVE_WORKFLOW),
    "news.newsindexpage": (EDITING, EDITORIAL_WORKFLOW),
}


def grant_page_permissions(group, page, codenames):
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )


def configure_section(page):
    """Give editors their rights on a new section and put its pages under its workflow.

    Only the Lithuanian (default language) tree: English pages are the translators' section.
    """
    if page.locale_id != Locale.get_default().pk:
        return
    codenames, workflow_name = SECTIONS[page._meta.label_lower]
    grant_page_permissions(Group.objects.get(name=EDITORS), page, codenames)
    if workflow_name:
        workflow = Workflow.objects.get(name=workflow_name)
        WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})


def configure_translated_home(page):
    """Translators edit and publish the whole tree of a translated home page."""
    if page.locale_id != Locale.get_default().pk:
        grant_page_permissions(Group.objects.get(name=TRANSLATORS), page, TRANSLATING)


def coordinators_group_name(page):
    """The name of one working group's coordinators' group (it shows in the admin)."""
    return f"{COORDINATORS}: {page.title}"[:150]


def coordinators_group(page):
    """The group of one working group's coordinators."""
    return Group.objects.get_or_create(name=coordinators_group_name(page))[0]


def configure_working_group(page):
    """A working group's coordinators edit its page and add its meetings, nothing else."""
    if page.locale_id == Locale.get_default().pk:
        grant_page_permissions(coordinators_group(page), page, EDITING)
