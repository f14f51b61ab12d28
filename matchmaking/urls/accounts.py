"""URLs of business accounts (see matchmaking/urls/__init__.py)."""

from django.urls import path

from ..views import accounts

urlpatterns: list = [
    path("doanh-nghiep/", accounts.business_home, name="business-home"),
    path("doanh-nghiep/dang-ky/", accounts.business_register, name="business-register"),
    path(
        "doanh-nghiep/kiem-duyet/",
        accounts.business_moderation,
        name="business-moderation",
    ),
    path(
        "doanh-nghiep/kiem-duyet/<int:pk>/",
        accounts.business_moderation_detail,
        name="business-moderation-detail",
    ),
    path(
        "doanh-nghiep/<int:pk>/tai-khoan/",
        accounts.business_logins_view,
        name="business-logins",
    ),
]
