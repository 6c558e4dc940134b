"""Every install's roles (least privilege) and the two workflows.

Page permissions on sections and the attachment of workflows to sections are applied when the
section pages are created (approvals.roles, by signal); this migration also applies them to
sections that already exist. Wagtail's own default "Moderators" group and its workflow on the
root page are removed: publishing rights belong to Administrators only.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COMMON = [("wagtailadmin", "access_admin")]
DOCUMENTS = ["add_citydocument", "change_citydocument", "choose_document"]
IMAGES = ["add_cityimage", "change_cityimage", "choose_image"]
CHOOSE_ONLY = ["choose_document", "choose_image"]

ROLES = {
    # role: (model permissions, collection permissions on the root collection)
    "Editors": (
        [
            *COMMON,
            ("plans", "add_indicatorvalue"),
            ("plans", "change_indicatorvalue"),
            ("plans", "delete_indicatorvalue"),
        ],
        DOCUMENTS + IMAGES,
    ),
    "Working-group coordinators": (COMMON, DOCUMENTS + IMAGES),
    "Consultative reviewers": (COMMON, []),
    "Comment moderators": (COMMON, []),
    "Translators": ([*COMMON, ("wagtail_localize", "submit_translation")], CHOOSE_ONLY),
    "Administrators": (None, DOCUMENTS + IMAGES + ["delete_citydocument", "delete_cityimage"]),
}
ALL_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
]
SECTIONS = {
    ("workinggroups", "workinggroupindexpage"): None,
    ("plans", "planindexpage"): "Consultative approval",
    ("news", "newsindexpage"): "Editorial review",
}


def create_roles_and_workflows(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Page = apps.get_model("wagtailcore", "Page")
    Locale = apps.get_model("wagtailcore", "Locale")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    CollegialDecisionTask = apps.get_model("approvals", "CollegialDecisionTask")

    # Wagtail's defaults give publishing on the whole tree to "Moderators" and editing to
    # "Editors": remove both grants and the default workflow on the root.
    default_tasks = GroupApprovalTask.objects.filter(groups__name="Moderators")
    default_workflows = Workflow.objects.filter(workflow_tasks__task__in=default_tasks)
    WorkflowPage.objects.filter(workflow__in=default_workflows).delete()
    default_workflows.update(active=False)
    default_tasks.update(active=False)
    GroupPagePermission.objects.filter(group__name__in=["Moderators", "Editors"]).delete()
    # ...and collection permissions on Wagtail's own image and document models, unused here.
    GroupCollectionPermission.objects.filter(
        permission__content_type__app_label__in=["wagtaildocs", "wagtailimages"]
    ).delete()
    Group.objects.filter(name="Moderators", user__isnull=True).delete()

    root_collection = Collection.objects.filter(depth=1).first()
    groups = {}
    for name, (model_permissions, collection_permissions) in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        groups[name] = group
        if model_permissions is None:
            permissions = Permission.objects.all()
        else:
            permissions = [
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
                for app_label, codename in model_permissions
            ]
        group.permissions.set(permissions)
        for codename in collection_permissions:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=Permission.objects.get(
                    content_type__app_label="documents", codename=codename
                ),
            )

    root_page = Page.objects.filter(depth=1).first()
    if root_page:
        for codename in ALL_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=groups["Administrators"],
                page=root_page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )

    review_type, _created = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    decision_type, _created = ContentType.objects.get_or_create(
        app_label="approvals", model="collegialdecisiontask"
    )
    group_review, _created = GroupApprovalTask.objects.get_or_create(
        name="Working-group review", defaults={"content_type": review_type}
    )
    group_review.groups.set([groups["Working-group coordinators"]])
    decision, _created = CollegialDecisionTask.objects.get_or_create(
        name="Consultative group decision",
        defaults={"content_type": decision_type, "group": groups["Consultative reviewers"]},
    )
    editorial, _created = GroupApprovalTask.objects.get_or_create(
        name="Editorial approval", defaults={"content_type": review_type}
    )
    editorial.groups.set([groups["Administrators"]])
    workflows = {}
    for name, tasks in (
        ("Consultative approval", [group_review, decision]),
        ("Editorial review", [editorial]),
    ):
        workflow, _created = Workflow.objects.get_or_create(name=name)
        for order, task in enumerate(tasks):
            WorkflowTask.objects.get_or_create(
                workflow=workflow, task_id=task.pk, defaults={"sort_order": order}
            )
        workflows[name] = workflow

    # Sections that exist already (an install that had content before this migration).
    default_locale = Locale.objects.order_by("pk").first()
    for (app_label, model), workflow_name in SECTIONS.items():
        content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
        if not content_type or not default_locale:
            continue
        for page in Page.objects.filter(content_type=content_type, locale=default_locale):
            for codename in ("add_page", "change_page"):
                GroupPagePermission.objects.get_or_create(
                    group=groups["Editors"],
                    page=page,
                    permission=Permission.objects.get(
                        content_type__app_label="wagtailcore", codename=codename
                    ),
                )
            if workflow_name:
                WorkflowPage.objects.get_or_create(
                    page=page, defaults={"workflow": workflows[workflow_name]}
                )


class Migration(migrations.Migration):
    dependencies = [
        ("approvals", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("documents", "0001_initial"),
        ("news", "0002_initial"),
        ("plans", "0003_plandraftpage_is_demonstration_and_more"),
        ("workinggroups", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailcore", "0094_alter_page_locale"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(create_roles_and_workflows, migrations.RunPython.noop)]
