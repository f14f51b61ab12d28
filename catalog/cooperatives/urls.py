"""URLs of the cooperative register, mounted at /shop/hop-tac-xa/."""

from django.urls import path

from . import manage_views, views

app_name = "cooperatives"

urlpatterns = [
    path("", views.DirectoryView.as_view(), name="directory"),
    path("dang-ky/", manage_views.register, name="register"),
    path("nhan/<int:pk>/", views.ProductLabelView.as_view(), name="label"),
    # The cooperative's own area.
    path("quan-ly/", manage_views.home, name="manage"),
    path("quan-ly/ho-so/", manage_views.profile_edit, name="manage-profile"),
    path("quan-ly/san-pham/", manage_views.product_list, name="manage-products"),
    path(
        "quan-ly/san-pham/them/", manage_views.product_edit, name="manage-product-add"
    ),
    path(
        "quan-ly/san-pham/<int:pk>/",
        manage_views.product_edit,
        name="manage-product",
    ),
    path(
        "quan-ly/san-pham/tra-cuu/",
        manage_views.product_lookup,
        name="manage-product-lookup",
    ),
    path("quan-ly/don-hang/", manage_views.line_list, name="manage-lines"),
    path("quan-ly/don-hang/<int:pk>/", manage_views.line_detail, name="manage-line"),
    path("quan-ly/don-hang/xuat.csv", manage_views.line_export, name="manage-export"),
    # The alliance's moderators.
    path("kiem-duyet/", manage_views.moderation_queue, name="moderation"),
    path(
        "kiem-duyet/hop-tac-xa/<int:pk>/",
        manage_views.moderation_cooperative,
        name="moderation-cooperative",
    ),
    path(
        "kiem-duyet/san-pham/<int:pk>/",
        manage_views.moderation_listing,
        name="moderation-listing",
    ),
    path("<slug:slug>/", views.StorefrontView.as_view(), name="detail"),
]

#: Private files, mounted under /files/ by the project's URL map (namespace
#: "files"); the view answers 404 to anyone who may not see the certificate.
files_urlpatterns = [
    path("ocop/<int:pk>/scan/", views.ocop_scan, name="ocop-scan"),
]
