"""Public pages of the cooperative register: directory, storefront, label."""

import segno
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView, TemplateView

from marketplace.uploads.serving import private_file_response

from . import selectors
from .forms import DirectoryFilterForm


class DirectoryView(ListView):
    """The approved cooperatives, filterable by province, type and sector."""

    template_name = "cooperatives/directory.html"
    context_object_name = "cooperatives"
    paginate_by = 24

    def get_queryset(self):
        self.filter_form = DirectoryFilterForm(self.request.GET or None)
        return selectors.cooperative_list_public(**self.filter_form.filters())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        return context


class StorefrontView(ListView):
    """A cooperative's page: profile, photos, location, story and its products.

    The products are paginated like the catalogue, so a cooperative with a
    thousand products still renders one page of cards.
    """

    template_name = "cooperatives/storefront.html"
    context_object_name = "products"
    paginate_by = 24

    def get(self, request, *args, **kwargs):
        self.cooperative = selectors.cooperative_get_public(slug=kwargs["slug"])
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # Only a page number that is not there (the cooperative exists).
            messages.error(request, _("That page number is not valid."))
            return redirect(request.path)

    def get_queryset(self):
        return selectors.cooperative_products_public(cooperative=self.cooperative)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cooperative"] = self.cooperative
        context["ocop_counts"] = selectors.cooperative_ocop_counts(
            cooperative=self.cooperative
        )
        return context


class ProductLabelView(TemplateView):
    """A printable label with a QR code that links to the product page."""

    template_name = "cooperatives/label.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        product = selectors.product_get_for_label(pk=kwargs["pk"])
        url = self.request.build_absolute_uri(product.get_absolute_url())
        context["product"] = product
        context["product_url"] = url
        context["qr_svg"] = label_qr_svg(url=url)
        return context


#: The quiet zone around the code, in modules: the four the QR standard asks
#: for, or phone cameras lose the code against the label's border and text.
LABEL_QR_QUIET_ZONE = 4


def label_qr_svg(*, url: str) -> str:
    """Return ``url`` as an inline SVG QR code that scales to any printed size.

    A regular QR code (never a Micro QR, which phones do not read), with a
    ``viewBox`` and no fixed size, so label.css sets its printed width, and a
    white quiet zone drawn into the image itself.
    """
    return segno.make_qr(url, error="m").svg_inline(
        omitsize=True,
        border=LABEL_QR_QUIET_ZONE,
        dark="#000",
        light="#fff",
        svgclass="label-qr",
        title=gettext("QR code: %(url)s") % {"url": url},
    )


def ocop_scan(request, pk: int):
    """Send an OCOP certificate's scan to its cooperative and to moderators."""
    certificate = selectors.ocop_certificate_scan_get(pk=pk, user=request.user)
    return private_file_response(file=certificate.scan)
