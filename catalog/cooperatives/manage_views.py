"""The cooperative area (/shop/hop-tac-xa/quan-ly/) and the moderation queue.

Cooperative staff see and change only their own cooperative: every object is
looked up through the user's cooperative, so another cooperative's product or
order line answers 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from oscar.apps.order.exceptions import InvalidLineStatus

from marketplace.core.exports import csv_response

from . import selectors, services
from .forms import (
    CooperativeProfileForm,
    LineStatusForm,
    ProductForm,
    RegistrationForm,
    ReviewForm,
    address_form_refreshed,
    address_refresh_requested,
)
from .line_status import line_status_label
from .models import Cooperative, CooperativePhoto, ProductListing


@login_required
def home(request):
    cooperative = selectors.cooperative_get_for_staff(user=request.user)
    return render(
        request,
        "cooperatives/manage/home.html",
        {
            "cooperative": cooperative,
            "summary": selectors.cooperative_sales_summary(cooperative=cooperative),
            "status_labels": {
                status: line_status_label(status)
                for status in (
                    "Pending",
                    "Confirmed",
                    "Shipped",
                    "Delivered",
                    "Cancelled",
                )
            },
        },
    )


@login_required
def profile_edit(request):
    cooperative = selectors.cooperative_get_for_staff(user=request.user)
    if request.method == "POST" and address_refresh_requested(request.POST):
        form = address_form_refreshed(
            form_class=CooperativeProfileForm, data=request.POST, instance=cooperative
        )
    else:
        form = CooperativeProfileForm(
            request.POST or None, request.FILES or None, instance=cooperative
        )
    if request.method == "POST" and form.is_bound and form.is_valid():
        form.save()
        if form.cleaned_data.get("photo"):
            CooperativePhoto.objects.create(
                cooperative=cooperative, image=form.cleaned_data["photo"]
            )
        messages.success(request, _("Your profile is saved."))
        return redirect("cooperatives:manage-profile")
    return render(
        request,
        "cooperatives/manage/form.html",
        {"form": form, "cooperative": cooperative, "title": _("Profile")},
    )


@login_required
def product_list(request):
    cooperative = selectors.cooperative_get_for_staff(user=request.user)
    products = selectors.cooperative_products_own(cooperative=cooperative)
    return render(
        request,
        "cooperatives/manage/products.html",
        {"cooperative": cooperative, "products": products},
    )


@login_required
def product_edit(request, pk=None):
    cooperative = selectors.cooperative_get_for_staff(user=request.user)
    product = (
        selectors.cooperative_product_own(cooperative=cooperative, pk=pk)
        if pk
        else None
    )
    form = ProductForm(
        request.POST or None,
        request.FILES or None,
        product=product,
        initial=_product_initial(product, cooperative) if product else {},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        product = services.listing_save(
            cooperative=cooperative,
            product=product,
            product_data={"title": data["title"], "description": data["description"]},
            listing_data={
                "unit": data["unit"],
                "origin": data["origin"],
                "shelf_life": data["shelf_life"],
            },
            price=data["price"],
            stock=data["stock"],
            certificate_data=form.certificate_data(),
            images=[data["image"]] if data.get("image") else [],
            category=selectors.category_get(pk=data["category"]),
        )
        if data.get("ocop_scan"):
            certificate = getattr(product, "ocop_certificate", None)
            if certificate is not None:
                certificate.scan = data["ocop_scan"]
                certificate.save(update_fields=["scan"])
        messages.success(
            request, _("Saved. A moderator will check it before it is public.")
        )
        return redirect("cooperatives:manage-products")
    return render(
        request,
        "cooperatives/manage/form.html",
        {
            "form": form,
            "cooperative": cooperative,
            "product": product,
            "title": product.title if product else _("New product"),
        },
    )


def _product_initial(product, cooperative) -> dict:
    listing = product.listing
    record = next(
        (
            r
            for r in product.stockrecords.all()
            if r.partner_id == cooperative.partner_id
        ),
        None,
    )
    pending = listing.pending_changes
    initial = {
        "title": pending.get("title", product.title),
        "description": pending.get("description", product.description),
        "unit": listing.unit,
        "origin": listing.origin,
        "shelf_life": listing.shelf_life,
        "price": pending.get("price", int(record.price) if record else ""),
        "stock": record.num_in_stock if record else 0,
    }
    category = selectors.product_category_get(product=product)
    if category is not None:
        initial["category"] = category.pk
    certificate = (
        pending["certificate"]
        if "certificate" in pending
        else services._current_certificate(product)
    )
    if certificate:
        initial.update({f"ocop_{key}": value for key, value in certificate.items()})
    return initial


@login_required
def product_lookup(request):
    """Return the user's own products matching ``q`` (JSON), for pickers."""
    cooperative = selectors.cooperative_get_for_staff(user=request.user)
    products = selectors.cooperative_products_own(
        cooperative=cooperative, query=request.GET.get("q", "")
    )[:20]
    return JsonResponse({"results": [{"id": p.pk, "text": p.title} for p in products]})


@login_required
def line_list(request):
    cooperative = selectors.cooperative_get_for_staff(user=request.user)
    lines = list(selectors.cooperative_lines(cooperative=cooperative))
    for line in lines:
        line.status_label = line_status_label(line.status)
    return render(
        request,
        "cooperatives/manage/lines.html",
        {"cooperative": cooperative, "lines": lines},
    )


@login_required
def line_detail(request, pk):
    cooperative = selectors.cooperative_get_for_staff(user=request.user)
    line = selectors.cooperative_line_own(cooperative=cooperative, pk=pk)
    form = LineStatusForm(request.POST or None, line=line)
    if request.method == "POST" and form.is_valid():
        try:
            services.line_status_set(
                line=line,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            )
        except InvalidLineStatus:
            form.add_error("status", _("This line cannot move to that status."))
        else:
            messages.success(request, _("The line's status is changed."))
            return redirect("cooperatives:manage-line", pk=line.pk)
    return render(
        request,
        "cooperatives/manage/line.html",
        {
            "cooperative": cooperative,
            "line": line,
            "status_label": line_status_label(line.status),
            "form": form,
        },
    )


@login_required
def line_export(request):
    """Export the cooperative's own lines as CSV."""
    cooperative = selectors.cooperative_get_for_staff(user=request.user)
    header = [
        _("Order"),
        _("Date"),
        _("Product"),
        _("Quantity"),
        _("Amount"),
        _("Status"),
    ]
    rows = (
        [
            line.order.number,
            line.order.date_placed.date().isoformat(),
            line.title,
            line.quantity,
            int(line.line_price_incl_tax),
            line_status_label(line.status),
        ]
        for line in selectors.cooperative_lines(cooperative=cooperative)
    )
    return csv_response(filename="don-hang.csv", rows=[header, *rows])


def register(request):
    """Public: register a cooperative (pending) and its first staff login."""
    if request.method == "POST" and address_refresh_requested(request.POST):
        form = address_form_refreshed(form_class=RegistrationForm, data=request.POST)
    else:
        form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_bound and form.is_valid():
        data = {
            f: form.cleaned_data[f]
            for f in form.Meta.fields
            if f not in ("province_code", "ward_code")
        }
        data["province_code"] = form.cleaned_data["province_code"]
        data["ward_code"] = form.cleaned_data["ward_code"]
        data["slug"] = _unique_slug(form.cleaned_data["name"])
        services.cooperative_register(
            cooperative_data=data,
            email=form.cleaned_data["login_email"],
            password=form.cleaned_data["password1"],
            full_name=form.cleaned_data["full_name"],
        )
        return render(request, "cooperatives/registered.html")
    return render(
        request,
        "cooperatives/form.html",
        {"form": form, "title": _("Register your cooperative")},
    )


def _unique_slug(name: str) -> str:
    from marketplace.core.text import slugify_vi

    base = slugify_vi(name)[:100] or "htx"
    slug, n = base, 2
    while Cooperative.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@permission_required("cooperatives.moderate", raise_exception=True)
def moderation_queue(request):
    return render(
        request, "cooperatives/moderation/queue.html", selectors.moderation_queue()
    )


@permission_required("cooperatives.moderate", raise_exception=True)
def moderation_cooperative(request, pk):
    cooperative = get_object_or_404(Cooperative, pk=pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.cooperative_review(
            cooperative=cooperative,
            approve=form.cleaned_data["decision"] == "approve",
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("Decision recorded; the cooperative is told."))
        return redirect("cooperatives:moderation")
    return render(
        request,
        "cooperatives/moderation/review.html",
        {"form": form, "cooperative": cooperative, "title": cooperative.name},
    )


@permission_required("cooperatives.moderate", raise_exception=True)
def moderation_listing(request, pk):
    listing = get_object_or_404(
        ProductListing.objects.select_related("product", "cooperative"), pk=pk
    )
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.listing_review(
            listing=listing,
            approve=form.cleaned_data["decision"] == "approve",
            reviewer=request.user,
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("Decision recorded; the cooperative is told."))
        return redirect("cooperatives:moderation")
    facts = selectors.listing_moderation_facts(listing=listing)
    for change in facts["changes"]:
        # The label the cooperative saw when it typed the value.
        change["label"] = ProductForm.base_fields[change["field"]].label
    return render(
        request,
        "cooperatives/moderation/review.html",
        {"form": form, "listing": listing, "title": listing.product.title, **facts},
    )
