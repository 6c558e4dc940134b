from django.apps import AppConfig
from django.db.models.signals import post_migrate
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
        from approvals import signals  # noqa: F401  (connects the workflow signal handlers)
        from approvals.notifications import guard_wagtail_workflow_mail

        guard_wagtail_workflow_mail()

        # After every app's migrations: permissions are created per app on post_migrate.
        post_migrate.connect(grant_administrators_everything, dispatch_uid="administrators")
