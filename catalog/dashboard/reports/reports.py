"""Oscar's dashboard reports, with their CSV written by our export writer.

Every report's CSV formatter (orders, baskets, vouchers, offers, product
analytics) asks ``get_csv_writer`` for its writer; Oscar finds this module
through the forked dashboard app (``get_class("dashboard.reports.reports",
...)``), and every other class of the module is Oscar's own.
"""

from oscar.apps.dashboard.reports import reports as oscar_reports

from marketplace.core.exports import CsvWriter


class ReportCSVFormatter(oscar_reports.ReportCSVFormatter):
    """Oscar's CSV report formatter; each text cell is neutralised."""

    def get_csv_writer(self, file_handle, **kwargs):
        return CsvWriter(file_handle)
