"""URLs of meetings (see matchmaking/urls/__init__.py)."""

urlpatterns: list = []
