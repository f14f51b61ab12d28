"""URLs of participation (see matchmaking/urls/__init__.py): conferences
and their matchmaking settings, participant profiles and review, badges,
the market of offers and requests, and suggested partners."""

from django.urls import path

from ..views import market, participation

urlpatterns: list = [
    path("", participation.conferences, name="conferences"),
    path("<slug:slug>/", participation.event_home, name="event-home"),
    path("<slug:slug>/thiet-lap/", participation.event_settings, name="event-settings"),
    path(
        "<slug:slug>/dang-ky/",
        participation.participant_register,
        name="participant-register",
    ),
    path(
        "<slug:slug>/ho-so/",
        participation.participant_profile,
        name="participant-profile",
    ),
    path("<slug:slug>/tham-gia/", participation.participants, name="participants"),
    path(
        "<slug:slug>/tham-gia/<int:pk>/",
        participation.participant_review,
        name="participant-review",
    ),
    path(
        "<slug:slug>/doi-tac/<int:pk>/",
        participation.participant_detail,
        name="participant-detail",
    ),
    path("<slug:slug>/the/<int:pk>/", participation.badges, name="badges"),
    path("<slug:slug>/chao-hang/", market.market, name="market"),
    path("<slug:slug>/chao-hang/them/", market.offer_create, name="offer-create"),
    path("<slug:slug>/chao-hang/<int:pk>/", market.offer_edit, name="offer-edit"),
    path(
        "<slug:slug>/chao-hang/<int:pk>/xoa/", market.offer_remove, name="offer-delete"
    ),
    path("<slug:slug>/nhu-cau/them/", market.want_create, name="want-create"),
    path("<slug:slug>/nhu-cau/<int:pk>/", market.want_edit, name="want-edit"),
    path("<slug:slug>/nhu-cau/<int:pk>/xoa/", market.want_remove, name="want-delete"),
    path("<slug:slug>/goi-y/", market.suggestions, name="suggestions"),
]
