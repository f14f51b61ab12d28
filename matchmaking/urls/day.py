"""URLs of day (see matchmaking/urls/__init__.py)."""

urlpatterns: list = []
