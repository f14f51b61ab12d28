"""URLs of the agreements register, under /agreements/."""

from django.urls import path

from .views import (
    agreement,
    conferences,
    dashboard,
    deliveries,
    difficulties,
    drafts,
    files,
    follow_ups,
    imports,
    lists,
)

app_name = "agreements"

urlpatterns = [
    path("", dashboard.home, name="home"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("list/", lists.agreement_list, name="list"),
    path("list/export.xlsx", lists.agreement_export, name="export"),
    path("new/", agreement.agreement_edit, name="create"),
    path("<int:pk>/", agreement.agreement_detail, name="detail"),
    path("<int:pk>/edit/", agreement.agreement_edit, name="edit"),
    path("<int:pk>/cancel/", agreement.agreement_cancel, name="cancel"),
    path("<int:pk>/reinstate/", agreement.agreement_reinstate, name="reinstate"),
    path("<int:pk>/ky/", drafts.agreement_sign_view, name="sign"),
    path(
        "<int:pk>/deliveries/new/", deliveries.delivery_create, name="delivery-create"
    ),
    path(
        "<int:pk>/difficulties/new/",
        difficulties.difficulty_create,
        name="difficulty-create",
    ),
    path(
        "<int:pk>/difficulties/raise/",
        difficulties.difficulty_raise,
        name="difficulty-raise",
    ),
    path("reports/pending/", deliveries.pending_reports, name="pending-reports"),
    path("reports/<int:pk>/verify/", deliveries.report_verify, name="report-verify"),
    path("reports/<int:pk>/reject/", deliveries.report_reject, name="report-reject"),
    path("difficulties/", difficulties.difficulty_list, name="difficulties"),
    path(
        "difficulties/<int:pk>/",
        difficulties.difficulty_update,
        name="difficulty-update",
    ),
    path("follow-ups/", follow_ups.follow_up_list, name="follow-ups"),
    path(
        "follow-ups/<int:pk>/close/", follow_ups.follow_up_close, name="follow-up-close"
    ),
    path("import/", imports.import_agreements, name="import"),
    path("import/template.xlsx", imports.import_template, name="import-template"),
    path("conferences/", conferences.conference_list, name="conferences"),
    path("conferences/new/", conferences.conference_create, name="conference-create"),
    path("conferences/<slug:slug>/", dashboard.dashboard, name="dashboard-conference"),
    path(
        "conferences/<slug:slug>/print/",
        dashboard.conference_print,
        name="conference-print",
    ),
    path(
        "conferences/<slug:slug>/summary.xlsx",
        dashboard.conference_export,
        name="conference-export",
    ),
    path("businesses/new/", conferences.business_create, name="business-create"),
    path(
        "lookup/businesses/",
        lists.party_lookup,
        {"kind": "business"},
        name="business-lookup",
    ),
    path(
        "lookup/cooperatives/",
        lists.party_lookup,
        {"kind": "cooperative"},
        name="cooperative-lookup",
    ),
    path("import/<int:pk>/", imports.import_job, name="import-job"),
    path("import/<int:pk>/status/", imports.import_job_status, name="import-status"),
    path("import/<int:pk>/confirm/", imports.import_job_confirm, name="import-confirm"),
]

#: Private files, mounted under /files/ by the project's URL map (namespace
#: "files"); each view answers 404 to anyone who may not see that object.
files_urlpatterns = [
    path(
        "agreements/<int:pk>/document/",
        files.agreement_document,
        name="agreement-document",
    ),
    path(
        "deliveries/<int:pk>/evidence/",
        files.delivery_evidence,
        name="delivery-evidence",
    ),
]
