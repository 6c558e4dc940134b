"""Editors manage promoted search results (and so see the frequent searches report).

After approvals' roles migration, which sets each role's permissions from its own table.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
CODENAMES = ("add_searchpromotion", "change_searchpromotion", "delete_searchpromotion")


def grant(apps, schema_editor):
    # On a new database the permissions are created only after all migrations: make them now.
    app_config = apps.get_app_config("wagtailsearchpromotions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _created = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="wagtailsearchpromotions", codename__in=CODENAMES
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name=EDITORS).first()
    if editors:
        editors.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="wagtailsearchpromotions", codename__in=CODENAMES
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_pending_index_update"),
        ("approvals", "0002_roles_and_workflows"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
