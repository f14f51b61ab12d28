"""Kept for the migrations that name these validators.

Uploads are checked by ``marketplace.uploads``: the model fields and the
forms run its policies (which also re-encode images); these only check.
"""

from marketplace.uploads.policy import IMAGE, SCAN, upload_check


def validate_image_upload(upload) -> None:
    """Refuse anything the image upload policy refuses."""
    upload_check(upload, policy=IMAGE)


def validate_scan_upload(upload) -> None:
    """Refuse anything the scan upload policy refuses."""
    upload_check(upload, policy=SCAN)
