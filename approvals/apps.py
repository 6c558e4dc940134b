from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


def grant_administrators_everything(**kwargs):
    """Administrators hold every model permission, including those of apps and models added
    after the roles' migration (which granted what existed then)."""
    from django.contrib.auth.models import Group, Permission

    from approvals.roles import ADMINISTRATORS

    group = Group.objects.filter(name=ADMINISTRATORS).first()
    if group is not None:
        group.permissions.add(*Permission.objects.exclude(group=group))


class ApprovalsConfig(AppConfig):
    name = "approvals"
    verbose_name = _("Approvals")

    def ready(self):
        from wagtail.models import Task, Workflow
        from wagtail.workflows import get_task_types
        from wagtail_localize.models import StringTranslation

        # approvals.signals connects its handlers when imported.
        from approvals import localize_dates, names, signals, slugs  # noqa: F401
        from approvals.notifications import guard_wagtail_workflow_mail

        guard_wagtail_workflow_mail()
        names.connect([Workflow, Task, *get_task_types()])
        localize_dates.install()
        post_save.connect(slugs.follow_the_title, sender=StringTranslation, dispatch_uid="slug")

        # After every app's migrations: permissions are created per app on post_migrate.
        post_migrate.connect(grant_administrators_everything, dispatch_uid="administrators")
