"""Collection permissions on the codenames Wagtail checks, so that the roles can upload.

Wagtail's document and image permission policies check collection permissions on its own
models (``wagtaildocs.Document``: add/change/delete/choose_document; ``wagtailimages.Image``:
add/change/delete/choose_image), whatever the custom models are. 0002 granted codenames of
``documents.CityDocument``/``CityImage`` that nothing checks (and that Settings → Groups does
not show): they are replaced by these.

Editors add, change and choose files; working-group coordinators add and choose them (Wagtail
lets an uploader change and delete their own files: a coordinator manages their group's
minutes, not every file); administrators hold all four; translators only choose the files
the pages use; reviewers and comment moderators have none. In Wagtail's ownership model
"change" also allows deleting any file.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CHOOSE = [("wagtaildocs", "choose_document"), ("wagtailimages", "choose_image")]
ADD = [("wagtaildocs", "add_document"), ("wagtailimages", "add_image")]
CHANGE = [("wagtaildocs", "change_document"), ("wagtailimages", "change_image")]
DELETE = [("wagtaildocs", "delete_document"), ("wagtailimages", "delete_image")]
ROLES = {
    "Editors": ADD + CHANGE + CHOOSE,
    "Working-group coordinators": ADD + CHOOSE,
    "Translators": CHOOSE,
    "Administrators": ADD + CHANGE + CHOOSE + DELETE,
}
# What 0002 granted on the custom models' content types (unchecked by Wagtail).
UNCHECKED = [
    "add_citydocument",
    "change_citydocument",
    "delete_citydocument",
    "choose_document",
    "add_cityimage",
    "change_cityimage",
    "delete_cityimage",
    "choose_image",
]


def permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    root_collection = Collection.objects.filter(depth=1).first()
    GroupCollectionPermission.objects.filter(
        group__name__in=ROLES,
        permission__content_type__app_label="documents",
        permission__codename__in=UNCHECKED,
    ).delete()
    if root_collection is None:
        return
    for name, codenames in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=permission(apps, app_label, codename),
            )


def revoke(apps, schema_editor):
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupCollectionPermission.objects.filter(
        group__name__in=ROLES,
        permission__content_type__app_label__in=["wagtaildocs", "wagtailimages"],
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("approvals", "0004_comment_moderation_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
