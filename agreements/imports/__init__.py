"""Excel (openpyxl) import of a conference's agreements.

One row per agreement line; rows sharing an agreement number make one
agreement. The import runs in steps, each in its own module (this package
re-exports nothing):

1. reading (``reading``): open the workbook, check its header row, give
   its non-empty rows by column key (the columns are ``columns``);
2. validating (``checking``, cell by cell with ``cells``): check every cell
   against the bounds the models hold (their field validators: quantities,
   values in dong, text lengths) and the register's rules, and group the
   rows into agreements: a plan of plain data and every error by row and
   column. Nothing is written;
3. writing (``writing``): turn a plan without errors into new agreements,
   parties and lines and hand them to ``services.agreements_create``, in
   one transaction (all or nothing).

A line's goods name is matched to the catalogue product of that name sold
by its cooperative (without Vietnamese marks or case), so that imported
goods count with the product in the figures. Follow-ups whose date passed
before the import are recorded as missed, not left overdue. The columns
are the export's too (``excel.export_agreements``): an exported sheet
imports back as it is; the template's reference sheet (``reference``) lists
the codes and names a sheet may use.

``jobs`` runs the steps for an ``ImportJob`` in the background
(``tasks.py``): checked on upload, written once staff confirm.

A row is refused, never clamped: formulas, Excel error values, non-finite or
oversized numbers, negative numbers, too many decimals, dates out of range
and text longer than its field. The errors keep their English msgid and
parameters, so that each reader sees them in their own language.
"""
