"""Comment moderators get the permissions of public-comment moderation (feedback/).

The moderation queue and its actions, official answers, dispositions on plan drafts, and the
block list (README, "Public comments"). Administrators were given every permission that
existed when 0002_roles_and_workflows ran, which need not include feedback's: they get these
too.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATION = [
    "moderate_comment",
    "answer_comment",
    "set_disposition",
    "add_blockedword",
    "change_blockedword",
    "delete_blockedword",
    "view_blockedword",
]
GROUPS = ["Comment moderators", "Administrators"]


def moderation_permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="feedback", codename__in=MODERATION)


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = list(moderation_permissions(apps))
    for name in GROUPS:
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = list(moderation_permissions(apps))
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("approvals", "0003_decision"),
        ("feedback", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
