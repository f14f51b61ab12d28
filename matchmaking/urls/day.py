"""URLs of day (see matchmaking/urls/__init__.py): check-in, outcomes and
the funnel."""

from django.urls import path

from ..views import check_in, funnel, outcomes

urlpatterns: list = [
    path("<slug:slug>/diem-danh/", check_in.check_in, name="check-in"),
    path(
        "<slug:slug>/diem-danh/<str:code>/",
        check_in.check_in_badge,
        name="check-in-badge",
    ),
    path(
        "<slug:slug>/gap/<int:pk>/ket-qua/",
        outcomes.meeting_outcome,
        name="meeting-outcome",
    ),
    path("<slug:slug>/ket-qua/", funnel.funnel, name="funnel"),
]
