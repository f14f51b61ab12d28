"""Facet cells (see ``ProductFacetCell``), kept by triggers on PostgreSQL.

Statement-level triggers read the rows a statement inserted, deleted or
updated (transition tables), net them per combination of facet keys and
add the difference to the cells, so every way of writing the index rows
keeps the cells exact: ``entries_write``, a product's cascade, a bulk
update. An advisory lock taken first serialises the writers of cells, so
two transactions never lock the same cells in opposite orders. The unique
key treats NULLs as equal (PostgreSQL 15+). Other databases skip this SQL:
they count facets from the rows.
"""

from django.db import migrations, models

CELL = "htx_search_productfacetcell"
CELL_KEY = (
    "grain, cooperative_slug, category_slug, "
    "ocop_stars, ocop_expires_on, province_code, price"
)
#: Facet keys both index tables carry, under the same names.
KEYS = "ocop_stars, ocop_expires_on, province_code, price"


def _changed(columns: str) -> str:
    """SQL (a PL/pgSQL text expression): the statement's rows, signed."""
    old = f"SELECT {columns}, -1 AS d FROM old_rows"
    new = f"SELECT {columns}, 1 AS d FROM new_rows"
    return (
        f"CASE TG_OP WHEN 'INSERT' THEN '{new}' WHEN 'DELETE' THEN '{old}' "
        f"ELSE '{old} UNION ALL {new}' END"
    )


def _function(name: str, columns: str, cells: str) -> str:
    """SQL creating a trigger function that adds ``cells`` (a SELECT over the
    signed rows ``r``, netted per key) to the cell table."""
    return f"""
    CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('htx_search_facet_cells'));
        EXECUTE format($sql$
            INSERT INTO {CELL} AS cell ({CELL_KEY}, rows)
            {cells}
            ON CONFLICT ({CELL_KEY}) DO UPDATE SET rows = cell.rows + EXCLUDED.rows
        $sql$, {_changed(columns)});
        RETURN NULL;
    END
    $fn$
    """


def _triggers(table: str, function: str) -> list[str]:
    return [
        f"CREATE TRIGGER {function}_insert AFTER INSERT ON {table} "
        "REFERENCING NEW TABLE AS new_rows "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
        f"CREATE TRIGGER {function}_delete AFTER DELETE ON {table} "
        "REFERENCING OLD TABLE AS old_rows "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
        f"CREATE TRIGGER {function}_update AFTER UPDATE ON {table} "
        "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
    ]


ENTRY_TABLE = "htx_search_productsearchentry"
CATEGORY_TABLE = "htx_search_productsearchcategory"
# Each entry counts once in the PRODUCTS grain and once in its cooperative's;
# rows whose keys an UPDATE left alone net to zero and write nothing.
ENTRY_CELLS = """
    SELECT g.grain, CASE WHEN g.grain = 'c' THEN r.cooperative_slug ELSE '' END,
           '', r.ocop_stars, r.ocop_expires_on, r.province_code, r.price, SUM(r.d)
    FROM (%s) r CROSS JOIN (VALUES ('p'), ('c')) AS g(grain)
    GROUP BY 1, 2, 4, 5, 6, 7 HAVING SUM(r.d) <> 0
"""
CATEGORY_CELLS = """
    SELECT 'k', '', r.slug, r.ocop_stars, r.ocop_expires_on, r.province_code,
           r.price, SUM(r.d)
    FROM (%s) r GROUP BY 3, 4, 5, 6, 7 HAVING SUM(r.d) <> 0
"""
FORWARD = [
    f"CREATE UNIQUE INDEX htx_search_cell_key ON {CELL} ({CELL_KEY}) "
    "NULLS NOT DISTINCT",
    _function("htx_search_entry_cells", f"cooperative_slug, {KEYS}", ENTRY_CELLS),
    _function("htx_search_category_cells", f"slug, {KEYS}", CATEGORY_CELLS),
    *_triggers(ENTRY_TABLE, "htx_search_entry_cells"),
    *_triggers(CATEGORY_TABLE, "htx_search_category_cells"),
    # The rows indexed before this migration.
    f"INSERT INTO {CELL} ({CELL_KEY}, rows) "
    f"SELECT 'p', '', '', {KEYS}, COUNT(*) FROM {ENTRY_TABLE} GROUP BY {KEYS}",
    f"INSERT INTO {CELL} ({CELL_KEY}, rows) "
    f"SELECT 'c', cooperative_slug, '', {KEYS}, COUNT(*) FROM {ENTRY_TABLE} "
    f"GROUP BY cooperative_slug, {KEYS}",
    f"INSERT INTO {CELL} ({CELL_KEY}, rows) "
    f"SELECT 'k', '', slug, {KEYS}, COUNT(*) FROM {CATEGORY_TABLE} "
    f"GROUP BY slug, {KEYS}",
]
BACKWARD = [
    *(
        f"DROP TRIGGER IF EXISTS {function}_{event} ON {table}"
        for table, function in (
            (ENTRY_TABLE, "htx_search_entry_cells"),
            (CATEGORY_TABLE, "htx_search_category_cells"),
        )
        for event in ("insert", "delete", "update")
    ),
    "DROP FUNCTION IF EXISTS htx_search_entry_cells()",
    "DROP FUNCTION IF EXISTS htx_search_category_cells()",
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
    dependencies = [
        ("htx_search", "0007_browse_index_and_version"),
    ]

    operations = [
        migrations.CreateModel(
            name="ProductFacetCell",
            fields=[
                (
                    "id",
                    models.AutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "grain",
                    models.CharField(
                        choices=[
                            ("p", "products"),
                            ("c", "products per cooperative"),
                            ("k", "category rows per category"),
                        ],
                        max_length=1,
                    ),
                ),
                ("cooperative_slug", models.CharField(default="", max_length=100)),
                (
                    "category_slug",
                    models.SlugField(allow_unicode=True, default="", max_length=255),
                ),
                ("ocop_stars", models.PositiveSmallIntegerField(null=True)),
                ("ocop_expires_on", models.DateField(null=True)),
                ("province_code", models.PositiveIntegerField(null=True)),
                ("price", models.PositiveBigIntegerField(null=True)),
                ("rows", models.IntegerField(default=0)),
            ],
            options={
                "verbose_name": "product facet cell",
            },
        ),
        migrations.RunPython(_run(FORWARD), _run(BACKWARD)),
    ]
