"""What every matchmaking test shares.

The rules' tests (services, forms, views through the test client) read the
English msgids their code is written in, so a reworded Vietnamese sentence
does not break a test of a rule; that every string has its Vietnamese is
held by tests/marketplace/test_translations.py, and the Chromium tests
(vi-VN) read the pages as their users do, in Vietnamese.
"""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_msgids(request, settings):
    if request.node.get_closest_marker("browser"):
        yield
        return
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
