"""On PostgreSQL: unaccent + pg_trgm, the htx_vi configuration, and indexes.

htx_vi is the "simple" configuration (no stemming: Vietnamese words are
syllables) with unaccent in front, which folds đ→d and stacked marks. Other
databases skip this migration's SQL: SQLite searches the folded columns.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """
    DO $$
    BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'htx_vi') THEN
            CREATE TEXT SEARCH CONFIGURATION htx_vi (COPY = simple);
            ALTER TEXT SEARCH CONFIGURATION htx_vi
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
        END IF;
    END
    $$
    """,
    "CREATE INDEX IF NOT EXISTS htx_search_entry_vector "
    "ON htx_search_productsearchentry USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS htx_search_entry_name_trgm "
    "ON htx_search_productsearchentry USING gin (folded_name gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS htx_search_entry_name_trgm",
    "DROP INDEX IF EXISTS htx_search_entry_vector",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS htx_vi",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("htx_search", "0001_product_search_entry")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
