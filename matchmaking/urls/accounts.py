"""URLs of accounts (see matchmaking/urls/__init__.py)."""

urlpatterns: list = []
