from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractProductImage

from marketplace.uploads.fields import UploadImageField
from marketplace.uploads.storage import RandomName


class ProductImage(AbstractProductImage):
    """Oscar's product image; the upload runs the site's image policy.

    Every form that edits it (the cooperative area, Oscar's dashboard, the
    admin) re-encodes the image and stores it under a random name.
    """

    original = UploadImageField(
        _("Original"),
        policy="image",
        upload_to=RandomName("images/products"),
        max_length=255,
    )


from oscar.apps.catalogue.models import *  # noqa: E402, F403
