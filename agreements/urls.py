"""URLs of the agreements register, under /agreements/."""

from django.urls import path

from . import views

app_name = "agreements"

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("list/", views.agreement_list, name="list"),
    path("list/export.xlsx", views.agreement_export, name="export"),
    path("new/", views.agreement_edit, name="create"),
    path("<int:pk>/", views.agreement_detail, name="detail"),
    path("<int:pk>/edit/", views.agreement_edit, name="edit"),
    path("<int:pk>/cancel/", views.agreement_cancel, name="cancel"),
    path("<int:pk>/reinstate/", views.agreement_reinstate, name="reinstate"),
    path("<int:pk>/deliveries/new/", views.delivery_create, name="delivery-create"),
    path(
        "<int:pk>/difficulties/new/", views.difficulty_create, name="difficulty-create"
    ),
    path("reports/pending/", views.pending_reports, name="pending-reports"),
    path("reports/<int:pk>/verify/", views.report_verify, name="report-verify"),
    path("reports/<int:pk>/reject/", views.report_reject, name="report-reject"),
    path("difficulties/", views.difficulty_list, name="difficulties"),
    path("difficulties/<int:pk>/", views.difficulty_update, name="difficulty-update"),
    path("follow-ups/", views.follow_up_list, name="follow-ups"),
    path("follow-ups/<int:pk>/close/", views.follow_up_close, name="follow-up-close"),
    path("import/", views.import_agreements, name="import"),
    path("import/template.xlsx", views.import_template, name="import-template"),
    path("conferences/new/", views.conference_create, name="conference-create"),
    path("conferences/<slug:slug>/", views.dashboard, name="dashboard-conference"),
    path(
        "conferences/<slug:slug>/print/",
        views.conference_print,
        name="conference-print",
    ),
    path(
        "conferences/<slug:slug>/summary.xlsx",
        views.conference_export,
        name="conference-export",
    ),
    path("businesses/new/", views.business_create, name="business-create"),
    path(
        "lookup/businesses/",
        views.party_lookup,
        {"kind": "business"},
        name="business-lookup",
    ),
    path(
        "lookup/cooperatives/",
        views.party_lookup,
        {"kind": "cooperative"},
        name="cooperative-lookup",
    ),
    path("import/<int:pk>/", views.import_job, name="import-job"),
    path("import/<int:pk>/status/", views.import_job_status, name="import-status"),
    path("import/<int:pk>/confirm/", views.import_job_confirm, name="import-confirm"),
]

#: Private files, mounted under /files/ by the project's URL map (namespace
#: "files"); each view answers 404 to anyone who may not see that object.
files_urlpatterns = [
    path(
        "agreements/<int:pk>/document/",
        views.agreement_document,
        name="agreement-document",
    ),
    path(
        "deliveries/<int:pk>/evidence/",
        views.delivery_evidence,
        name="delivery-evidence",
    ),
]
