default_app_config = "catalog.basket.apps.BasketConfig"
