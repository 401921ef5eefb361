# The title of a search entry with its own GIN index (PostgreSQL only), so that the entries
# whose title matches are found through an index however many entries match in their text:
# search ranks a capped set of candidates, and those are among it (programmes/search/query.py).

from django.db import migrations

TITLE_INDEX_SQL = """
CREATE INDEX IF NOT EXISTS searchentry_title_gin ON programmes_searchentry
USING gin (to_tsvector('dutch'::regconfig, coalesce(title, '')));
"""
DROP_TITLE_INDEX_SQL = "DROP INDEX IF EXISTS searchentry_title_gin;"


def add_title_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TITLE_INDEX_SQL)


def drop_title_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_TITLE_INDEX_SQL)


class Migration(migrations.Migration):
    dependencies = [("programmes", "0009_document_text_read_until")]

    operations = [migrations.RunPython(add_title_index, drop_title_index)]
