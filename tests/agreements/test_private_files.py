"""Agreement documents and delivery evidence: checked uploads, private files.

Issue 12, findings 1 and 4: evidence took any file (an HTML page opened by
staff ran its script), and every upload was public under /media/.
"""

import datetime
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from agreements.forms import DeliveryForm
from agreements.models import Agreement, AgreementParty, DeliveryReport
from marketplace.uploads.migrations import files_move_to_private
from marketplace.uploads.storage import private_storage
from tests.factories.agreements import (
    agreement_create,
    cooperative_create,
    cooperative_user_create,
    report_create,
    staff_user_create,
    user_create,
)
from tests.factories.submissions import submission_data
from tests.factories.uploads import SCRIPT, image_bytes, pdf_bytes, upload

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    """Keep each test's private files in a folder of its own."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private")},
        },
    }
    settings.PRIVATE_MEDIA_ACCEL_REDIRECT = ""
    return tmp_path / "private"


@pytest.fixture
def world():
    """Coop A and coop B share an agreement, each with a line; coop C does not.

    The agreement has a signed document; coop A reported a delivery with
    evidence.
    """
    a, b, c = (cooperative_create(name=f"HTX {x}") for x in "ABC")
    start = TODAY - datetime.timedelta(days=30)
    agreement = agreement_create(
        partner=a,
        signed_on=start,
        valid_until=TODAY + datetime.timedelta(days=30),
        number="MP-1",
        lines=[{"partner": a}, {"partner": b, "goods": "Bưởi"}],
    )
    AgreementParty.objects.create(
        agreement=agreement, partner=b, role=AgreementParty.Role.SUPPLIER
    )
    agreement.document.save("hop-dong.pdf", ContentFile(pdf_bytes()))
    line_a = agreement.commitments.get(partner=a)
    report = report_create(commitment=line_a, delivered_on=TODAY, verified=False)
    report.evidence.save("phieu.pdf", ContentFile(pdf_bytes()))
    return {
        "agreement": agreement,
        "report": report,
        "user_a": cooperative_user_create(partner=a, username="coop-a"),
        "user_b": cooperative_user_create(partner=b, username="coop-b"),
        "user_c": cooperative_user_create(partner=c, username="coop-c"),
        "staff": staff_user_create(),
        "buyer": user_create(username="buyer"),
    }


def _get(client, user, url):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 404),
        ("buyer", 404),
        ("user_c", 404),
        ("user_a", 200),
        ("user_b", 200),
        ("staff", 200),
    ],
)
def test_only_staff_and_party_cooperatives_get_the_signed_document(
    client, world, who, status
):
    url = reverse("files:agreement-document", args=[world["agreement"].pk])

    response = _get(client, world.get(who), url)

    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == pdf_bytes()
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 404),
        ("buyer", 404),
        ("user_c", 404),
        # A party to the agreement, but not the cooperative that delivered.
        ("user_b", 404),
        ("user_a", 200),
        ("staff", 200),
    ],
)
def test_only_staff_and_the_delivering_cooperative_get_the_evidence(
    client, world, who, status
):
    url = reverse("files:delivery-evidence", args=[world["report"].pk])

    response = _get(client, world.get(who), url)

    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Disposition"].startswith("attachment;")


def test_files_are_stored_privately_under_random_names(settings, world, private_root):
    document = world["agreement"].document.name
    evidence = world["report"].evidence.name

    assert re.fullmatch(r"agreements/documents/\d{4}/[0-9a-f]{32}\.pdf", document)
    assert re.fullmatch(r"agreements/evidence/\d{4}/[0-9a-f]{32}\.pdf", evidence)
    assert (private_root / evidence).exists()
    assert not (Path(settings.MEDIA_ROOT) / evidence).exists()


def test_a_file_without_a_document_answers_404(client, world):
    Agreement.objects.filter(pk=world["agreement"].pk).update(document="")
    client.force_login(world["staff"])

    response = client.get(
        reverse("files:agreement-document", args=[world["agreement"].pk])
    )

    assert response.status_code == 404


def test_pages_link_the_guarded_urls_never_the_storage(client, world):
    client.force_login(world["staff"])
    document_url = reverse("files:agreement-document", args=[world["agreement"].pk])
    evidence_url = reverse("files:delivery-evidence", args=[world["report"].pk])

    detail = client.get(reverse("agreements:detail", args=[world["agreement"].pk]))
    pending = client.get(reverse("agreements:pending-reports"))

    assert document_url in detail.content.decode()
    assert evidence_url in detail.content.decode()
    assert evidence_url in pending.content.decode()
    for page in (detail, pending):
        assert world["report"].evidence.name not in page.content.decode()


def _post_delivery(client, user, agreement, line, evidence, note="giao lần 1"):
    client.force_login(user)
    return client.post(
        reverse("agreements:delivery-create", args=[agreement.pk]),
        {
            "commitment": line.pk,
            "delivered_on": TODAY.isoformat(),
            "quantity": "5",
            "value": "500000",
            "note": note,
            "evidence": evidence,
            **submission_data(user=user, form_class=DeliveryForm),
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bien-ban.html", SCRIPT),
        ("bien-ban.pdf", SCRIPT),
        ("bien-ban.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'),
    ],
    ids=["html", "html-named-pdf", "svg"],
)
def test_a_cooperative_delivery_with_a_hostile_file_is_refused_and_keeps_the_input(
    client, settings, world, name, data
):
    settings.LANGUAGE_CODE = "en"
    agreement = world["agreement"]
    line = agreement.commitments.get(partner__name="HTX A")
    before = DeliveryReport.objects.count()

    response = _post_delivery(
        client, world["user_a"], agreement, line, upload(name, data, "text/html")
    )

    assert response.status_code == 200
    assert response.context["form"].errors["evidence"] == [
        "Upload a PDF, an image (JPEG, PNG or WebP) or an Office document "
        "(Word, Excel, PowerPoint, OpenDocument)."
    ]
    assert "giao lần 1" in response.content.decode()
    assert DeliveryReport.objects.count() == before


def test_an_oversized_evidence_file_is_refused(client, settings, world):
    settings.LANGUAGE_CODE = "en"
    settings.MAX_DOCUMENT_UPLOAD_SIZE = 1000
    agreement = world["agreement"]
    line = agreement.commitments.get(partner__name="HTX A")

    response = _post_delivery(
        client,
        world["user_a"],
        agreement,
        line,
        upload("big.pdf", pdf_bytes() + b"0" * 2000, "application/pdf"),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["evidence"] == [
        "The file is too large (2.1\xa0KB); the limit is 1000\xa0bytes."
    ]


def test_good_evidence_is_stored_privately_and_served_to_the_cooperative(
    client, world, private_root
):
    agreement = world["agreement"]
    line = agreement.commitments.get(partner__name="HTX A")

    response = _post_delivery(
        client,
        world["user_a"],
        agreement,
        line,
        upload("phieu-giao.jpg", image_bytes("JPEG") + SCRIPT, "image/jpeg"),
        note="ảnh",
    )

    assert response.status_code == 302
    report = DeliveryReport.objects.get(note="ảnh")
    assert re.fullmatch(
        r"agreements/evidence/\d{4}/[0-9a-f]{32}\.jpg", report.evidence.name
    )
    stored = (private_root / report.evidence.name).read_bytes()
    assert SCRIPT not in stored
    served = client.get(reverse("files:delivery-evidence", args=[report.pk]))
    assert served["Content-Type"] == "image/jpeg"
    assert served["X-Content-Type-Options"] == "nosniff"


def test_the_agreement_form_refuses_a_hostile_document(client, settings, world):
    settings.LANGUAGE_CODE = "en"
    staff = world["staff"]
    client.force_login(staff)
    agreement = world["agreement"]
    old = agreement.document.name

    response = client.post(
        reverse("agreements:edit", args=[agreement.pk]),
        {"number": "MP-1", "document": upload("hop-dong.html", SCRIPT, "text/html")},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert response.context["form"].errors["document"] == [
        "Upload a PDF, an image (JPEG, PNG or WebP) or an Office document "
        "(Word, Excel, PowerPoint, OpenDocument)."
    ]
    agreement.refresh_from_db()
    assert agreement.document.name == old


def test_the_migration_moves_public_files_into_private_storage(
    settings, world, private_root
):
    public = Path(settings.MEDIA_ROOT) / "agreements/evidence/2024/bien-ban.pdf"
    public.parent.mkdir(parents=True, exist_ok=True)
    public.write_bytes(pdf_bytes())
    report = world["report"]
    DeliveryReport.objects.filter(pk=report.pk).update(
        evidence="agreements/evidence/2024/bien-ban.pdf"
    )

    moved = files_move_to_private(
        apps,
        app_label="agreements",
        model_name="DeliveryReport",
        field_name="evidence",
        folder="agreements/evidence",
    )

    report.refresh_from_db()
    assert moved == 1
    assert re.fullmatch(
        r"agreements/evidence/\d{4}/[0-9a-f]{32}\.pdf", report.evidence.name
    )
    assert private_storage().open(report.evidence.name).read() == pdf_bytes()
    assert not public.exists()


def test_the_migration_leaves_files_not_in_public_media_alone(world):
    name = world["agreement"].document.name

    moved = files_move_to_private(
        apps,
        app_label="agreements",
        model_name="Agreement",
        field_name="document",
        folder="agreements/documents",
    )

    world["agreement"].refresh_from_db()
    assert moved == 0
    assert world["agreement"].document.name == name
