"""URLs of participation (see matchmaking/urls/__init__.py)."""

urlpatterns: list = []
