"""URLs of meetings (see matchmaking/urls/__init__.py)."""

from django.urls import path

from ..views import agenda, meetings, schedule

urlpatterns = [
    path("<slug:slug>/gap/", meetings.meetings, name="meetings"),
    path(
        "<slug:slug>/gap/moi/<int:pk>/",
        meetings.meeting_request,
        name="meeting-request",
    ),
    path("<slug:slug>/gap/tat-ca/", meetings.meetings_all_view, name="meetings-all"),
    path("<slug:slug>/gap/<int:pk>/", meetings.meeting_detail, name="meeting-detail"),
    path(
        "<slug:slug>/gap/<int:pk>/tra-loi/",
        meetings.meeting_respond,
        name="meeting-respond",
    ),
    path(
        "<slug:slug>/gap/<int:pk>/huy/", meetings.meeting_cancel, name="meeting-cancel"
    ),
    path(
        "<slug:slug>/gap/<int:pk>/doi-gio/", meetings.meeting_move, name="meeting-move"
    ),
    path("<slug:slug>/lich/", agenda.agenda, name="agenda"),
    path("<slug:slug>/lich.ics", agenda.agenda_ics_view, name="agenda-ics"),
    path("<slug:slug>/ban/<int:pk>/in/", agenda.table_print, name="table-print"),
    path("<slug:slug>/ban-gap/", schedule.meeting_setup, name="setup"),
    path("<slug:slug>/xep-lich/", schedule.schedule, name="schedule"),
    path(
        "<slug:slug>/xep-lich/<int:pk>/trang-thai/",
        schedule.schedule_status,
        name="schedule-status",
    ),
]
