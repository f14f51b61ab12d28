from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractProduct, AbstractProductImage

from marketplace.uploads.fields import UploadImageField
from marketplace.uploads.storage import RandomName


class Product(AbstractProduct):
    """Oscar's product, whose missing image is the site's own placeholder.

    Oscar's stand-in symlinks an English "Image Not Available" picture into
    MEDIA_ROOT on first use, which fails (a 500) where MEDIA_ROOT cannot be
    written and shows nothing with object storage.
    """

    def get_missing_image(self):
        """Return the placeholder shown (and thumbnailed) for an imageless product."""
        # thumbnails.py reads the models, so it is imported once they exist.
        from .thumbnails import ProductPlaceholderImage

        return ProductPlaceholderImage()


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
