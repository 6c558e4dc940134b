"""Topics' English names (``TopicName``), kept by editors and translators: the groups get
its permissions (administrators too, who were given only those that existed before)."""

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

CODENAMES = ["add_topicname", "change_topicname", "delete_topicname", "view_topicname"]
GROUPS = ["Editors", "Translators", "Administrators"]


def permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return list(Permission.objects.filter(content_type__app_label="news", codename__in=CODENAMES))


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    granted = permissions(apps)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*granted)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    granted = permissions(apps)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*granted)


class Migration(migrations.Migration):

    dependencies = [
        ('approvals', '0005_document_and_image_collection_permissions'),
        ('news', '0003_newsarticlepage_comments_open'),
        ('taggit', '0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx'),
    ]

    operations = [
        migrations.CreateModel(
            name='TopicName',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name_en', models.CharField(max_length=100, verbose_name='name (English)')),
                ('tag', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='english_name', to='taggit.tag', verbose_name='topic')),
            ],
            options={
                'verbose_name': 'topic in English',
                'verbose_name_plural': 'topics in English',
                'ordering': ['tag__name'],
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
