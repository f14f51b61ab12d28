"""Catalogue views: Oscar's, with browse pages that list from the database."""

from urllib.parse import unquote

from django.contrib import messages
from django.core.paginator import InvalidPage
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView
from oscar.core.loading import get_model

from .selectors import (
    OCOP_STARS,
    PRODUCT_SORTS,
    product_get_detail_queryset,
    product_list_browsable,
)

Category = get_model("catalogue", "Category")

SORT_LABELS = {
    "priority": _("Featured"),
    "newest": _("Newest"),
    "title": _("Name A–Z"),
}


class ProductDetailView(OscarProductDetailView):
    """Oscar's product page, with the cooperative and the OCOP certificate.

    Its analytics write is switched off (see apps.py).
    """

    def get_queryset(self):
        # Moderators open listings that are not public yet to review them.
        return product_get_detail_queryset(
            include_hidden=self.request.user.has_perm("cooperatives.moderate")
        )

    def is_viewable(self, product, request):
        """Return whether the product page may be shown (Oscar asks is_staff)."""
        public = product.is_public and (
            not product.is_child or product.parent.is_public
        )
        return public or request.user.has_perm("cooperatives.moderate")


class CatalogueView(ListView):
    """Browse all public products, newest or featured first, paginated."""

    context_object_name = "products"
    template_name = "oscar/catalogue/browse.html"
    paginate_by = 24

    def get_sort(self) -> str:
        sort = self.request.GET.get("sort", "priority")
        return sort if sort in PRODUCT_SORTS else "priority"

    def get_stars(self) -> int | None:
        try:
            stars = int(self.request.GET.get("stars", ""))
        except ValueError:
            return None
        return stars if stars in OCOP_STARS else None

    def get_queryset(self):
        return product_list_browsable(sort=self.get_sort(), stars=self.get_stars())

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except (Http404, InvalidPage):
            messages.error(request, _("That page number is not valid."))
            return redirect(request.path)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = _("All products")
        context["sort"] = self.get_sort()
        context["sort_options"] = list(SORT_LABELS.items())
        context["stars"] = self.get_stars()
        context["star_options"] = OCOP_STARS
        return context


class ProductCategoryView(CatalogueView):
    """Browse the public products of one category and its sub-categories."""

    template_name = "oscar/catalogue/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=kwargs["pk"])
        if not (
            self.category.is_public
            or request.user.has_perm("catalogue.change_category")
        ):
            raise Http404
        expected_path = self.category.get_absolute_url()
        if unquote(expected_path) != unquote(request.path):
            return HttpResponsePermanentRedirect(expected_path)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return product_list_browsable(
            category=self.category, sort=self.get_sort(), stars=self.get_stars()
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["category"] = self.category
        context["summary"] = self.category.name
        return context
