"""Keep the English page tree in step with the Lithuanian one (wagtail-localize).

With a LocaleSynchronization en <- lt, a page created in Lithuanian appears in English as an
alias of the Lithuanian page until a translator translates it; the public site shows it with
a notice (base.html). Created only when both locales exist (load_demo creates it otherwise).
"""

from django.conf import settings
from django.db import migrations


def create_synchronization(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    LocaleSynchronization = apps.get_model("wagtail_localize", "LocaleSynchronization")
    source = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    for locale in Locale.objects.exclude(language_code=settings.LANGUAGE_CODE):
        if source is not None:
            LocaleSynchronization.objects.get_or_create(locale=locale, defaults={"sync_from": source})


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(create_synchronization, migrations.RunPython.noop)]
