"""PostgreSQL text search configurations for diacritic-insensitive database search.

Needs the `unaccent` extension (PostgreSQL's contrib, in Debian's postgresql-15): the
migration creates it, which takes a role allowed to (the owner of the database on
PostgreSQL 13+, where unaccent is a trusted extension). Other databases: nothing to do.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'cityplan_folded') THEN
        CREATE TEXT SEARCH CONFIGURATION cityplan_folded (COPY = pg_catalog.simple);
        ALTER TEXT SEARCH CONFIGURATION cityplan_folded
            ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
            WITH unaccent, lithuanian_stem;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'cityplan_folded_simple') THEN
        CREATE TEXT SEARCH CONFIGURATION cityplan_folded_simple (COPY = pg_catalog.simple);
        ALTER TEXT SEARCH CONFIGURATION cityplan_folded_simple
            ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
            WITH unaccent, simple;
    END IF;
END
$$;
"""

DROP = """
DROP TEXT SEARCH CONFIGURATION IF EXISTS cityplan_folded;
DROP TEXT SEARCH CONFIGURATION IF EXISTS cityplan_folded_simple;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create, drop)]
