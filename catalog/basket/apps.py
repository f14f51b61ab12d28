import oscar.apps.basket.apps as apps


class BasketConfig(apps.BasketConfig):
    name = "catalog.basket"

    def ready(self):
        super().ready()
        # The header's basket count, per visitor in every page (cached too).
        from . import header

        header.register()
